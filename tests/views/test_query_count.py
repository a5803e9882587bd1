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
