"""The endpoints of /api/v1/. Thin: parse, call a selector or service, serialize."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from .. import limits, policy, reports, selectors, services
from ..errors import (
    Gone,
    ImportFailed,
    InvalidField,
    InvalidInput,
    NotFound,
    NotReady,
    ReviewError,
)
from ..formats import FORMATS
from ..middleware import is_database_busy
from ..models import Job
from .paging import conditional, cursor_make, page_limit, paged_response, request_cursor
from .responses import api_view, error
from .schema import openapi_schema
from .segment_query import segment_query
from .serializers import (
    change_json,
    document_json,
    job_json,
    metrics_json,
    project_json,
    report_json,
    revision_json,
    segment_fields_json,
    segment_json,
)

FORMAT_CHOICES = ("auto", *FORMATS)


def _json_body(request: HttpRequest) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[...
        raise InvalidInput("The body is not valid JSON") from None
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a JSON object")
    return body


def _version(body: dict) -> int:
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidField("version", "'version' must be the segment's version, a positive integer")
    return version


def _text(fields, name: str, *, max_length: int, default: str | None = None) -> str:
    """A text field of the body (or form), no longer than the web form takes
    (reviews/limits.py); without a ``default`` it is required."""
    value = fields.get(name, default)
    if not isinstance(value, str):
        raise InvalidField(name, f"'{name}' must be a string")
    if len(value) > max_length:
        raise InvalidField(
            name, f"'{name}' can be at most {max_length:,} characters; it has {len(value):,}"
        )
    return value


def _errors(body: dict) -> list:
    """Optional LQA errors: a list of {category, severity, note}; services check them."""
    errors = body.get("errors", [])
    if not isinstance(errors, list):
        raise InvalidInput("'errors' must be a list of {category, severity, note}")
    return errors


def _flag(request: HttpRequest, name: str) -> bool:
    value = request.GET.get(name, "false").lower()
    if value not in {"true", "false", "1", "0"}:
        raise InvalidInput(f"'{name}' must be true or false")
    return value in {"true", "1"}


@api_view("GET", auth=False)
def schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_schema(request.build_absolute_uri("/api/v1")))


def _paged(request: HttpRequest, scope: str, page: selectors.Page, items: list) -> JsonResponse:
    """A page of a list; ``scope`` names the list its cursors belong to."""
    next_cursor = cursor_make(scope, page.next_key) if page.next_key else None
    return paged_response(request, items, total=page.total, next_cursor=next_cursor)


@api_view("GET")
def projects(request: HttpRequest) -> JsonResponse:
    scope = f"projects:{request.user.pk}"
    page = selectors.member_project_page(
        user=request.user, after=request_cursor(request, scope, size=2), limit=page_limit(request)
    )
    return _paged(request, scope, page, [project_json(p, p.role) for p in page.items])


@api_view("GET")
def project_changes(request: HttpRequest, slug: str) -> JsonResponse:
    """The change feed: every revision of the project, in commit order (see
    reviews/commit_order.py); each entry's ``cursor`` resumes the feed after it."""
    project, _role = selectors.project_for_member(user=request.user, slug=slug)
    scope = f"changes:{project.pk}"
    after = request_cursor(request, scope, size=2)
    page = selectors.project_changes(
        project=project, after=tuple(after) if after else None, limit=page_limit(request)
    )
    items = [change_json(r, cursor=cursor_make(scope, (r.xid, r.pk))) for r in page.items]
    return _paged(request, scope, page, items)


class TooLarge(Exception):
    pass


def _uploads(request: HttpRequest):
    """The multipart 'file' and optional 'source', size-checked before parsing.

    An oversized body is refused from its Content-Length, before Django reads it.
    """
    limit = settings.MAX_UPLOAD_BYTES
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > 2 * limit + 64 * 1024:  # a translation and a source, plus form overhead
        raise TooLarge(f"The upload is {length:,} bytes; files may be {limit:,}")
    upload, source = request.FILES.get("file"), request.FILES.get("source")
    if upload is None:
        raise InvalidInput("Send the file as multipart form field 'file'")
    for item in (upload, source):
        if item is not None and item.size > limit:
            raise TooLarge(f"{item.name}: {item.size:,} bytes; the limit is {limit:,}")
    fmt = request.POST.get("format", "auto")
    if fmt not in FORMAT_CHOICES:
        raise InvalidInput(f"'format' must be one of {', '.join(FORMAT_CHOICES)}")
    return {
        "data": upload.read(),
        "filename": services.upload_filename(upload.name),
        "source_data": source.read() if source else None,
        "source_filename": services.upload_filename(source.name) if source else "",
        "format_name": fmt,
    }


