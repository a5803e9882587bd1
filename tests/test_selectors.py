"""Reads shared by the views: what a bulk action would do (``bulk_breakdown``)."""

import pytest

from reviews import selectors, services
from reviews.errors import InvalidInput


@pytest.fixture
def picked(document, users):
    """Nine segments, one of each kind a bulk approval tells apart; their ids by kind."""
    segs = list(document.segments.order_by("position")[:9])
    kinds = dict(
        zip(
            (
                "raw_mt",
                "raw_mt_2",
                "touched_new",
                "translated",
                "rejected",
                "approved",
                "editors_own",
                "read_only",
                "empty",
            ),
            segs,
            strict=True,
        )
    )
    kinds["touched_new"].target = "Fixed by hand, still new."  # e.g. a PO fuzzy entry
    kinds["touched_new"].save(update_fields=["target"])
    services.segment_edit(
        segment=kinds["translated"], user=users["translator"], target="Done.", version=1
    )
    services.segment_reject(
        segment=kinds["rejected"], reviewer=users["manager"], reason="No.", version=1
    )
    services.segment_approve(segment=kinds["approved"], reviewer=users["manager"], version=1)
    services.segment_edit(
        segment=kinds["editors_own"], user=users["editor"], target="Mine.", version=1
    )
    document.segments.filter(pk=kinds["read_only"].pk).update(read_only=True)
    document.segments.filter(pk=kinds["empty"].pk).update(target="  ", state="untranslated")
    return {kind: s.pk for kind, s in kinds.items()}


def breakdown(document, users, ids, action="approve", **kw):
    return selectors.bulk_breakdown(
        document=document, segment_ids=ids, action=action, user=users["editor"], **kw
    )


def test_an_approval_of_everything_leaves_out_unreviewed_segments(document, users, picked):
    b = breakdown(document, users, picked.values())
    assert (b.selected, b.changes, b.skipped) == (9, 2, 7)
    assert set(b.changing) == {picked["translated"], picked["editors_own"]}
    assert (b.raw_mt, b.rejected) == (0, 0)
    assert b.unreviewed == 4  # raw_mt, raw_mt_2, touched_new, rejected
    assert (b.read_only, b.not_applicable, b.qa_errors, b.own_texts) == (1, 2, 0, 0)


def test_included_unreviewed_segments_are_counted_as_raw_mt_and_rejected(document, users, picked):
    b = breakdown(document, users, picked.values(), include_unreviewed=True)
    assert b.changes == 6
    assert (b.raw_mt, b.rejected, b.unreviewed) == (2, 1, 0)


def test_four_eyes_and_qa_errors_are_skipped_and_said(document, users, picked, segment):
    project = document.project
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    services.glossary_term_add(
        project=project, user=users["editor"], rendering="Zheyun'an", forbidden=["Zhe Yunan"]
    )
    document.refresh_from_db()
    ids = [*picked.values(), segment.pk]
    b = breakdown(document, users, ids, include_unreviewed=True)
    assert (b.own_texts, b.qa_errors) == (1, 1)
    assert picked["editors_own"] not in b.changing and segment.pk not in b.changing
    # The manager may approve the editor's text.
    b = selectors.bulk_breakdown(
        document=document,
        segment_ids=ids,
        action="approve",
        user=users["manager"],
        include_unreviewed=True,
    )
    assert b.own_texts == 0 and picked["editors_own"] in b.changing


def test_an_archived_document_changes_nothing(document, users, picked):
    services.document_archive(document=document, user=users["manager"])
    document.refresh_from_db()
    b = breakdown(document, users, picked.values(), include_unreviewed=True)
    assert b.archived and (b.changes, b.read_only) == (0, 9)


def test_no_action_chosen_is_an_input_error(document, users, picked):
    with pytest.raises(InvalidInput, match="Choose a bulk action"):
        breakdown(document, users, picked.values(), action="")


def test_ids_of_another_document_are_not_counted(document, users, project, picked):
    other = services.document_import(
        project=project, data=b"Another.\n", filename="o.txt", user=users["manager"]
    )
    b = breakdown(document, users, [*picked.values(), other.segments.get().pk])
    assert b.selected == 9


def test_the_breakdown_asks_a_few_queries_whatever_the_selection(
    document, users, picked, django_assert_max_num_queries
):
    services.project_update(project=document.project, user=users["manager"], four_eyes=True)
    document = type(document).objects.select_related("project").get(pk=document.pk)
    ids = list(document.segments.values_list("pk", flat=True))
    with django_assert_max_num_queries(2):  # the segments, and their texts' authors
        b = breakdown(document, users, ids, include_unreviewed=True)
    assert b.selected == len(ids)
