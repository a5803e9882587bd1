"""The change feed (issue 19, point 2): every revision of a project, in commit order,
paged, resumable from any entry's cursor; nothing missed or repeated while imports and
bulk actions commit concurrently (PostgreSQL, where they can)."""

import threading
import time

import pytest
from django.db import connection, transaction

from reviews import services
from reviews.models import Revision
from tests.api.test_paging import follow, next_url

FIELDS = {"cursor", "segment", "document", "action", "state", "author", "time"}


needs_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="SQLite commits one writer at a time"
)


def _in_thread(work):
    """Run ``work`` on its own database connection; re-raise what it raised."""
    failures = []

    def run():
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def _until(condition, seconds=60):
    """Poll: other sessions on the server may hold the horizon back for a moment."""
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
    return result


def feed_after(api, user, slug, cursor=None, limit=1000):
    """Every entry after ``cursor``, following the Link headers, and the last cursor."""
    path = f"/projects/{slug}/changes?limit={limit}"
    if cursor:
        path += f"&after={cursor}"
    pages, _last = follow(api, user, path)
    entries = [entry for page in pages for entry in page]
    return entries, (entries[-1]["cursor"] if entries else cursor)


def settled(api, slug, count, cursor=None, user="translator"):
    """The ``count`` entries after ``cursor``, once the feed has them: on PostgreSQL it
    holds back what any older transaction on the server might precede (another test's,
    for a moment), so the tests that read it commit their writes and wait."""
    entries = _until(
        lambda: (e := feed_after(api, user, slug, cursor)[0]) and len(e) >= count and e
    )
    assert len(entries) == count
    return entries


@pytest.mark.django_db(transaction=True)
def test_the_feed_lists_every_revision_and_resumes_after_a_cursor(api, document, users):
    slug = document.project.slug
    settled(api, slug, 46)
    pages, last = follow(api, "translator", f"/projects/{slug}/changes?limit=20")
    assert [len(p) for p in pages] == [20, 20, 6]
    assert last["X-Total-Count"] == "46" and "Link" not in last
    entries = [e for page in pages for e in page]
    assert all(set(e) >= FIELDS for e in entries)
    assert sorted(e["segment"] for e in entries) == sorted(
        document.segments.values_list("id", flat=True)
    )  # the import's revisions (one transaction: in the order it wrote them)
    assert {(e["action"], e["document"], e["author"]) for e in entries} == {
        ("import", document.pk, "manager")
    }

    cursor = entries[-1]["cursor"]
    assert feed_after(api, "translator", slug, cursor) == ([], cursor)  # nothing new yet
    segment = document.segments.order_by("position")[5]
    services.segment_edit(segment=segment, user=users["translator"], target="Fixed.", version=1)
    services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    new = settled(api, slug, 2, cursor)
    cursor = new[-1]["cursor"]
    assert [(e["segment"], e["action"], e["state"], e["author"]) for e in new] == [
        (segment.pk, "edit", "translated", "translator"),
        (segment.pk, "approve", "approved", "editor"),
    ]
    assert new[0]["target"] == "Fixed." and new[1]["version"] == 3
    assert feed_after(api, "translator", slug, cursor)[0] == []


