"""Every read that views, the API and the commands share, with its queries tuned.

Access checks live here too: a user who is not a member of a project gets ``NotFound``
for it and everything in it, exactly as if it did not exist.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from . import checks, policy, prepared, tm
from .errors import InvalidInput, NotFound
from .memory_index import memory_candidates
from .models import (
    Comment,
    Document,
    GlossaryTerm,
    Job,
    Membership,
    Project,
    Revision,
    Segment,
)
from .states import APPROVABLE, REJECTABLE, REVIEWERS, Action, QaLevel, State


def role_in_project(*, user, project_id: int) -> str | None:
    """The user's role in the project, or None; remembered on the user for one request
    (views and the services they call ask the same question)."""
    if not user.is_authenticated:
        return None
    roles = user.__dict__.setdefault("_workbench_roles", {})
    if project_id not in roles:
        # order_by(): Membership's default ordering would join the project for its name.
        roles[project_id] = (
            Membership.objects.filter(user=user, project_id=project_id)
            .order_by()
            .values_list("role", flat=True)
            .first()
        )
    return roles[project_id]


def forget_roles(user) -> None:
    """Drop the roles remembered on this user object (after a membership change)."""
    user.__dict__.pop("_workbench_roles", None)


def user_projects(*, user) -> list[tuple[Project, Progress]]:
    """The user's projects, each with ``role``, document count and progress by state:
    three queries. The counts come grouped by document id and state from the (document,
    state, qa_level) index and are summed here; grouping the projects' rows joined to
    every segment took SQLite 12 s over 400,000 segments."""
    if not user.is_authenticated:
        return []
    role = Membership.objects.filter(user=user, project=OuterRef("pk")).values("role")[:1]
    projects = list(
        Project.objects.filter(memberships__user=user)
        .annotate(role=Subquery(role))
        .order_by("name")
    )
    documents = Document.objects.filter(project__in=[p.pk for p in projects]).order_by()
    project_of = dict(documents.values_list("id", "project_id"))
    rows = (
        Segment.objects.filter(document_id__in=documents.values("id"))
        .order_by()
        .values_list("document_id", "state")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[str, int]] = {p.pk: {} for p in projects}
    for document_id, state, n in rows:
        if document_id in project_of:  # not one imported since the documents were read
            by_state = counts[project_of[document_id]]
            by_state[state] = by_state.get(state, 0) + n
    document_counts = Counter(project_of.values())
    for project in projects:
        project.document_count = document_counts[project.pk]
    return [(p, _progress(counts[p.pk])) for p in projects]


def project_for_member(*, user, slug: str) -> tuple[Project, str]:
    project = Project.objects.filter(slug=slug).first()
    role = project and role_in_project(user=user, project_id=project.pk)
    if not role:
        raise NotFound(f"No project {slug!r}")
    return project, role


def _with_member_role(queryset: QuerySet, *, user, project: str) -> QuerySet:
    """Only rows of projects the user is a member of, each with the user's ``member_role``
    (``project`` is the path to the project): one join, in the same query."""
    return queryset.filter(**{f"{project}__memberships__user": user}).annotate(
        member_role=F(f"{project}__memberships__role")
    )


def _member_found(user, obj, project_id_of: Callable) -> str | None:
    """The role of the user in ``obj``'s project (None when nothing was found),
    remembered like ``role_in_project``'s answer for the rest of the request."""
    if obj is None:
        return None
    roles = user.__dict__.setdefault("_workbench_roles", {})
    roles[project_id_of(obj)] = obj.member_role
    return obj.member_role


def document_for_member(*, user, pk: int) -> tuple[Document, str]:
    """The document (with its project) and the user's role in it: one query."""
    document = None
    if user.is_authenticated:
        documents = Document.objects.select_related("project").order_by()
        document = _with_member_role(documents, user=user, project="project").filter(pk=pk).first()
    role = _member_found(user, document, lambda d: d.project_id)
    if not role:
        raise NotFound(f"No document {pk}")
    return document, role


