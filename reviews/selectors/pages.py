"""Keyset pages of the API's lists: segments (filtered), a segment's revisions, the
caller's projects, a project's webhook endpoints.

Each page is "the first ``limit`` items after this sort key", read from an index:
segments by the unique (document, position) of the live segments, revisions by
segment (a segment has few), projects by name and id. Unlike OFFSET, the last page costs
what the first does, and an item that changes between two pages is neither skipped nor
sent twice (edits never move a segment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from ..models import Document, Project, Revision, Segment, WebhookEndpoint
from ..states import QA_AT_LEAST, QaLevel
from .changes import after_feed_key
from .keyset import Page, keyset_page


@dataclass(frozen=True)
class SegmentQuery:
    """The API's segment filters; empty ones filter nothing."""

    states: frozenset[str] = frozenset()
    severity: str = ""  # the worst QA issue is at least this severe
    checks: frozenset[str] = frozenset()  # any of these QA checks fired
    changed_since: datetime | None = None
    changed_after: tuple[int, int] | None = None  # a change-feed key: changed after it
    leave_out: frozenset[str] = frozenset()  # the heavy columns not asked for (mt, qa)


def _filtered(queryset: QuerySet[Segment], query: SegmentQuery) -> QuerySet[Segment]:
    if query.states:
        queryset = queryset.filter(state__in=query.states)
    if query.severity:
        queryset = queryset.filter(qa_level__in=QA_AT_LEAST[QaLevel(query.severity)])
    if query.checks:
        fired = Q()
        for check in sorted(query.checks):  # qa_checks holds " id1 id2 "
            fired |= Q(qa_checks__contains=f" {check} ")
        queryset = queryset.filter(fired)
    if query.changed_since is not None:
        queryset = queryset.filter(changed_at__gte=query.changed_since)
    if query.changed_after is not None:
        later = after_feed_key(Revision.objects.filter(segment=OuterRef("pk")), query.changed_after)
        queryset = queryset.filter(Exists(later))
    return queryset


def segment_page(*, document: Document, query: SegmentQuery, after: int | None, limit: int) -> Page:
    """The live segments matching ``query`` after position ``after``, in order, and how
    many match in all."""
    matching = _filtered(Segment.objects.filter(document=document), query)
    page = matching.order_by("position")
    if query.leave_out:
        page = page.defer(*query.leave_out)
    if after is not None:
        page = page.filter(position__gt=after)
    return keyset_page(page, limit=limit, key=("position",), total=matching.count())


def revision_page(*, segment: Segment, after: tuple[int, int] | None, limit: int) -> Page:
    """The segment's history, oldest first (by version, then id)."""
    revisions = segment.revisions.select_related("author").order_by("version", "id")
    total = revisions.count()
    if after is not None:
        version, pk = after
        revisions = revisions.filter(Q(version__gt=version) | Q(version=version, id__gt=pk))
    return keyset_page(revisions, limit=limit, key=("version", "id"), total=total)


def member_project_page(*, user, after: tuple[str, int] | None, limit: int) -> Page:
    """The projects the user is a member of, by name, each with the user's ``role``."""
    projects = (
        Project.objects.filter(memberships__user=user)
        .annotate(role=F("memberships__role"))  # the same join as the filter
        .order_by("name", "id")
    )
    total = projects.count()
    if after is not None:
        name, pk = after
        projects = projects.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    return keyset_page(projects, limit=limit, key=("name", "id"), total=total)


def webhook_page(*, project: Project, after: int | None, limit: int) -> Page:
    """The project's webhook endpoints, oldest first (by id)."""
    endpoints = WebhookEndpoint.objects.filter(project=project).order_by("id")
    total = endpoints.count()
    if after is not None:
        endpoints = endpoints.filter(id__gt=after)
    return keyset_page(endpoints, limit=limit, key=("id",), total=total)
