"""Stuck jobs: a heartbeat while a job runs; jobs_cleanup fails the running jobs whose
worker stopped (saying what was kept, kind by kind), queues again the jobs whose task was
lost, queues checks that were forgotten and drops old files. The real worker killed
mid-job is in tests/tasks/test_worker.py."""

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reviews import services
from reviews.models import Job, Segment
from reviews.services import job_queue
from tests.conftest import SEED

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def no_worker(settings):
    settings.TASKS = DUMMY
    settings.JOB_STALE_SECONDS = 600


def ago(seconds: float):
    return timezone.now() - timedelta(seconds=seconds)


def running(job: Job, *, heartbeat_seconds_ago: float | None, started_seconds_ago: float = 900):
    Job.objects.filter(pk=job.pk).update(
        status="running",
        started_at=ago(started_seconds_ago),
        heartbeat_at=None if heartbeat_seconds_ago is None else ago(heartbeat_seconds_ago),
    )


@pytest.fixture
def import_job(project, users, seed_bytes):
    return services.job_enqueue_import(
        project=project, user=users["manager"], data=seed_bytes, filename="in/big.txt"
    )


def test_a_running_job_without_a_heartbeat_for_too_long_is_failed(import_job):
    running(import_job, heartbeat_seconds_ago=601)
    report = services.jobs_cleanup()
    assert report.failed == [import_job.pk]
    job = Job.objects.get(pk=import_job.pk)
    assert (job.status, job.message, job.input_data) == ("failed", "Failed", None)
    assert job.finished_at is not None
    assert job.error == (
        "big.txt: the worker running this job stopped (killed, or its machine lost). The "
        "import is one transaction, so nothing of it was stored: upload the file again"
    )
    assert services.jobs_cleanup().failed == []  # once


@pytest.mark.parametrize(
    ("heartbeat", "started"),
    [(599, 900), (None, 599), (5, 5)],
    ids=["recent-heartbeat", "just-started", "alive"],
)
def test_a_job_with_a_recent_sign_of_life_is_left_running(import_job, heartbeat, started):
    running(import_job, heartbeat_seconds_ago=heartbeat, started_seconds_ago=started)
    assert services.jobs_cleanup().failed == []
    assert Job.objects.get(pk=import_job.pk).status == "running"


def test_each_kind_says_what_a_stop_half_way_left(document, users, seed_bytes):
    reimport = services.job_enqueue_reimport(
        document=document, user=users["manager"], data=seed_bytes, filename="v2.txt"
    )
    export = services.job_enqueue_export(document=document, user=users["editor"])
    for job in (reimport, export):
        running(job, heartbeat_seconds_ago=700)
    services.jobs_cleanup()
    reimport.refresh_from_db()
    export.refresh_from_db()
    assert reimport.error.endswith(
        "The new version is stored in one transaction, so seed.txt is as it was: upload the "
        "new version again"
    )
    assert export.error == (
        "seed.txt: the worker running this job stopped (killed, or its machine lost). "
        "Nothing was stored: export it again"
    )


def test_a_stuck_check_job_is_taken_over_once_for_the_rest(document):
    Segment.objects.filter(document=document, position__gte=30).update(qa_level="pending")
    check = services.job_enqueue_check(document=document, reason="import")
    running(check, heartbeat_seconds_ago=700)
    report = services.jobs_cleanup()
    retry = Job.objects.exclude(pk=check.pk).get()
    assert report.failed == [check.pk] and report.checks_queued == [retry.pk]
    assert (retry.kind, retry.status, retry.params["retry_of"]) == ("check", "queued", check.pk)
    check.refresh_from_db()
    assert check.error == (
        "seed.txt: the worker running this job stopped (killed, or its machine lost). The "
        "segments checked so far keep their results; 16 are not checked yet (approving one "
        f"checks it first); job {retry.pk} checks the rest"
    )
    # The retry getting stuck too queues no third one: someone looks at it first.
    running(retry, heartbeat_seconds_ago=700)
    assert services.jobs_cleanup().checks_queued == []
    assert Job.objects.filter(status="queued").count() == 0


def test_pending_segments_without_a_check_job_get_one(document):
    Segment.objects.filter(document=document, position__lt=3).update(qa_level="pending")
    report = services.jobs_cleanup()
    job = Job.objects.get()
    assert report.checks_queued == [job.pk] and (job.kind, job.document) == ("check", document)
    assert services.jobs_cleanup().checks_queued == []  # it is queued now
    Job.objects.filter(pk=job.pk).update(status="failed")
    assert services.jobs_cleanup().checks_queued == []  # a failed check waits for a person


