"""The project page lists documents without reading their skeletons, and its queries do
not grow with the number of documents (issue 15, point 6)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews import selectors, services
from reviews.models import Job, Segment
from reviews.states import QaLevel, State
from tests.conftest import PASSWORD


def add_document(project, manager, n: int, name: str):
    text = "\n".join(f"Sentence {i} of {name}." for i in range(n)).encode()
    return services.document_import(project=project, data=text, filename=name, user=manager)


def page_queries(client, project) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reviews:project", args=[project.slug]))
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.fixture
def manager_client(client, users):
    client.login(username="manager", password=PASSWORD)
    return client


def test_the_page_never_reads_or_groups_by_the_skeleton(manager_client, project, users):
    document = add_document(project, users["manager"], 30, "a.txt")
    Job.objects.create(  # the recent jobs are listed with their documents
        project=project, kind=Job.Kind.EXPORT, status=Job.Status.DONE, document=document
    )
    queries = page_queries(manager_client, project)
    assert not [sql for sql in queries if "skeleton" in sql]
    grouped = [sql for sql in queries if "GROUP BY" in sql]
    assert grouped  # the counts by state are grouped ...
    for sql in grouped:  # ... by the document's id alone, none of its other columns
        group_by = sql.split("GROUP BY", 1)[1]
        assert not re.search(r'"reviews_document"\."(?!id")', group_by), sql


def test_the_query_count_does_not_grow_with_the_documents(manager_client, project, users):
    add_document(project, users["manager"], 10, "first.txt")
    page_queries(manager_client, project)  # warm the session
    one = len(page_queries(manager_client, project))
    for i in range(3):
        add_document(project, users["manager"], 20 + i, f"more-{i}.txt")
    assert len(page_queries(manager_client, project)) == one


def test_counts_by_state_and_qa_are_per_document(project, users):
    first = add_document(project, users["manager"], 12, "first.txt")
    second = add_document(project, users["manager"], 5, "second.txt")
    Segment.objects.filter(document=first, position__lt=3).update(state=State.APPROVED)
    Segment.objects.filter(document=first, position=5).update(qa_level=QaLevel.ERROR)
    Segment.objects.filter(document=second, position__lt=2).update(qa_level=QaLevel.WARNING)
    rows = selectors.project_documents(project=project)
    assert [doc.pk for doc, _ in rows] == [first.pk, second.pk]
    (doc1, progress1), (doc2, progress2) = rows
    assert progress1.total == 12 and progress1.count(State.APPROVED) == 3
    assert progress2.total == 5 and progress2.count(State.APPROVED) == 0
    assert (doc1.qa_errors, doc1.qa_warnings) == (1, 0)
    assert (doc2.qa_errors, doc2.qa_warnings) == (0, 2)
    assert "skeleton" in doc1.get_deferred_fields()


def test_the_project_list_groups_segments_by_document_not_by_project(
    manager_client, project, users
):
    add_document(project, users["manager"], 12, "first.txt")
    with CaptureQueriesContext(connection) as ctx:
        assert manager_client.get(reverse("reviews:project-list")).status_code == 200
    grouped = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
    assert grouped
    for sql in grouped:
        assert "reviews_project" not in sql.split("GROUP BY", 1)[1], sql
    with CaptureQueriesContext(connection) as ctx:
        manager_client.get(reverse("reviews:project-list"))
    before = len(ctx.captured_queries)
    add_document(project, users["manager"], 5, "second.txt")
    with CaptureQueriesContext(connection) as ctx:
        manager_client.get(reverse("reviews:project-list"))
    assert len(ctx.captured_queries) == before


def test_the_project_list_counts(project, users):
    first = add_document(project, users["manager"], 12, "first.txt")
    add_document(project, users["manager"], 5, "second.txt")
    Segment.objects.filter(document=first, position__lt=3).update(state=State.APPROVED)
    empty = services.project_create(
        slug="empty", name="A first", source_lang="zh-CN", target_lang="en"
    )
    services.membership_set(project=empty, user=users["manager"], role="editor")
    rows = selectors.user_projects(user=users["manager"])
    assert [(p.slug, p.role, p.document_count) for p, _ in rows] == [
        ("empty", "editor", 0),
        ("zj", "manager", 2),
    ]
    (_, none), (_, progress) = rows
    assert none.total == 0
    assert progress.total == 17 and progress.count(State.APPROVED) == 3
