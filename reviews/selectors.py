"""Every read that views, the API and the commands share, with its queries tuned.

Access checks live here too: a user who is not a member of a project gets ``NotFound``
for it and everything in it, exactly as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import checks, tm
from .errors import NotFound
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
from .states import REVIEWERS, Action, QaLevel, State


def role_in_project(*, user, project_id: int) -> str | None:
    """The user's role in the project, or None; remembered on the user for one request
    (views and the services they call ask the same question)."""
    if not user.is_authenticated:
        return None
    roles = user.__dict__.setdefault("_workbench_roles", {})
    if project_id not in roles:
        roles[project_id] = (
            Membership.objects.filter(user=user, project_id=project_id)
            .values_list("role", flat=True)
            .first()
        )
    return roles[project_id]


def forget_roles(user) -> None:
    """Drop the roles remembered on this user object (after a membership change)."""
    user.__dict__.pop("_workbench_roles", None)


def user_projects(*, user) -> list[tuple[Project, Progress]]:
    """The user's projects, each with ``role``, document count and progress by state."""
    if not user.is_authenticated:
        return []
    role = Membership.objects.filter(user=user, project=OuterRef("pk")).values("role")[:1]
    documents = (
        Document.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("id"))
        .values("n")
    )
    counts = {
        f"n_{state.value}": Count("documents__segments", filter=Q(documents__segments__state=state))
        for state in State
    }
    projects = (
        Project.objects.filter(memberships__user=user)
        .annotate(
            role=Subquery(role),
            document_count=Coalesce(Subquery(documents, output_field=IntegerField()), 0),
            **counts,
        )
        .order_by("name")
    )
    return [
        (p, _progress({state.value: getattr(p, f"n_{state.value}") for state in State}))
        for p in projects
    ]


def project_for_member(*, user, slug: str) -> tuple[Project, str]:
    project = Project.objects.filter(slug=slug).first()
    role = project and role_in_project(user=user, project_id=project.pk)
    if not role:
        raise NotFound(f"No project {slug!r}")
    return project, role


def document_for_member(*, user, pk: int) -> tuple[Document, str]:
    document = Document.objects.select_related("project").filter(pk=pk).first()
    role = document and role_in_project(user=user, project_id=document.project_id)
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
    segment = Segment.objects.select_related("document__project").filter(pk=pk).first()
    role = segment and role_in_project(user=user, project_id=segment.document.project_id)
    if not role:
        raise NotFound(f"No segment {pk}")
    return segment, role


def segments_for_review(*, document: Document) -> QuerySet[Segment]:
    """The document's segments in order, each with the reason of its latest rejection
    and its number of comments: one query, whatever the page size."""
    latest_reject = Revision.objects.filter(segment=OuterRef("pk"), action=Action.REJECT).order_by(
        "-version", "-id"
    )
    comments = (
        Comment.objects.filter(segment=OuterRef("pk"))
        .order_by()
        .values("segment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return document.segments.order_by("position").annotate(
        rejection_reason=Subquery(latest_reject.values("note")[:1]),
        comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), 0),
    )


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


def document_has_source(*, document: Document) -> bool:
    """False for a translation reviewed on its own (no source delivered)."""
    return document.segments.exclude(source="").exists()


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

    @property
    def done(self) -> int:
        return sum(c.count for c in self.counts if c.state == State.APPROVED)

    def count(self, state: str) -> int:
        return next((c.count for c in self.counts if c.state == state), 0)


def _progress(raw: dict[str, int]) -> Progress:
    total = sum(raw.values())
    counts, offset = [], 0.0
    for state in BAR_ORDER:
        percent = round(100 * raw.get(state.value, 0) / total, 3) if total else 0.0
        counts.append(
            StateCount(state.value, state.label, raw.get(state.value, 0), percent, offset)
        )
        offset += percent
    return Progress(total=total, counts=tuple(counts))


def document_progress(*, document: Document) -> Progress:
    rows = document.segments.values("state").annotate(n=Count("id")).order_by()
    return _progress({row["state"]: row["n"] for row in rows})


def project_documents(*, project: Project) -> list[tuple[Document, Progress]]:
    """The project's documents with their progress and, as ``qa_errors`` and
    ``qa_warnings``, how many segments have QA errors or warnings (at worst): one query."""
    aggregates = {
        f"n_{state.value}": Count("segments", filter=Q(segments__state=state.value))
        for state in State
    }
    aggregates["qa_errors"] = Count("segments", filter=Q(segments__qa_level=QaLevel.ERROR))
    aggregates["qa_warnings"] = Count("segments", filter=Q(segments__qa_level=QaLevel.WARNING))
    documents = project.documents.annotate(**aggregates).order_by(
        F("archived_at").asc(nulls_first=True), "created_at", "id"
    )
    return [
        (doc, _progress({state.value: getattr(doc, f"n_{state.value}") for state in State}))
        for doc in documents
    ]


