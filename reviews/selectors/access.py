"""Access: a user who is not a member of a project gets ``NotFound`` for it and
everything in it, exactly as if it did not exist; the rows an action reads, in one query."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from .. import prepared
from ..errors import NotFound
from ..models import (
    Comment,
    Document,
    GlossaryTerm,
    Membership,
    Project,
    Segment,
)


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


def _comment_count() -> Coalesce:
    comments = (
        Comment.objects.filter(segment=OuterRef("pk"))
        .order_by()
        .values("segment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(comments, output_field=IntegerField()), 0)


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
