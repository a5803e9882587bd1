"""Background jobs: queued, run once, progress in the row, failures named, nothing
half-stored. Django's immediate backend runs them here (tests/conftest.py); the
dummy backend leaves them queued, as a database queue with no worker would."""

import pytest

from reviews import selectors, services
from reviews.errors import NotAllowed
from reviews.formats import text
from reviews.models import Document, Job, Segment
from reviews.services import documents, jobs

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_size_thresholds_decide_what_runs_in_the_background(settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 1000
    settings.BACKGROUND_EXPORT_SEGMENTS = 10
    assert not services.upload_needs_job(600, 400)
    assert services.upload_needs_job(600, 401)  # translation and source together
    assert not services.export_needs_job(segment_count=10)
    assert services.export_needs_job(segment_count=11)


def test_a_job_waits_in_the_queue_then_runs_once(settings, project, users, seed_bytes):
    settings.TASKS = DUMMY
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=seed_bytes, filename="in/seed.txt"
    )
    assert (job.status, job.progress, job.message) == ("queued", 0, "Waiting for a worker")
    assert job.task_id and job.subject == "seed.txt" and job.created_by == users["manager"]
    assert not Document.objects.exists()

    outcome = services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert outcome == {"job": job.pk, "status": "done", "document": job.document_id}
    assert job.started_at <= job.finished_at
    assert services.document_export(document=job.document) == seed_bytes
    assert job.result == {"segments": job.document.segments.count(), "title": "seed.txt"}
    assert job.input_data is None  # the upload is dropped once it is stored
    # A task delivered twice (a retry, a second worker) never imports twice.
    assert services.job_run(job_id=job.pk)["skipped"]
    assert Document.objects.count() == 1


def test_progress_is_written_into_the_row_while_the_file_is_read(
    monkeypatch, project, users, seed_bytes
):
    monkeypatch.setattr(jobs.JobProgress, "min_interval", 0)
    monkeypatch.setattr(text, "PROGRESS_EVERY", 5)
    seen = []
    write = jobs.JobProgress.__call__

    def spy(self, percent, message):
        write(self, percent, message)
        seen.append(Job.objects.values_list("progress", "message").get(pk=self.job_id))

    monkeypatch.setattr(jobs.JobProgress, "__call__", spy)
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=seed_bytes, filename="seed.txt"
    )
    percents = [p for p, _m in seen]
    assert percents == sorted(percents) and percents[0] == 0 and max(percents) == 80
    assert len(set(percents)) > 3  # it moved while reading, not just at the end
    assert any(m.startswith("Reading seed.txt: 5 of ") and "paragraphs" in m for _p, m in seen)
    assert seen[-1] == (80, f"Storing {job.document.segments.count()} segments")


def test_progress_writes_are_throttled_but_a_new_phase_shows_at_once(project, users):
    job = Job.objects.create(project=project, kind="import")
    report = jobs.JobProgress(job.pk)
    report.min_interval = 3600
    for done in range(0, 80):
        report(done, f"Reading x.txt: {done} of 80 paragraphs")
    report(80, "Storing 80 segments")
    report(80, "Storing 80 segments")
    assert report.writes == 2
    job.refresh_from_db()
    assert (job.progress, job.message) == (80, "Storing 80 segments")


def test_a_bad_file_fails_the_job_naming_the_file_and_stores_nothing(project, users):
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=b"ok\n\xc3\x28\n", filename="big.txt"
    )
    assert job.status == "failed"
    assert (
        job.error
        == "big.txt: line 2: bytes that are not valid UTF-8 at byte 3 (save the file as UTF-8)"
    )
    assert job.document is None and job.input_data is None
    assert not Document.objects.exists()


def test_a_crash_while_storing_leaves_no_half_stored_document(
    monkeypatch, project, users, seed_bytes
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The import revisions are written after each batch of segments is stored.
    monkeypatch.setattr(documents, "_insert_import_revisions", broken)
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=seed_bytes, filename="seed.txt"
    )
    assert job.status == "failed"
    assert job.error == (
        "seed.txt: the job stopped on an unexpected error (RuntimeError); nothing was stored"
    )
    assert not Document.objects.exists() and not Segment.objects.exists()


def test_a_reimport_job_keeps_the_work_that_still_applies(document, users, seed_bytes):
    segment = document.segments.get(position=0)
    services.segment_edit(segment=segment, user=users["translator"], target="Edited.", version=1)
    job = services.job_enqueue_reimport(
        document=document,
        user=users["manager"],
        data=seed_bytes + b"\nA new closing line.\n",
        filename="seed-v2.txt",
    )
    assert job.status == "done" and job.document == document
    assert job.result["added"] == 1 and job.result["kept"] == document.segments.count() - 1
    assert "1 added" in job.result["summary"]
    assert document.segments.get(position=0).target == "Edited."


def test_an_export_job_keeps_the_file_for_download(document, users, seed_bytes):
    job = services.job_enqueue_export(document=document, user=users["translator"])
    assert job.status == "done"
    assert selectors.job_output(job=job) == seed_bytes
    assert job.result == {
        "filename": "seed.en.reviewed.txt",  # never the imported file's name (faf732d)
        "media_type": "text/plain; charset=utf-8",
        "bytes": len(seed_bytes),
    }


def test_only_managers_queue_imports_and_only_members_exports(document, users, seed_bytes):
    for who in ("translator", "editor", "outsider"):
        with pytest.raises(NotAllowed):
            services.job_enqueue_import(
                project=document.project, user=users[who], data=seed_bytes, filename="x.txt"
            )
    for who in ("translator", "outsider"):  # editors may bring new versions (policy)
        with pytest.raises(NotAllowed):
            services.job_enqueue_reimport(
                document=document, user=users[who], data=seed_bytes, filename="x.txt"
            )
    with pytest.raises(NotAllowed):
        services.job_enqueue_export(document=document, user=users["outsider"])
    assert not Job.objects.exists()


def test_a_manager_who_lost_the_role_before_the_job_ran_imports_nothing(
    settings, project, users, seed_bytes
):
    settings.TASKS = DUMMY
    manager = users["manager"]
    job = services.job_enqueue_import(
        project=project, user=manager, data=seed_bytes, filename="seed.txt"
    )
    # A project keeps a manager: another one first, then this one loses the role.
    services.membership_set(project=project, user=users["editor"], role="manager")
    services.membership_set(project=project, user=manager, role="translator")
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Only project managers can import documents")
    assert not Document.objects.exists()
