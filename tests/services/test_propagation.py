"""Propagation: a saved or approved translation given to every repetition in the
project (same source, or same MT without a source), as translated, one batch, undone in
one step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import selectors, services
from reviews.errors import IllegalTransition, NotAllowed, NotFound, StaleVersion
from reviews.models import Revision, Segment
from reviews.services.qa import dismissals_in_force
from reviews.states import Role, State
from tests.conftest import TWINS_FIXED, make_user

TEXT = b"Wealth together.\nThe plan works.\nWealth together.\n"
SOURCE = "共同富裕。\n计划有效。\n共同富裕。\n".encode()
FIXED = "Common prosperity."


def imported(project, users, *, source=SOURCE, text=TEXT, title="doc"):
    return services.document_import(
        project=project,
        data=text,
        filename=f"{title}.txt",
        user=users["manager"],
        source_data=source,
        source_filename=f"{title}.zh.txt" if source else "",
    )


def seg(document, position):
    return Segment.objects.get(document=document, position=position)


def save(segment, user, target=FIXED):
    return services.segment_edit(segment=segment, user=user, target=target, version=segment.version)


def texts(*segments):
    return [(s.target, s.state) for s in Segment.objects.filter(pk__in=[s.pk for s in segments])]


def test_same_source_across_documents_is_propagated_as_translated_in_one_batch(project, users):
    first, second = imported(project, users, title="a"), imported(project, users, title="b")
    origin = save(seg(first, 0), users["translator"])
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    assert result.updated == 3
    assert result.message == "3 repetitions updated"
    repetitions = [seg(first, 2), seg(second, 0), seg(second, 2)]
    assert texts(*repetitions) == [(FIXED, State.TRANSLATED)] * 3
    # The other sentence is no repetition and stays as imported.
    assert texts(seg(first, 1), seg(second, 1)) == [("The plan works.", State.NEW)] * 2
    revisions = Revision.objects.filter(batch=result.batch)
    assert revisions.count() == 3
    assert set(revisions.values_list("action", flat=True)) == {"propagate"}
    assert all(r.version == 2 and r.author == users["translator"] for r in revisions)
    assert "segment 1" in revisions.first().note
    # One entry in each document's activity.
    assert len(list(selectors.document_activity(document=first)[0:10])) == 2  # edit + batch


def test_documents_without_a_source_are_matched_by_their_mt(project, users):
    first = imported(project, users, source=None, title="a")
    second = imported(project, users, source=None, title="b")
    # A document with a source: its twin is compared by source, so a different source
    # with the same MT is no repetition.
    other = imported(
        project, users, source="共同奋斗。\n计划有效。\n共同奋斗。\n".encode(), title="c"
    )
    origin = save(seg(first, 0), users["translator"])
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    assert result.updated == 5  # first's 3rd, second's 1st and 3rd, and c's by MT
    assert texts(seg(second, 0), seg(second, 2)) == [(FIXED, State.TRANSLATED)] * 2
    assert texts(seg(other, 0)) == [(FIXED, State.TRANSLATED)]

    # From a segment with a source, a twin without one is found by its MT; a twin with
    # the same text already is no repetition to change.
    again = save(seg(other, 1), users["translator"], "The plan is working.")
    assert selectors.segment_repetitions(segment=again).filter(document=first).count() == 1
    assert list(selectors.segment_repetitions(segment=seg(first, 1))) == [again]


def test_approved_read_only_archived_and_removed_repetitions_are_untouched(project, users):
    first = imported(project, users, title="a")
    approved_doc = imported(project, users, title="b")
    archived_doc = imported(project, users, title="c")
    approved = seg(approved_doc, 0)
    services.segment_approve(
        segment=approved, reviewer=users["editor"], version=1, target="Shared prosperity."
    )
    read_only = seg(approved_doc, 2)
    Segment.objects.filter(pk=read_only.pk).update(read_only=True)
    services.document_archive(document=archived_doc, user=users["manager"], archived=True)
    removed = seg(first, 2)
    Segment.objects.filter(pk=removed.pk).update(removed_at=timezone.now())

    origin = save(seg(first, 0), users["editor"])
    result = services.segment_propagate(
        segment=origin, user=users["editor"], version=origin.version
    )
    assert (result.updated, result.batch) == (0, None)
    assert texts(approved, read_only) == [
        ("Shared prosperity.", State.APPROVED),
        ("Wealth together.", State.NEW),
    ]
    assert set(archived_doc.segments.values_list("target", flat=True)) == {
        "Wealth together.",
        "The plan works.",
    }
    assert Segment.all_objects.get(pk=removed.pk).target == "Wealth together."


def test_four_eyes_whoever_wrote_the_words_may_not_approve_their_repetitions(project, users):
    """The words keep their writer: propagating them does not make them the propagating
    user's, and does not let their writer approve the copies (a second editor may)."""
    project.four_eyes = True
    project.save()
    second = make_user("second")
    services.membership_set(project=project, user=second, role=Role.EDITOR)
    document = imported(project, users)
    origin = save(seg(document, 0), users["editor"])  # the editor writes the words
    result = services.segment_propagate(segment=origin, user=second, version=origin.version)
    repetition = seg(document, 2)
    assert (result.updated, repetition.state) == (1, State.TRANSLATED)  # never approved
    with pytest.raises(NotAllowed, match="Four-eyes"):
        services.segment_approve(
            segment=repetition, reviewer=users["editor"], version=repetition.version
        )
    done = services.segment_approve(segment=repetition, reviewer=second, version=repetition.version)
    assert done.state == State.APPROVED


