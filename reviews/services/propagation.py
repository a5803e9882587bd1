"""Propagation: a saved or approved translation given to the segment's repetitions.

A repetition is another current segment of the project with the same source (or the
same MT when there is no source to compare; see ``selectors.segment_repetitions``). A
propagation writes the segment's text into every repetition that is not approved, not
read-only and not in an archived document, as ``translated``: never approved, whoever
propagates. Four-eyes: the words keep their writer (``Revision.words_by``), so the
person who wrote them may not approve them in the repetitions, while someone else may;
a text nobody wrote here (the import's) counts as the propagating user's. It is one
transaction whose revisions share a batch, so the document's activity shows it as one
entry and ``bulk_undo`` puts everything back in one step.

After a save or an approval, ``repetitions_after_write`` either applies it (the project
applies repetitions automatically) or counts what an "Apply to all" would change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from .. import policy
from ..errors import IllegalTransition, NotFound
from ..models import Revision, Segment
from ..selectors import repetition_basis, role_in_project, segment_repetitions
from ..states import Action, State, can_edit
from .bulk import _apply
from .segments import _check_version

# The states of a text that a propagation spreads: one somebody saved or approved.
PROPAGATED_FROM = frozenset({State.TRANSLATED, State.APPROVED})


@dataclass(frozen=True)
class PropagationResult:
    batch: uuid.UUID | None
    updated: int
    skipped: int = 0  # repetitions changed since they were offered, left as they are

    @property
    def message(self) -> str:
        text = f"{self.updated} repetition{'s' * (self.updated != 1)} updated"
        if self.skipped:
            left = "it is" if self.skipped == 1 else "they are"
            text += f"; {self.skipped} changed since and left as {left}"
        return text


@dataclass(frozen=True)
class Repetitions:
    """What a save or an approval says about the segment's repetitions: either the
    propagation it applied, or how many an "Apply to all" would change."""

    segment: Segment
    basis: str  # "source" or "MT": what the repetitions share with the segment
    applied: PropagationResult | None = None
    offered: int = 0

    @property
    def message(self) -> str:
        if self.applied is not None:
            return self.applied.message
        other = "other segment has" if self.offered == 1 else "other segments have"
        return f"{self.offered} {other} the same {self.basis}"


def _locked_origin(segment: Segment) -> Segment:
    current = (
        Segment.objects.select_for_update(of=("self",))
        .select_related("document__project", "changed_by")
        .filter(pk=segment.pk)
        .first()
    )
    if current is None:
        raise NotFound("No such segment")
    return current


@transaction.atomic
def segment_propagate(
    *, segment: Segment, user, version: int, offered_at: datetime | None = None
) -> PropagationResult:
    """Give the segment's text (at ``version``) to its repetitions, as translated.

    ``offered_at``: when the user was offered it; a repetition changed since then (or
    that became one since) is left as it is and counted as skipped, as a bulk action
    skips a segment changed since its preview.
    """
    current = _locked_origin(segment)
    document = current.document
    policy.ensure_writable(document)
    role = role_in_project(user=user, project_id=document.project_id)
    if not role:
        raise NotFound("No such segment")
    _check_version(current, version, user)
    if current.state not in PROPAGATED_FROM or not current.target.strip():
        raise IllegalTransition(
            f"Segment {current.position + 1} is {current.get_state_display().lower()}: only "
            "a saved or approved translation is given to its repetitions"
        )
    repetitions = list(
        segment_repetitions(segment=current)
        .select_for_update(of=("self",))
        .order_by("document_id", "position")
    )
    note = f"the translation of segment {current.position + 1} of “{document.title}”"
    changes, skipped = [], 0
    for repetition in repetitions:
        if offered_at is not None and repetition.changed_at > offered_at:
            skipped += 1
            continue
        if not can_edit(role, repetition.state):  # never approved ones: the selector says so
            continue
        state = State.TRANSLATED  # never approved, whoever propagates
        changes.append((repetition, Action.PROPAGATE, current.target, state, note))
    batch = uuid.uuid4() if changes else None
    _apply(changes, user=user, batch=batch, project=document.project)
    # The words stay their writer's (four-eyes): whoever propagates them did not write
    # them, and their writer may not approve them in the repetitions either.
    writer = policy.text_authors([current.pk])[current.pk]
    if batch and writer is not None and writer != user.pk:
        Revision.objects.filter(batch=batch).update(words_by_id=writer)
    return PropagationResult(batch, len(changes), skipped)


def repetitions_after_write(*, segment: Segment, user) -> Repetitions | None:
    """After ``segment`` was saved or approved: its propagation, applied when the project
    applies repetitions automatically, otherwise offered; None when there is nothing to
    propagate (no repetition differs, or the text is not one to spread)."""
    if segment.state not in PROPAGATED_FROM or not segment.target.strip():
        return None
    if policy.is_read_only(segment.document):
        return None
    basis = repetition_basis(segment=segment)
    if not segment.document.project.auto_propagate:
        count = segment_repetitions(segment=segment).count()
        return Repetitions(segment, basis, offered=count) if count else None
    result = segment_propagate(segment=segment, user=user, version=segment.version)
    return Repetitions(segment, basis, applied=result) if result.updated else None
