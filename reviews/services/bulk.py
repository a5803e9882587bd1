"""Editors' bulk actions: many segments in one transaction, undoable in one step."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..errors import IllegalTransition, InvalidInput, NotAllowed, NotFound
from ..models import Document, Revision, Segment
from ..selectors import role_in_project
from ..states import APPROVABLE, REJECTABLE, Action, State, can_review
from .derived import segments_text_changed

# action name → (revision action, state it starts from, state it moves to)
BULK_ACTIONS = {
    "approve": (Action.APPROVE, APPROVABLE, State.APPROVED),
    "reject": (Action.REJECT, REJECTABLE, State.REJECTED),
    "translate": (Action.EDIT, frozenset({State.NEW, State.REJECTED}), State.TRANSLATED),
}


@dataclass(frozen=True)
class BulkResult:
    batch: uuid.UUID | None
    action: str
    changed: int
    skipped: int  # selected, but the move does not apply (state, read-only, changed since)


def _reviewer(user, document: Document) -> None:
    if not can_review(role_in_project(user=user, project_id=document.project_id)):
        raise NotAllowed("Bulk actions are for editors and managers")
    if document.archived_at:
        raise IllegalTransition("This document is archived; restore it to change it")


def _apply(changes: list[tuple[Segment, str, str, str, str]], *, user, batch, note=""):
    """changes: (segment, action, new target, new state, note) → one UPDATE + one INSERT."""
    now = timezone.now()
    revisions = []
    for segment, action, target, state, change_note in changes:
        revisions.append(
            Revision(
                segment=segment,
                version=segment.version + 1,
                author=user,
                action=action,
                before_target=segment.target,
                after_target=target,
                before_state=segment.state,
                after_state=state,
                note=change_note or note,
                batch=batch,
            )
        )
        segment.target, segment.state, segment.version = target, state, segment.version + 1
        segment.updated_at = now
    Segment.objects.bulk_update(
        [c[0] for c in changes], ["target", "state", "version", "updated_at"], batch_size=500
    )
    Revision.objects.bulk_create(revisions, batch_size=1000)
    segments_text_changed([c[0] for c in changes])


@transaction.atomic
def segments_bulk_review(
    *, document: Document, segment_ids: Iterable[int], user, action: str, reason: str = ""
) -> BulkResult:
    _reviewer(user, document)
    if action not in BULK_ACTIONS:
        raise InvalidInput(f"unknown bulk action {action!r}")
    reason = (reason or "").strip()
    if action == "reject" and not reason:
        raise InvalidInput("Give a reason for the rejection: the translators will see it")
    ids = set(segment_ids)
    if not ids:
        raise InvalidInput("Select at least one segment")
    revision_action, allowed_from, new_state = BULK_ACTIONS[action]
    segments = list(document.segments.select_for_update().filter(pk__in=ids).order_by("position"))
    changes = [
        (s, revision_action, s.target, new_state, reason)
        for s in segments
        if s.state in allowed_from and not s.read_only and s.target.strip()
    ]
    batch = uuid.uuid4() if changes else None
    _apply(changes, user=user, batch=batch)
    return BulkResult(batch, action, len(changes), len(ids) - len(changes))


@transaction.atomic
def bulk_undo(*, document: Document, batch: uuid.UUID, user) -> BulkResult:
    """Put back what a bulk action changed, as new revisions; segments changed since are
    left alone and counted as skipped."""
    _reviewer(user, document)
    revisions = list(
        Revision.objects.filter(batch=batch, segment__document=document).order_by("segment_id")
    )
    if not revisions:
        raise NotFound("There is no such bulk action to undo")
    locked = {
        s.pk: s
        for s in Segment.objects.select_for_update().filter(
            pk__in=[r.segment_id for r in revisions]
        )
    }
    changes = [
        (locked[r.segment_id], Action.REVERT, r.before_target, r.before_state, "")
        for r in revisions
        if locked[r.segment_id].version == r.version
    ]
    undo_batch = uuid.uuid4() if changes else None
    _apply(changes, user=user, batch=undo_batch, note=f"undo of a bulk {revisions[0].action}")
    return BulkResult(undo_batch, "undo", len(changes), len(revisions) - len(changes))