@api_view("POST")
def document_create(request: HttpRequest, slug: str) -> JsonResponse:
    project, role = selectors.project_for_member(user=request.user, slug=slug)
    policy.ensure_may_create_documents(role)
    title = _text(request.POST, "title", max_length=limits.TITLE_MAX, default="")
    try:
        files = _uploads(request)
        if _in_background(files):
            job = services.job_enqueue_import(
                project=project, user=request.user, title=title, **files
            )
            return _accepted(request, job)
        document = services.document_import(
            project=project, user=request.user, title=title, **files
        )
    except TooLarge as exc:
        return error(413, "too_large", str(exc))
    except ImportFailed as exc:
        return error(exc.status, exc.code, exc.message, file=exc.filename)
    progress = selectors.document_progress(document=document)
    return JsonResponse(document_json(document, progress), status=201)


@api_view("POST")
def document_update(request: HttpRequest, pk: int) -> JsonResponse:
    document, role = selectors.document_for_member(user=request.user, pk=pk)
    policy.ensure_may_update_documents(role)
    try:
        files = _uploads(request)
        if _in_background(files):
            job = services.job_enqueue_reimport(document=document, user=request.user, **files)
            return _accepted(request, job)
        report = services.document_reimport(document=document, user=request.user, **files)
    except TooLarge as exc:
        return error(413, "too_large", str(exc))
    except ImportFailed as exc:
        return error(exc.status, exc.code, exc.message, file=exc.filename)
    progress = selectors.document_progress(document=document)
    return JsonResponse(
        {
            "document": document_json(document, progress),
            "kept": len(report.kept),
            "changed": len(report.changed),
            "added": len(report.added),
            "removed": len(report.removed),
            "approved_changed": len(report.approved_changed),
        }
    )


def _in_background(files: dict) -> bool:
    return services.upload_needs_job(len(files["data"]), len(files["source_data"] or b""))


def _accepted(request: HttpRequest, job) -> JsonResponse:
    """202: the work is big, a worker does it (an import, an export, measuring); the
    caller follows ``status_url``."""
    status_url = request.build_absolute_uri(reverse("api:job", args=[job.pk]))
    body = {"job": _job_json(request, job), "status_url": status_url}
    response = JsonResponse(body, status=202)
    response["Location"] = status_url
    return response


def _job_json(request: HttpRequest, job) -> dict:
    ready = job.status == Job.Status.DONE and getattr(job, "has_file", job.kind == Job.Kind.EXPORT)
    url = request.build_absolute_uri(reverse("api:job-file", args=[job.pk])) if ready else None
    return job_json(job, file_url=url)


@api_view("GET")
def job_detail(request: HttpRequest, pk: int) -> JsonResponse:
    job, _role = selectors.job_for_member(user=request.user, pk=pk)
    job = services.job_fail_if_stale(job=job)
    return JsonResponse(_job_json(request, job))


