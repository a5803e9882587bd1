"""Translation-memory matches for a segment."""

from __future__ import annotations

from .. import tm
from ..memory_index import memory_candidates
from ..models import (
    Segment,
)

MEMORY_MATCHES = 3


def memory_matches(*, segment: Segment, limit: int = MEMORY_MATCHES) -> list[tm.Match]:
    """The best memory matches for a segment, from every document of its project, best
    first, at least ``tm.MIN_SCORE`` %.

    Two texts are compared by their sources when both have one, otherwise by their MT
    (``tm.memory_lookups``): a segment with a source also finds the units of documents
    reviewed without one. The memory's n-gram index gives a few dozen candidates per
    lookup in one query (``memory_index``); only those are scored with rapidfuzz. One
    match per distinct translation, and never the segment's own unit.
    """
    scored = []
    for key, kind in tm.memory_lookups(segment.source, segment.mt):
        units = memory_candidates(
            project_id=segment.document.project_id,
            key=key,
            kind=kind,
            exclude_segment_id=segment.pk,
        )
        scored += [(tm.score(key, unit.key), unit) for unit in units]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    matches, seen = [], set()
    for percent, unit in scored:
        if percent < tm.MIN_SCORE or unit.target in seen:
            continue
        seen.add(unit.target)
        matches.append(
            tm.Match(
                unit_id=unit.pk,
                percent=int(percent),
                source=unit.source,
                mt=unit.mt,
                target=unit.target,
                key_kind=unit.key_kind,
                origin=unit.origin,
            )
        )
        if len(matches) == limit:
            break
    return matches
