"""ETag / If-None-Match (issue 19, point 1): a document, a page of segments and an
export answer 304 while nothing changed, and a new ETag once anything did."""

import pytest

from reviews import services


def etag_then_304(api, path):
    first = api("translator", "GET", path)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = api("translator", "GET", path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    return first["ETag"]


@pytest.mark.parametrize(
    "path",
    [
        "/documents/{d}",
        "/documents/{d}/segments",
        "/documents/{d}/segments?limit=10",
        "/documents/{d}/export?format=text",
        "/documents/{d}/export?format=po",
    ],
)
def test_304_while_nothing_changed_and_a_new_etag_after_an_edit(api, document, users, path):
    path = path.format(d=document.pk)
    before = etag_then_304(api, path)
    segment = document.segments.order_by("position").first()  # on every page above
    services.segment_edit(segment=segment, user=users["translator"], target="New.", version=1)
    after = api("translator", "GET", path, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before
    state_only = api("translator", "GET", path, HTTP_IF_NONE_MATCH=after["ETag"])
    assert state_only.status_code == 304
    services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    approved = api("translator", "GET", path, HTTP_IF_NONE_MATCH=after["ETag"])
    assert approved.status_code == 200 and approved["ETag"] != after["ETag"]


def test_a_documents_etag_changes_with_any_segments_text(api, document, users):
    """Its answer is counts by state; a text edit that moves no count still changes the
    document, and so its ETag."""
    segment = document.segments.order_by("position")[10]
    services.segment_edit(segment=segment, user=users["translator"], target="One.", version=1)
    path = f"/documents/{document.pk}"
    before = etag_then_304(api, path)
    services.segment_edit(segment=segment, user=users["translator"], target="Two.", version=2)
    after = api("translator", "GET", path, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after.json() == api("translator", "GET", path).json()
    assert after["ETag"] != before


def test_export_options_and_filters_have_their_own_etags(api, document):
    base = f"/documents/{document.pk}"
    etags = {
        etag_then_304(api, f"{base}/export?format=text"),
        etag_then_304(api, f"{base}/export?format=text&approved_only=true"),
        etag_then_304(api, f"{base}/export?format=text&include_mt=true"),
        etag_then_304(api, f"{base}/segments"),
        etag_then_304(api, f"{base}/segments?state=approved"),
        etag_then_304(api, f"{base}/segments?fields=id,state"),
    }
    assert len(etags) == 6


def test_a_segment_page_past_the_edit_keeps_its_etag(api, document, users):
    """Pages are validated one by one: an edit on page 1 leaves page 3's ETag."""
    page_one = f"/documents/{document.pk}/segments?limit=10"
    link = api("translator", "GET", page_one)["Link"]
    page_two = link.split("/api/v1", 1)[1].split(">", 1)[0]
    before = etag_then_304(api, page_two)
    segment = document.segments.order_by("position").first()
    services.segment_edit(segment=segment, user=users["translator"], target="New.", version=1)
    assert api("translator", "GET", page_two, HTTP_IF_NONE_MATCH=before).status_code == 304
