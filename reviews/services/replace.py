"""Find and replace across a document or a whole project.

:func:`replace_preview` (a read) and :func:`segments_find_replace` (the write) share
:func:`reviews.find_replace.replace_in`, so what is applied is what was previewed. The
write is one transaction whose revisions share a batch, undone in one step by
``bulk_undo``.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from .. import limits, policy
from ..diffs import diff_html
from ..errors import InvalidInput, NotAllowed, NotFound
from ..find_replace import FindSpec, compile_spec, find_hits, replace_in
from ..models import Document, Project, Segment
from ..selectors import role_in_project
from ..states import Action, State, can_edit, can_review
from .bulk import BulkResult, _apply
from .glossary import glossary_add_forbidden

PREVIEW_LIMIT = 500
CONTEXT = 40  # characters shown either side of an occurrence


@dataclass(frozen=True)
class HitPreview:
    index: int
    diff: SafeString  # the occurrence in a little context, old struck out, new inserted


@dataclass(frozen=True)
class Occurrence:
    """One segment the replacement would change, with each of its occurrences."""

    segment: Segment
    count: int
    new_target: str
    diff: SafeString
    allowed: bool  # whether the previewing user may change it
    hits: tuple[HitPreview, ...] = ()


def _hit_preview(text: str, hit, lang: str) -> HitPreview:
    start, end = max(0, hit.start - CONTEXT), min(len(text), hit.end + CONTEXT)
    before = ("…" if start else "") + text[start : hit.start]
    after = text[hit.end : end] + ("…" if end < len(text) else "")
    old = before + text[hit.start : hit.end] + after
    return HitPreview(hit.index, diff_html(old, before + hit.replacement + after, lang))


def _scope(project: Project, document: Document | None) -> QuerySet[Segment]:
    """The segments a replacement may reach: never those of an archived document."""
    qs = Segment.objects.filter(document__project=project)
    if document is not None:
        if document.project_id != project.pk:
            raise NotFound("No such document in this project")
        policy.ensure_writable(document)
        qs = qs.filter(document=document)
    return policy.writable(qs).exclude(target="")


def _role(user, project: Project) -> str:
    role = role_in_project(user=user, project_id=project.pk)
    if not role:
        raise NotFound(f"No project {project.slug!r}")
    return role


def _candidates(qs: QuerySet[Segment], spec: FindSpec) -> QuerySet[Segment]:
    # Plain text narrows in the database first; a pattern must look at every segment.
    if not spec.use_regex:
        qs = qs.filter(target__icontains=spec.find)
    return qs


def replace_preview(
    *, project: Project, user, spec: FindSpec, document: Document | None = None
) -> tuple[list[Occurrence], bool]:
    """Every segment in scope that the replacement changes, with a diff; and whether the
    list was cut at ``PREVIEW_LIMIT``."""
    role = _role(user, project)
    pattern = compile_spec(spec)
    qs = _candidates(_scope(project, document), spec).select_related("document")
    found: list[Occurrence] = []
    for segment in qs.order_by("document_id", "position").iterator(chunk_size=1000):
        new, count = replace_in(segment.target, pattern, spec)
        if not count or new == segment.target:
            continue
        if len(found) == PREVIEW_LIMIT:
            return found, True
        lang = project.target_lang
        found.append(
            Occurrence(
                segment=segment,
                count=count,
                new_target=new,
                diff=diff_html(segment.target, new, lang),
                allowed=not segment.read_only and can_edit(role, segment.state),
                hits=tuple(
                    _hit_preview(segment.target, hit, lang)
                    for hit in find_hits(segment.target, pattern, spec)
                ),
            )
        )
    return found, False


@transaction.atomic
def segments_find_replace(
    *,
    project: Project,
    user,
    spec: FindSpec,
    picks: Mapping[int, int],
    occurrences: Mapping[int, Collection[int]] | None = None,
    document: Document | None = None,
    keep_approved: bool = False,
    add_forbidden: bool = False,
) -> BulkResult:
    """Replace in the picked segments ({segment id: version seen in the preview}); with
    ``occurrences`` ({segment id: indices of its matches}) only those matches of a
    segment are replaced, the others stay.

    Segments changed since the preview, read-only ones, those of archived documents
    and (for translators) approved ones are skipped. An approved segment that changes
    goes back to translated unless an editor keeps it approved; with four-eyes review
    on, the editor becomes the author of the new text, and so cannot keep it approved:
    it goes back to translated too (counted as ``four_eyes``).
    """
    role = _role(user, project)
    pattern = compile_spec(spec)
    if not picks:
        raise InvalidInput("Choose at least one segment to change")
    if keep_approved and not can_review(role):
        raise NotAllowed("Only editors and managers can keep changed segments approved")
    if add_forbidden:
        if spec.use_regex:
            raise InvalidInput("Only a plain text can become a forbidden variant")
        if not spec.replacement.strip():
            raise InvalidInput("A forbidden variant needs the replacement as its rendering")
        # First, so that the QA of the changed segments already sees the new term.
        glossary_add_forbidden(
            project=project, user=user, variant=spec.find, rendering=spec.replacement
        )
    segments = list(
        _scope(project, document)
        .select_for_update()
        .filter(pk__in=list(picks))
        .order_by("document_id", "position")
    )
    changes = []
    demoted = 0
    for segment in segments:
        if segment.version != picks[segment.pk] or segment.read_only:
            continue
        if not can_edit(role, segment.state):
            continue
        only = (occurrences or {}).get(segment.pk)
        new, count = replace_in(segment.target, pattern, spec, only=only)
        if not count or new == segment.target:
            continue
        if len(new) > limits.TARGET_MAX:
            raise InvalidInput(
                f"Segment {segment.position + 1} would be longer than "
                f"{limits.TARGET_MAX:,} characters: nothing was replaced"
            )
        keep = segment.state == State.APPROVED and keep_approved
        if keep and policy.four_eyes_refusal(project=project, user=user, text_author_id=user.pk):
            keep, demoted = False, demoted + 1
        state = State.TRANSLATED if new.strip() else State.UNTRANSLATED
        if keep:
            state = State.APPROVED
        changes.append((segment, Action.EDIT, new, state, spec.describe()))
    batch = uuid.uuid4() if changes else None
    _apply(changes, user=user, batch=batch, project=project)
    archived = Segment.objects.filter(
        pk__in=list(picks), document__project=project, document__archived_at__isnull=False
    ).count()
    return BulkResult(
        batch,
        "replace",
        len(changes),
        len(picks) - len(changes),
        four_eyes=demoted,
        archived=archived,
    )
