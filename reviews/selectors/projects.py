"""Projects and their documents' progress: what the project list and page show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from .. import prepared
from ..errors import NotFound
from ..models import (
    Document,
    Membership,
    Project,
    Segment,
)
from ..states import QaLevel, State


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


def project_by_slug(*, slug: str) -> Project:
    """A project by its slug, for the command line (which acts for the system)."""
    project = Project.objects.filter(slug=slug).first()
    if project is None:
        raise NotFound(f"no project {slug!r}")
    return project
