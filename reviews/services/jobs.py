"""Background jobs: big imports, re-imports and exports, and the QA checks of big
documents (services/check_jobs.py), run by a task worker.

A job is created here (``job_enqueue_import`` and friends) with everything it needs in
its row, then handed to the task of its kind (reviews/tasks.py), which calls
:func:`job_run` in whichever worker picks it up. The work reports its progress into the
job's row, cheaply (see ``JobProgress``), a heartbeat says the worker is alive, and the
job ends ``done`` or ``failed`` with a message that names the file. Imports and
re-imports store everything in one transaction, so a failed job leaves nothing
half-stored.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone

from .. import formats, policy
from ..errors import InvalidInput, ReviewError
from ..models import Document, Job, Project
from ..selectors import role_in_project
from .check_jobs import run_check
from .documents import document_export, document_import, export_adapter
from .export_names import export_filename
from .job_cleanup import jobs_cleanup
from .job_queue import (
    Heartbeat,
    JobProgress,
    job_active,
    job_enqueue,
    job_finish,
    require_manager,
    require_member,
)
from .reimport import document_reimport
from .webhooks import webhooks_export_ready

logger = logging.getLogger(__name__)
__all__ = ["JobProgress", "job_run"]  # JobProgress: where the tests and callers look


def upload_needs_job(*sizes: int) -> bool:
    """True when files this big are imported in the background, not in the request."""
    return sum(sizes) > settings.BACKGROUND_THRESHOLD_BYTES


def export_needs_job(*, segment_count: int) -> bool:
    return segment_count > settings.BACKGROUND_EXPORT_SEGMENTS


def job_enqueue_import(
    *,
    project: Project,
    data: bytes,
    filename: str,
    user=None,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    title: str = "",
) -> Job:
    """Queue the import of a file as a new document of the project."""
    require_manager(user, project, "Only project managers can import documents")
    params = {
        "filename": filename,
        "source_filename": source_filename,
        "format": format_name,
        "title": title,
    }
    return job_enqueue(
        project=project,
        kind=Job.Kind.IMPORT,
        user=user,
        params=params,
        data=data,
        source=source_data,
    )


def job_enqueue_reimport(
    *,
    document: Document,
    data: bytes,
    filename: str,
    user=None,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
) -> Job:
    """Queue a new version of a document's file (see ``document_reimport``)."""
    if user is not None:  # the policy's rule, as the page and the API ask it (editors too)
        policy.ensure_may_update_documents(
            role_in_project(user=user, project_id=document.project_id)
        )
    policy.ensure_writable(document)
    params = {"filename": filename, "source_filename": source_filename, "format": format_name}
    return job_enqueue(
        project=document.project,
        kind=Job.Kind.REIMPORT,
        user=user,
        params=params,
        document=document,
        data=data,
        source=source_data,
    )


def job_enqueue_export(
    *,
    document: Document,
    user=None,
    format_name: str | None = None,
    approved_only: bool = False,
    include_mt: bool = False,
    reuse: bool = False,
) -> Job:
    """Queue an export; every project member may export. With ``reuse``, an export of
    the same document with the same options that is still queued or running is
    returned instead of a new one (an API client asking again while it waits)."""
    require_member(user, document.project, "Only project members can export documents")
    adapter = export_adapter(document=document, format_name=format_name)
    params = {"format": adapter.name, "approved_only": approved_only, "include_mt": include_mt}
    if reuse and (same := job_active(document=document, kind=Job.Kind.EXPORT, params=params)):
        return same
    return job_enqueue(
        project=document.project,
        kind=Job.Kind.EXPORT,
        user=user,
        params=params,
        document=document,
    )


