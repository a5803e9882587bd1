"""One keyset page: the first ``limit`` rows after a sort key (see ``pages``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    next_key: tuple | None  # the sort key of the last item, when more follow


def keyset_page(queryset: QuerySet, *, limit: int, key: Sequence[str], total: int) -> Page:
    """``queryset`` (ordered by ``key``, already past the cursor) cut to one page: one
    row more than the page is read to tell whether another page follows."""
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_key = tuple(getattr(rows[-1], name) for name in key) if more else None
    return Page(items=rows, total=total, next_key=next_key)
