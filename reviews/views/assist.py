"""The assistance panel of the active segment: what it shows (MT, source, memory,
glossary, QA issues) and its two writes, a check's quick fix and a dismissal.

The review page loads the panel (htmx) into the active row; without JavaScript it is
a page of its own, linked from every row. The writes are plain form posts that come
back to that page; from the review page (htmx) they answer with the segment's row, as
a save does.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from .. import assistance, selectors, services
from ..errors import InvalidInput, ReviewError
from ..models import Segment
from . import rows
from .access import member_or_404
from .segment import _context as segment_context

TEMPLATE = "reviews/assist.html"


def _context(segment: Segment, role: str, *, in_row: bool) -> dict:
    return segment_context(
        segment,
        role,
        assist=assistance.segment_assistance(segment=segment, role=role),
        in_row=in_row,
    )


@login_required
@require_GET
def segment_assist(request: HttpRequest, pk: int) -> HttpResponse:
    segment, role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    if request.htmx:
        context = _context(segment, role, in_row=True)
        return render(request, f"{TEMPLATE}#assist-panel", context)
    return render(request, TEMPLATE, _context(segment, role, in_row=False))


def _index(value: str) -> int:
    if not value.isdigit():
        raise InvalidInput("Say which issue to fix")
    return int(value)


def _version(value: str) -> int:
    if not value.isdigit():
        raise InvalidInput("The form was incomplete; reload the page and try again.")
    return int(value)


def _qa_action(request: HttpRequest, pk: int, perform: Callable, done: str) -> HttpResponse:
    segment, role = member_or_404(selectors.segment_for_action, user=request.user, pk=pk)
    comment_count = segment.comment_count
    error, status = "", 200
    try:
        segment = perform(segment)
    except ReviewError as exc:
        error, status = exc.message, exc.status
    if not request.htmx:
        if status == 403:  # a role that may not: as on every other path
            return HttpResponse(error, status=403, content_type="text/plain")
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"{done} on segment {segment.position + 1}.")
        return redirect("reviews:segment-assist", pk=pk)
    if error:  # the row shows the segment as it is now, whoever changed it
        segment = Segment.objects.select_related("document__project").get(pk=segment.pk)
    selectors.segment_annotate_for_review(segment=segment, comment_count=comment_count)
    document = segment.document
    setting = rows.row_setting(
        project=document.project,
        role=role,
        archived=bool(document.archived_at),
        glossary=selectors.project_glossary(project=document.project),
    )
    row = rows.render_row(request, segment, setting, error=error)
    extras = render_to_string(
        f"{rows.TEMPLATE}#review-status",
        {
            "progress": selectors.document_progress(document=document),
            "announcement": error or f"{done} on segment {segment.position + 1}",
        },
    )
    return HttpResponse(row + extras, status=status)


@login_required
@require_POST
def segment_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the quick fix of one QA issue (``check``, ``index``) as an edit."""

    def perform(segment: Segment) -> Segment:
        return services.segment_apply_fix(
            segment=segment,
            user=request.user,
            check=request.POST.get("check", ""),
            index=_index(request.POST.get("index", "")),
            version=_version(request.POST.get("version", "")),
        )

    return _qa_action(request, pk, perform, "Applied the fix")


@login_required
@require_POST
def segment_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss a QA check for this segment's current text, with a reason."""

    def perform(segment: Segment) -> Segment:
        return services.segment_dismiss_check(
            segment=segment,
            user=request.user,
            check=request.POST.get("check", ""),
            reason=request.POST.get("reason", ""),
            version=_version(request.POST.get("version", "")),
        )

    return _qa_action(request, pk, perform, "Dismissed the check")
