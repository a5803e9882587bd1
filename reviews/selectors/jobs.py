"""Background jobs and the QA status they leave."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Q,
)

from ..errors import NotFound
from ..models import (
    Document,
    Job,
    Project,
    Segment,
)
from ..states import QaLevel
from .access import role_in_project

JOB_BLOBS = ("input_data", "source_data", "output_data")


def job_for_member(*, user, pk: int) -> tuple[Job, str]:
    """A job and the user's role in its project; its stored files are left unread, but
    ``has_file`` says whether it keeps one (an export's, until the retention ends)."""
    job = (
        Job.objects.defer(*JOB_BLOBS, "document__skeleton")
        .select_related("project", "document")
        .annotate(has_file=Q(output_data__isnull=False))
        .filter(pk=pk)
        .first()
    )
    role = job and role_in_project(user=user, project_id=job.project_id)
    if not role:
        raise NotFound(f"No job {pk}")
    return job, role


def job_output(*, job: Job) -> bytes | None:
    """The file a finished export job produced, or None."""
    data = Job.objects.filter(pk=job.pk, status=Job.Status.DONE).values_list(
        "output_data", flat=True
    )
    found = data.first()
    return None if found is None else bytes(found)


@dataclass(frozen=True)
class QaStatus:
    """How far the QA checks of a document are: ``pending`` of ``total`` segments not
    checked yet, and the check job that runs them (None: none queued or running)."""

    total: int
    pending: int
    job: Job | None

    @property
    def checked(self) -> int:
        return self.total - self.pending


def document_qa_status(
    *, document: Document, total: int | None = None, pending: int | None = None
) -> QaStatus | None:
    """None when every segment of the document has been checked. While a check job
    runs, its own counts; otherwise a count of the pending ones (and of all). A caller
    that counted them already (``document_progress``) passes ``total`` and ``pending``,
    and nothing is read when none is pending."""
    if pending == 0:
        return None
    pending_segments = document.segments.filter(qa_level=QaLevel.PENDING)
    if pending is None and not pending_segments.exists():
        return None
    job = (
        Job.objects.filter(
            document=document,
            kind=Job.Kind.CHECK,
            status__in=(Job.Status.QUEUED, Job.Status.RUNNING),
        )
        .defer(*JOB_BLOBS)
        .order_by("-status", "-created_at")  # a running one before a queued one
        .first()
    )
    if job is not None and job.status == Job.Status.RUNNING and job.result.get("total"):
        total, checked = job.result["total"], job.result.get("checked", 0)
        return QaStatus(total=total, pending=total - checked, job=job)
    pending = pending_segments.count() if pending is None else pending
    total = document.segments.count() if total is None else total
    return QaStatus(total=max(total, pending), pending=pending, job=job)


def project_qa_pending(*, project: Project) -> int:
    """How many of the project's segments wait for their QA checks."""
    return Segment.objects.filter(document__project=project, qa_level=QaLevel.PENDING).count()


RECENT_JOBS = 10


def project_jobs(*, project: Project) -> list[Job]:
    """The project's latest jobs, newest first."""
    jobs = (
        Job.objects.filter(project=project)
        .defer(*JOB_BLOBS, "document__skeleton")
        .select_related("document", "created_by")
    )
    return list(jobs.order_by("-created_at", "-id")[:RECENT_JOBS])
