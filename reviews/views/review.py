"""The review page and the actions on one segment.

Each view reads ``request.htmx`` and renders either the whole page or one named
partial of the same template. Every action is a plain form post first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..checks import CHECKS
from ..errors import QaBlocked, ReviewError, StaleVersion
from ..formats import FORMATS
from ..forms import ExportForm, SegmentForm
from ..models import REVIEW_PAGE_SIZE, Document, Segment
from ..segment_filters import SEARCH_FIELDS, apply_filter, parse_filter
from ..states import NEEDS_WORK, SEVERITIES, QaLevel, State, can_review
from . import repetitions, rows
from .access import member_or_404
from .jobs import export_offer

PAGE_SIZE = REVIEW_PAGE_SIZE
FILTER_PANEL = f"{rows.TEMPLATE}#filter-panel"


@login_required
@require_GET
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_review, user=request.user, pk=pk)
    goto = request.GET.get("goto", "").strip()
    if goto:
        target = (
            document.segments.filter(position=int(goto) - 1).first() if goto.isdigit() else None
        )
        if target is not None:
            return redirect(target.get_absolute_url())
        messages.error(request, f"There is no segment {goto} in this document.")
    context = _review_context(request, document, role)
    if request.htmx:  # one more page for a list that shows the pages before it already
        first = request.GET.get("first", "")
        context["first_page"] = int(first) if first.isdigit() else None
        return render(request, "reviews/document.html#page-rows", context)
    return render(request, "reviews/document.html", context)


def _row_setting(document: Document, role: str) -> rows.RowSetting:
    return rows.row_setting(
        project=document.project,
        role=role,
        archived=bool(document.archived_at),
        glossary=selectors.project_glossary(project=document.project),
    )


def _review_context(request, document: Document, role: str, page_number=None, errors=None) -> dict:
    """The page; ``document`` comes from ``selectors.document_for_review``."""
    flt = parse_filter(request.GET)
    filter_errors = list(flt.errors)
    progress = selectors.document_progress(document=document)
    segments = selectors.segments_for_review(document=document)
    unfiltered = not flt.active
    try:
        segments = apply_filter(segments, flt)
    except ReviewError as exc:
        filter_errors.append(exc.message)
        segments, unfiltered = segments.none(), False
    if unfiltered:  # the progress bar counted them already
        paginator = Paginator(_DocumentRows(document, progress.total), PAGE_SIZE)
    else:
        paginator = Paginator(segments.values_list(*rows.SHOWN_FIELDS, named=True), PAGE_SIZE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    setting = _row_setting(document, role)
    return {
        "document": document,
        "project": document.project,
        "role": role,
        "can_review": can_review(role),
        "page": page,
        "rows": rows.render_rows(request, page.object_list, setting, errors=errors),
        "filter": flt,
        "filter_errors": filter_errors,
        "filter_panel": _filter_panel(document.pk, flt, bool(filter_errors), *rows.drawn_by()),
        "filter_query": flt.query_string(),
        "needs_work": " ".join(sorted(NEEDS_WORK[role])),
        "progress": progress,
        "has_source": document.has_source,
        "export_formats": services.document_export_formats(document=document),
        "export_limit": settings.BACKGROUND_EXPORT_SEGMENTS,  # bigger: prepared in a job
        "undo": _pending_undo(request, document),
        "repetitions": repetitions.pending_note(request, document),
        # where the bulk bar's confirmation dialog reads its breakdown
        "bulk_preview_url": reverse("reviews:document-bulk-preview", args=[document.pk]),
        "archived": bool(document.archived_at),
        "qa_status": selectors.document_qa_status(
            document=document, total=progress.total, pending=progress.pending
        ),
    }


@lru_cache(maxsize=1024)
def _filter_panel(document_pk: int, flt, opened: bool, *drawn_by) -> SafeString:
    """The filter form, the same for every view of a document with the same filter
    (``drawn_by``: the template and the URLs' language and prefix, see ``rows``)."""
    context = {
        "document": {"pk": document_pk},
        "filter": flt,
        "filter_errors": opened,
        "states": State.choices,
        "search_fields": SEARCH_FIELDS,
        "qa_levels": [(v, label) for v, label in QaLevel.choices if v in SEVERITIES],
        "checks": CHECKS,
    }
    return mark_safe(render_to_string(FILTER_PANEL, context))  # noqa: S308 - a template's


class _DocumentRows:
    """All of a document's rows, as the paginator slices them: each page is one run of
    ``selectors.review_rows``; ``total`` is already known."""

    def __init__(self, document: Document, total: int):
        self.document, self.total = document, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, page: slice) -> list[tuple]:
        start, stop, _step = page.indices(self.total)
        return selectors.review_rows(document=self.document, offset=start, limit=stop - start)