@cache
def _documents_for_review() -> QuerySet[Document]:
    # Built once per process: resolving the subquery costs more than running it.
    # Chaining clones it, so the one built here is never evaluated, nor changed.
    return (
        Document.objects.select_related("project")
        .defer("skeleton")  # the file's layout, for exports: big, and not shown
        .order_by()
    )


_REVIEW_DOCUMENT = prepared.columns(Document, exclude=("skeleton",))
_REVIEW_PROJECT = prepared.columns(Project, "project__")
_DOCUMENT_FOR_REVIEW = prepared.Prepared(
    lambda pk, user: (
        _with_member_role(_documents_for_review(), user=user, project="project")
        .filter(pk=pk)
        .values_list(*_REVIEW_DOCUMENT, *_REVIEW_PROJECT, "member_role")
    ),
    names=("pk", "user"),
    fields=(*_REVIEW_DOCUMENT, *_REVIEW_PROJECT, "member_role"),
)


def document_for_review(*, user, pk: int) -> tuple[Document, str]:
    """``document_for_member`` for the review page: one query, the role included, its
    SQL compiled once per process (the page asks on every view)."""
    document = None
    if user.is_authenticated:
        for row in _DOCUMENT_FOR_REVIEW.rows(pk=pk, user=user.pk, limit=1):
            document = prepared.instance(Document, row, exclude=("skeleton",))
            document.project = prepared.instance(Project, row, "project__")
            document.member_role = row.member_role
    role = _member_found(user, document, lambda d: d.project_id)
    if not role:
        raise NotFound(f"No document {pk}")
    return document, role


def glossary_term_for_member(*, user, slug: str, pk: int) -> tuple[GlossaryTerm, str]:
    term = GlossaryTerm.objects.select_related("project").filter(project__slug=slug, pk=pk).first()
    role = term and role_in_project(user=user, project_id=term.project_id)
    if not role:
        raise NotFound("No such glossary term")
    return term, role


def segment_for_member(*, user, pk: int) -> tuple[Segment, str]:
    """The segment (with its document and project) and the user's role: one query."""
    segment = None
    if user.is_authenticated:
        segments = Segment.objects.select_related("document__project").order_by()
        segments = _with_member_role(segments, user=user, project="document__project")
        segment = segments.filter(pk=pk).first()
    role = _member_found(user, segment, lambda s: s.document.project_id)
    if not role:
        raise NotFound(f"No segment {pk}")
    return segment, role


@cache
def _segments_for_action() -> QuerySet[Segment]:
    # Built once per process, like _documents_for_review.
    return (
        Segment.objects.select_related("document__project")
        .annotate(comment_count=_comment_count())
        .order_by()
    )


_ACTION_SEGMENT = prepared.columns(Segment)
_ACTION_DOCUMENT = prepared.columns(Document, "document__", exclude=("skeleton",))
_ACTION_PROJECT = prepared.columns(Project, "document__project__")
_ACTION_FIELDS = (*_ACTION_SEGMENT, *_ACTION_DOCUMENT, *_ACTION_PROJECT)
SEGMENT_COLUMNS = _ACTION_FIELDS  # a segment with its document and project, in one row


def segment_from_row(row) -> Segment:
    """The segment, document and project a row of ``SEGMENT_COLUMNS`` holds, as
    ``select_related("document__project")`` makes them, the skeleton deferred."""
    segment = prepared.instance(Segment, row)
    segment.document = prepared.instance(Document, row, "document__", exclude=("skeleton",))
    segment.document.project = prepared.instance(Project, row, "document__project__")
    return segment


_SEGMENT_FOR_ACTION = prepared.Prepared(
    lambda pk, user: (
        _with_member_role(_segments_for_action(), user=user, project="document__project")
        .filter(pk=pk)
        .values_list(*_ACTION_FIELDS, "comment_count", "member_role")
    ),
    names=("pk", "user"),
    fields=(*_ACTION_FIELDS, "comment_count", "member_role"),
)


