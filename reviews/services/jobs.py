"""Background jobs: big imports, re-imports and exports, run by a task worker.

A job is created here (``job_enqueue_import`` and friends) with everything it needs in
its row, then handed to the task of its kind (reviews/tasks.py), which calls
:func:`job_run` in whichever worker picks it up. The work reports its progress into the
job's row, cheaply (see :class:`JobProgress`), and the job ends ``done`` or ``failed``
with a message that names the file. Imports and re-imports store everything in one
transaction, so a failed job leaves nothing half-stored.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .. import formats
from ..errors import InvalidInput, NotAllowed, ReviewError
from ..models import Document, Job, Project
from ..selectors import JOB_BLOBS, role_in_project
from ..states import can_manage
from .documents import document_export, document_import
from .reimport import document_reimport


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
    _require_manager(user, project, "Only project managers can import documents")
    params = {
        "filename": filename,
        "source_filename": source_filename,
        "format": format_name,
        "title": title,
    }
    return _enqueue(project, Job.Kind.IMPORT, user, params, data=data, source=source_data)


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
    _require_manager(user, document.project, "Only project managers can update documents")
    params = {"filename": filename, "source_filename": source_filename, "format": format_name}
    return _enqueue(
        document.project,
        Job.Kind.REIMPORT,
        user,
        params,
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
) -> Job:
    """Queue an export; every project member may export."""
    if user is not None and not role_in_project(user=user, project_id=document.project_id):
        raise NotAllowed("Only project members can export documents")
    try:
        adapter = formats.format_by_name(format_name or document.format)
    except formats.FormatError as exc:
        raise InvalidInput(exc.describe()) from None
    if adapter.name != document.format and adapter.name == "text":
        raise InvalidInput("Only documents imported as text can be exported as text")
    params = {"format": adapter.name, "approved_only": approved_only, "include_mt": include_mt}
    return _enqueue(document.project, Job.Kind.EXPORT, user, params, document=document)


def _require_manager(user, project: Project, message: str) -> None:
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed(message)


def _enqueue(project, kind, user, params, *, document=None, data=None, source=None) -> Job:
    from ..tasks import JOB_TASKS  # the tasks call back into this module

    job = Job.objects.create(
        project=project,
        kind=kind,
        created_by=user,
        document=document,
        params=params,
        input_data=data,
        source_data=source,
        message="Waiting for a worker",
    )
    try:
        result = JOB_TASKS[kind].enqueue(job.pk)
    except Exception:
        _finish(job.pk, Job.Status.FAILED, error="The job could not be queued; try again.")
        raise
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    # An immediate backend has already run it: give the caller the job as it is now.
    return Job.objects.defer(*JOB_BLOBS).select_related("project", "document").get(pk=job.pk)


class JobProgress:
    """report(percent, message) into a job's row, at most every ``min_interval`` seconds
    (a new phase, whose message starts with another word, is written at once)."""

    min_interval = 0.5

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.written_at = 0.0
        self.percent = -1
        self.phase = ""
        self.writes = 0

    def __call__(self, percent: int, message: str) -> None:
        percent = max(0, min(100, int(percent)))
        phase = message.split(" ", 1)[0]
        now = time.monotonic()
        if phase == self.phase and (
            percent == self.percent or now - self.written_at < self.min_interval
        ):
            return
        Job.objects.filter(pk=self.job_id).update(progress=percent, message=message[:255])
        self.written_at, self.percent, self.phase = now, percent, phase
        self.writes += 1


def job_run(*, job_id: int) -> dict:
    """Run a queued job (the task's body); what it returns is the task's result."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), message="Starting"
    )
    if not claimed:  # run already, or by another worker: never twice
        return {"job": job_id, "skipped": True}
    job = Job.objects.select_related("project", "document", "created_by").get(pk=job_id)
    try:
        fields = RUNNERS[job.kind](job, JobProgress(job.pk))
    except ReviewError as exc:
        _finish(job.pk, Job.Status.FAILED, error=exc.message)
        return {"job": job.pk, "status": Job.Status.FAILED, "error": exc.message}
    except Exception as exc:
        name = job.params.get("filename") or (job.document and job.document.title) or "the file"
        error = (
            f"{name}: the job stopped on an unexpected error ({type(exc).__name__}); "
            "nothing was stored"
        )
        _finish(job.pk, Job.Status.FAILED, error=error)
        raise  # the task backend keeps the traceback
    _finish(job.pk, Job.Status.DONE, **fields)
    return {"job": job.pk, "status": Job.Status.DONE, "document": fields.get("document_id")}


def _finish(job_id: int, status: str, **fields) -> None:
    done = status == Job.Status.DONE
    Job.objects.filter(pk=job_id).update(
        status=status,
        finished_at=timezone.now(),
        progress=100 if done else F("progress"),
        message="Done" if done else "Failed",
        input_data=None,  # the upload is not needed any more
        source_data=None,
        **fields,
    )


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
    stem = (document.filename or document.title).rsplit(".", 1)[0] or f"document-{document.pk}"
    return {
        "output_data": data,
        "result": {
            "filename": f"{stem}{adapter.extensions[0]}",
            "media_type": adapter.media_type,
            "bytes": len(data),
        },
    }


RUNNERS = {
    Job.Kind.IMPORT: _run_import,
    Job.Kind.REIMPORT: _run_reimport,
    Job.Kind.EXPORT: _run_export,
}
