"""Tidying up after workers: stuck jobs, lost tasks, old files, forgotten checks.

A worker that dies mid-job (killed, out of memory, its machine lost) cannot say so: its
job stays ``running``. Every running job's worker writes a heartbeat (services/
job_queue.py), so a running job without one for ``JOB_STALE_SECONDS`` has lost its
worker, and ``jobs_cleanup`` fails it with a message that says what was kept. Each kind
was checked for what a stop half-way leaves: an import or a new version is stored in one
transaction (nothing of it is stored); an export stores its file only when it ends
(nothing); a check job commits chunk by chunk (the checked segments keep their results,
so it is queued once more for the rest).

It runs before every job a worker starts, on ``manage.py jobs_cleanup`` (cron, or a
systemd timer), and when a stuck job is looked at (``job_fail_if_stale``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models.functions import Coalesce
from django.tasks import task_backends
from django.utils import timezone

from ..models import Document, Job, Segment
from ..selectors import JOB_BLOBS
from ..states import QaLevel
from .check_jobs import job_enqueue_check
from .job_queue import ACTIVE, job_queue_task

logger = logging.getLogger(__name__)
FINISHED = (Job.Status.DONE, Job.Status.FAILED)
LOST_TASK_GRACE = timedelta(minutes=1)  # between a job's row and its task's, at enqueue
WORKER_STOPPED = "the worker running this job stopped (killed, or its machine lost)"


@dataclass
class CleanupReport:
    failed: list[int] = field(default_factory=list)  # running jobs whose worker stopped
    requeued: list[int] = field(default_factory=list)  # queued jobs whose task was lost
    checks_queued: list[int] = field(default_factory=list)  # for pending segments
    files_dropped: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.failed)} stuck jobs failed, {len(self.requeued)} lost jobs queued "
            f"again, {len(self.checks_queued)} check jobs queued, "
            f"{self.files_dropped} old files dropped"
        )


def jobs_cleanup(*, now: datetime | None = None) -> CleanupReport:
    now = now or timezone.now()
    report = CleanupReport()
    for job in _stale_running(now):
        _fail_stuck(job, now, report)
    _requeue_lost(now, report)
    _check_forgotten_pending(report)
    retention = timedelta(days=settings.JOB_FILE_RETENTION_DAYS)
    report.files_dropped = Job.objects.filter(
        status__in=FINISHED, finished_at__lt=now - retention, output_data__isnull=False
    ).update(output_data=None)
    if report.failed or report.requeued or report.checks_queued or report.files_dropped:
        logger.warning("jobs_cleanup: %s", report.summary())
    return report


def job_fail_if_stale(*, job: Job) -> Job:
    """The job as it is once a stuck one has been failed: for the pages and the API
    that show a job, so its error shows even while no worker is there to tidy up."""
    now = timezone.now()
    if job.status != Job.Status.RUNNING or _last_sign_of_life(job) >= _cutoff(now):
        return job
    _fail_stuck(job, now, CleanupReport())
    job.refresh_from_db(fields=["status", "progress", "message", "error", "finished_at"])
    return job


def _cutoff(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.JOB_STALE_SECONDS)


def _last_sign_of_life(job: Job) -> datetime:
    return job.heartbeat_at or job.started_at or job.created_at


def _stale_running(now: datetime):
    alive = Coalesce("heartbeat_at", "started_at", "created_at")
    return (
        Job.objects.filter(status=Job.Status.RUNNING)
        .alias(alive=alive)
        .filter(alive__lt=_cutoff(now))
        .defer(*JOB_BLOBS)
        .select_related("document")
    )


def _fail_stuck(job: Job, now: datetime, report: CleanupReport) -> None:
    pending = 0
    if job.kind == Job.Kind.CHECK and job.document is not None:
        pending = job.document.segments.filter(qa_level=QaLevel.PENDING).count()
    error = _stuck_message(job, pending)
    # Only if it is still stuck: a heartbeat, or its end, may have come in meanwhile.
    failed = (
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING)
        .alias(alive=Coalesce("heartbeat_at", "started_at", "created_at"))
        .filter(alive__lt=_cutoff(now))
        .update(
            status=Job.Status.FAILED,
            finished_at=now,
            message="Failed",
            error=error,
            input_data=None,
            source_data=None,
        )
    )
    if not failed:
        return
    report.failed.append(job.pk)
    if pending and not job.params.get("retry_of"):  # once: a document that kills
        again = job_enqueue_check(  # workers must not keep killing them
            document=job.document,
            reason=job.params.get("reason", ""),
            all_segments=False,
            retry_of=job.pk,
        )
        report.checks_queued.append(again.pk)
        Job.objects.filter(pk=job.pk).update(error=f"{error}; job {again.pk} checks the rest")


def _stuck_message(job: Job, pending: int) -> str:
    name = job.params.get("filename", "").rsplit("/", 1)[-1]
    title = job.document.title if job.document else "the document"
    if job.kind == Job.Kind.IMPORT and job.document is not None:
        return (
            f"{name}: {WORKER_STOPPED} after the import was stored: {title} is complete "
            "(only its QA checks may still be pending)"
        )
    if job.kind == Job.Kind.IMPORT:
        return (
            f"{name}: {WORKER_STOPPED}. The import is one transaction, so nothing of it "
            "was stored: upload the file again"
        )
    if job.kind == Job.Kind.REIMPORT:
        return (
            f"{name}: {WORKER_STOPPED}. The new version is stored in one transaction, so "
            f"{title} is as it was: upload the new version again"
        )
    if job.kind == Job.Kind.EXPORT:
        return f"{title}: {WORKER_STOPPED}. Nothing was stored: export it again"
    return (
        f"{title}: {WORKER_STOPPED}. The segments checked so far keep their results; "
        f"{pending:,} are not checked yet (approving one checks it first)"
    )


def _requeue_lost(now: datetime, report: CleanupReport) -> None:
    """Queued jobs whose task is gone (the task table pruned or reset), ended without
    running them, or was claimed by a worker that died before it started the job: their
    task is queued again, once; a second loss fails the job."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the backend is a dependency
        return
    if not isinstance(task_backends["default"], DatabaseBackend):
        return  # other backends keep no task rows to compare with
    queued = list(
        Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=now - LOST_TASK_GRACE)
        .defer(*JOB_BLOBS)
        .order_by("pk")
    )
    if not queued:
        return
    tasks = {
        str(t.id): t
        for t in DBTaskResult.objects.filter(id__in=[_uuid(j.task_id) for j in queued if j.task_id])
    }
    for job in queued:
        task = tasks.get(job.task_id)
        if task is not None and task.status == "READY":
            continue
        if (
            task is not None
            and task.status == "RUNNING"
            and (task.started_at or now) >= _cutoff(now)
        ):
            continue  # a worker has just taken it
        if not job.params.get("requeued"):
            Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
                params={**job.params, "requeued": True}
            )
            job_queue_task(job_id=job.pk, kind=job.kind)
            report.requeued.append(job.pk)
            continue
        Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.FAILED,
            finished_at=now,
            message="Failed",
            error=f"{job.subject}: the job's task was lost from the queue twice before a "
            "worker started it; nothing was stored: start it again",
            input_data=None,
            source_data=None,
        )
        report.failed.append(job.pk)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _check_forgotten_pending(report: CleanupReport) -> None:
    """Documents with segments still pending and no check job queued or running (the
    queue refused one, or segments were marked behind a running one): queue a check,
    unless their last check failed (then a person decides; the page says so)."""
    document_ids = set(
        Segment.objects.filter(qa_level=QaLevel.PENDING)
        .values_list("document_id", flat=True)
        .distinct()
    )
    if not document_ids:
        return
    checks = Job.objects.filter(kind=Job.Kind.CHECK, document_id__in=document_ids).order_by(
        "document_id", "-created_at", "-id"
    )
    latest: dict[int, str] = {}
    busy: set[int] = set()
    for document_id, status in checks.values_list("document_id", "status"):
        latest.setdefault(document_id, status)
        if status in ACTIVE:
            busy.add(document_id)
    for document in Document.objects.filter(pk__in=document_ids).select_related("project"):
        if document.pk in busy or latest.get(document.pk) == Job.Status.FAILED:
            continue
        job = job_enqueue_check(document=document, reason="pending")
        report.checks_queued.append(job.pk)
