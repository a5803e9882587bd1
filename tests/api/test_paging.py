"""Paged, filtered reads (issue 19, point 1): keyset pages behind a Link header,
opaque cursors, filters, fields, and the errors of each."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from reviews import services
from reviews.api.paging import MAX_LIMIT, cursor_make
from reviews.models import Document, Revision, Segment
from reviews.repeat_keys import repeat_key
from reviews.services.bulk_store import db_datetime, db_json, insert_rows
from reviews.services.documents import SEGMENT_FIELDS


def next_url(response) -> str | None:
    """The path and query of the Link header's rel="next" URL, or None."""
    link = response.get("Link")
    if link is None:
        return None
    match = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert match, link
    url = urlsplit(match.group(1))
    return f"{url.path.removeprefix('/api/v1')}?{url.query}"


def follow(api, user, path):
    """Every page of a list, following the Link headers: (items per page, last response)."""
    pages, response = [], None
    while path:
        response = api(user, "GET", path)
        assert response.status_code == 200, response.content
        pages.append(response.json())
        path = next_url(response)
    return pages, response


@pytest.fixture
def big_document(project, users):
    """A document of 10,000 new segments, stored as the import stores them but without
    its checks (importing them through the service takes 15 s)."""
    document = Document.objects.create(project=project, title="Wire", format="text")
    now = db_datetime(timezone.now())
    text = "Sentence number {} of the wire story."
    rows = (
        (document.pk, i, "", f"第{i}句。", text.format(i))
        + (repeat_key(f"第{i}句。"), repeat_key(text.format(i)))
        + (text.format(i), "new", 1, False)
        + (db_json({}), db_json([]), "none", "", now, None, now, None)
        for i in range(10_000)
    )
    insert_rows(Segment, SEGMENT_FIELDS, rows)
    return document


def test_paging_over_10000_segments_visits_each_exactly_once_while_they_change(
    api, big_document, users
):
    """Between two pages, segments behind and ahead of the cursor leave the filtered
    state: every segment that matched all along still comes exactly once (OFFSET paging
    would skip as many as left behind the cursor)."""
    segments = list(big_document.segments.order_by("position"))
    assert len(segments) == 10_000
    path = f"/documents/{big_document.pk}/segments?state=new&fields=id,state&limit={MAX_LIMIT}"
    seen, changed, page_no = [], set(), 0
    while path:
        response = api("translator", "GET", path)
        assert response.status_code == 200
        assert set(response.json()[0]) == {"id", "state"}
        seen += [row["id"] for row in response.json()]
        page_no += 1
        # 20 segments change: 10 already sent, 10 on pages to come.
        behind = segments[(page_no - 1) * MAX_LIMIT : (page_no - 1) * MAX_LIMIT + 10]
        ahead = segments[page_no * MAX_LIMIT + 500 : page_no * MAX_LIMIT + 510]
        for segment in behind + ahead:
            segment.refresh_from_db()
            services.segment_edit(
                segment=segment, user=users["translator"], target="Edited.", version=segment.version
            )
            changed.add(segment.pk)
        path = next_url(response)
    assert len(seen) == len(set(seen))  # nothing twice
    unchanged = {s.pk for s in segments} - changed
    assert unchanged <= set(seen)  # nothing that matched all along was skipped
    assert not (set(seen) & {s.pk for s in segments[MAX_LIMIT + 500 : MAX_LIMIT + 510]})
    assert page_no == 10


def test_every_page_of_the_segments_without_filters(api, big_document):
    pages, last = follow(api, "translator", f"/documents/{big_document.pk}/segments")
    assert [len(p) for p in pages] == [500] * 20  # the default limit
    ids = [row["id"] for page in pages for row in page]
    assert ids == list(big_document.segments.order_by("position").values_list("id", flat=True))
    assert last["X-Total-Count"] == "10000"
    assert "Link" not in last  # the last page has no next


def test_a_small_document_is_still_one_plain_list(api, document):
    response = api("translator", "GET", f"/documents/{document.pk}/segments")
    assert len(response.json()) == document.segments.count() == 46
    assert response["X-Total-Count"] == "46" and "Link" not in response
    assert set(response.json()[0]) >= {"id", "position", "source", "target", "mt", "state", "qa"}


def test_the_next_link_keeps_the_filters(api, document):
    response = api("translator", "GET", f"/documents/{document.pk}/segments?limit=5&state=new")
    assert "state=new" in response["Link"] and "limit=5" in response["Link"]
    assert response["X-Total-Count"] == "46"


def test_filters_by_state_repeated_or_as_a_comma_list(api, document, users):
    first, second, *_ = document.segments.order_by("position")
    services.segment_edit(segment=first, user=users["translator"], target="A.", version=1)
    services.segment_approve(segment=second, reviewer=users["editor"], version=1)
    url = f"/documents/{document.pk}/segments"
    got = api("translator", "GET", f"{url}?state=translated").json()
    assert [s["id"] for s in got] == [first.pk]
    both = api("translator", "GET", f"{url}?state=translated&state=approved").json()
    assert [s["id"] for s in both] == [first.pk, second.pk]
    assert api("translator", "GET", f"{url}?state=translated,approved").json() == both
    response = api("translator", "GET", f"{url}?state=approved,nonsense")
    assert response.status_code == 400 and "nonsense" in response.json()["detail"]


