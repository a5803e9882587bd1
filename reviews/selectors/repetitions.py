"""Repetitions: the other segments of a project that say the same thing as one segment.

"The same" is the same source when both segments have one, otherwise the same MT (a
document reviewed without a source has only its MT to compare), as the memory matches
segments. The texts are found through their indexed keys (``Segment.source_key`` and
``mt_key``, see reviews/repeat_keys.py), then compared as they are: a save in a project
of 100,000 segments looks at its few repetitions, not at every segment.

Only current segments (``Segment.objects`` leaves out removed ones) of the project's
writable documents count, and only those a propagation may change: not approved, not
read-only, with another text than the segment's.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import policy
from ..models import Segment
from ..repeat_keys import repeat_key
from ..states import State


def _same_text(segment: Segment) -> Q | None:
    """What a repetition of ``segment`` has in common with it; None: nothing to compare.
    Each text is matched by its key (what the index finds) and by itself (exact)."""
    has_source = segment.document.has_source and bool(segment.source.strip())
    by_mt = Q(mt_key=repeat_key(segment.mt), mt=segment.mt) if segment.mt.strip() else None
    if has_source:
        same = Q(source_key=repeat_key(segment.source), source=segment.source)
        if by_mt is not None:  # a twin reviewed without a source is compared by its MT
            same |= Q(document__has_source=False) & by_mt
        return same
    if by_mt is None:
        return None
    return by_mt


def segment_repetitions(*, segment: Segment) -> QuerySet[Segment]:
    """The repetitions of ``segment`` that a propagation of its text would change."""
    same = _same_text(segment)
    if same is None:
        return Segment.objects.none()
    return (
        policy.writable(Segment.objects.filter(document__project_id=segment.document.project_id))
        .filter(same)
        .exclude(pk=segment.pk)
        .exclude(state=State.APPROVED)
        .exclude(read_only=True)
        .exclude(target=segment.target)
    )


def repetition_basis(*, segment: Segment) -> str:
    """What the repetitions share with the segment, as the page says it."""
    if segment.document.has_source and segment.source.strip():
        return "source"
    return "MT"
