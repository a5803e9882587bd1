"""Bulk actions: what one would do, before it is done; the service applies the same plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import policy
from ..errors import InvalidInput
from ..models import (
    Document,
    Project,
    Segment,
)
from ..states import APPROVABLE, REJECTABLE, QaLevel, State

# --- bulk actions: what one would do, before it is done -----------------------------

# action name → (state it starts from, state it moves to)
BULK_MOVES = {
    "approve": (APPROVABLE, State.APPROVED),
    "reject": (REJECTABLE, State.REJECTED),
    "translate": (frozenset({State.NEW, State.REJECTED}), State.TRANSLATED),
}
# Left out of an approval of "all matching the filter" unless asked for: nobody has
# confirmed these texts yet (raw MT, or sent back).
UNREVIEWED = frozenset({State.NEW, State.REJECTED})


@dataclass(frozen=True)
class BulkBreakdown:
    """What a bulk action would do to the selected segments: which would change (and
    how many of them are untouched MT, rejected, or not QA-checked yet), and how many
    would be skipped, by reason. The counts of the reasons add up to ``skipped``."""

    action: str
    selected: int
    changing: tuple[int, ...]  # the ids of the segments that would change
    new: int = 0  # of those: new (unreviewed, whether the MT was touched or not)
    raw_mt: int = 0  # of those: new and still the MT, untouched
    rejected: int = 0  # of those: rejected
    qa_pending: int = 0  # of those: to approve but not checked yet (checked first)
    unreviewed: int = 0  # skipped: new or rejected, left out of an approval unless included
    qa_errors: int = 0  # skipped: QA errors (approving them needs a reason, one by one)
    own_texts: int = 0  # skipped: the user's own texts, which someone else must approve
    read_only: int = 0  # skipped: read-only segments, or every one of an archived document
    not_applicable: int = 0  # skipped: their state does not allow it, or they have no text
    archived: bool = False

    @property
    def changes(self) -> int:
        return len(self.changing)

    @property
    def skipped(self) -> int:
        return self.selected - self.changes

    @property
    def unreviewed_choice(self) -> int:
        """How many unreviewed (new or rejected) segments the choice to include them
        is about: those left out, or those included."""
        return self.unreviewed or self.new + self.rejected


def bulk_move(action: str) -> tuple[frozenset[str], str]:
    """(states it starts from, state it moves to); ``InvalidInput`` when there is no
    such action (none chosen, on a form without JavaScript)."""
    if action not in BULK_MOVES:
        raise InvalidInput("Choose a bulk action" if not action else f"No bulk action {action!r}")
    return BULK_MOVES[action]


def bulk_plan(
    segments: list[Segment], *, action: str, project: Project, user, include_unreviewed: bool
) -> BulkBreakdown:
    """The breakdown of ``action`` over these segments (read, or locked by the service
    that will apply it: both decide with this one function). Raises ``InvalidInput`` for
    an unknown action; the four-eyes rule is ``policy``'s."""
    allowed_from, _new_state = bulk_move(action)
    approving = action == "approve"
    skipped = dict.fromkeys(("unreviewed", "qa_errors", "read_only", "not_applicable"), 0)
    candidates = []
    for segment in segments:
        if segment.read_only:
            skipped["read_only"] += 1
        elif segment.state not in allowed_from or not segment.target.strip():
            skipped["not_applicable"] += 1
        elif approving and not include_unreviewed and segment.state in UNREVIEWED:
            skipped["unreviewed"] += 1
        elif approving and segment.qa_level == QaLevel.ERROR:
            skipped["qa_errors"] += 1
        else:
            candidates.append(segment)
    own: set[int] = set()
    if approving and project.four_eyes and candidates:
        authors = policy.text_authors([s.pk for s in candidates])
        own = {
            pk
            for pk, author in authors.items()
            if policy.four_eyes_refusal(project=project, user=user, text_author_id=author)
        }
    changing = [s for s in candidates if s.pk not in own]
    return BulkBreakdown(
        action=action,
        selected=len(segments),
        changing=tuple(s.pk for s in changing),
        new=sum(1 for s in changing if s.state == State.NEW),
        raw_mt=sum(1 for s in changing if s.state == State.NEW and s.target == s.mt),
        rejected=sum(1 for s in changing if s.state == State.REJECTED),
        qa_pending=sum(1 for s in changing if approving and s.qa_level == QaLevel.PENDING),
        own_texts=len(own),
        **skipped,
    )


BULK_PLAN_FIELDS = ("pk", "state", "target", "mt", "qa_level", "read_only")


def bulk_breakdown(
    *,
    document: Document,
    segment_ids: Iterable[int],
    action: str,
    user,
    include_unreviewed: bool = False,
) -> BulkBreakdown:
    """What ``services.segments_bulk_review`` would do with the same arguments, now: the
    page shows it before the user confirms. Ids of other documents are not counted."""
    bulk_move(action)
    ids = list(dict.fromkeys(segment_ids))
    segments = []
    for start in range(0, len(ids), 2000):
        rows = (
            document.segments.filter(pk__in=ids[start : start + 2000])
            .order_by()
            .values_list(*BULK_PLAN_FIELDS)
        )
        segments += [
            Segment(document=document, **dict(zip(BULK_PLAN_FIELDS, r, strict=True))) for r in rows
        ]
    if policy.is_read_only(document):
        return BulkBreakdown(
            action=action,
            selected=len(segments),
            changing=(),
            read_only=len(segments),
            archived=True,
        )
    return bulk_plan(
        segments,
        action=action,
        project=document.project,
        user=user,
        include_unreviewed=include_unreviewed,
    )