def test_old_files_are_dropped_after_the_retention_period(document, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.JOB_FILE_RETENTION_DAYS = 7
    old = services.job_enqueue_export(document=document, user=users["editor"])
    recent = services.job_enqueue_export(document=document, user=users["editor"])
    Job.objects.filter(pk=old.pk).update(finished_at=ago(8 * 86400))
    Job.objects.filter(pk=recent.pk).update(finished_at=ago(6 * 86400))
    assert services.jobs_cleanup().files_dropped == 1
    assert Job.objects.get(pk=old.pk).output_data is None
    assert bytes(Job.objects.get(pk=recent.pk).output_data) == SEED.read_bytes()
    assert Job.objects.get(pk=old.pk).status == "done"  # the history stays


def test_a_job_whose_task_was_lost_is_queued_again_once(project, settings):
    settings.TASKS = DATABASE_QUEUE
    job = services.job_enqueue_import(project=project, data=SEED.read_bytes(), filename="lost.txt")
    later = timezone.now() + timedelta(minutes=2)
    assert services.jobs_cleanup(now=later).requeued == []  # its task is ready: it waits
    DBTaskResult.objects.filter(id=job.task_id).delete()  # the queue was reset

    assert services.jobs_cleanup(now=later).requeued == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.params["requeued"]) == ("queued", True)
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    DBTaskResult.objects.filter(id=job.task_id).update(
        status="RUNNING", started_at=later - timedelta(seconds=700)
    )  # taken by a worker that died before it started the job
    report = services.jobs_cleanup(now=later)
    assert report.failed == [job.pk]
    job.refresh_from_db()
    assert job.status == "failed" and job.error == (
        "lost.txt: the job's task was lost from the queue twice before a worker started it; "
        "nothing was stored: start it again"
    )


def test_a_new_job_is_not_taken_for_a_lost_one(project, settings):
    settings.TASKS = DATABASE_QUEUE
    job = services.job_enqueue_import(project=project, data=SEED.read_bytes(), filename="x.txt")
    DBTaskResult.objects.all().delete()
    assert services.jobs_cleanup().requeued == []  # a minute's grace after enqueueing
    assert Job.objects.get(pk=job.pk).status == "queued"


def test_every_job_start_tidies_up_first(import_job, document, users):
    running(import_job, heartbeat_seconds_ago=700)
    export = services.job_enqueue_export(document=document, user=users["editor"])
    services.job_run(job_id=export.pk)
    assert Job.objects.get(pk=import_job.pk).status == "failed"
    assert Job.objects.get(pk=export.pk).status == "done"


def test_the_command_reports_what_it_did(import_job):
    running(import_job, heartbeat_seconds_ago=700)
    out = io.StringIO()
    call_command("jobs_cleanup", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 stuck jobs failed, 0 lost jobs queued again, 0 check jobs queued, 0 old files dropped",
        f"  failed job {import_job.pk}",
    ]


def test_a_job_the_cleanup_failed_that_ends_after_all_keeps_its_true_end(document, users):
    """A worker that was only slow, not dead: its result wins over the guess."""
    export = services.job_enqueue_export(document=document, user=users["editor"])
    Job.objects.filter(pk=export.pk).update(status="failed", error="the worker stopped")
    job_queue.job_finish(export.pk, Job.Status.DONE, result={"bytes": 1})
    export.refresh_from_db()
    assert export.status == "done"


# -- heartbeats ---------------------------------------------------------------------------------


def test_every_progress_write_is_a_heartbeat(import_job):
    running(import_job, heartbeat_seconds_ago=300)
    job_queue.JobProgress(import_job.pk)(10, "Reading big.txt")
    import_job.refresh_from_db()
    assert timezone.now() - import_job.heartbeat_at < timedelta(seconds=5)


def test_a_claimed_job_starts_with_a_heartbeat(import_job):
    services.job_run(job_id=import_job.pk)
    import_job.refresh_from_db()
    assert import_job.heartbeat_at is not None and import_job.heartbeat_at >= import_job.started_at


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_work_is_silent(project):
    """Its own connection: it shows the worker alive even while the job's own connection
    sits in one long transaction (here: just in a long computation)."""
    job = Job.objects.create(project=project, kind="import", status="running")
    with job_queue.Heartbeat(job.pk, interval=0.05) as heartbeat:
        deadline = time.monotonic() + 5
        while heartbeat.beats < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert heartbeat.beats >= 2
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < timedelta(seconds=5)
    assert not heartbeat.thread.is_alive()  # it stops with the block


def test_no_heartbeat_thread_without_an_interval(import_job):
    with job_queue.Heartbeat(import_job.pk, interval=0) as heartbeat:
        pass
    assert heartbeat.thread is None


def test_an_import_whose_worker_stopped_after_its_commit_says_the_document_is_there(
    monkeypatch, project, users, seed_bytes, settings
):
    from reviews.services import jobs

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    def killed_after_the_commit(job_id, status, **fields):  # the worker dies here
        pass

    monkeypatch.setattr(jobs, "job_finish", killed_after_the_commit)
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=seed_bytes, filename="in/big.txt"
    )
    assert job.status == "running" and job.document.segments.count() == 46
    running(job, heartbeat_seconds_ago=700)
    monkeypatch.undo()
    services.jobs_cleanup()
    job.refresh_from_db()
    assert job.status == "failed" and job.document is not None
    assert job.error.endswith(
        "after the import was stored: big.txt is complete (only its QA checks may still be pending)"
    )
