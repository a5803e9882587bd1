"""The bulk bar: it asks first, says what would change, and leaves raw MT out of an
approval of everything matching unless it is asked to include it."""

import re

import pytest
from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD

HX = {"HX-Request": "true"}


@pytest.fixture
def editor(client, users):
    client.login(username="editor", password=PASSWORD)
    return client


@pytest.fixture
def reviewed(document, users):
    """The seed with one segment translated and one rejected; the rest is raw MT."""
    first, second = document.segments.order_by("position")[:2]
    services.segment_edit(segment=first, user=users["translator"], target="Fixed.", version=1)
    services.segment_reject(segment=second, reviewer=users["editor"], reason="No.", version=1)
    return document


def states(document):
    return list(document.segments.order_by("position").values_list("state", flat=True))


def bulk(client, document, data, **kw):
    return client.post(reverse("reviews:document-bulk", args=[document.pk]), data, **kw)


def test_a_post_without_confirm_changes_nothing_and_shows_the_breakdown(editor, reviewed):
    before = states(reviewed)
    total = len(before)
    response = bulk(editor, reviewed, {"action": "approve", "scope": "all"})
    assert response.status_code == 200
    assert states(reviewed) == before
    html = response.text
    assert "<html" in html  # without JavaScript: a page of its own
    assert f"1 of the {total} segments matching the filter would change" in html
    assert f"{total - 1} unreviewed (new or rejected)" in html
    assert f"Include {total - 1} unreviewed (new/rejected) segments" in html
    # Its Confirm posts the same fields again, with confirm=1.
    form = html.split('aria-label="Confirm the bulk action"', 1)[1].split("</form>", 1)[0]
    assert 'name="action" value="approve"' in form and 'name="scope" value="all"' in form
    assert re.search(r'<button type="submit" name="confirm" value="1"[^>]*>Confirm</button>', form)


def test_all_matching_approves_only_reviewed_text_unless_unreviewed_is_included(editor, reviewed):
    total = reviewed.segments.count()
    response = bulk(editor, reviewed, {"action": "approve", "scope": "all", "confirm": "1"})
    assert response.status_code == 302
    assert states(reviewed) == ["approved", "rejected"] + ["new"] * (total - 2)
    page = editor.get(response["Location"]).text
    assert f"Approved 1 segment; {total - 1} unreviewed (new or rejected) left out." in page

    response = bulk(
        editor,
        reviewed,
        {"action": "approve", "scope": "all", "include_unreviewed": "1", "confirm": "1"},
    )
    assert response.status_code == 302
    assert states(reviewed) == ["approved"] * total


def test_picked_rows_are_approved_with_their_raw_mt_counted_first(editor, reviewed):
    ids = list(reviewed.segments.order_by("position").values_list("pk", flat=True)[:4])
    html = bulk(editor, reviewed, {"action": "approve", "ids": ids}, headers=HX).text
    assert "<html" not in html  # the dialog's partial
    assert "4 of the 4 segments you selected would change" in html
    assert "2 are raw MT that nobody has changed" in html
    assert "1 was rejected" in html
    assert "include_unreviewed" not in html  # picked one by one: nothing to include
    bulk(editor, reviewed, {"action": "approve", "ids": ids, "confirm": "1"})
    assert states(reviewed)[:5] == ["approved"] * 4 + ["new"]


def test_the_preview_is_the_dialogs_breakdown_and_a_read(editor, reviewed):
    url = reverse("reviews:document-bulk-preview", args=[reviewed.pk])
    before = states(reviewed)
    query = {"action": "approve", "scope": "all", "include_unreviewed": "1"}
    html = editor.get(url, query, headers=HX).text
    total = len(before)
    assert f"{total} of the {total} segments matching the filter would change" in html
    assert f"{total - 2} are raw MT" in html  # the translated and the rejected are not
    assert f"Include {total - 1} unreviewed (new/rejected) segments" in html
    assert 'name="include_unreviewed" value="1" checked' in html
    assert 'hx-trigger="change" hx-target="#bulk-breakdown"' in html  # ticking counts again
    assert "<html" not in html
    assert states(reviewed) == before


def test_the_filter_travels_to_the_confirmation_and_back(editor, reviewed):
    query = "state=rejected"
    data = {"action": "reject", "scope": "all", "filter": query, "reason": "Names."}
    html = bulk(editor, reviewed, data).text
    assert 'name="filter" value="state=rejected"' in html
    assert "0 of the 1 segment matching the filter would change" in html
    assert "1 whose state does not allow it" in html


@pytest.mark.parametrize("hx", [False, True], ids=["plain", "htmx"])
def test_no_action_chosen_is_a_friendly_422(editor, reviewed, hx):
    ids = [reviewed.segments.first().pk]
    for confirm in ("", "1"):
        data = {"action": "", "ids": ids, "confirm": confirm}
        response = bulk(editor, reviewed, data, headers=HX if hx else {})
        if confirm:  # the confirmed post goes back to the page, with the message
            assert response.status_code == 302
            page = editor.get(response["Location"]).text
            assert "Choose a bulk action" in page
        else:
            assert response.status_code == 422
            assert "Choose a bulk action" in response.text
            assert ("<html" in response.text) is not hx
    assert "approved" not in states(reviewed)


def test_a_rejection_without_reason_is_refused_before_the_confirmation(editor, reviewed):
    response = bulk(editor, reviewed, {"action": "reject", "scope": "all"})
    assert response.status_code == 422
    assert "Give a reason" in response.text
    assert ">Confirm</button>" not in response.text


def test_nothing_selected_is_refused_before_the_confirmation(editor, reviewed):
    response = bulk(editor, reviewed, {"action": "approve"}, headers=HX)
    assert response.status_code == 422
    assert "Select at least one segment" in response.text


def test_translators_get_403_from_the_bulk_bar_and_its_preview(client, reviewed):
    client.login(username="translator", password=PASSWORD)
    ids = [reviewed.segments.first().pk]
    url = reverse("reviews:document-bulk-preview", args=[reviewed.pk])
    assert client.get(url, {"action": "approve", "ids": ids}).status_code == 403
    assert bulk(client, reviewed, {"action": "approve", "ids": ids}).status_code == 403


def test_the_confirmation_asks_few_queries_whatever_the_matching_count(
    editor, reviewed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = bulk(editor, reviewed, {"action": "approve", "scope": "all"}, headers=HX)
    assert response.status_code == 200
