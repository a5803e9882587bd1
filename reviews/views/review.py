"""HTML views. Each reads ``request.htmx`` and renders either the whole page or one
named partial of the same template. Every action is a plain form post first.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .errors import ImportFailed, NotFound, ReviewError, StaleVersion
from .formats import FORMATS
from .forms import ExportForm, MemberForm, SegmentForm, UploadForm
from .models import Document, Segment
from .states import can_manage, can_review

PAGE_SIZE = 100


def _member_or_404(finder: Callable, **kwargs):
    try:
        return finder(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from None


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.user_projects(user=request.user)
    return render(request, "reviews/project_list.html", {"projects": projects})


def _project_context(request, project, role, **extra) -> dict:
    return {
        "project": project,
        "role": role,
        "can_manage": can_manage(role),
        "documents": selectors.project_documents(project=project),
        "members": selectors.project_members(project=project) if can_manage(role) else (),
        "upload_form": UploadForm(),
        "member_form": MemberForm(),
        "export_form": ExportForm(),
        **extra,
    }


@login_required
@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = _member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    return render(request, "reviews/project.html", _project_context(request, project, role))


@login_required
@require_POST
def document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = _member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not can_manage(role):
        return HttpResponse("Only project managers can upload documents.", status=403)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload, source = form.cleaned_data["file"], form.cleaned_data["source"]
        try:
            document = services.document_import(
                project=project,
                user=request.user,
                data=_read_upload(upload),
                filename=upload.name,
                source_data=_read_upload(source) if source else None,
                source_filename=source.name if source else "",
                format_name=form.cleaned_data["format"],
                title=form.cleaned_data["title"],
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Imported {document.title}.")
            return redirect(document)
    context = _project_context(request, project, role, upload_form=form)
    return render(request, "reviews/project.html", context, status=422)


def _read_upload(upload) -> bytes:
    # Refuse before reading: an oversized upload is never loaded into memory.
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ImportFailed(
            upload.name,
            f"the file is {upload.size:,} bytes; the limit is {settings.MAX_UPLOAD_BYTES:,}",
        )
    return upload.read()


@login_required
@require_POST
def member_set(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = _member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not can_manage(role):
        return HttpResponse("Only project managers can change members.", status=403)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            user = services.user_by_name(form.cleaned_data["username"])
            services.membership_set(
                project=project, user=user, role=form.cleaned_data["role"], acting_user=request.user
            )
        except ReviewError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{user.username} is now {form.cleaned_data['role']}.")
    else:
        messages.error(request, "Give a user name and a role.")
    return redirect(project)


@login_required
@require_GET
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = _member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    return render(request, "reviews/document.html", _review_context(request, document, role))


def _review_context(request, document: Document, role: str, page_number=None, **extra) -> dict:
    paginator = Paginator(selectors.segments_for_review(document=document), PAGE_SIZE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    return {
        "document": document,
        "project": document.project,
        "role": role,
        "can_review": can_review(role),
        "page": page,
        "segments": page.object_list,
        "progress": selectors.document_progress(document=document),
        "has_source": selectors.document_has_source(document=document),
        "export_form": ExportForm(initial={"format": document.format}),
        **extra,
    }


@login_required
@require_GET
def document_export(request: HttpRequest, pk: int) -> HttpResponse:
    document, _role = _member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    form = ExportForm(request.GET or {"format": document.format})
    if not form.is_valid():
        return HttpResponse("Unknown export format.", status=400, content_type="text/plain")
    name = form.cleaned_data["format"]
    try:
        data = services.document_export(
            document=document,
            format_name=name,
            approved_only=form.cleaned_data["approved_only"],
            include_mt=form.cleaned_data["include_mt"],
        )
    except ReviewError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
    adapter = FORMATS[name]
    stem = (document.filename or document.title).rsplit(".", 1)[0] or f"document-{document.pk}"
    response = HttpResponse(data, content_type=adapter.media_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}{adapter.extensions[0]}"'
    return response


def _segment_action(request: HttpRequest, pk: int, perform: Callable, done: str) -> HttpResponse:
    segment, role = _member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    form = SegmentForm(request.POST)
    error, status, unsaved = "", 200, ""
    if not form.is_valid():
        error, status = "The form was incomplete; reload the page and try again.", 400
    else:
        try:
            segment = perform(segment, form.cleaned_data)
        except StaleVersion as exc:
            error, status = exc.message, exc.status
            unsaved = form.cleaned_data["target"]  # shown beside theirs, so nothing is lost
        except ReviewError as exc:
            error, status = exc.message, exc.status
    document = segment.document
    page_number = segment.position // PAGE_SIZE + 1
    if not request.htmx:
        if not error:
            messages.success(request, f"{done} segment {segment.position + 1}.")
            url = reverse("reviews:document", args=[document.pk])
            return redirect(f"{url}?page={page_number}#seg-{pk}")
        context = _review_context(
            request, document, role, page_number, errors={segment.pk: (error, unsaved)}
        )
        return render(request, "reviews/document.html", context, status=status)
    fresh = selectors.segments_for_review(document=document).get(pk=segment.pk)
    context = {
        "segment": fresh,
        "project": document.project,
        "can_review": can_review(role),
        "role": role,
        "error": error,
        "unsaved": unsaved,
        "progress": selectors.document_progress(document=document),
        "announcement": error or f"{done} segment {segment.position + 1}",
    }
    row = render_to_string("reviews/document.html#segment-row", context, request=request)
    extras = render_to_string("reviews/document.html#review-status", context, request=request)
    return HttpResponse(row + extras, status=status)


@login_required
@require_POST
def segment_save(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        return services.segment_edit(
            segment=segment, user=request.user, target=data["target"], version=data["version"]
        )

    return _segment_action(request, pk, perform, "Saved")


@login_required
@require_POST
def segment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        target = data["target"] if "target" in request.POST else None
        return services.segment_approve(
            segment=segment, reviewer=request.user, version=data["version"], target=target
        )

    return _segment_action(request, pk, perform, "Approved")


@login_required
@require_POST
def segment_reject(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(segment: Segment, data: dict) -> Segment:
        return services.segment_reject(
            segment=segment, reviewer=request.user, reason=data["reason"], version=data["version"]
        )

    return _segment_action(request, pk, perform, "Rejected")