def segment_for_action(*, user, pk: int) -> tuple[Segment, str]:
    """``segment_for_member`` for the actions of a review row, with the segment's
    ``comment_count`` (saving, approving or rejecting leaves it as it is, and the row
    they answer with shows it): still one query, its SQL compiled once per process.
    The document's skeleton (its file's layout, for exports) is read only if used."""
    segment = None
    if user.is_authenticated:
        for row in _SEGMENT_FOR_ACTION.rows(pk=pk, user=user.pk, limit=1):
            segment = segment_from_row(row)
            segment.comment_count, segment.member_role = row.comment_count, row.member_role
    role = _member_found(user, segment, lambda s: s.document.project_id)
    if not role:
        raise NotFound(f"No segment {pk}")
    return segment, role


def _comment_count() -> Coalesce:
    comments = (
        Comment.objects.filter(segment=OuterRef("pk"))
        .order_by()
        .values("segment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(comments, output_field=IntegerField()), 0)


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


BAR_ORDER = (State.APPROVED, State.TRANSLATED, State.NEW, State.REJECTED, State.UNTRANSLATED)


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int
    percent: float
    offset: float  # where this state's band starts in the bar, in percent


@dataclass(frozen=True)
class Progress:
    total: int
    counts: tuple[StateCount, ...]
    pending: int = 0  # segments whose QA checks have not run yet

    @property
    def done(self) -> int:
        return sum(c.count for c in self.counts if c.state == State.APPROVED)

    def count(self, state: str) -> int:
        return next((c.count for c in self.counts if c.state == state), 0)


def _progress(raw: dict[str, int], pending: int = 0) -> Progress:
    total = sum(raw.values())
    counts, offset = [], 0.0
    for state in BAR_ORDER:
        percent = round(100 * raw.get(state.value, 0) / total, 3) if total else 0.0
        counts.append(
            StateCount(state.value, state.label, raw.get(state.value, 0), percent, offset)
        )
        offset += percent
    return Progress(total=total, counts=tuple(counts), pending=pending)


@cache
def _counts_by_state() -> QuerySet[Segment]:
    # Built once per process, like _documents_for_review: the page asks on every view.
    pending = Count("id", filter=Q(qa_level=QaLevel.PENDING))
    return Segment.objects.order_by().values_list("state").annotate(n=Count("id"), p=pending)


_PROGRESS = prepared.Prepared(
    lambda document_id: _counts_by_state().filter(document_id=document_id),
    names=("document_id",),
    fields=("state", "n", "p"),
)


def document_progress(*, document: Document) -> Progress:
    """Counts by state, and of QA-pending segments: one scan of the (document, state,
    qa_level) index (its SQL compiled once per process: every page and save asks)."""
    rows = _PROGRESS.rows(document_id=document.pk)
    return _progress({state: n for state, n, _p in rows}, sum(p for _s, _n, p in rows))


def project_documents(*, project: Project) -> list[tuple[Document, Progress]]:
    """The project's documents with their progress and, as ``qa_errors`` and
    ``qa_warnings``, how many segments have QA errors or warnings (at worst): two queries.

    The counts are grouped by document id alone, in a query of their own that reads the
    (document, state, qa_level) index: grouping the documents' own rows by every column
    (the skeleton, megabytes for a big file, among them) took SQLite seconds per 100,000
    segments. The skeleton is never read here."""
    documents = list(
        project.documents.defer("skeleton").order_by(
            F("archived_at").asc(nulls_first=True), "created_at", "id"
        )
    )
    counts: dict[int, dict[str, int]] = {doc.pk: {} for doc in documents}
    qa: dict[int, dict[str, int]] = {doc.pk: {} for doc in documents}
    rows = (
        Segment.objects.filter(document_id__in=project.documents.values("id"))
        .order_by()
        .values_list("document_id", "state", "qa_level")
        .annotate(n=Count("id"))
    )
    for document_id, state, qa_level, n in rows:
        if document_id not in counts:  # imported since the documents were read
            continue
        by_state = counts[document_id]
        by_state[state] = by_state.get(state, 0) + n
        qa[document_id][qa_level] = qa[document_id].get(qa_level, 0) + n
    for doc in documents:
        doc.qa_errors = qa[doc.pk].get(QaLevel.ERROR, 0)
        doc.qa_warnings = qa[doc.pk].get(QaLevel.WARNING, 0)
    return [(doc, _progress(counts[doc.pk])) for doc in documents]


def project_members(*, project: Project) -> QuerySet[Membership]:
    return project.memberships.select_related("user").order_by("user__username")


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


# --- bulk actions: what one would do, before it is done -----------------------------

# action name → (state it starts from, state it moves to)
BULK_MOVES = {
    "approve": (APPROVABLE, State.APPROVED),
    "reject": (REJECTABLE, State.REJECTED),
    "translate": (frozenset({State.NEW, State.REJECTED}), State.TRANSLATED),
}
# Left out of an approval of "all matching the filter" unless asked for: nobody has
# confirmed these texts yet (raw MT, or sent back).
UNREVIEWED = frozenset({State.NEW, State.REJECTED})


@dataclass(frozen=True)
class BulkBreakdown:
    """What a bulk action would do to the selected segments: which would change (and
    how many of them are untouched MT, rejected, or not QA-checked yet), and how many
    would be skipped, by reason. The counts of the reasons add up to ``skipped``."""

    action: str
    selected: int
    changing: tuple[int, ...]  # the ids of the segments that would change
    new: int = 0  # of those: new (unreviewed, whether the MT was touched or not)
    raw_mt: int = 0  # of those: new and still the MT, untouched
    rejected: int = 0  # of those: rejected
    qa_pending: int = 0  # of those: to approve but not checked yet (checked first)
    unreviewed: int = 0  # skipped: new or rejected, left out of an approval unless included
    qa_errors: int = 0  # skipped: QA errors (approving them needs a reason, one by one)
    own_texts: int = 0  # skipped: the user's own texts, which someone else must approve
    read_only: int = 0  # skipped: read-only segments, or every one of an archived document
    not_applicable: int = 0  # skipped: their state does not allow it, or they have no text
    archived: bool = False

    @property
    def changes(self) -> int:
        return len(self.changing)

    @property
    def skipped(self) -> int:
        return self.selected - self.changes

    @property
    def unreviewed_choice(self) -> int:
        """How many unreviewed (new or rejected) segments the choice to include them
        is about: those left out, or those included."""
        return self.unreviewed or self.new + self.rejected


def bulk_move(action: str) -> tuple[frozenset[str], str]:
    """(states it starts from, state it moves to); ``InvalidInput`` when there is no
    such action (none chosen, on a form without JavaScript)."""
    if action not in BULK_MOVES:
        raise InvalidInput("Choose a bulk action" if not action else f"No bulk action {action!r}")
    return BULK_MOVES[action]


def bulk_plan(
    segments: list[Segment], *, action: str, project: Project, user, include_unreviewed: bool
) -> BulkBreakdown:
    """The breakdown of ``action`` over these segments (read, or locked by the service
    that will apply it: both decide with this one function). Raises ``InvalidInput`` for
    an unknown action; the four-eyes rule is ``policy``'s."""
    allowed_from, _new_state = bulk_move(action)
    approving = action == "approve"
    skipped = dict.fromkeys(("unreviewed", "qa_errors", "read_only", "not_applicable"), 0)
    candidates = []
    for segment in segments:
        if segment.read_only:
            skipped["read_only"] += 1
        elif segment.state not in allowed_from or not segment.target.strip():
            skipped["not_applicable"] += 1
        elif approving and not include_unreviewed and segment.state in UNREVIEWED:
            skipped["unreviewed"] += 1
        elif approving and segment.qa_level == QaLevel.ERROR:
            skipped["qa_errors"] += 1
        else:
            candidates.append(segment)
    own: set[int] = set()
    if approving and project.four_eyes and candidates:
        authors = policy.text_authors([s.pk for s in candidates])
        own = {
            pk
            for pk, author in authors.items()
            if policy.four_eyes_refusal(project=project, user=user, text_author_id=author)
        }
    changing = [s for s in candidates if s.pk not in own]
    return BulkBreakdown(
        action=action,
        selected=len(segments),
        changing=tuple(s.pk for s in changing),
        new=sum(1 for s in changing if s.state == State.NEW),
        raw_mt=sum(1 for s in changing if s.state == State.NEW and s.target == s.mt),
        rejected=sum(1 for s in changing if s.state == State.REJECTED),
        qa_pending=sum(1 for s in changing if approving and s.qa_level == QaLevel.PENDING),
        own_texts=len(own),
        **skipped,
    )


BULK_PLAN_FIELDS = ("pk", "state", "target", "mt", "qa_level", "read_only")


def bulk_breakdown(
    *,
    document: Document,
    segment_ids: Iterable[int],
    action: str,
    user,
    include_unreviewed: bool = False,
) -> BulkBreakdown:
    """What ``services.segments_bulk_review`` would do with the same arguments, now: the
    page shows it before the user confirms. Ids of other documents are not counted."""
    bulk_move(action)
    ids = list(dict.fromkeys(segment_ids))
    segments = []
    for start in range(0, len(ids), 2000):
        rows = (
            document.segments.filter(pk__in=ids[start : start + 2000])
            .order_by()
            .values_list(*BULK_PLAN_FIELDS)
        )
        segments += [
            Segment(document=document, **dict(zip(BULK_PLAN_FIELDS, r, strict=True))) for r in rows
        ]
    if policy.is_read_only(document):
        return BulkBreakdown(
            action=action,
            selected=len(segments),
            changing=(),
            read_only=len(segments),
            archived=True,
        )
    return bulk_plan(
        segments,
        action=action,
        project=document.project,
        user=user,
        include_unreviewed=include_unreviewed,
    )


def project_member_ids(*, project_id: int) -> list[int]:
    return list(
        Membership.objects.filter(project_id=project_id)
        .order_by()
        .values_list("user_id", flat=True)
    )


def project_members_named(*, project_id: int) -> list[str]:
    return list(
        Membership.objects.filter(project_id=project_id)
        .order_by("user__username")
        .values_list("user__username", flat=True)
    )


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


def segment_qa(*, segment: Segment) -> list[dict]:
    """The segment's stored QA results as the API shows them: ``{check, severity,
    message}``, worst first."""
    return [
        {"check": r["check"], "severity": r["severity"], "message": r["message"]}
        for r in segment.qa or ()
    ]


@cache
def _glossary_rows() -> QuerySet[GlossaryTerm]:
    # The default ordering less its leading "project" (one project: a join for nothing);
    # built once per process: every review page and every save reads the glossary.
    return GlossaryTerm.objects.order_by("source", "rendering", "id").values_list(
        "source", "rendering", "forbidden", "case_sensitive", "note"
    )


_GLOSSARY = prepared.Prepared(
    lambda project_id: _glossary_rows().filter(project_id=project_id),
    names=("project_id",),
    fields=("source", "rendering", "forbidden", "case_sensitive", "note"),
)


def glossary_for_checks(*, project_id: int) -> tuple[checks.GlossaryTerm, ...]:
    """The project's glossary as the checks take it: one query (compiled once)."""
    rows = _GLOSSARY.rows(project_id=project_id)
    return tuple(
        checks.GlossaryTerm(
            source=source,
            rendering=rendering,
            forbidden=tuple(v for v in (forbidden or ()) if isinstance(v, str) and v.strip()),
            case_sensitive=case_sensitive,
            note=note,
        )
        for source, rendering, forbidden, case_sensitive, note in rows
    )


def project_glossary(*, project: Project) -> tuple[checks.GlossaryTerm, ...]:
    """``glossary_for_checks``, remembered on this Project object: a save's QA checks
    and the row it answers with (which marks the terms) read the glossary once."""
    if "_workbench_glossary" not in project.__dict__:
        project.__dict__["_workbench_glossary"] = glossary_for_checks(project_id=project.pk)
    return project.__dict__["_workbench_glossary"]


def glossary_terms(*, project_id: int) -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.filter(project_id=project_id).order_by("source", "rendering"))


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


JOB_BLOBS = ("input_data", "source_data", "output_data")


def job_for_member(*, user, pk: int) -> tuple[Job, str]:
    """A job and the user's role in its project; its stored files are left unread, but
    ``has_file`` says whether it keeps one (an export's, until the retention ends)."""
    job = (
        Job.objects.defer(*JOB_BLOBS, "document__skeleton")
        .select_related("project", "document")
        .annotate(has_file=Q(output_data__isnull=False))
        .filter(pk=pk)
        .first()
    )
    role = job and role_in_project(user=user, project_id=job.project_id)
    if not role:
        raise NotFound(f"No job {pk}")
    return job, role


def job_output(*, job: Job) -> bytes | None:
    """The file a finished export job produced, or None."""
    data = Job.objects.filter(pk=job.pk, status=Job.Status.DONE).values_list(
        "output_data", flat=True
    )
    found = data.first()
    return None if found is None else bytes(found)


@dataclass(frozen=True)
class QaStatus:
    """How far the QA checks of a document are: ``pending`` of ``total`` segments not
    checked yet, and the check job that runs them (None: none queued or running)."""

    total: int
    pending: int
    job: Job | None

    @property
    def checked(self) -> int:
        return self.total - self.pending


def document_qa_status(
    *, document: Document, total: int | None = None, pending: int | None = None
) -> QaStatus | None:
    """None when every segment of the document has been checked. While a check job
    runs, its own counts; otherwise a count of the pending ones (and of all). A caller
    that counted them already (``document_progress``) passes ``total`` and ``pending``,
    and nothing is read when none is pending."""
    if pending == 0:
        return None
    pending_segments = document.segments.filter(qa_level=QaLevel.PENDING)
    if pending is None and not pending_segments.exists():
        return None
    job = (
        Job.objects.filter(
            document=document,
            kind=Job.Kind.CHECK,
            status__in=(Job.Status.QUEUED, Job.Status.RUNNING),
        )
        .defer(*JOB_BLOBS)
        .order_by("-status", "-created_at")  # a running one before a queued one
        .first()
    )
    if job is not None and job.status == Job.Status.RUNNING and job.result.get("total"):
        total, checked = job.result["total"], job.result.get("checked", 0)
        return QaStatus(total=total, pending=total - checked, job=job)
    pending = pending_segments.count() if pending is None else pending
    total = document.segments.count() if total is None else total
    return QaStatus(total=max(total, pending), pending=pending, job=job)


def project_qa_pending(*, project: Project) -> int:
    """How many of the project's segments wait for their QA checks."""
    return Segment.objects.filter(document__project=project, qa_level=QaLevel.PENDING).count()


RECENT_JOBS = 10


def project_jobs(*, project: Project) -> list[Job]:
    """The project's latest jobs, newest first."""
    jobs = (
        Job.objects.filter(project=project)
        .defer(*JOB_BLOBS, "document__skeleton")
        .select_related("document", "created_by")
    )
    return list(jobs.order_by("-created_at", "-id")[:RECENT_JOBS])
