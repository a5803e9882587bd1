"""Every change to one segment: each is atomic, writes a Revision and raises a
``ReviewError`` for an illegal move, a missing permission or a stale version."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from .. import limits, policy, prepared
from ..errors import (
    IllegalTransition,
    InvalidInput,
    NotAllowed,
    NotFound,
    QaBlocked,
    StaleVersion,
)
from ..models import Revision, Segment, SegmentMetrics
from ..selectors import SEGMENT_COLUMNS, project_glossary, role_in_project, segment_from_row
from ..states import APPROVABLE, REJECTABLE, Action, QaLevel, State, can_edit, can_review
from .assessment import lqa_errors_clean, lqa_errors_record
from .derived import segments_text_changed
from .memory import memory_sync
from .qa import QA_FIELDS, segments_assign_qa, segments_check_pending
from .webhooks import webhooks_segments_moved

MAX_OVERRIDE_REASON = 2000


_LOCK_FIELDS = (*SEGMENT_COLUMNS, *prepared.columns(SegmentMetrics, "metrics__"))
_LOCKED = prepared.Prepared(
    lambda pk: (
        Segment.objects.select_for_update(of=("self",))
        .filter(pk=pk)
        .order_by()
        .values_list(*_LOCK_FIELDS)
    ),
    names=("pk",),
    fields=_LOCK_FIELDS,
)


def _locked(segment: Segment) -> tuple[Segment, int]:
    """The segment re-read under a row lock, and its project's id; its document,
    project and stored metrics come in the same query (segments_measure needs the
    metrics if the text changes). Every action asks it: its SQL is compiled once."""
    found = _LOCKED.rows(pk=segment.pk)
    if not found:
        raise NotFound("No such segment")
    (row,) = found
    current = segment_from_row(row)
    metrics = (
        prepared.instance(SegmentMetrics, row, "metrics__")
        if row.metrics__segment_id is not None
        else None
    )
    Segment.metrics.related.set_cached_value(current, metrics)
    policy.ensure_writable(current.document)
    return current, current.document.project_id


def _record(
    segment: Segment,
    *,
    user,
    action: str,
    target: str,
    state: str,
    note: str = "",
    edit_ms: int | None = None,
    lqa_errors: Sequence[dict[str, str]] = (),
    recheck: bool = False,
):
    """Write the change as the segment's next version and its revision; ``recheck``
    recomputes the QA of an unchanged text (a dismissal changes what counts)."""
    before_target, before_state = segment.target, segment.state
    now = timezone.now()
    segment.target, segment.state = target, state
    segment.version += 1
    segment.changed_at, segment.changed_by = now, user
    fields = ["target", "state", "version", "changed_at", "changed_by"]
    if target != before_target or recheck:
        project = segment.document.project
        segments_assign_qa([segment], project=project, glossary=project_glossary(project=project))
        fields += QA_FIELDS
    segment.save(update_fields=fields)
    if state == State.APPROVED or before_state == State.APPROVED:
        memory_sync([segment], project_id=segment.document.project_id)
    revision = Revision.objects.create(
        segment=segment,
        version=segment.version,
        author=user,
        created_at=now,
        action=action,
        before_target=before_target,
        after_target=target,
        before_state=before_state,
        after_state=state,
        note=note,
        edit_ms=edit_ms,
    )
    lqa_errors_record(revision=revision, errors=lqa_errors)
    segments_text_changed([segment])
    if state != before_state and state in (State.APPROVED, State.REJECTED):  # webhooks
        webhooks_segments_moved(
            project=segment.document.project, user=user, moved=[(segment, before_state, note)]
        )
    return segment


MAX_EDIT_MS = 24 * 3600 * 1000  # a longer "time to edit" is a tab left open, not work


def _plausible(edit_ms: int | None) -> int | None:
    return edit_ms if isinstance(edit_ms, int) and 0 <= edit_ms <= MAX_EDIT_MS else None


def _role(user, project_id: int) -> str:
    role = role_in_project(user=user, project_id=project_id)
    if not role:
        raise NotFound("No such segment")
    return role


def _check_version(current: Segment, version: int, user) -> None:
    """A write based on an older version is refused, naming who changed the segment
    since (its ``changed_by``): "you" when it was the same user, in another tab."""
    if version != current.version:
        if current.changed_by_id is None:
            who = "someone else"
        elif current.changed_by_id == user.pk:
            who = "you, in another window or tab"
        else:
            who = current.changed_by.get_username()  # the error path only: one query
        raise StaleVersion(
            f"Segment {current.position + 1} was changed by {who} "
            f"(you edited version {version}, it is now version {current.version})",
            segment=current,
        )


@transaction.atomic
def segment_edit(
    *,
    segment: Segment,
    user,
    target: str,
    version: int,
    edit_ms: int | None = None,
    note: str = "",
) -> Segment:
    """Change the text; ``edit_ms`` is how long the editor worked on it, if the page
    measured it (first focus to save); ``note`` says why, in the history (a quick fix
    names its check)."""
    if len(target) > limits.TARGET_MAX:  # every path: the form, the API, a quick fix
        raise InvalidInput(f"A translation can be at most {limits.TARGET_MAX:,} characters")
    current, project_id = _locked(segment)
    role = _role(user, project_id)
    if current.read_only:
        raise IllegalTransition("This segment is read-only (marked not to be translated)")
    if not can_edit(role, current.state):
        raise NotAllowed("Approved segments can only be changed by an editor")
    new_state = State.TRANSLATED if target.strip() else State.UNTRANSLATED
    if target == current.target and new_state == current.state:
        return current  # nothing changes: a repeated submit is not a conflict
    _check_version(current, version, user)
    return _record(
        current,
        user=user,
        action=Action.EDIT,
        target=target,
        state=new_state,
        note=note,
        edit_ms=_plausible(edit_ms),
    )


@transaction.atomic
def segment_approve(
    *,
    segment: Segment,
    reviewer,
    version: int,
    target: str | None = None,
    edit_ms: int | None = None,
    errors=(),
    override_reason: str = "",
) -> Segment:
    """Approve; with ``target`` the reviewer's correction is saved first, atomically.
    ``errors`` are LQA errors ({category, severity, note}) recorded with the approval.

    Text with a QA error is only approved with ``override_reason`` (kept as the
    revision's note); otherwise ``QaBlocked`` is raised and nothing is saved.
    """
    current, project_id = _locked(segment)
    if not can_review(_role(reviewer, project_id)):
        raise NotAllowed("Only editors and managers can approve segments")
    lqa_errors = lqa_errors_clean(errors)
    override_reason = (override_reason or "").strip()
    if len(override_reason) > MAX_OVERRIDE_REASON:
        raise InvalidInput(f"The reason can be at most {MAX_OVERRIDE_REASON:,} characters")
    if target is not None and target != current.target:
        current = segment_edit(
            segment=current, user=reviewer, target=target, version=version, edit_ms=edit_ms
        )
        version = current.version
    if current.state == State.APPROVED and version in (current.version, current.version - 1):
        return current  # approved already: a double click, not a conflict
    _check_version(current, version, reviewer)
    policy.ensure_may_approve(
        project=current.document.project,
        user=reviewer,
        text_author_id=policy.text_authors([current.pk])[current.pk],
    )
    if current.state not in APPROVABLE:
        raise IllegalTransition(
            f"A segment that is {current.get_state_display().lower()} cannot be approved"
        )
    note = ""
    segments_check_pending([current], project=current.document.project)  # jobs: QA pending
    if current.qa_level == QaLevel.ERROR:
        if not override_reason:
            problems = [r["message"] for r in current.qa if r["severity"] == QaLevel.ERROR]
            raise QaBlocked(
                f"Segment {current.position + 1} has QA errors ({'; '.join(problems)}): fix "
                "them, or approve anyway with a reason",
                detail=problems,
            )
        note = f"QA override: {override_reason}"
    return _record(
        current,
        user=reviewer,
        action=Action.APPROVE,
        target=current.target,
        state=State.APPROVED,
        note=note,
        lqa_errors=lqa_errors,
    )


@transaction.atomic
def segment_reject(*, segment: Segment, reviewer, reason: str, version: int, errors=()) -> Segment:
    """Send back with a reason; ``errors`` are LQA errors ({category, severity, note})
    stored with the rejection, in the same transaction."""
    current, project_id = _locked(segment)
    if not can_review(_role(reviewer, project_id)):
        raise NotAllowed("Only editors and managers can reject segments")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Give a reason for the rejection: the translator will see it")
    lqa_errors = lqa_errors_clean(errors)
    _check_version(current, version, reviewer)
    if current.state not in REJECTABLE:
        raise IllegalTransition(
            f"A segment that is {current.get_state_display().lower()} cannot be rejected"
        )
    return _record(
        current,
        user=reviewer,
        action=Action.REJECT,
        target=current.target,
        state=State.REJECTED,
        note=reason,
        lqa_errors=lqa_errors,
    )


@transaction.atomic
def segment_revert(*, segment: Segment, user, to_version: int, version: int) -> Segment:
    """Bring back the text of an earlier version, as a new revision."""
    current, project_id = _locked(segment)
    role = _role(user, project_id)
    if current.read_only:
        raise IllegalTransition("This segment is read-only (marked not to be translated)")
    if not can_edit(role, current.state):
        raise NotAllowed("Approved segments can only be changed by an editor")
    _check_version(current, version, user)
    old = current.revisions.filter(version=to_version).first()
    if old is None:
        raise InvalidInput(f"Segment {current.position + 1} has no version {to_version}")
    if old.after_target == current.target:
        raise IllegalTransition(f"Version {to_version} has the same text as the current one")
    state = State.TRANSLATED if old.after_target.strip() else State.UNTRANSLATED
    return _record(
        current,
        user=user,
        action=Action.REVERT,
        target=old.after_target,
        state=state,
        note=f"reverted to the text of version {to_version}",
    )
