"""What a reviewer does with one segment's QA issues: apply the fix a check knows, or
dismiss a check for this segment.

Both take the segment's usual paths. A fix is an edit (``segment_edit``): the archived
rule, the role rules, the version check and the history hold as for any save, and the
text becomes the user's (four-eyes then keeps them from approving it). A dismissal is a
revision of its own (``Action.DISMISS``, the reason as its note) that changes no text:
it holds until the text changes (``services.qa``).

Who may dismiss: whoever may edit the segment, for a check whose issues are warnings or
notes; a check with an error only an editor or a manager, and only with a reason. A
dismissed error no longer counts in the segment's QA level, so it no longer blocks an
approval: that is a reviewer's decision, on the record.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..checks import CHECKS_BY_ID, Fix
from ..errors import IllegalTransition, InvalidInput, NotAllowed
from ..models import Segment
from ..selectors import project_glossary
from ..states import Action, QaLevel, can_edit, can_review
from .qa import dismissals_with, segments_assign_qa, text_digest
from .segments import _check_version, _locked, _record, _role, segment_edit

MAX_DISMISS_REASON = 2000


def _ensure_may_change(current: Segment, role: str) -> None:
    if current.read_only:
        raise IllegalTransition("This segment is read-only (marked not to be translated)")
    if not can_edit(role, current.state):
        raise NotAllowed("Approved segments can only be changed by an editor")


def _check_name(check: str) -> str:
    found = CHECKS_BY_ID.get(check)
    if found is None:
        raise InvalidInput(f'There is no QA check "{check}"')
    return found.name


def _open_issues(current: Segment, check: str) -> list[dict]:
    """The issues of ``check`` that the segment's text has now, not dismissed, in the
    order the page lists them: recomputed (the checks are pure and fast), so a segment
    whose checks are still pending has them too."""
    project = current.document.project
    segments_assign_qa([current], project=project, glossary=project_glossary(project=project))
    return [r for r in current.qa if r["check"] == check]


@transaction.atomic
def segment_apply_fix(*, segment: Segment, user, check: str, index: int, version: int) -> Segment:
    """Apply the quick fix of the ``index``-th issue (from 0) of ``check`` in the
    segment's text at ``version``, as an edit by ``user``."""
    current, project_id = _locked(segment)
    _ensure_may_change(current, _role(user, project_id))
    name = _check_name(check)
    _check_version(current, version, user)
    issues = _open_issues(current, check)
    if not 0 <= index < len(issues) or "fix" not in issues[index]:
        raise InvalidInput(
            f'Segment {current.position + 1} has no quick fix for "{name}" number {index + 1}'
        )
    issue = issues[index]
    fix = Fix(issue["fix"]["start"], issue["fix"]["end"], issue["fix"]["replace"])
    return segment_edit(
        segment=current,
        user=user,
        target=fix.apply(current.target),
        version=version,
        note=f"Quick fix ({name}): {issue['message']}",
    )


@transaction.atomic
def segment_dismiss_check(
    *, segment: Segment, user, check: str, reason: str, version: int
) -> Segment:
    """Dismiss ``check`` for this segment's current text (all its issues there), with
    ``reason`` kept as the revision's note; see the module's docstring for who may."""
    current, project_id = _locked(segment)
    role = _role(user, project_id)
    _ensure_may_change(current, role)
    name = _check_name(check)
    reason = (reason or "").strip()
    if len(reason) > MAX_DISMISS_REASON:
        raise InvalidInput(f"The reason can be at most {MAX_DISMISS_REASON:,} characters")
    _check_version(current, version, user)
    issues = _open_issues(current, check)
    if not issues:
        raise InvalidInput(f'Segment {current.position + 1} has no "{name}" issue to dismiss')
    if any(r["severity"] == QaLevel.ERROR for r in issues):
        if not can_review(role):
            raise NotAllowed("Only editors and managers can dismiss a QA error")
        if not reason:
            raise InvalidInput(
                f'Say why the "{name}" error does not apply: the reason is kept in the history'
            )
    dismissal = {
        "check": check,
        "text": text_digest(current.target),
        "reason": reason,
        "by": user.get_username(),
        "at": timezone.now().isoformat(),
        "issues": [{"severity": r["severity"], "message": r["message"]} for r in issues],
    }
    current.qa_dismissed = dismissals_with(current, dismissal)
    return _record(
        current,
        user=user,
        action=Action.DISMISS,
        target=current.target,
        state=current.state,
        note=f"{name}: {reason}" if reason else name,
        recheck=True,
    )
