"""Bulk review actions and their one-step undo."""

import pytest

from reviews import services
from reviews.errors import InvalidInput, NotAllowed, NotFound


def states(document):
    return list(document.segments.values_list("state", flat=True))


def test_bulk_approve_then_undo_restores_everything(document, users):
    segs = list(document.segments.all()[:5])
    services.segment_edit(segment=segs[0], user=users["translator"], target="Edited.", version=1)
    before = states(document)
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segs],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert (result.changed, result.skipped) == (5, 0)
    assert states(document)[:5] == ["approved"] * 5
    revs = {r.batch for s in segs for r in s.revisions.filter(action="approve")}
    assert revs == {result.batch}

    undo = services.bulk_undo(document=document, batch=result.batch, user=users["editor"])
    assert (undo.changed, undo.skipped) == (5, 0)
    assert states(document) == before
    seg0 = document.segments.get(pk=segs[0].pk)
    assert (seg0.target, seg0.version) == ("Edited.", 4)  # import, edit, approve, revert
    # Undoing twice changes nothing more.
    again = services.bulk_undo(document=document, batch=result.batch, user=users["editor"])
    assert (again.changed, again.skipped) == (0, 5)


def test_undo_leaves_segments_changed_since(document, users):
    segs = list(document.segments.all()[:2])
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segs],
        user=users["editor"],
        action="reject",
        reason="Names wrong",
    )
    services.segment_edit(segment=segs[0], user=users["translator"], target="Fixed.", version=2)
    undo = services.bulk_undo(document=document, batch=result.batch, user=users["editor"])
    assert (undo.changed, undo.skipped) == (1, 1)
    assert document.segments.get(pk=segs[0].pk).target == "Fixed."


def test_bulk_skips_what_the_state_does_not_allow(document, users):
    segs = list(document.segments.all()[:3])
    services.segment_approve(segment=segs[0], reviewer=users["editor"], version=1)
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segs],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert (result.changed, result.skipped) == (2, 1)


def test_bulk_rules(document, users):
    ids = [document.segments.first().pk]
    with pytest.raises(NotAllowed):
        services.segments_bulk_review(
            document=document, segment_ids=ids, user=users["translator"], action="approve"
        )
    with pytest.raises(InvalidInput, match="reason"):
        services.segments_bulk_review(
            document=document, segment_ids=ids, user=users["editor"], action="reject"
        )
    with pytest.raises(InvalidInput, match="Select"):
        services.segments_bulk_review(
            document=document, segment_ids=[], user=users["editor"], action="approve"
        )
    with pytest.raises(NotFound):
        import uuid

        services.bulk_undo(document=document, batch=uuid.uuid4(), user=users["editor"])
    assert not document.segments.exclude(state="new").exists()


# --- no accidental approvals: unreviewed text stays out unless it is asked for --------


@pytest.fixture
def mixed(document, users):
    """Six segments: two raw MT (new, untouched), one translated, one rejected, one
    approved, one new whose MT the translator changed; and their ids."""
    segs = list(document.segments.order_by("position")[:6])
    raw, raw2, translated, rejected, approved, touched = segs
    translated = services.segment_edit(
        segment=translated, user=users["translator"], target="Translated.", version=1
    )
    services.segment_reject(segment=rejected, reviewer=users["editor"], reason="No.", version=1)
    services.segment_approve(segment=approved, reviewer=users["editor"], version=1)
    services.segment_edit(segment=touched, user=users["translator"], target="Touched.", version=1)
    return {s.position: s.pk for s in segs}


def test_an_approval_leaves_new_and_rejected_out_unless_they_are_included(document, users, mixed):
    result = services.segments_bulk_review(
        document=document, segment_ids=mixed.values(), user=users["editor"], action="approve"
    )
    # Only the translated texts are approved (the touched one is translated too).
    assert (result.changed, result.skipped, result.unreviewed) == (2, 4, 3)
    assert states(document)[:6] == ["new", "new", "approved", "rejected", "approved", "approved"]
    services.bulk_undo(document=document, batch=result.batch, user=users["editor"])

    result = services.segments_bulk_review(
        document=document,
        segment_ids=mixed.values(),
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert (result.changed, result.skipped, result.unreviewed) == (5, 1, 0)
    assert states(document)[:6] == ["approved"] * 6


def test_other_actions_take_unreviewed_segments_as_before(document, users, mixed):
    result = services.segments_bulk_review(
        document=document,
        segment_ids=mixed.values(),
        user=users["editor"],
        action="reject",
        reason="Names.",
    )
    assert (result.changed, result.unreviewed) == (5, 0)  # all but the rejected one


@pytest.mark.parametrize("include", [False, True], ids=["default", "included"])
@pytest.mark.parametrize("action", ["approve", "reject", "translate"])
def test_the_breakdown_says_beforehand_what_the_action_does(
    document, users, mixed, action, include
):
    from reviews import selectors

    ids = list(document.segments.values_list("pk", flat=True))
    asked = dict(document=document, segment_ids=ids, action=action, include_unreviewed=include)
    breakdown = selectors.bulk_breakdown(**asked, user=users["editor"])
    result = services.segments_bulk_review(**asked, user=users["editor"], reason="Because.")
    assert breakdown.changes == result.changed
    assert breakdown.skipped == result.skipped
    assert breakdown.unreviewed == result.unreviewed
    assert breakdown.qa_errors == result.qa_blocked
    assert set(breakdown.changing) == set(
        document.segments.filter(revisions__batch=result.batch).values_list("pk", flat=True)
    )
