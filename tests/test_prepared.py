"""Queries compiled once (reviews/prepared.py) answer exactly what the ORM answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import selectors, services
from reviews.errors import NotFound
from reviews.models import Segment, SegmentMetrics
from reviews.prepared import Prepared


@pytest.fixture
def worked(document, users):
    """The seed with a rejection (its reason), a comment, a read-only row and QA."""
    segments = list(document.segments.order_by("position"))
    first, second, third = segments[:3]
    services.segment_reject(
        segment=first, reviewer=users["editor"], reason="Names garbled", version=first.version
    )
    services.comment_add(segment=second, author=users["translator"], text="Is this Zhe Yunan?")
    services.comment_add(segment=second, author=users["editor"], text="Yes.")
    Segment.objects.filter(pk=third.pk).update(read_only=True)
    return document


def orm_rows(document):
    return list(
        selectors.segments_for_review(document=document).values_list(
            *selectors.REVIEW_FIELDS, named=True
        )
    )


def test_review_rows_are_the_orm_rows_page_by_page(worked):
    expected = orm_rows(worked)
    assert any(r.rejection_reason == "Names garbled" for r in expected)
    assert any(r.comment_count == 2 for r in expected)
    assert any(r.read_only is True for r in expected)
    assert any(r.qa for r in expected)  # JSON decoded to lists of dicts
    got = []
    for offset in range(0, len(expected), 4):
        got += selectors.review_rows(document=worked, offset=offset, limit=4)
    assert got == expected
    assert [type(v) for v in got[0]] == [type(v) for v in expected[0]]
    assert selectors.review_rows(document=worked, offset=len(expected), limit=4) == []


def test_review_rows_keep_to_their_document(worked, project, users, seed_bytes):
    other = services.document_import(
        project=project, data=seed_bytes, filename="again.txt", user=users["manager"]
    )
    mine = selectors.review_rows(document=worked, offset=0, limit=1000)
    theirs = selectors.review_rows(document=other, offset=0, limit=1000)
    assert {r.pk for r in mine}.isdisjoint(r.pk for r in theirs)
    assert {r.pk for r in theirs} == set(other.segments.values_list("pk", flat=True))


def test_segment_for_action_is_the_orm_segment_with_its_document_and_project(worked, users):
    row = orm_rows(worked)[1]
    segment, role = selectors.segment_for_action(user=users["translator"], pk=row.pk)
    fresh = Segment.objects.select_related("document__project").get(pk=row.pk)
    assert role == "translator" and segment.member_role == "translator"
    assert segment.comment_count == 2
    for model_obj, orm_obj in (
        (segment, fresh),
        (segment.document, fresh.document),
        (segment.document.project, fresh.document.project),
    ):
        for field in type(orm_obj)._meta.concrete_fields:
            if field.name == "skeleton":
                continue
            assert getattr(model_obj, field.attname) == getattr(orm_obj, field.attname), field
        assert not model_obj._state.adding
    # The file's layout is not read with the row, but is there when something needs it.
    assert "skeleton" in segment.document.get_deferred_fields()
    assert segment.document.skeleton == fresh.document.skeleton


def test_segment_and_document_lookups_refuse_non_members(worked, users):
    pk = orm_rows(worked)[0].pk
    with pytest.raises(NotFound):
        selectors.segment_for_action(user=users["outsider"], pk=pk)
    with pytest.raises(NotFound):
        selectors.document_for_review(user=users["outsider"], pk=worked.pk)
    with pytest.raises(NotFound):
        selectors.document_for_review(user=users["editor"], pk=worked.pk + 1000)
    document, role = selectors.document_for_review(user=users["editor"], pk=worked.pk)
    assert (document.pk, document.title, role) == (worked.pk, worked.title, "editor")
    assert document.project.slug == worked.project.slug


def test_progress_and_glossary_are_the_orm_answers(worked, project, users):
    services.glossary_term_add(
        project=project, user=users["manager"], source="浙江", rendering="Zhejiang"
    )
    progress = selectors.document_progress(document=worked)
    assert progress.total == worked.segments.count()
    for state in ("new", "rejected", "approved"):
        assert progress.count(state) == worked.segments.filter(state=state).count()
    assert progress.count("rejected") == 1
    (term,) = selectors.glossary_for_checks(project_id=project.pk)
    assert (term.source, term.rendering) == ("浙江", "Zhejiang")


def test_a_value_that_is_not_a_parameter_is_refused(db):
    # A marker the ORM folds into the SQL (a slice) cannot be given again per call.
    prepared = Prepared(
        lambda n: Segment.objects.order_by("pk").values_list("pk")[:n],
        names=("n",),
        fields=("pk",),
    )
    with pytest.raises(ValueError, match="must be one parameter"):
        prepared.rows(n=3)


def test_an_edit_reads_its_segment_under_a_row_lock_with_its_metrics(worked, users):
    segment = worked.segments.order_by("position")[4]
    stats_before = SegmentMetrics.objects.get(segment=segment).stats
    with CaptureQueriesContext(connection) as ctx:
        edited = services.segment_edit(
            segment=segment, user=users["translator"], target="Zhou Yunan said.", version=1
        )
    reads = [q["sql"] for q in ctx.captured_queries if '"reviews_segmentmetrics"' in q["sql"]]
    assert reads and "LEFT OUTER JOIN" in reads[0]  # the metrics come with the locked row
    if connection.features.has_select_for_update:
        assert 'FOR UPDATE OF "reviews_segment"' in reads[0]
    assert edited.version == 2 and edited.document.project.slug == worked.project.slug
    assert SegmentMetrics.objects.get(segment=segment).stats != stats_before


def test_an_edit_of_a_segment_without_metrics_measures_it(worked, users):
    segment = worked.segments.order_by("position")[5]
    SegmentMetrics.objects.filter(segment=segment).delete()
    services.segment_edit(segment=segment, user=users["translator"], target="New.", version=1)
    assert SegmentMetrics.objects.filter(segment=segment).exists()


def test_an_edit_of_a_deleted_segment_is_not_found(worked, users):
    segment = worked.segments.order_by("position")[6]
    Segment.objects.filter(pk=segment.pk).delete()
    with pytest.raises(NotFound):
        services.segment_edit(segment=segment, user=users["translator"], target="x", version=1)