@api_view("GET")
def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The file a finished export job prepared (the same bytes as the CLI's export)."""
    job, _role = selectors.job_for_member(user=request.user, pk=pk)
    data = selectors.job_output(job=job) if job.kind == Job.Kind.EXPORT else None
    if data is None:
        raise _no_file(job)
    return _download(data, job.result["media_type"], job.result["filename"])


def _no_file(job) -> Exception:
    if job.kind != Job.Kind.EXPORT:
        return NotFound(f"Job {job.pk} is not an export: it has no file")
    if job.status == Job.Status.FAILED:
        return NotReady(f"Export job {job.pk} failed: {job.error}")
    if job.status != Job.Status.DONE:
        return NotReady(f"Export job {job.pk} is {job.status}: its file is not ready yet")
    return Gone(f"The file of export job {job.pk} was dropped after the retention period")


@api_view("GET")
def document_detail(request: HttpRequest, pk: int) -> JsonResponse:
    document, _role = selectors.document_for_member(user=request.user, pk=pk)
    progress = selectors.document_progress(document=document)
    response = JsonResponse(document_json(document, progress))
    return conditional(request, response, stamp=selectors.document_stamp(document=document))


@api_view("GET")
def document_segments(request: HttpRequest, pk: int) -> HttpResponse:
    """One page of the document's live segments in order, filtered (segment_query)."""
    document, _role = selectors.document_for_member(user=request.user, pk=pk)
    scope = f"segments:{document.pk}"
    query, fields = segment_query(request, project_id=document.project_id)
    after = request_cursor(request, scope, size=1)
    page = selectors.segment_page(
        document=document, query=query, after=after[0] if after else None, limit=page_limit(request)
    )
    items = [segment_fields_json(s, fields) for s in page.items]
    return conditional(request, _paged(request, scope, page, items))


@api_view("GET")
def document_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The file; for a document over BACKGROUND_EXPORT_SEGMENTS, 202 with the job that
    prepares it (asking again while it runs answers with the same job)."""
    document, _role = selectors.document_for_member(user=request.user, pk=pk)
    name = request.GET.get("format", document.format)
    if name not in FORMATS:
        raise InvalidInput(f"'format' must be one of {', '.join(FORMATS)}")
    options = {
        "format_name": name,
        "approved_only": _flag(request, "approved_only"),
        "include_mt": _flag(request, "include_mt"),
    }
    if services.export_needs_job(segment_count=document.segments.count()):
        job = services.job_enqueue_export(
            document=document, user=request.user, reuse=True, **options
        )
        return _accepted(request, job)
    data = services.document_export(document=document, **options)
    filename = services.export_filename(
        document=document, format_name=name, approved_only=options["approved_only"]
    )
    response = _download(data, FORMATS[name].media_type, filename)
    # The document's stamp too: a text file shows no states, its ETag still follows them.
    stamp = json.dumps(options, sort_keys=True) + selectors.document_stamp(document=document)
    return conditional(request, response, stamp=stamp)


def _download(data: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@api_view("GET")
def document_metrics(request: HttpRequest, pk: int) -> JsonResponse:
    document, _role = selectors.document_for_member(user=request.user, pk=pk)
    if job := services.document_metrics_job(document=document, user=request.user):
        return _accepted(request, job)  # a big document not measured yet
    totals = services.document_totals(document=document)
    scores = reports.scores_from_totals(totals, document.project.target_lang)
    return JsonResponse(metrics_json(scores, reports.segment_figures(document=document)))


@api_view("GET")
def document_report(request: HttpRequest, pk: int) -> JsonResponse:
    document, _role = selectors.document_for_member(user=request.user, pk=pk)
    if job := services.document_metrics_job(document=document, user=request.user):
        return _accepted(request, job)
    totals = services.document_totals(document=document)
    report = reports.document_report(document=document, totals=totals)
    return JsonResponse(report_json(report, document.project))


@api_view("GET")
def project_report(request: HttpRequest, slug: str) -> JsonResponse:
    project, _role = selectors.project_for_member(user=request.user, slug=slug)
    if jobs := services.project_metrics_jobs(project=project, user=request.user):
        return _accepted(request, jobs[0])  # its other big documents are measured too
    totals, per_document = services.project_totals(project=project)
    report = reports.project_report(project=project, totals=totals, per_document=per_document)
    return JsonResponse(report_json(report, project))


def _after_write(request: HttpRequest, segment) -> None:
    """A project that applies repetitions automatically does so after an API write too;
    the answer stays the segment (the contract), and a propagation that cannot run (the
    segment moved on meanwhile) leaves the write as it is."""
    if segment.document.project.auto_propagate:
        try:
            services.repetitions_after_write(segment=segment, user=request.user)
        except ReviewError:
            pass
        except OperationalError as exc:  # committed: not the middleware's "nothing changed"
            if not is_database_busy(exc):
                raise


@api_view("PATCH")
def segment_update(request: HttpRequest, pk: int) -> JsonResponse:
    segment, _role = selectors.segment_for_member(user=request.user, pk=pk)
    body = _json_body(request)
    target = _text(body, "target", max_length=limits.TARGET_MAX)
    segment = services.segment_edit(
        segment=segment, user=request.user, target=target, version=_version(body)
    )
    _after_write(request, segment)
    return JsonResponse(segment_json(segment))


@api_view("POST")
def segment_propagate(request: HttpRequest, pk: int) -> JsonResponse:
    """The segment's text to every repetition in the project that is not approved."""
    segment, _role = selectors.segment_for_member(user=request.user, pk=pk)
    body = _json_body(request)
    result = services.segment_propagate(segment=segment, user=request.user, version=_version(body))
    return JsonResponse(
        {"updated": result.updated, "batch": str(result.batch) if result.batch else None}
    )


@api_view("POST")
def segment_approve(request: HttpRequest, pk: int) -> JsonResponse:
    segment, _role = selectors.segment_for_member(user=request.user, pk=pk)
    body = _json_body(request)
    override = _text(body, "override_reason", max_length=limits.REASON_MAX, default="")
    segment = services.segment_approve(
        segment=segment,
        reviewer=request.user,
        version=_version(body),
        errors=_errors(body),
        override_reason=override,
    )
    _after_write(request, segment)
    return JsonResponse(segment_json(segment))


@api_view("POST")
def segment_reject(request: HttpRequest, pk: int) -> JsonResponse:
    segment, _role = selectors.segment_for_member(user=request.user, pk=pk)
    body = _json_body(request)
    reason = _text(body, "reason", max_length=limits.REASON_MAX)
    segment = services.segment_reject(
        segment=segment,
        reviewer=request.user,
        reason=reason,
        version=_version(body),
        errors=_errors(body),
    )
    return JsonResponse(segment_json(segment))


@api_view("GET")
def segment_revisions(request: HttpRequest, pk: int) -> JsonResponse:
    segment, _role = selectors.segment_for_member(user=request.user, pk=pk)
    scope = f"revisions:{segment.pk}"
    after = request_cursor(request, scope, size=2)
    page = selectors.revision_page(
        segment=segment, after=tuple(after) if after else None, limit=page_limit(request)
    )
    return _paged(request, scope, page, [revision_json(r) for r in page.items])


@api_view("GET", "POST", "PATCH", "PUT", "DELETE", auth=False)
def not_found(request: HttpRequest) -> JsonResponse:
    return error(404, "not_found", f"No API endpoint at {request.path}")
