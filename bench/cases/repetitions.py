"""Counting a segment's repetitions (what every save and approval does, see
services.repetitions_after_write) in a project of 100,000 segments, against the same
count in a project of 100, in the same run: the keyed lookup should not grow with the
project (target 2x).

Both projects hold the first N units of the same generated TMX (source and MT), so the
lookups compare a source and, for twins reviewed without a source, an MT. The note
gives, on the big project, the lookup by the texts alone (what it was before the keys).
"""

from __future__ import annotations

import gc
import statistics
import time

from django.db.models import Q

from bench import generate
from bench.support import project, row
from reviews import selectors, services
from reviews.models import Segment

LOOKUPS = 100  # segments spread over each document (all of the small one), once a round
ROUNDS = 4  # each lookup in the big project, then its peer in the small: the same load


def _imported(slug: str, units: int) -> list[Segment]:
    path = generate.tmx(units)
    proj = project(slug)
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    assert doc.segments.count() == units
    step = max(1, units // LOOKUPS)
    segments = doc.segments.select_related("document__project").order_by("position")
    return list(segments.filter(position__in=range(0, units, step)))[:LOOKUPS]


def _count_ms(segment: Segment) -> float:
    start = time.perf_counter()
    selectors.segment_repetitions(segment=segment).count()
    return (time.perf_counter() - start) * 1000


def _by_text_ms(segment: Segment) -> float:
    """The lookup as it was before the keys: the texts compared, with no index."""
    same = Q(source=segment.source) | Q(document__has_source=False, mt=segment.mt)
    start = time.perf_counter()
    Segment.objects.filter(document__project_id=segment.document.project_id).filter(same).exclude(
        pk=segment.pk
    ).count()
    return (time.perf_counter() - start) * 1000


def repetitions_100k():
    big, small = _imported("bench-rep-big", 100_000), _imported("bench-rep-small", 100)
    for segment in big[:20] + small[:20]:  # warm the caches, as a running server's are
        _count_ms(segment)
    gc.collect()  # not in the middle of the lookups: the imports left many objects
    big_ms, small_ms = [], []
    for _round in range(ROUNDS):
        for in_big, in_small in zip(big, small, strict=True):
            big_ms.append(_count_ms(in_big))
            small_ms.append(_count_ms(in_small))
    by_text = [_by_text_ms(s) for s in big[:10]]
    value, floor = statistics.median(big_ms), statistics.median(small_ms)
    big_p95, small_p95 = (statistics.quantiles(ms, n=20)[-1] for ms in (big_ms, small_ms))
    note = (
        f"median of {len(big_ms)} counts (one segment each, {LOOKUPS} segments, "
        f"{ROUNDS} rounds, each in turn with its peer's) in a 100,000-segment project "
        f"against the same in a 100-segment project; p95 {big_p95:.2f} ms against "
        f"{small_p95:.2f} ms; the texts compared without their keys (before): median "
        f"{statistics.median(by_text):.1f} ms in the big project"
    )
    return [row("repetitions_100k", value, "ms", floor, 2, note=note)]
