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
        document=document, segment_ids=[s.pk for s in segs], user=users["editor"], action="approve"
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
        document=document, segment_ids=[s.pk for s in segs], user=users["editor"], action="approve"
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
