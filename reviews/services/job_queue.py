"""A job's row from queueing to its end: what every kind of job shares.

``job_enqueue`` stores the job (with everything it needs, uploads included) and hands its
id to the task of its kind (reviews/tasks.py). While a worker runs it, ``JobProgress``
writes its progress and ``Heartbeat`` its sign of life into the row; ``job_finish``
ends it ``done`` or ``failed``. ``services.jobs_cleanup`` fails the running jobs whose
heartbeat stopped.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.db.models import F
from django.utils import timezone

from ..errors import NotAllowed
from ..models import Document, Job, Project
from ..selectors import JOB_BLOBS, role_in_project
from ..states import can_manage

logger = logging.getLogger(__name__)
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def require_member(user, project: Project, message: str) -> None:
    if user is not None and not role_in_project(user=user, project_id=project.pk):
        raise NotAllowed(message)


def require_manager(user, project: Project, message: str) -> None:
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed(message)


def job_enqueue(
    *,
    project: Project,
    kind: str,
    user=None,
    params: dict,
    document: Document | None = None,
    data: bytes | None = None,
    source: bytes | None = None,
) -> Job:
    """Store a job and queue its task; returns the job as it is now (an immediate
    backend has run it already)."""
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
    job_queue_task(job_id=job.pk, kind=kind)
    return Job.objects.defer(*JOB_BLOBS).select_related("project", "document").get(pk=job.pk)


def job_queue_task(*, job_id: int, kind: str) -> None:
    """Hand a queued job to a worker: a task whose only argument is the job's id."""
    from ..tasks import JOB_TASKS  # the tasks call back into the services

    try:
        result = JOB_TASKS[kind].enqueue(job_id)
    except Exception:
        job_finish(job_id, Job.Status.FAILED, error="The job could not be queued; try again.")
        raise
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def job_active(*, document: Document, kind: str, params: dict | None = None) -> Job | None:
    """The document's newest queued or running job of this kind (with these params)."""
    jobs = (
        Job.objects.filter(document=document, kind=kind, status__in=ACTIVE)
        .defer(*JOB_BLOBS)
        .select_related("project", "document")
        .order_by("-created_at", "-id")
    )
    # Compared here, not in SQL: JSON equality differs between databases, and a
    # document has a handful of active jobs at most.
    return next((job for job in jobs if params is None or job.params == params), None)


def job_finish(job_id: int, status: str, **fields) -> None:
    """End a job. The uploads go; an export's file stays until the retention ends."""
    done = status == Job.Status.DONE
    Job.objects.filter(pk=job_id).update(
        status=status,
        finished_at=timezone.now(),
        progress=100 if done else F("progress"),
        message="Done" if done else "Failed",
        input_data=None,
        source_data=None,
        **fields,
    )


class JobProgress:
    """report(percent, message) into a job's row, at most every ``min_interval`` seconds
    (a new phase, whose message starts with another word, is written at once). Every
    write is a heartbeat too. Keyword arguments are more fields written with it (a check
    job's counts in ``result``, which the review page reads). ``also``: another
    report(percent, message) told every report, for a job run in the command that
    shows its progress bar (``import_document --check-now``)."""

    min_interval = 0.5

    def __init__(self, job_id: int, also=None):
        self.job_id = job_id
        self.also = also
        self.written_at = 0.0
        self.percent = -1
        self.phase = ""
        self.writes = 0

    def __call__(self, percent: int, message: str, **fields) -> None:
        percent = max(0, min(100, int(percent)))
        if self.also is not None:
            self.also(percent, message)
        if self._due(percent, message):
            self._write(percent, message, fields)

    def aside(self, percent: int, message: str) -> None:
        """A report made while this thread's connection may be busy: inside the job's
        own long transaction (an import storing its segments), or in the middle of a
        streamed read (an export). On PostgreSQL it is written on another connection,
        so the job page sees it at once; on SQLite (whose reads are fetched in chunks)
        it is written as usual, except inside a transaction, whose writes nobody else
        could see before the end."""
        percent = max(0, min(100, int(percent)))
        if self.also is not None:
            self.also(percent, message)
        if not self._due(percent, message):
            return
        if connection.vendor == "postgresql":
            thread = threading.Thread(target=self._write_alone, args=(percent, message))
            thread.start()
            thread.join()
        elif not connection.in_atomic_block:
            self._write(percent, message, {})

    def _due(self, percent: int, message: str) -> bool:
        phase = message.split(" ", 1)[0]
        return phase != self.phase or (
            percent != self.percent and time.monotonic() - self.written_at >= self.min_interval
        )

    def _write(self, percent: int, message: str, fields: dict) -> None:
        Job.objects.filter(pk=self.job_id).update(
            progress=percent, message=message[:255], heartbeat_at=timezone.now(), **fields
        )
        self.written_at, self.percent = time.monotonic(), percent
        self.phase = message.split(" ", 1)[0]
        self.writes += 1

    def _write_alone(self, percent: int, message: str) -> None:
        try:
            self._write(percent, message, {})  # this thread's own connection: autocommit
        except DatabaseError as exc:
            logger.info("job %s: progress not written (%s)", self.job_id, exc)
        finally:
            connections.close_all()  # this thread's connections only


class Heartbeat:
    """While the ``with`` block runs, a thread writes the job's ``heartbeat_at`` every
    ``JOB_HEARTBEAT_SECONDS``, on its own database connection: the job may sit in one
    long transaction or one long computation, and its row still shows the worker is
    alive. A killed worker's heartbeat stops, and so the job is known to be stuck."""

    def __init__(self, job_id: int, interval: float | None = None):
        self.job_id = job_id
        self.interval = settings.JOB_HEARTBEAT_SECONDS if interval is None else interval
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None
        self.beats = 0

    def __enter__(self) -> Heartbeat:
        if self.interval > 0:
            self.thread = threading.Thread(
                target=self._run, name=f"job-{self.job_id}-heartbeat", daemon=True
            )
            self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                    self.beats += 1
                except DatabaseError as exc:  # SQLite busy with the job's own write: next time
                    logger.info("job %s: heartbeat not written (%s)", self.job_id, exc)
        finally:
            connections.close_all()  # this thread's connections only