def test_filters_by_qa_severity_and_check(api, document):
    flagged = document.segments.exclude(qa_level="none").exclude(qa_level="pending")
    assert flagged.exists()  # the seed's MT has QA findings
    url = f"/documents/{document.pk}/segments"
    warnings = api("translator", "GET", f"{url}?severity=warning").json()
    assert {s["id"] for s in warnings} == set(
        flagged.filter(qa_level__in=["warning", "error"]).values_list("id", flat=True)
    )
    check = flagged.first().qa[0]["check"]
    by_check = api("translator", "GET", f"{url}?check={check}").json()
    assert by_check and all(check in {q["check"] for q in s["qa"]} for s in by_check)
    assert {s["id"] for s in by_check} == set(
        Segment.objects.filter(document=document, qa_checks__contains=f" {check} ").values_list(
            "id", flat=True
        )
    )
    assert api("translator", "GET", f"{url}?severity=fatal").status_code == 400
    assert api("translator", "GET", f"{url}?check=no-such-check").status_code == 400


def test_changed_since_a_time_or_a_feed_cursor(api, document, users, project):
    url = f"/documents/{document.pk}/segments"
    # The feed's cursor of the latest revision (the feed itself is tested in test_changes).
    latest = Revision.objects.order_by("xid", "id").values_list("xid", "id").last()
    cursor = cursor_make(f"changes:{project.pk}", latest)
    before = timezone.now()
    segment = document.segments.order_by("position")[3]
    services.segment_edit(segment=segment, user=users["translator"], target="New.", version=1)
    stamp = before.isoformat()
    for since in (stamp, stamp.replace("+00:00", "Z"), cursor):
        got = api("translator", "GET", url, data={"changed_since": since}).json()
        assert [s["id"] for s in got] == [segment.pk], since
    everything = api("translator", "GET", url, data={"changed_since": "2000-01-01T00:00:00Z"})
    assert len(everything.json()) == 46
    bad = api("translator", "GET", url, data={"changed_since": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_query"


def test_fields_leave_out_mt_and_qa(api, document):
    url = f"/documents/{document.pk}/segments"
    full = api("translator", "GET", url)
    slim = api("translator", "GET", f"{url}?fields=id,target,state")
    assert [set(s) for s in slim.json()] == [{"id", "target", "state"}] * 46
    assert len(slim.content) < len(full.content) / 2
    only_target = api("translator", "GET", f"{url}?fields=target").json()
    assert set(only_target[0]) == {"id", "target"}  # id always comes
    assert api("translator", "GET", f"{url}?fields=id,secret").status_code == 400


@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), "ten", "1.5", "٣"])
def test_a_bad_limit_is_a_400(api, document, limit):
    response = api("translator", "GET", f"/documents/{document.pk}/segments?limit={limit}")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_query"
    assert "limit" in response.json()["detail"]


def test_a_tampered_or_foreign_cursor_is_a_400(api, document, project, users, seed_bytes):
    url = f"/documents/{document.pk}/segments"
    link = next_url(api("translator", "GET", f"{url}?limit=5"))
    cursor = link.split("after=")[1].split("&")[0]
    assert api("translator", "GET", f"{url}?after={cursor}").status_code == 200
    other = services.document_import(
        project=project, data=seed_bytes, filename="b.txt", user=users["manager"]
    )
    edited = ("A" if cursor[0] != "A" else "B") + cursor[1:]
    for bad in ("nonsense", cursor[:-2] + "xx", edited, ""):
        response = api("translator", "GET", f"{url}?after={bad}")
        assert response.status_code == 400, bad
        assert response.json()["error"] == "invalid_query"
    # A cursor of document A's list does not page document B's.
    response = api("translator", "GET", f"/documents/{other.pk}/segments?after={cursor}")
    assert response.status_code == 400


def test_the_projects_list_is_paged(api, users):
    for i in range(5):
        project = services.project_create(
            slug=f"p{i}", name=f"Project {i}", source_lang="zh-CN", target_lang="en"
        )
        services.membership_set(project=project, user=users["translator"], role="translator")
    pages, last = follow(api, "translator", "/projects?limit=2")
    assert [len(p) for p in pages] == [2, 2, 2]
    names = [p["name"] for page in pages for p in page]
    assert names == sorted(names) and len(set(names)) == 6  # and Zhejiang news
    assert last["X-Total-Count"] == "6"
    assert api("outsider", "GET", "/projects").json() == []


def test_the_revisions_list_is_paged(api, segment, users):
    for i in range(4):
        segment.refresh_from_db()
        services.segment_edit(
            segment=segment, user=users["translator"], target=f"Take {i}.", version=segment.version
        )
    pages, last = follow(api, "translator", f"/segments/{segment.pk}/revisions?limit=2")
    assert [[r["version"] for r in page] for page in pages] == [[1, 2], [3, 4], [5]]
    assert last["X-Total-Count"] == "5"


def test_the_webhooks_list_is_paged(api, project, users):
    for i in range(3):
        services.webhook_endpoint_create(
            project=project,
            user=users["manager"],
            url=f"https://93.184.215.14/hooks/{i}",
            events=["segment.approved"],
        )
    pages, last = follow(api, "manager", f"/projects/{project.slug}/webhooks?limit=2")
    assert [[e["url"].rsplit("/", 1)[1] for e in page] for page in pages] == [["0", "1"], ["2"]]
    assert last["X-Total-Count"] == "3"
    bad = api("manager", "GET", f"/projects/{project.slug}/webhooks?limit=5000")
    assert bad.status_code == 400
