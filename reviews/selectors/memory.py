"""Translation-memory matches for a segment, and the romanized names the project has
approved."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from .. import tm
from ..checks.names import standalone_names
from ..memory_index import memory_candidates
from ..models import (
    MemoryUnit,
    Segment,
)
from ..states import State

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


NAMES_PER_QUERY = 100  # words OR-ed into one LIKE query


def approved_names(*, project_id: int, candidates: Iterable[str] | None = None) -> frozenset[str]:
    """The romanized names (``checks.names.standalone_names``, lowercased) that occur in
    the project's approved segments or its memory: a reviewer approved them, so the
    name check no longer suspects them.

    With ``candidates`` (the names of the segments about to be checked) only texts that
    hold one of them are read, and only those of them are returned; without, every
    approved text of the project is read (a re-check of the whole project).
    """
    sources = (
        Segment.objects.filter(document__project_id=project_id, state=State.APPROVED),
        MemoryUnit.objects.filter(project_id=project_id),
    )
    if candidates is None:
        found: set[str] = set()
        for rows in sources:
            for target in rows.values_list("target", flat=True).iterator(chunk_size=2000):
                found |= standalone_names(target)
        return frozenset(found)
    wanted = sorted(set(candidates))
    found = set()
    for start in range(0, len(wanted), NAMES_PER_QUERY):
        chunk = wanted[start : start + NAMES_PER_QUERY]
        match = Q()
        for name in chunk:
            for spelling in {name, name.replace("'", "’")}:
                match |= Q(target__icontains=spelling)
        for rows in sources:
            for target in rows.filter(match).values_list("target", flat=True):
                found |= standalone_names(target) & set(chunk)
    return frozenset(found)
