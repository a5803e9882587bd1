"""Project pages: the list of one's projects, a project's documents, upload, members."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import policy, selectors, services
from ..errors import FileTooLarge, ReviewError
from ..forms import InviteForm, UploadForm, WebhookForm
from ..states import Role, can_manage
from .access import member_or_404


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.user_projects(user=request.user)
    return render(request, "reviews/project_list.html", {"projects": projects})


def _project_context(request, project, role, **extra) -> dict:
    documents = selectors.project_documents(project=project)
    for document, _progress in documents:
        # Offered as the document's own page offers them: a document without a source
        # is not offered as TMX or XLIFF (the export would refuse it with a bare 409).
        document.export_formats = services.document_export_formats(document=document)
    return {
        "project": project,
        "role": role,
        "can_manage": can_manage(role),
        "documents": documents,
        "members": selectors.project_members(project=project) if can_manage(role) else (),
        "upload_form": UploadForm(),
        "invite_form": InviteForm(),
        "roles": Role.choices,
        "may_update": policy.may_update_documents(role),
        "jobs": selectors.project_jobs(project=project),
        "export_limit": settings.BACKGROUND_EXPORT_SEGMENTS,
        "background_bytes": settings.BACKGROUND_THRESHOLD_BYTES,
        **_webhooks_context(project, role),
        **extra,
    }


def _webhooks_context(project, role) -> dict:
    if not policy.may_manage_webhooks(role):
        return {"can_manage_webhooks": False}
    return {
        "can_manage_webhooks": True,
        "webhooks": selectors.project_webhooks(project=project),
        "webhook_deliveries": selectors.project_webhook_deliveries(project=project),
        "webhook_form": WebhookForm(),
    }


@login_required
@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    return render(request, "reviews/project.html", _project_context(request, project, role))


@login_required
@require_POST
def document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not policy.may_create_documents(role):
        return HttpResponse(policy.MAY_CREATE_DOCUMENTS + ".", status=403)
    if too_large := _oversized(request):
        return too_large
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload, source = form.cleaned_data["file"], form.cleaned_data["source"]
        background = services.upload_needs_job(upload.size, source.size if source else 0)
        try:
            files = _files(upload, source, form.cleaned_data["format"])
            if background:
                job = services.job_enqueue_import(
                    project=project, user=request.user, title=form.cleaned_data["title"], **files
                )
            else:
                document = services.document_import(
                    project=project, user=request.user, title=form.cleaned_data["title"], **files
                )
        except ReviewError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            if background:
                return redirect(job)
            messages.success(request, f"Imported {document.title}.")
            return redirect(document)
    else:
        status = 422
    context = _project_context(request, project, role, upload_form=form)
    return render(request, "reviews/project.html", context, status=status)


def _oversized(request: HttpRequest) -> HttpResponse | None:
    """413 from the Content-Length alone, before Django reads the multipart body."""
    limit = settings.MAX_UPLOAD_BYTES
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > 2 * limit + 64 * 1024:  # a translation and a source, plus form overhead
        return HttpResponse(
            f"The upload is {length:,} bytes; files may be at most {limit:,} bytes.",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return None


def _files(upload, source, format_name: str) -> dict:
    """The uploaded files as a service's keyword arguments."""
    return {
        "data": _read_upload(upload),
        "filename": services.upload_filename(upload.name),
        "source_data": _read_upload(source) if source else None,
        "source_filename": services.upload_filename(source.name) if source else "",
        "format_name": format_name,
    }


def _read_upload(upload) -> bytes:
    # Refuse before reading: an oversized upload is never loaded into memory.
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise FileTooLarge(
            upload.name,
            f"the file is {upload.size:,} bytes; the limit is {settings.MAX_UPLOAD_BYTES:,}",
        )
    return upload.read()


@login_required
@require_POST
def document_update(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of a document's file (managers)."""
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    if not policy.may_update_documents(role):
        return HttpResponse(policy.MAY_UPDATE_DOCUMENTS + ".", status=403)
    if too_large := _oversized(request):
        return too_large
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose the new version of the file.")
        return redirect(document.project)
    upload, source = form.cleaned_data["file"], form.cleaned_data["source"]
    try:
        files = _files(upload, source, form.cleaned_data["format"])
        if services.upload_needs_job(upload.size, source.size if source else 0):
            job = services.job_enqueue_reimport(document=document, user=request.user, **files)
            return redirect(job)
        report = services.document_reimport(document=document, user=request.user, **files)
    except ReviewError as exc:
        messages.error(request, exc.message)
        return redirect(document.project)
    messages.success(request, f"Updated {document.title}: {report.summary()}.")
    return redirect(document)


@login_required
@require_POST
def document_archive(request: HttpRequest, pk: int) -> HttpResponse:
    document, _role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    archived = request.POST.get("archived") != "0"
    try:
        services.document_archive(document=document, user=request.user, archived=archived)
    except ReviewError as exc:
        return HttpResponse(exc.message, status=exc.status)
    messages.success(request, f"{'Archived' if archived else 'Restored'} {document.title}.")
    return redirect(document.project)


@login_required
@require_POST
def project_settings(request: HttpRequest, slug: str) -> HttpResponse:
    project, _role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    try:
        services.project_update(
            project=project,
            user=request.user,
            four_eyes=request.POST.get("four_eyes") == "on",
            auto_propagate=request.POST.get("auto_propagate") == "on",
        )
    except ReviewError as exc:
        return HttpResponse(exc.message, status=exc.status)
    messages.success(request, "Project settings saved.")
    return redirect(project)
