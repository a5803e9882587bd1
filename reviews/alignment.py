"""Which stored segment each unit of a new version of a file continues.

Identity decides before order, so a new version that only moves units keeps every one
of them. Each pass takes only what it can decide without doubt: a value carried by one
unmatched segment and one unmatched unit.

1. The unit's key (tuid, ``msgctxt|msgid``, trans-unit id) with its text: the source,
   or the MT of a unit reviewed without a source.
2. Its text alone: the tool that wrote the file renumbered its ids.
3. Its key alone: the text changed in place (the segment keeps its history and is
   reviewed again).

Text comes before a bare key because a renumbering tool (XLIFF ids "1", "2", ...) would
otherwise pair every unit after an insertion with its neighbour's translation.

What the passes leave is aligned by sequence, stretch by stretch: between two matches
that kept their order, difflib matches identical leftovers (duplicates) in place and
pairs a changed unit with the segment that stood where it stands, unless their keys
differ: two keys are two units (a PO entry whose msgid changed is another entry, as its
key says). A duplicate left over still continues an identical leftover, wherever it
moved. Segments removed by earlier versions are brought back, by the same identities,
for the units no live segment continues, before any live segment is paired with a
changed unit.

Pure: texts in, indexes out; no database.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from operator import eq
from typing import NamedTuple


class Text(NamedTuple):
    """What identifies a unit, or a segment: its key, source and MT."""

    key: str
    source: str
    mt: str


def content(text: Text) -> str:
    """The text a reviewer works from: the source, or the MT when there is no source."""
    return text.source if text.source else "\x1e" + text.mt


def _identity(text: Text) -> Hashable:
    return (text.key, content(text))


def _text_alone(text: Text) -> Hashable | None:
    return content(text) if (text.source or text.mt) else None


def _key_alone(text: Text) -> Hashable | None:
    return text.key or None


def _same_key_or_none(old: Text, new: Text) -> bool:
    return not old.key or not new.key or old.key == new.key


PASSES: tuple[Callable[[Text], Hashable | None], ...] = (_identity, _text_alone, _key_alone)


@dataclass
class Alignment:
    live: dict[int, int] = field(default_factory=dict)  # unit → the live segment it continues
    archived: dict[int, int] = field(default_factory=dict)  # unit → a removed segment back
    removed: list[int] = field(default_factory=list)  # live segments no unit continues


def align(*, live: Sequence[Text], archived: Sequence[Text], new: Sequence[Text]) -> Alignment:
    """Indexes into ``live`` (the stored segments in order), ``archived`` (segments
    removed earlier, the most recently removed last) and ``new`` (the units in order).
    A unit in neither mapping is new.

    O(n log n) but for difflib, which sees only the leftovers between two matches that
    kept their order (the stretch where a changed unit sits in both versions)."""
    result = Alignment()
    if live == new or (
        len(live) == len(new) and all(map(eq, map(_identity, live), map(_identity, new)))
    ):
        # The same units in the same order (an unchanged file): what the passes below
        # give, each unit continuing the segment in its place, without their cost.
        result.live = dict(zip(range(len(new)), range(len(live)), strict=True))
        return result
    free_live = dict.fromkeys(range(len(live)))  # dicts as ordered sets
    free_new = dict.fromkeys(range(len(new)))
    for value in PASSES:
        for i, j in _unique_pairs(live, free_live, new, free_new, value):
            result.live[j] = i
            del free_live[i], free_new[j]
    anchors = _kept_order(sorted(result.live.items()))
    anchor_olds, anchor_news = [i for _j, i in anchors], [j for j, _i in anchors]
    old_stretches: dict[int, list[int]] = defaultdict(list)
    new_stretches: dict[int, list[int]] = defaultdict(list)
    for i in free_live:
        old_stretches[bisect_left(anchor_olds, i)].append(i)
    for j in free_new:
        new_stretches[bisect_left(anchor_news, j)].append(j)
    blocks: list[tuple[list[int], list[int]]] = []  # what difflib did not match, in order
    budget = [DIFFLIB_BUDGET]
    for stretch in sorted(old_stretches.keys() | new_stretches.keys()):
        olds, news = old_stretches.get(stretch, []), new_stretches.get(stretch, [])
        blocks += _sequence_align(live, olds, new, news, result, budget)
    taken = _pair_twins(live, new, blocks, result)
    waiting = [j for _olds, block in blocks for j in block if j not in result.live]
    _bring_back(archived, new, waiting, result)
    for block_olds, block_news in blocks:
        # Changed in place: the segment and the unit at the same offset of a replaced
        # run, as difflib pairs them, when neither found its own match and no key says
        # they are different units.
        for i, j in zip(block_olds, block_news, strict=False):
            free = i not in taken and j not in result.live and j not in result.archived
            if free and _same_key_or_none(live[i], new[j]):
                result.live[j] = i
                taken.add(i)
        result.removed.extend(i for i in block_olds if i not in taken)
    result.removed.sort()
    return result


def _kept_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (new, old) pairs, sorted by new, whose old indexes increase
    too: the matches that kept their order (patience sorting)."""
    tails: list[int] = []  # tails[k]: the pair ending the best run of length k + 1
    tail_olds: list[int] = []
    back: list[int] = []
    for n, (_j, i) in enumerate(pairs):
        k = bisect_left(tail_olds, i)
        back.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(n)
            tail_olds.append(i)
        else:
            tails[k], tail_olds[k] = n, i
    run, n = [], tails[-1] if tails else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


