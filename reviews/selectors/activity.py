"""A document's activity: revisions, a bulk action or its undo as one entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import (
    CharField,
    Count,
    Max,
    QuerySet,
)
from django.db.models.functions import Cast, Coalesce

from ..models import (
    Document,
    Revision,
)
from ..states import Action

ACTIVITY_PAGE = 100


@dataclass(frozen=True)
class ActivityEntry:
    """One line of a document's activity: one change, or one bulk action (or its undo,
    or a find and replace) over ``count`` segments, shown by its latest revision."""

    revision: Revision
    count: int
    batch: uuid.UUID | None

    @property
    def grouped(self) -> bool:
        return self.count > 1


class _Activity:
    """A document's activity, newest first, as the paginator slices it: each page is one
    GROUP BY query (a batch is one row) and one read of the revisions that show it."""

    def __init__(self, revisions: QuerySet[Revision], *, by_batch: bool):
        key = Cast("id", CharField())
        if by_batch:  # a batch's revisions share a key; other revisions have their own
            key = Coalesce(Cast("batch", CharField()), key)
        self.groups = (
            revisions.order_by()
            .annotate(group=key)
            .values("group")
            .annotate(last=Max("id"), at=Max("created_at"), n=Count("id"))
            .order_by("-at", "-last")
        )

    def count(self) -> int:
        return self.groups.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[ActivityEntry]:
        groups = list(self.groups[page])
        shown = Revision.objects.select_related("author", "segment").in_bulk(
            [g["last"] for g in groups]
        )
        return [ActivityEntry(shown[g["last"]], g["n"], shown[g["last"]].batch) for g in groups]


def document_activity(*, document: Document, batch: uuid.UUID | None = None) -> _Activity:
    """Every change in the document, newest first (imports left out), a bulk action or
    its undo as one entry; with ``batch``, that batch's changes one by one."""
    revisions = Revision.objects.filter(segment__document=document).exclude(action=Action.IMPORT)
    if batch is not None:
        return _Activity(revisions.filter(batch=batch), by_batch=False)
    return _Activity(revisions, by_batch=True)