def _pending_undo(request, document: Document) -> dict | None:
    undo = request.session.get("bulk_undo")
    return undo if undo and undo.get("document") == document.pk else None


@login_required
@require_GET
def document_export(request: HttpRequest, pk: int) -> HttpResponse:
    document, _role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    form = ExportForm(request.GET or {"format": document.format})
    if not form.is_valid():
        return HttpResponse("Unknown export format.", status=400, content_type="text/plain")
    name = form.cleaned_data["format"]
    count = document.segments.count()
    if services.export_needs_job(segment_count=count):
        return export_offer(request, document, form, count)
    try:
        data = services.document_export(
            document=document,
            format_name=name,
            approved_only=form.cleaned_data["approved_only"],
            include_mt=form.cleaned_data["include_mt"],
        )
    except ReviewError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
    response = HttpResponse(data, content_type=FORMATS[name].media_type)
    filename = services.export_filename(
        document=document, format_name=name, approved_only=form.cleaned_data["approved_only"]
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _segment_action(
    request: HttpRequest, pk: int, perform: Callable, done: str, *, propagates: bool = False
) -> HttpResponse:
    """One action on a row; ``propagates``: a save or an approval, after which the
    segment's repetitions are offered its text (or given it, as the project says)."""
    segment, role = member_or_404(selectors.segment_for_action, user=request.user, pk=pk)
    comment_count = segment.comment_count
    form = SegmentForm(request.POST)
    error, status, unsaved, blocked = "", 200, "", False
    if not form.is_valid():
        error, status = "The form was incomplete; reload the page and try again.", 400
    else:
        try:
            segment = perform(segment, {**form.cleaned_data, "errors": form.lqa_errors()})
        except StaleVersion as exc:
            error, status = exc.message, exc.status
            unsaved = form.cleaned_data["target"]  # shown beside theirs, so nothing is lost
        except QaBlocked as exc:
            # Nothing was saved: the text stays in the box, with the override field.
            error, status, blocked = exc.message, exc.status, True
            unsaved = form.cleaned_data["target"] if "target" in request.POST else ""
        except ReviewError as exc:
            error, status = exc.message, exc.status
    note = repetitions.after_write(request, segment) if propagates and not error else None
    if not request.htmx:
        if not error:
            messages.success(request, f"{done} segment {segment.position + 1}.")
            repetitions.remember(request, note)
            return redirect(segment.get_absolute_url())
        document, role = member_or_404(
            selectors.document_for_review, user=request.user, pk=segment.document_id
        )
        page_number = segment.position // PAGE_SIZE + 1
        context = _review_context(
            request, document, role, page_number, errors={segment.pk: (error, unsaved, blocked)}
        )
        return render(request, "reviews/document.html", context, status=status)
    if error:  # the row shows the segment as it is now, whoever changed it
        segment = Segment.objects.select_related("document__project").get(pk=segment.pk)
    # Otherwise the service returned the segment as it wrote it: not read again.
    selectors.segment_annotate_for_review(segment=segment, comment_count=comment_count)
    document = segment.document
    row = rows.render_row(
        request,
        segment,
        _row_setting(document, role),
        error=error,
        unsaved=unsaved,
        blocked=blocked,
    )
    announcement = error or f"{done} segment {segment.position + 1}"
    if note is not None:
        announcement += f". {note['message']}"
    extras = render_to_string(
        "reviews/document.html#review-status",
        {"progress": selectors.document_progress(document=document), "announcement": announcement},
    )
    return HttpResponse(row + extras + repetitions.note_html(request, note), status=status)


@login_required
@require_POST
def segment_save(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        return services.segment_edit(
            segment=segment,
            user=request.user,
            target=data["target"],
            version=data["version"],
            edit_ms=data["edit_ms"],
        )

    return _segment_action(request, pk, perform, "Saved", propagates=True)


@login_required
@require_POST
def segment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        target = data["target"] if "target" in request.POST else None
        return services.segment_approve(
            segment=segment,
            reviewer=request.user,
            version=data["version"],
            target=target,
            edit_ms=data["edit_ms"],
            errors=data["errors"],
            override_reason=data["override_reason"],
        )

    return _segment_action(request, pk, perform, "Approved", propagates=True)


@login_required
@require_POST
def segment_reject(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        return services.segment_reject(
            segment=segment,
            reviewer=request.user,
            reason=data["reason"],
            version=data["version"],
            errors=data["errors"],
        )

    return _segment_action(request, pk, perform, "Rejected")
