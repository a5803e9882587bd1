"""The change feed: every revision of a project, in the order their transactions
became visible, so a publisher can mirror the project page by page (see commit_order)."""

from __future__ import annotations

from django.db.models import Count, F, Max, Q, QuerySet, Sum

from ..commit_order import only_settled
from ..models import Document, Project, Revision, Segment
from .keyset import Page, keyset_page

FEED_KEY = ("xid", "id")


def after_feed_key(revisions: QuerySet[Revision], key: tuple[int, int]) -> QuerySet[Revision]:
    """The revisions after the feed position ``key`` = (xid, id)."""
    xid, pk = key
    # xid >= first, so the (xid, id) index serves it as one range.
    return revisions.filter(Q(xid__gt=xid) | Q(xid=xid, id__gt=pk), xid__gte=xid)


def project_changes(*, project: Project, after: tuple[int, int] | None, limit: int) -> Page:
    """The project's revisions after ``after`` in feed order, each with its
    ``document_id``; only those no transaction still running can precede (on
    PostgreSQL), so a later page never holds one that belonged before this one.
    ``total`` counts every revision of the project visible so far."""
    revisions = only_settled(Revision.objects.filter(segment__document__project=project))
    total = revisions.count()
    if after is not None:
        revisions = after_feed_key(revisions, after)
    revisions = (
        revisions.select_related("author")
        .annotate(document_id=F("segment__document_id"))
        .order_by(*FEED_KEY)
    )
    return keyset_page(revisions, limit=limit, key=FEED_KEY, total=total)


def document_stamp(*, document: Document) -> str:
    """A token that changes whenever any segment of the document does (its text or
    state, an import, a removal): the latest change time, the counts of segments and of
    removed ones, and the sum of versions (every revision raises one)."""
    figures = Segment.all_objects.filter(document=document).aggregate(
        latest=Max("changed_at"),
        count=Count("id"),
        versions=Sum("version"),
        removed=Count("removed_at"),
    )
    return "|".join(str(figures[k]) for k in ("latest", "count", "versions", "removed"))