# difflib is quadratic or worse where a stretch holds many duplicates in a new order:
# each of its scans costs about the number of identical (old, new) pairs, and it scans
# about once per matching block. Past this estimate (about half a second of Python,
# over a whole new version), duplicates are matched first with first instead.
DIFFLIB_BUDGET = 2_000_000


def _sequence_align(
    live: Sequence[Text],
    olds: list[int],
    new: Sequence[Text],
    news: list[int],
    result: Alignment,
    budget: list[int],
) -> list[tuple[list[int], list[int]]]:
    """Match the identical leftovers of one stretch in order; return the runs left.
    ``budget`` ([operations left]) bounds difflib's work over all the stretches."""
    old_ids = [_identity(live[i]) for i in olds]
    new_ids = [_identity(new[j]) for j in news]
    in_old, in_new = Counter(old_ids), Counter(new_ids)
    pairs = sum(n * in_old[v] for v, n in in_new.items() if v in in_old)
    cost = pairs * min(len(olds), len(news))
    if not pairs or cost > budget[0]:
        return [(olds, news)]  # nothing identical, or too costly: _pair_twins matches them
    budget[0] -= cost
    blocks = []
    matcher = SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.live.update(zip(news[j1:j2], olds[i1:i2], strict=True))
        else:
            blocks.append((olds[i1:i2], news[j1:j2]))
    return blocks


def _unique_pairs(
    old: Sequence[Text],
    free_old: Iterable[int],
    new: Sequence[Text],
    free_new: Iterable[int],
    value: Callable[[Text], Hashable | None],
) -> list[tuple[int, int]]:
    """(old, new) index pairs of the values carried by one free item on each side."""
    by_old: dict[Hashable, list[int]] = defaultdict(list)
    for i in free_old:
        if (v := value(old[i])) is not None:
            by_old[v].append(i)
    by_new: dict[Hashable, list[int]] = defaultdict(list)
    for j in free_new:
        if (v := value(new[j])) is not None:
            by_new[v].append(j)
    return [
        (olds[0], news[0])
        for v, news in by_new.items()
        if len(news) == 1 and len(olds := by_old.get(v, ())) == 1
    ]


def _pair_twins(
    live: Sequence[Text],
    new: Sequence[Text],
    blocks: list[tuple[list[int], list[int]]],
    result: Alignment,
) -> set[int]:
    """Duplicates that moved: difflib keeps some of them in place and leaves the others
    as a deletion here and an insertion there. Pair those, first with first."""
    twins: dict[Hashable, deque[int]] = defaultdict(deque)
    for block_olds, _news in blocks:
        for i in block_olds:
            twins[_identity(live[i])].append(i)
    taken: set[int] = set()
    for _olds, block_news in blocks:
        for j in block_news:
            if queue := twins.get(_identity(new[j])):
                result.live[j] = queue.popleft()
                taken.add(result.live[j])
    return taken


def _bring_back(
    archived: Sequence[Text], new: Sequence[Text], waiting: list[int], result: Alignment
) -> None:
    """Removed segments continued by the units no live segment continues, by the same
    identities as the live ones; the most recently removed first."""
    free = dict.fromkeys(range(len(archived)))
    for value in PASSES:
        by_value: dict[Hashable, list[int]] = defaultdict(list)
        for k in free:
            if (v := value(archived[k])) is not None:
                by_value[v].append(k)
        for j in waiting:
            if j not in result.archived and (found := by_value.get(value(new[j]))):
                result.archived[j] = found.pop()
                del free[result.archived[j]]
