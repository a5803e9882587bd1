"""The review page's query count does not grow with the document or the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD


def make_document(project, manager, n: int):
    text = "\n".join(f"Sentence number {i} about Zhejiang." for i in range(n)).encode()
    document = services.document_import(
        project=project, data=text, filename=f"{n}.txt", user=manager
    )
    segs = list(document.segments.all()[:3])
    services.segment_reject(segment=segs[0], reviewer=manager, reason="why", version=1)
    services.comment_add(segment=segs[1], author=manager, text="@editor look")
    return document


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["", "?state=new&q=Zhejiang", "?page=2"])
def test_same_query_count_for_50_and_500_segments(client, project, users, query):
    small = make_document(project, users["manager"], 50)
    large = make_document(project, users["manager"], 500)
    client.login(username="editor", password=PASSWORD)
    url = lambda doc: reverse("reviews:document", args=[doc.pk]) + query  # noqa: E731
    queries_for(client, url(small))  # warm the session and caches
    assert queries_for(client, url(small)) == queries_for(client, url(large))
    html = client.get(url(large)).text
    assert html.count('class="seg state-') == 50  # a page, not the whole document


def test_the_unfiltered_page_counts_its_segments_once(client, project, users):
    """The progress bar's counts by state give the pager its total: no COUNT(*) too."""
    document = make_document(project, users["manager"], 120)
    client.login(username="editor", password=PASSWORD)
    url = reverse("reviews:document", args=[document.pk])
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).text
    assert not [q for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert "120 segments" in html and "Page 1 of 3" in html
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url, {"state": "new"}).text
    assert len([q for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]) == 1
    assert "119 segments match" in html


def segment_reads(queries) -> int:
    """Queries that read a segment's text (the whole row), not counts or ids."""
    return sum(
        1
        for q in queries
        if 'FROM "reviews_segment"' in q["sql"]
        and '."target"' in q["sql"]
        and not q["sql"].startswith("SELECT COUNT(*)")
    )


@pytest.mark.parametrize("size", [50, 500])
def test_an_htmx_save_reads_its_segment_twice_whatever_the_document(client, project, users, size):
    """Once to check the member's access (with its comment count), once under the row
    lock: the answer is drawn from what the service wrote, not read a third time."""
    document = make_document(project, users["manager"], size)
    segment = document.segments.get(position=10)
    client.login(username="translator", password=PASSWORD)
    url = reverse("reviews:segment-save", args=[segment.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            url, {"target": "Saved.", "version": segment.version}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200 and ">Saved.</textarea>" in response.text
    assert segment_reads(ctx.captured_queries) == 2
    # Its repetitions (the offer of "Apply to all") are counted in one query.
    repetition_counts = [
        q
        for q in ctx.captured_queries
        if q["sql"].startswith("SELECT COUNT(*)") and '"reviews_segment"."mt" =' in q["sql"]
    ]
    assert len(repetition_counts) == 1
    # The QA checks and the marks of the answer share one read of the glossary, and
    # the comment count comes with the first read of the segment.
    assert sum('FROM "reviews_glossaryterm"' in q["sql"] for q in ctx.captured_queries) == 1
    counted = 'SELECT COUNT(*) AS "__count" FROM "reviews_comment"'
    comment_reads = [q for q in ctx.captured_queries if q["sql"].startswith(counted)]
    assert comment_reads == []
    assert f'id="comment-count-{segment.pk}">0</span>' in response.text


def test_the_counts_also_say_whether_qa_is_pending(client, project, users):
    """With every segment checked, the QA status needs no query of its own; with some
    pending, the page says how many from the same counts."""
    document = make_document(project, users["manager"], 120)
    client.login(username="editor", password=PASSWORD)
    url = reverse("reviews:document", args=[document.pk])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    pending_reads = [q["sql"] for q in ctx.captured_queries if "pending" in q["sql"]]
    assert len(pending_reads) == 1 and "GROUP BY" in pending_reads[0]  # the counts alone
    document.segments.filter(position__lt=7).update(qa_level="pending", qa=[])
    html = client.get(url).text
    assert "7 of 120 segments are not checked yet" in html
