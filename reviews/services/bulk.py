"""Editors' bulk actions: many segments in one transaction, undoable in one step."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .. import policy
from ..errors import InvalidInput, NotAllowed, NotFound
from ..models import Document, Project, Revision, Segment
from ..selectors import BULK_MOVES, BulkBreakdown, bulk_move, bulk_plan, role_in_project
from ..states import Action, State, can_review
from .derived import segments_text_changed
from .memory import memory_sync
from .qa import QA_FIELDS, segments_assign_qa, segments_check_pending
from .webhooks import webhooks_segments_moved

# action name → the revision it writes (the moves are selectors.BULK_MOVES)
BULK_ACTIONS = {"approve": Action.APPROVE, "reject": Action.REJECT, "translate": Action.EDIT}


@dataclass(frozen=True)
class BulkResult:
    batch: uuid.UUID | None
    action: str
    changed: int
    skipped: int  # selected, but the move does not apply (state, read-only, changed since)
    qa_blocked: int = 0  # of the skipped: approvals refused because of QA errors
    four_eyes: int = 0  # of the skipped: texts the user wrote, which someone else must approve
    archived: int = 0  # of the skipped: segments of archived (read-only) documents
    unreviewed: int = 0  # of the skipped: new or rejected, left out of an approval


def _reviewer(user, document: Document) -> None:
    if not can_review(role_in_project(user=user, project_id=document.project_id)):
        raise NotAllowed("Bulk actions are for editors and managers")
    policy.ensure_writable(document)


def _apply(
    changes: list[tuple[Segment, str, str, str, str]], *, user, batch, project, note=""
) -> None:
    """changes: (segment, action, new target, new state, note) → one UPDATE + one INSERT,
    with QA recomputed for the texts that change and the memory kept in step."""
    now = timezone.now()
    revisions = []
    before = {segment.pk: segment.state for segment, *_rest in changes}
    retext = [segment for segment, _a, target, _s, _n in changes if target != segment.target]
    restate = [
        segment
        for segment, _a, _t, state, _n in changes
        if State.APPROVED in (state, segment.state)
    ]
    for segment, action, target, state, change_note in changes:
        revisions.append(
            Revision(
                segment=segment,
                version=segment.version + 1,
                author=user,
                created_at=now,
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
        segment.changed_at, segment.changed_by = now, user
    segments_assign_qa(retext, project=project)
    fields = ["target", "state", "version", "changed_at", "changed_by"]
    Segment.objects.bulk_update(
        [c[0] for c in changes], fields + QA_FIELDS if retext else fields, batch_size=500
    )
    Revision.objects.bulk_create(revisions, batch_size=1000)
    segments_text_changed([c[0] for c in changes])
    memory_sync(restate, project_id=project.pk)
    moved = [
        (s, before[s.pk], n or note)
        for s, _a, _t, state, n in changes
        if state != before[s.pk] and state in (State.APPROVED, State.REJECTED)
    ]
    if moved:  # approvals and rejections: one webhook delivery per endpoint for the batch
        webhooks_segments_moved(project=project, user=user, moved=moved, batch=batch)


def bulk_request_check(*, action: str, reason: str) -> str:
    """The reason, cleaned, once the action exists and has what it needs; raises
    ``InvalidInput`` otherwise (asked again before the confirmation is shown)."""
    bulk_move(action)
    reason = (reason or "").strip()
    if action == "reject" and not reason:
        raise InvalidInput("Give a reason for the rejection: the translators will see it")
    return reason


@transaction.atomic
def segments_bulk_review(
    *,
    document: Document,
    segment_ids: Iterable[int],
    user,
    action: str,
    reason: str = "",
    include_unreviewed: bool = False,
) -> BulkResult:
    """Apply ``action`` to the segments it can move, as ``selectors.bulk_breakdown``
    says beforehand; one batch, undone in one step.

    An approval leaves out new and rejected segments (nobody has confirmed their text)
    unless ``include_unreviewed``: the editor picked them, or ticked the box that
    includes them. It also leaves out texts with QA errors and, under four-eyes, the
    user's own texts; every one left out is counted in the answer.
    """
    _reviewer(user, document)
    reason = bulk_request_check(action=action, reason=reason)
    ids = set(segment_ids)
    if not ids:
        raise InvalidInput("Select at least one segment")
    segments = list(document.segments.select_for_update().filter(pk__in=ids).order_by("position"))

    def planned() -> BulkBreakdown:
        return bulk_plan(
            segments,
            action=action,
            project=document.project,
            user=user,
            include_unreviewed=include_unreviewed,
        )

    plan = planned()
    if plan.qa_pending:  # jobs: text whose checks are pending is checked before approval
        changing = set(plan.changing)
        segments_check_pending([s for s in segments if s.pk in changing], project=document.project)
        plan = planned()
    changing = set(plan.changing)
    _new_from, new_state = BULK_MOVES[action]
    changes = [
        (s, BULK_ACTIONS[action], s.target, new_state, reason) for s in segments if s.pk in changing
    ]
    batch = uuid.uuid4() if changes else None
    _apply(changes, user=user, batch=batch, project=document.project)
    return BulkResult(
        batch,
        action,
        len(changes),
        len(ids) - len(changes),
        plan.qa_errors,
        four_eyes=plan.own_texts,
        unreviewed=plan.unreviewed,
    )


def _own_texts(segments: list[Segment], *, project, user, before_version=None) -> set[int]:
    """The ids of the segments whose text (before ``before_version``, for an undo) the
    four-eyes rule forbids ``user`` to approve."""
    if not project.four_eyes or not segments:
        return set()
    authors = policy.text_authors([s.pk for s in segments], before_version=before_version)
    return {
        pk
        for pk, author in authors.items()
        if policy.four_eyes_refusal(project=project, user=user, text_author_id=author)
    }


@transaction.atomic
def bulk_undo(
    *, batch: uuid.UUID, user, document: Document | None = None, project: Project | None = None
) -> BulkResult:
    """Put back what a bulk action (or a find and replace) changed, as new revisions, in
    a document or across a project; segments changed since are left alone and counted as
    skipped. Editors may undo any batch; others only their own."""
    if (document is None) == (project is None):
        raise InvalidInput("Undo in a document or in a project")
    project = project or document.project
    if document is not None:
        policy.ensure_writable(document)
    where = {"segment__document": document} if document else {"segment__document__project": project}
    revisions = list(Revision.objects.filter(batch=batch, **where).order_by("segment_id"))
    if not revisions:
        raise NotFound("There is no such bulk action to undo")
    role = role_in_project(user=user, project_id=project.pk)
    if not role:
        raise NotFound("There is no such bulk action to undo")
    if not can_review(role) and any(r.author_id != user.pk for r in revisions):
        raise NotAllowed("Bulk actions are for editors and managers")
    locked = {
        s.pk: s
        for s in Segment.objects.select_for_update()
        .filter(pk__in=[r.segment_id for r in revisions])
        .select_related("document")
    }
    # The read-only rule: an archived document's segments stay as they are.
    archived = {pk for pk, s in locked.items() if policy.is_read_only(s.document)}
    # A segment that a new version of the file removed is not read (Segment.objects):
    # skipped, as one changed since.
    current = [
        r
        for r in revisions
        if r.segment_id in locked
        and r.segment_id not in archived
        and locked[r.segment_id].version == r.version
    ]
    # Four-eyes: an undo that brings back "approved" approves the text it brings back.
    reapproved = [r for r in current if r.before_state == State.APPROVED]
    own = _own_texts(
        [locked[r.segment_id] for r in reapproved],
        project=project,
        user=user,
        before_version={r.segment_id: r.version for r in reapproved},
    )
    changes = [
        (locked[r.segment_id], Action.REVERT, r.before_target, r.before_state, "")
        for r in current
        if r.segment_id not in own
    ]
    undo_batch = uuid.uuid4() if changes else None
    if revisions[0].action == Action.PROPAGATE:
        what = "propagation to repetitions"
    elif revisions[0].action == Action.EDIT and revisions[0].note.startswith("replaced "):
        what = "find and replace"
    else:
        what = f"bulk {revisions[0].action}"
    _apply(changes, user=user, batch=undo_batch, project=project, note=f"undo of a {what}")
    return BulkResult(
        undo_batch,
        "undo",
        len(changes),
        len(revisions) - len(changes),
        four_eyes=len(own),
        archived=sum(1 for r in revisions if r.segment_id in archived),
    )