def job_run(*, job_id: int, progress=None) -> dict:
    """Run a queued job (the task's body); what it returns is the task's result.
    ``progress(percent, message)``: also told how far it is, for a job a command runs
    itself and shows (``import_document --check-now``).

    Each start first tidies up after workers that died (``jobs_cleanup``), so stuck
    jobs end as long as any worker keeps working."""
    _tidy_up()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, message="Starting"
    )
    if not claimed:  # run already, or by another worker: never twice
        return {"job": job_id, "skipped": True}
    job = Job.objects.select_related("project", "document", "created_by").get(pk=job_id)
    try:
        with Heartbeat(job.pk):
            fields = RUNNERS[job.kind](job, JobProgress(job.pk, also=progress))
    except ReviewError as exc:
        job_finish(job.pk, Job.Status.FAILED, error=exc.message)
        return {"job": job.pk, "status": Job.Status.FAILED, "error": exc.message}
    except Exception as exc:
        name = job.params.get("filename") or (job.document and job.document.title) or "the file"
        error = f"{name}: the job stopped on an unexpected error ({type(exc).__name__}); "
        error += UNSTORED.get(job.kind, "nothing was stored")
        job_finish(job.pk, Job.Status.FAILED, error=error)
        raise  # the task backend keeps the traceback
    job_finish(job.pk, Job.Status.DONE, **fields)
    if job.kind == Job.Kind.EXPORT:
        job.result = fields.get("result", {})
        webhooks_export_ready(job=job)
    return {"job": job.pk, "status": Job.Status.DONE, "document": fields.get("document_id")}


# What a job that stopped half-way leaves behind, when it is not "nothing was stored".
UNSTORED = {
    Job.Kind.CHECK: "the segments checked so far keep their results, the rest stay not checked yet",
}


def _tidy_up() -> None:
    try:
        jobs_cleanup()
    except Exception:  # never keep a job from running; the next start tries again
        logger.exception("jobs_cleanup failed before a job started")


def _run_import(job: Job, report: JobProgress) -> dict:
    p = job.params
    document = document_import(
        project=job.project,
        user=job.created_by,
        data=bytes(job.input_data),
        filename=p["filename"],
        source_data=None if job.source_data is None else bytes(job.source_data),
        source_filename=p.get("source_filename", ""),
        format_name=p.get("format", "auto"),
        title=p.get("title", ""),
        progress=report,
        # Committed with the document: a worker that dies after the commit leaves a
        # job that knows its document (services/job_cleanup.py says so).
        on_stored=lambda document: Job.objects.filter(pk=job.pk).update(document=document),
    )
    return {
        "document_id": document.pk,
        "result": {"segments": document.segments.count(), "title": document.title},
    }


def _run_reimport(job: Job, report: JobProgress) -> dict:
    p = job.params
    if job.document is None:
        raise InvalidInput(f"{p['filename']}: the document was deleted before the job ran")
    summary = document_reimport(
        document=job.document,
        user=job.created_by,
        data=bytes(job.input_data),
        filename=p["filename"],
        source_data=None if job.source_data is None else bytes(job.source_data),
        source_filename=p.get("source_filename", ""),
        format_name=p.get("format", "auto"),
        progress=report,
    )
    counts = {
        "kept": len(summary.kept),
        "changed": len(summary.changed),
        "added": len(summary.added),
        "removed": len(summary.removed),
        "approved_changed": len(summary.approved_changed),
    }
    return {"result": {"summary": summary.summary(), **counts}}


def _run_export(job: Job, report: JobProgress) -> dict:
    p, document = job.params, job.document
    if document is None:
        raise InvalidInput("The document was deleted before the export ran")
    data = document_export(
        document=document,
        format_name=p["format"],
        approved_only=p.get("approved_only", False),
        include_mt=p.get("include_mt", False),
        progress=report,
    )
    adapter = formats.format_by_name(p["format"])
    filename = export_filename(
        document=document, format_name=p["format"], approved_only=p.get("approved_only", False)
    )
    return {
        "output_data": data,
        "result": {
            "filename": filename,
            "media_type": adapter.media_type,
            "bytes": len(data),
        },
    }


RUNNERS = {
    Job.Kind.IMPORT: _run_import,
    Job.Kind.REIMPORT: _run_reimport,
    Job.Kind.EXPORT: _run_export,
    Job.Kind.CHECK: run_check,
}