def project_members(*, project: Project) -> QuerySet[Membership]:
    return project.memberships.select_related("user").order_by("user__username")


def export_segments(*, document: Document) -> QuerySet[Segment]:
    """Segments with what exports need: the first and last revision's author and time."""
    revisions = Revision.objects.filter(segment=OuterRef("pk"))
    first = revisions.order_by("version", "id")
    last = revisions.order_by("-version", "-id")
    return segments_for_review(document=document).annotate(
        created_at=Subquery(first.values("created_at")[:1]),
        created_by=Subquery(first.values("author__username")[:1]),
        changed_at=Subquery(last.values("created_at")[:1]),
        changed_by=Subquery(last.values("author__username")[:1]),
    )


QUEUE_LIMIT = 50


def user_queue(*, user) -> dict[str, list[Segment]]:
    """What waits for this user across their projects.

    ``rejected``: segments an editor sent back whose text this user last wrote;
    ``review``: translated segments waiting in projects where the user reviews;
    ``mentions``: open comment threads that mention the user.
    """
    memberships = Membership.objects.filter(user=user)
    project_ids = list(memberships.values_list("project_id", flat=True))
    review_ids = list(memberships.filter(role__in=REVIEWERS).values_list("project_id", flat=True))
    last_editor = (
        Revision.objects.filter(segment=OuterRef("pk"), action=Action.EDIT)
        .order_by("-version", "-id")
        .values("author")[:1]
    )
    base = Segment.objects.select_related("document__project").order_by("document_id", "position")
    rejected = (
        base.filter(document__project_id__in=project_ids, state=State.REJECTED)
        .annotate(last_editor=Subquery(last_editor))
        .filter(Q(last_editor=user.pk) | Q(last_editor=None))
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


def project_members_named(*, project_id: int) -> list[str]:
    return list(
        Membership.objects.filter(project_id=project_id)
        .order_by("user__username")
        .values_list("user__username", flat=True)
    )


ACTIVITY_PAGE = 100


def document_activity(*, document: Document) -> QuerySet[Revision]:
    """Every change in the document, newest first (imports left out)."""
    return (
        Revision.objects.filter(segment__document=document)
        .exclude(action=Action.IMPORT)
        .select_related("author", "segment")
        .order_by("-created_at", "-id")
    )


def segment_qa(*, segment: Segment) -> list[dict]:
    """The segment's stored QA results as the API shows them: ``{check, severity,
    message}``, worst first."""
    return [
        {"check": r["check"], "severity": r["severity"], "message": r["message"]}
        for r in segment.qa or ()
    ]


def glossary_for_checks(*, project_id: int) -> tuple[checks.GlossaryTerm, ...]:
    """The project's glossary as the checks take it: one query."""
    rows = GlossaryTerm.objects.filter(project_id=project_id).values_list(
        "source", "rendering", "forbidden", "case_sensitive", "note"
    )
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


def glossary_terms(*, project_id: int) -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.filter(project_id=project_id).order_by("source", "rendering"))


MEMORY_MATCHES = 3


def memory_matches(*, segment: Segment, limit: int = MEMORY_MATCHES) -> list[tm.Match]:
    """The best memory matches for a segment, best first, at least ``tm.MIN_SCORE`` %.

    The memory's n-gram index gives a few dozen candidates in one query
    (``memory_index``); only those are scored with rapidfuzz. One match per distinct
    translation, and never the segment's own unit.
    """
    key, kind = tm.memory_key(segment.source, segment.mt)
    if not key:
        return []
    units = memory_candidates(
        project_id=segment.document.project_id,
        key=key,
        kind=kind,
        exclude_segment_id=segment.pk,
    )
    scored = sorted(
        ((tm.score(key, unit.key), unit) for unit in units),
        key=lambda pair: (-pair[0], -pair[1].pk),
    )
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
    """A job and the user's role in its project; its stored files are left unread."""
    job = Job.objects.defer(*JOB_BLOBS).select_related("project", "document").filter(pk=pk).first()
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


RECENT_JOBS = 10


def project_jobs(*, project: Project) -> list[Job]:
    """The project's latest jobs, newest first."""
    jobs = (
        Job.objects.filter(project=project)
        .defer(*JOB_BLOBS)
        .select_related("document", "created_by")
    )
    return list(jobs.order_by("-created_at", "-id")[:RECENT_JOBS])
