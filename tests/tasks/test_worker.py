"""The real worker: jobs queued in the database by django-tasks-db and run by
`manage.py db_worker`, in this process, in another process against the same test
database (PostgreSQL), end to end through the command line, and killed mid-job."""

import io
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from reviews import services
from reviews.models import Document, Job, Segment
from tests.conftest import PASSWORD, ROOT, SEED

pytestmark = pytest.mark.django_db(transaction=True)  # the worker must see committed rows
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def queue_two_imports(project, manager, seed_bytes) -> tuple[Job, Job]:
    good = services.job_enqueue_import(
        project=project, user=manager, data=seed_bytes, filename="seed.txt"
    )
    bad = services.job_enqueue_import(
        project=project, user=manager, data=b"ok\n\xc3\x28\n", filename="bad.txt"
    )
    assert good.status == bad.status == "queued"
    assert DBTaskResult.objects.get(id=good.task_id).status == "READY"
    assert not Document.objects.exists()
    return good, bad


def assert_ran(good: Job, bad: Job, seed_bytes: bytes) -> None:
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, good.progress, good.error) == ("done", 100, "")
    assert services.document_export(document=good.document) == seed_bytes
    assert (bad.status, bad.document) == ("failed", None)
    assert bad.error.startswith("bad.txt: line 2: bytes that are not valid UTF-8")
    assert Document.objects.count() == 1  # the bad file stored nothing
    tasks = DBTaskResult.objects.filter(id__in=[good.task_id, bad.task_id])
    assert sorted(t.status for t in tasks) == ["SUCCESSFUL", "SUCCESSFUL"]
    assert {t.task_path for t in tasks} == {"reviews.tasks.import_document"}


def test_db_worker_runs_the_queued_jobs(database_queue, project, users, seed_bytes):
    good, bad = queue_two_imports(project, users["manager"], seed_bytes)
    call_command(*WORKER, stdout=io.StringIO())
    assert_ran(good, bad, seed_bytes)


def test_a_worker_process_shares_the_database(database_queue, project, users, seed_bytes):
    """What N machines do: another process, the same PostgreSQL database."""
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database is not shared with other processes")
    good, bad = queue_two_imports(project, users["manager"], seed_bytes)
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    url = f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "db"}
    subprocess.run(
        [sys.executable, "manage.py", *WORKER], cwd=ROOT, env=env, check=True, timeout=120
    )
    assert_ran(good, bad, seed_bytes)


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


@pytest.mark.django_db(transaction=False)
def test_command_line_background_import_then_worker(tmp_path):
    """`import_document --background` in one process, `db_worker --batch` in another,
    on a throwaway SQLite file (the suite's own database is not involved)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "TASKS_BACKEND": "db",
    }
    manage("migrate", "--noinput", env=env)
    manage("create_project", "news", "--source-lang", "zh-CN", "--target-lang", "en", env=env)
    job_id = manage("import_document", "news", str(SEED), "--background", env=env)[-1]
    status = (
        "from reviews.models import Job; j = Job.objects.get(pk={}); print(j.status, j.document_id)"
    )
    assert manage("shell", "--no-imports", "-c", status.format(job_id), env=env) == ["queued None"]

    manage(*WORKER, env=env)

    state, doc_id = manage("shell", "--no-imports", "-c", status.format(job_id), env=env)[0].split()
    assert state == "done"
    exported = subprocess.run(
        [sys.executable, "manage.py", "export_document", doc_id],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    ).stdout
    assert exported == SEED.read_bytes()


def postgres_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, timeout: float = 60, every: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(every)
    raise AssertionError("timed out")


def test_a_worker_killed_mid_import_leaves_a_job_that_then_fails_naming_it(
    database_queue, project, users, client, settings
):
    """SIGKILL while the import is being stored: PostgreSQL rolls the transaction back,
    the job stays "running" with a heartbeat that stops, and once JOB_STALE_SECONDS have
    passed the job page shows that the worker stopped and nothing was stored."""
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database is not shared with other processes")
    lines = (
        f"Sentence number {i} about Zhejiang and the people of Hangzhou." for i in range(12000)
    )
    data = "\n".join(lines).encode()
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=data, filename="big.txt"
    )
    env = {**os.environ, "DATABASE_URL": postgres_url(), "TASKS_BACKEND": "db"}
    env["JOB_HEARTBEAT_SECONDS"] = "0.2"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", *WORKER], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        beats = set()

        def storing():
            row = Job.objects.values("status", "message", "heartbeat_at").get(pk=job.pk)
            beats.add(row["heartbeat_at"])
            return row["message"].startswith("Storing")

        wait_for(storing)
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    job.refresh_from_db()
    assert (job.status, job.document) == ("running", None)
    assert len(beats - {None}) >= 2  # its heartbeat moved while it ran ...
    assert not Document.objects.exists()  # ... and the killed transaction stored nothing
    assert DBTaskResult.objects.get(id=job.task_id).status == "RUNNING"  # the queue can't tell

    settings.JOB_STALE_SECONDS = 1
    time.sleep(1.2)  # ... and it stopped
    client.login(username="translator", password=PASSWORD)
    html = client.get(job.get_absolute_url()).text
    assert '<p class="error" role="alert">big.txt: the worker running this job stopped' in html
    assert "nothing of it was stored: upload the file again" in html
    job.refresh_from_db()
    assert job.status == "failed" and job.input_data is None
    assert not Document.objects.exists() and not Segment.objects.exists()