@pytest.mark.django_db(transaction=True)
def test_the_feed_is_the_callers_projects_only(api, document, users, seed_bytes):
    other = services.project_create(slug="o", name="Other", source_lang="zh-CN", target_lang="en")
    services.membership_set(project=other, user=users["manager"], role="manager")
    services.document_import(project=other, data=seed_bytes, filename="o.txt")
    assert api("translator", "GET", "/projects/o/changes").status_code == 404
    assert api("outsider", "GET", f"/projects/{document.project.slug}/changes").status_code == 404
    settled(api, "o", 46, user="manager")
    theirs = api("manager", "GET", "/projects/o/changes?limit=1")
    assert len(theirs.json()) == 1 and theirs.json()[0]["document"] != document.pk
    # A cursor of one project's feed does not read another's.
    cursor = theirs.json()[0]["cursor"]
    response = api("manager", "GET", f"/projects/{document.project.slug}/changes?after={cursor}")
    assert response.status_code == 400 and response.json()["error"] == "invalid_query"


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_revision_whose_transaction_commits_late_is_not_skipped(api, document, users, seed_bytes):
    """Revision X is written first (lower id) but commits after revision Y: the feed
    holds Y back until X has committed, then sends X and Y, so a reader that had read
    Y and moved on can no longer miss X."""
    slug = document.project.slug
    # Y in another document: edits of one document wait for each other (its metrics row).
    other = services.document_import(
        project=document.project, data=seed_bytes, filename="b.txt", user=users["manager"]
    )
    _entries, cursor = feed_after(api, "translator", slug)
    first = document.segments.order_by("position").first()
    second = other.segments.order_by("position").first()
    written, release, late = threading.Event(), threading.Event(), []

    def slow_edit():
        with transaction.atomic():
            services.segment_edit(segment=first, user=users["translator"], target="X.", version=1)
            late.append(Revision.objects.get(segment=first, version=2).pk)
            written.set()
            assert release.wait(30)

    thread, failures = _in_thread(slow_edit)
    assert written.wait(30)
    services.segment_edit(segment=second, user=users["translator"], target="Y.", version=1)
    early = Revision.objects.get(segment=second, version=2)
    assert early.pk > late[0]  # X was inserted first; it commits later (it is still open)
    assert feed_after(api, "translator", slug, cursor)[0] == []  # Y waits for X
    release.set()
    thread.join()
    assert not failures
    assert [e["target"] for e in settled(api, slug, 2, cursor)] == ["X.", "Y."]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_feed_under_concurrent_imports_and_bulk_actions(api, document, users, seed_bytes):
    """While one thread imports documents and another applies bulk actions and single
    edits, a reader follows the feed: the union of its pages is every revision of the
    project, each once."""
    project = document.project
    segments = list(document.segments.order_by("position"))
    stop = threading.Event()

    def imports():
        for i in range(4):
            services.document_import(
                project=project, data=seed_bytes, filename=f"i{i}.txt", user=users["manager"]
            )

    def bulk_actions():
        for start in range(0, 40, 10):
            ids = [s.pk for s in segments[start : start + 10]]
            services.segments_bulk_review(
                document=document,
                segment_ids=ids,
                user=users["editor"],
                action="approve",
                include_unreviewed=True,
            )
        for segment in segments[40:]:
            services.segment_edit(
                segment=segment, user=users["translator"], target="Edited.", version=1
            )

    seen: list[str] = []

    def reader():
        cursor = None
        while True:
            done = stop.is_set()  # read once more after the writers have finished
            entries, cursor = feed_after(api, "translator", project.slug, cursor, limit=25)
            seen.extend(f"{e['segment']}:{e['version']}" for e in entries)
            if done:
                return
            time.sleep(0.02)

    writers = [_in_thread(imports), _in_thread(bulk_actions)]
    follower, follower_failed = _in_thread(reader)
    for thread, failures in writers:
        thread.join()
        assert not failures, failures
    expected = Revision.objects.filter(segment__document__project=project).count()
    assert expected == 46 * 5 + 40 + 6  # 5 imports, 40 approvals, 6 edits
    _until(lambda: len(seen) >= expected, seconds=120)  # the horizon passes the last writer
    stop.set()
    follower.join()
    assert not follower_failed, follower_failed
    assert len(seen) == len(set(seen)) == expected  # each revision once, none missed
    revisions = Revision.objects.filter(segment__document__project=project)
    assert set(seen) == {
        f"{pk}:{version}" for pk, version in revisions.values_list("segment", "version")
    }


@pytest.mark.django_db(transaction=True)
def test_next_link_of_the_feed_keeps_the_limit(api, document):
    settled(api, document.project.slug, 46)
    response = api("translator", "GET", f"/projects/{document.project.slug}/changes?limit=7")
    assert "limit=7" in response["Link"] and len(response.json()) == 7
    assert next_url(response).startswith(f"/projects/{document.project.slug}/changes?")
