"""Segments: the review page's rows, exports, the queue, and what changed since a page was drawn."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.db import connection
from django.db.models import (
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from .. import policy, prepared
from ..models import (
    Comment,
    Document,
    Membership,
    Revision,
    Segment,
)
from ..states import REVIEWERS, Action, State
from .access import _comment_count


def _latest_rejections() -> QuerySet[Revision]:
    return Revision.objects.filter(action=Action.REJECT).order_by("-version", "-id")


@cache
def _segments_for_review() -> QuerySet[Segment]:
    # Built once per process, like _documents_for_review.
    latest_reject = _latest_rejections().filter(segment=OuterRef("pk"))
    return Segment.objects.order_by("position").annotate(
        rejection_reason=Subquery(latest_reject.values("note")[:1]),
        comment_count=_comment_count(),
    )


def segments_for_review(*, document: Document) -> QuerySet[Segment]:
    """The document's segments in order, each with the reason of its latest rejection
    and its number of comments: one query, whatever the page size."""
    return _segments_for_review().filter(document=document)


# What a review row shows of its segment: the fields of ``segments_for_review`` read by
# the page, as named tuples (cheaper to make than models).
REVIEW_FIELDS = (
    "pk",
    "position",
    "version",
    "state",
    "source",
    "target",
    "mt",
    "qa",
    "qa_level",
    "read_only",
    "rejection_reason",
    "comment_count",
)
_REVIEW_ROWS = prepared.Prepared(
    lambda document_id: (
        _segments_for_review().filter(document_id=document_id).values_list(*REVIEW_FIELDS)
    ),
    names=("document_id",),
    fields=REVIEW_FIELDS,
)


def review_rows(*, document: Document, offset: int, limit: int) -> list[tuple]:
    """One page of ``segments_for_review`` as named tuples of ``REVIEW_FIELDS``: the
    same query, its SQL compiled once per process (see ``prepared``)."""
    return _REVIEW_ROWS.rows(document_id=document.pk, offset=offset, limit=limit)


def segment_annotate_for_review(*, segment: Segment, comment_count: int | None = None) -> Segment:
    """Give a segment just read or written what ``segments_for_review`` adds to each
    row, without reading the segment again: its comment count (unless known already)
    and, only when it is rejected (nothing else shows it), its latest rejection's
    reason."""
    if comment_count is None:
        comment_count = Comment.objects.filter(segment_id=segment.pk).count()
    segment.comment_count = comment_count
    segment.rejection_reason = None
    if segment.state == State.REJECTED:
        notes = _latest_rejections().filter(segment_id=segment.pk).values_list("note", flat=True)
        segment.rejection_reason = notes.first()
    return segment


def segment_comments(*, segment: Segment) -> QuerySet[Comment]:
    """Top-level comments with their replies and mentions, oldest first."""
    replies = Comment.objects.select_related("author").prefetch_related("mentions")
    return (
        segment.comments.filter(parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related("mentions", Prefetch("replies", queryset=replies))
    )


def segment_revisions(*, segment: Segment) -> QuerySet[Revision]:
    return segment.revisions.select_related("author").order_by("version", "id")


EXPORT_FIELDS = ("id", "source", "target", "mt", "state", "key", "meta")
STAMP_FIELDS = ("created_at", "changed_at", "created_by__username", "changed_by__username")
META_MEMO = 10_000  # distinct meta texts remembered by one export


def export_rows(
    *, document: Document, stamps: bool = True, chunk_size: int = 2000
) -> Iterator[tuple]:
    """The document's segments in order as tuples of ``EXPORT_FIELDS`` (and, with
    ``stamps``, ``STAMP_FIELDS``), as they arrive: an export never holds them all.

    The query is the ORM's (streamed, see ``_streamed``), but its rows skip the ORM's
    per-value converters (most of an export's reading time): the JSON is decoded here,
    once per distinct text (most units of a big file share their meta, so they share one
    dict: it is read-only for the adapters), and SQLite's datetime text is parsed once
    per distinct value.
    """
    fields = EXPORT_FIELDS + (STAMP_FIELDS if stamps else ())
    query = document.segments.order_by("position").values_list(*fields).query
    sql, params = query.sql_with_params()
    meta_at = fields.index("meta")
    moments: dict[object, datetime] = {}
    metas: dict[str, object] = {}

    def moment(value) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        if value not in moments:
            moments[value] = timezone.make_aware(datetime.fromisoformat(value), UTC)
        return moments[value]

    for raw in _streamed(sql, params, chunk_size):
        row = list(raw)
        text = row[meta_at]
        meta = metas.get(text)
        if meta is None:
            meta = json.loads(text)
            if len(metas) < META_MEMO:
                metas[text] = meta
        row[meta_at] = meta
        if stamps:
            row[-4], row[-3] = moment(row[-4]), moment(row[-3])
        yield tuple(row)


def _streamed(sql: str, params, size: int) -> Iterator[tuple]:
    """The query's rows as they arrive. On PostgreSQL, psycopg's stream: the server
    keeps sending while the rows are used (no round trip per chunk), so nothing else
    may run on the connection meanwhile; elsewhere, a cursor fetched ``size`` at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            yield from cursor.cursor.stream(sql, params, size=size)
        return
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(size):
            yield from rows


def rejection_reasons(*, document: Document) -> dict[int, str]:
    """The latest rejection's reason of each rejected segment, by segment id: one query
    over the rejected segments only."""
    rows = (
        Revision.objects.filter(
            segment__document=document, segment__state=State.REJECTED, action=Action.REJECT
        )
        .order_by("segment_id", "version", "id")
        .values_list("segment_id", "note")
    )
    return dict(rows)  # later revisions overwrite earlier ones


QUEUE_LIMIT = 50


def user_queue(*, user) -> dict[str, list[Segment]]:
    """What waits for this user across their projects.

    ``rejected``: segments an editor sent back whose text this user wrote (its author,
    ``policy.text_author``: not whoever last restored or re-saved it), and rejected
    imported texts nobody has changed;
    ``review``: translated segments waiting in projects where the user reviews;
    ``mentions``: open comment threads that mention the user.
    """
    memberships = Membership.objects.filter(user=user)
    project_ids = list(memberships.values_list("project_id", flat=True))
    review_ids = list(memberships.filter(role__in=REVIEWERS).values_list("project_id", flat=True))
    base = Segment.objects.select_related("document__project").order_by("document_id", "position")
    rejected = (
        base.filter(document__project_id__in=project_ids, state=State.REJECTED)
        .annotate(text_author=policy.text_author(segment="pk", text="target"))
        .filter(Q(text_author=user.pk) | Q(text_author=None))
    )
    review = base.filter(document__project_id__in=review_ids, state=State.TRANSLATED)
    mentions = base.filter(
        document__project_id__in=project_ids,
        comments__mentions=user,
        comments__resolved_at=None,
    ).distinct()
    return {
        "rejected": list(rejected[:QUEUE_LIMIT]),
        "review": list(review[:QUEUE_LIMIT]),
        "mentions": list(mentions[:QUEUE_LIMIT]),
    }


# --- others' work, while the review page is open ------------------------------------

LIVE_ROWS = 500  # the most rows of a page one poll compares


@dataclass(frozen=True)
class RowChange:
    """A row the page shows differently from the database: ``row`` is what the page
    draws now (``REVIEW_FIELDS``), ``by`` who changed it (its text or state, or, with
    ``commented``, its comments) and ``by_id`` their id (None: unknown, an import)."""

    row: tuple
    by: str
    by_id: int | None
    commented: bool = False


_LIVE_FIELDS = (*REVIEW_FIELDS, "changed_by_id", "changed_by__username")


def document_changes(*, document: Document, seen: dict[int, tuple[int, int]]) -> list[RowChange]:
    """The rows of ``seen`` ({segment id: (version, comment count)}, what a page shows)
    that have changed since, in page order: one query, and one more to name the
    commenters when only comments changed. Segments no longer in the document are left
    out (a new version of the file removed them)."""
    ids = list(seen)[:LIVE_ROWS]
    if not ids:
        return []
    rows = (
        _segments_for_review()
        .filter(document_id=document.pk, pk__in=ids)
        .values_list(*_LIVE_FIELDS, named=True)
    )
    changes, commented = [], []
    for row in rows:
        version, comments = seen[row.pk]
        if row.version != version:
            changes.append(RowChange(row, row.changed_by__username or "", row.changed_by_id))
        elif row.comment_count != comments:
            commented.append(row)
    if commented:
        latest: dict[int, tuple[int | None, str]] = {}
        authors = (
            Comment.objects.filter(segment_id__in=[r.pk for r in commented])
            .order_by("segment_id", "created_at", "id")
            .values_list("segment_id", "author_id", "author__username")
        )
        for segment_id, author_id, name in authors:
            latest[segment_id] = (author_id, name or "")  # the latest one stays
        for row in commented:
            author_id, name = latest.get(row.pk, (None, ""))
            changes.append(RowChange(row, name, author_id, commented=True))
        changes.sort(key=lambda change: change.row.position)
    return changes


def segment_qa(*, segment: Segment) -> list[dict]:
    """The segment's stored QA results as the API shows them: ``{check, severity,
    message}``, worst first."""
    return [
        {"check": r["check"], "severity": r["severity"], "message": r["message"]}
        for r in segment.qa or ()
    ]