def test_four_eyes_an_editor_propagating_their_own_words_may_not_approve_them(project, users):
    project.four_eyes = True
    project.save()
    document = imported(project, users)
    origin = save(seg(document, 0), users["editor"])
    services.segment_propagate(segment=origin, user=users["editor"], version=origin.version)
    repetition = seg(document, 2)
    with pytest.raises(NotAllowed, match="Four-eyes"):
        services.segment_approve(
            segment=repetition, reviewer=users["editor"], version=repetition.version
        )
    done = services.segment_approve(
        segment=repetition, reviewer=users["manager"], version=repetition.version
    )
    assert done.state == State.APPROVED


def test_undo_restores_every_repetition_in_one_step(project, users):
    first, second = imported(project, users, title="a"), imported(project, users, title="b")
    save(seg(second, 2), users["translator"], "Shared wealth.")
    before = texts(seg(first, 2), seg(second, 0), seg(second, 2))
    origin = save(seg(first, 0), users["translator"])
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    assert result.updated == 3
    undo = services.bulk_undo(batch=result.batch, user=users["translator"], project=project)
    assert (undo.changed, undo.skipped) == (3, 0)
    assert texts(seg(first, 2), seg(second, 0), seg(second, 2)) == before
    assert seg(first, 0).target == FIXED  # the segment that was saved keeps its text
    assert Revision.objects.filter(batch=undo.batch).count() == 3
    assert "undo of a propagation" in Revision.objects.filter(batch=undo.batch).first().note
    # Someone else's propagation is an editor's to undo, not another translator's.
    other = services.segment_propagate(segment=seg(first, 0), user=users["editor"], version=2)
    assert other.updated == 3
    with pytest.raises(NotAllowed):
        services.bulk_undo(batch=other.batch, user=users["translator"], project=project)


def test_qa_is_run_again_on_the_changed_repetitions(project, users):
    document = imported(project, users)
    origin = save(seg(document, 0), users["translator"], "Common 富裕 prosperity.")
    services.segment_propagate(segment=origin, user=users["translator"], version=origin.version)
    repetition = seg(document, 2)
    assert "cjk-left" in repetition.qa_checks
    assert repetition.version == 2


def test_a_stale_version_a_text_not_saved_and_an_outsider_are_refused(project, users):
    document = imported(project, users)
    origin = save(seg(document, 0), users["translator"])
    with pytest.raises(StaleVersion):
        services.segment_propagate(segment=origin, user=users["translator"], version=1)
    with pytest.raises(IllegalTransition, match="saved or approved"):
        services.segment_propagate(segment=seg(document, 1), user=users["translator"], version=1)
    with pytest.raises(NotFound):
        services.segment_propagate(segment=origin, user=users["outsider"], version=2)
    services.document_archive(document=document, user=users["manager"], archived=True)
    with pytest.raises(IllegalTransition, match="archived"):
        services.segment_propagate(segment=origin, user=users["translator"], version=2)
    assert seg(document, 2).target == "Wealth together."


def test_repetitions_changed_since_the_offer_are_left_as_they_are(project, users):
    document = imported(project, users, title="a")
    other = imported(project, users, title="b")
    origin = save(seg(document, 0), users["translator"])
    offered_at = timezone.now()
    save(seg(other, 0), users["editor"], "Prosperity for all.")
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version, offered_at=offered_at
    )
    assert (result.updated, result.skipped) == (2, 1)
    assert result.message == "2 repetitions updated; 1 changed since and left as it is"
    assert seg(other, 0).target == "Prosperity for all."
    # Without the offer's time (the API, or applied at once) it is a repetition like any.
    later = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    assert later.updated == 1
    assert offered_at < timezone.now() + timedelta(seconds=1)


def test_after_a_save_repetitions_are_offered_unless_the_project_applies_them(project, users):
    document = imported(project, users)
    origin = save(seg(document, 0), users["translator"])
    offered = services.repetitions_after_write(segment=origin, user=users["translator"])
    assert (offered.offered, offered.applied) == (1, None)
    assert offered.message == "1 other segment has the same source"
    assert seg(document, 2).target == "Wealth together."

    services.project_update(
        project=project, user=users["manager"], four_eyes=False, auto_propagate=True
    )
    origin = seg(document, 0)
    origin.document.project.refresh_from_db()
    applied = services.repetitions_after_write(segment=origin, user=users["translator"])
    assert applied.applied.updated == 1
    assert applied.message == "1 repetition updated"
    assert texts(seg(document, 2)) == [(FIXED, State.TRANSLATED)]
    # Nothing left to offer or apply.
    assert services.repetitions_after_write(segment=seg(document, 0), user=users["editor"]) is None


def test_only_managers_turn_automatic_repetitions_on(project, users):
    with pytest.raises(NotAllowed):
        services.project_update(
            project=project, user=users["editor"], four_eyes=False, auto_propagate=True
        )
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    project.refresh_from_db()
    assert (project.four_eyes, project.auto_propagate) == (True, False)


def test_undoing_a_propagation_brings_back_a_repetitions_dismissed_check(twins, users):
    """Undo restores exactly: a repetition whose QA finding a reviewer dismissed (with a
    reason, kept in the history) has it dismissed again once its text is back."""
    origin, twin = (Segment.objects.get(document=twins, position=p) for p in (0, 2))
    check = twin.qa[0]["check"]
    services.segment_dismiss_check(
        segment=twin, user=users["editor"], check=check, reason="a headline", version=1
    )
    twin.refresh_from_db()
    before = (twin.target, twin.state, twin.qa_level, twin.qa_checks)
    origin = services.segment_edit(
        segment=origin, user=users["translator"], target=TWINS_FIXED, version=1
    )
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    services.bulk_undo(batch=result.batch, user=users["translator"], project=twins.project)
    twin.refresh_from_db()
    assert (twin.target, twin.state, twin.qa_level, twin.qa_checks) == before
    assert [d["check"] for d in dismissals_in_force(twin)] == [check]
