"""Background jobs in the browser: the job page with its live progress, the file an
export job produced, asking for a big document's export, and the page that says a big
document's metrics are being measured."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..errors import ReviewError
from ..forms import ExportForm
from ..models import Job
from .access import member_or_404

# htmx stops polling an element when its request answers 286.
STOP_POLLING = 286


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job page; htmx polls its ``job-status`` partial every second until it ends."""
    job, _role = member_or_404(selectors.job_for_member, user=request.user, pk=pk)
    job = services.job_fail_if_stale(job=job)  # a stuck job shows its error
    context = {"job": job, "project": job.project}
    if request.htmx:
        status = STOP_POLLING if job.finished else 200
        return render(request, "reviews/job.html#job-status", context, status=status)
    return render(request, "reviews/job.html", context)


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job, _role = member_or_404(selectors.job_for_member, user=request.user, pk=pk)
    data = selectors.job_output(job=job) if job.kind == Job.Kind.EXPORT else None
    if data is None:
        raise Http404("This job has no file to download (yet)")
    response = HttpResponse(data, content_type=job.result["media_type"])
    response["Content-Disposition"] = content_disposition_header(True, job.result["filename"])
    return response


@login_required
@require_POST
def document_export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare a document's file in the background (any member), then show the job."""
    document, _role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Unknown export format.", status=400, content_type="text/plain")
    try:
        job = services.job_enqueue_export(
            document=document,
            user=request.user,
            format_name=form.cleaned_data["format"],
            approved_only=form.cleaned_data["approved_only"],
            include_mt=form.cleaned_data["include_mt"],
        )
    except ReviewError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
    return redirect(job)


def export_offer(request: HttpRequest, document, form: ExportForm, segment_count: int):
    """Instead of a long download: a page whose button prepares the file in a job."""
    context = {
        "document": document,
        "project": document.project,
        "form": form,
        "segment_count": segment_count,
    }
    return render(request, "reviews/export_offer.html", context)


def being_measured(request: HttpRequest, jobs: list[Job], subject) -> HttpResponse:
    """Instead of a report whose figures a worker is still measuring: the jobs' links.
    202, like the API: the figures follow once the jobs are done."""
    context = {"jobs": jobs, "subject": subject, "project": jobs[0].project}
    return render(request, "reviews/measuring.html", context, status=202)
