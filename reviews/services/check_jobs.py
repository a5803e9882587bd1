"""QA checks and metrics of big documents, in the background.

A big import (over ``QA_INLINE_MAX`` segments) or a glossary change in a big project
(over ``BACKGROUND_CHECK_SEGMENTS``) leaves segments ``pending`` (services/qa.py) and
queues a *check job* per document: it runs the checks over the pending segments (or
all of them, for a re-check) in chunks, each checked with no transaction open and
stored in its own short transaction under row locks, so an edit made meanwhile is never
overwritten with results for old text, and other writers wait for the stores alone (on
SQLite a transaction holds the one write lock).
Then it measures what is not measured yet (``document_totals``), so reads of a big
document's metrics find their figures stored. ``document_metrics_job`` is how those
reads learn that the figures are still being measured.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import transaction

from ..errors import InvalidInput
from ..models import Document, DocumentMetrics, Job, Project, Segment
from ..selectors import glossary_for_checks
from ..states import QaLevel
from .bulk_store import db_json, update_rows
from .job_queue import JobProgress, job_active, job_enqueue, require_member
from .qa import QA_FIELDS, qa_values, segments_assign_qa, segments_qa_defer
from .scoring import document_totals, totals_are_current

CHECK_CHUNK = 1000  # segments checked per transaction (and between progress reports)
CHECK_SHARE = 90  # percent of a check job spent on QA; measuring is the rest
# Measuring costs about a millisecond a segment: a read measures a smaller document
# itself (as services/documents.py's MEASURE_ON_IMPORT_MAX does on import), a bigger
# one waits for a check job.
MEASURE_INLINE_MAX = 5_000


def job_enqueue_check(
    *,
    document: Document,
    user=None,
    reason: str = "",
    all_segments: bool = False,
    retry_of: int | None = None,
) -> Job:
    """Queue the QA checks of the document's pending segments (``all_segments``: of
    every segment), then its metrics. A check that has not started yet is reused (it
    will find every pending segment when it starts); ``retry_of`` is the stuck check
    job this one takes over from (services/job_cleanup.py)."""
    require_member(user, document.project, "Only project members can check documents")
    queued = job_active(document=document, kind=Job.Kind.CHECK)
    if (
        queued is not None
        and queued.status == Job.Status.QUEUED
        and queued.params.get("all", False) >= all_segments
    ):
        return queued
    params = {"all": all_segments, "reason": reason}
    if retry_of:
        params["retry_of"] = retry_of
    return job_enqueue(
        project=document.project,
        kind=Job.Kind.CHECK,
        user=user,
        params=params,
        document=document,
    )


def project_needs_check_jobs(*, project: Project, segments: int | None = None) -> bool:
    """True when re-checking this project (or this many of its segments) should not
    happen inside a request."""
    if segments is None:
        segments = Segment.objects.filter(document__project=project).count()
    return segments > settings.BACKGROUND_CHECK_SEGMENTS


def project_check_in_background(*, project: Project, segments=None, reason: str) -> int:
    """Mark these segments (all the project's when None) pending and, once the caller's
    transaction commits, queue a check job for each document that has pending segments.
    Returns how many segments wait for their checks."""
    if segments is None:
        segments = Segment.objects.filter(document__project=project)
    pending = segments_qa_defer(segments)

    def enqueue() -> None:
        documents = Document.objects.filter(
            project=project, segments__qa_level=QaLevel.PENDING
        ).distinct()
        for document in documents.select_related("project"):
            job_enqueue_check(document=document, reason=reason)

    transaction.on_commit(enqueue, robust=True)  # jobs_cleanup queues any it missed
    return pending


def document_metrics_job(*, document: Document, user=None) -> Job | None:
    """None when the document's metrics can be read now: stored and current, or the
    document is small enough to measure within the request. Otherwise the check job
    that measures them (the one queued or running, or a new one), unfinished; an
    immediate task backend has finished it already, and then None as well."""
    stored = DocumentMetrics.objects.filter(document=document).values_list("totals", flat=True)
    if totals_are_current(stored.first(), document.project.target_lang):
        return None
    if document.segments.count() <= MEASURE_INLINE_MAX:
        return None
    job = job_active(document=document, kind=Job.Kind.CHECK)
    if job is None:
        job = job_enqueue_check(document=document, user=user, reason="metrics")
    return None if job.finished else job


def project_metrics_jobs(*, project: Project, user=None) -> list[Job]:
    """The unfinished jobs measuring the project's big documents (see above)."""
    jobs = []
    for document in project.documents.select_related("project"):
        job = document_metrics_job(document=document, user=user)
        if job is not None:
            jobs.append(job)
    return jobs


def _checked_as(segment: Segment) -> tuple:
    """What a segment's QA results depend on, and its QA level, as read for checking."""
    return segment.source, segment.target, segment.meta, segment.qa_level


@transaction.atomic
def _store_unchanged(chunk: list[Segment], checked: dict[int, tuple]) -> None:
    """The chunk's new QA fields, in one executemany (bulk_update's CASE per row and
    field cost about 0.5 ms a segment on PostgreSQL), under row locks, for the segments
    still as they were checked: an edit made meanwhile ran the checks of its own text
    (or left it pending for a later pass), and is never overwritten with results for
    the old one."""
    current = Segment.objects.filter(pk__in=checked).select_for_update().order_by("pk")
    unchanged = {
        s.pk
        for s in current.only("id", "source", "target", "meta", "qa_level")
        if _checked_as(s) == checked[s.pk]
    }
    update_rows(
        Segment,
        QA_FIELDS,
        ((*qa_values(s, db_json), s.pk) for s in chunk if s.pk in unchanged),
    )


def run_check(job: Job, report: JobProgress) -> dict:
    """The body of a check job (``services.job_run`` calls it)."""
    document = job.document
    if document is None:
        raise InvalidInput("The document was deleted before its checks ran")
    project = document.project
    glossary = glossary_for_checks(project_id=project.pk)
    scope = document.segments.all()
    if not job.params.get("all"):
        scope = scope.filter(qa_level=QaLevel.PENDING)
    total = scope.count()
    done, last, levels = 0, 0, Counter()
    report(0, f"Checking 0 of {total:,} segments", result={"checked": 0, "total": total})
    while True:
        # Pending ones: always the first still pending, which also finds segments marked
        # pending since the job started; all of them: in order of id.
        todo = scope.filter(pk__gt=last) if job.params.get("all") else scope
        chunk = list(
            todo.order_by("pk").only("id", "source", "target", "mt", "meta", *QA_FIELDS)[
                :CHECK_CHUNK
            ]
        )
        if not chunk:
            break
        checked = {s.pk: _checked_as(s) for s in chunk}
        # Checked with no transaction open: on SQLite a transaction holds the one write
        # lock, and other writers should wait for the store alone.
        segments_assign_qa(chunk, project=project, glossary=glossary)
        _store_unchanged(chunk, checked)
        last, done = chunk[-1].pk, done + len(chunk)
        levels.update(segment.qa_level for segment in chunk)
        total = max(total, done)  # segments marked pending since the count
        report(
            CHECK_SHARE * done // total,
            f"Checking {done:,} of {total:,} segments",
            result={"checked": done, "total": total},  # for the review page's status
        )
    count = document.segments.count()
    report(CHECK_SHARE, f"Measuring {count:,} segments")
    document_totals(document=document)  # measures whatever is not measured yet
    summary = (
        f"Checked {done:,} segment{'s' * (done != 1)}: {levels[QaLevel.ERROR]:,} with errors, "
        f"{levels[QaLevel.WARNING]:,} with warnings"
    )
    return {
        "result": {
            "summary": summary,
            "checked": done,
            "errors": levels[QaLevel.ERROR],
            "warnings": levels[QaLevel.WARNING],
            "segments": count,
        }
    }
