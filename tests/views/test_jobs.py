"""Big uploads and exports in the browser: the job page (full and its htmx partial),
the redirect after a big upload, the export offer and the download; the QA status of a
big document's review page, reports being measured, stuck jobs."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reviews import services
from reviews.models import Document, DocumentMetrics, Job, Segment
from tests.conftest import PASSWORD

HTMX = {"HX-Request": "true"}


def login(client, username):
    client.login(username=username, password=PASSWORD)


@pytest.fixture
def small_threshold(settings):
    """Make the seed article (9.6 kB, 46 segments) count as big."""
    settings.BACKGROUND_THRESHOLD_BYTES = 1000
    settings.BACKGROUND_EXPORT_SEGMENTS = 10


@pytest.fixture
def running_job(project, users):
    return Job.objects.create(
        project=project,
        kind=Job.Kind.IMPORT,
        status=Job.Status.RUNNING,
        progress=42,
        message="Reading big.txt: 420 of 1,000 paragraphs",
        params={"filename": "big.txt"},
        created_by=users["manager"],
    )


def test_a_big_upload_goes_to_its_job_page_which_links_the_document(
    client, project, users, seed_bytes, small_threshold
):
    login(client, "manager")
    upload = reverse("reviews:document-upload", args=[project.slug])
    file = SimpleUploadedFile("seed.txt", seed_bytes)
    response = client.post(upload, {"file": file, "format": "auto", "title": "Big one"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    document = Document.objects.get()
    assert (job.kind, job.status, job.document, job.created_by) == (
        "import",
        "done",
        document,
        users["manager"],
    )
    html = client.get(response["Location"]).text
    assert "Done" in html and 'value="100"' in html
    assert f'href="{document.get_absolute_url()}">Open Big one</a>' in html
    assert "hx-trigger" not in html and 'http-equiv="refresh"' not in html


def test_a_small_upload_is_still_imported_in_the_request(client, project, users, seed_bytes):
    login(client, "manager")
    upload = reverse("reviews:document-upload", args=[project.slug])
    response = client.post(
        upload, {"file": SimpleUploadedFile("seed.txt", seed_bytes), "format": "auto"}
    )
    assert response["Location"] == Document.objects.get().get_absolute_url()
    assert not Job.objects.exists()


def test_a_running_job_polls_every_second_and_refreshes_without_javascript(client, running_job):
    login(client, "translator")  # every member of the project follows its jobs
    url = reverse("reviews:job", args=[running_job.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.text
    assert f'hx-get="{url}" hx-trigger="every 1s"' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert f'<a href="{url}">Reload</a>' in html
    assert '<progress max="100" value="42"' in html and "420 of 1,000 paragraphs" in html

    partial = client.get(url, headers=HTMX)
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="job-status"')
    assert 'hx-trigger="every 1s"' in partial.text and "<html" not in partial.text


def test_polling_stops_with_286_once_the_job_has_ended(client, running_job):
    login(client, "editor")
    url = reverse("reviews:job", args=[running_job.pk])
    for status in (Job.Status.DONE, Job.Status.FAILED):
        Job.objects.filter(pk=running_job.pk).update(status=status)
        partial = client.get(url, headers=HTMX)
        assert partial.status_code == 286
        assert "hx-trigger" not in partial.text


def test_a_failed_job_shows_its_error(client, project, users, small_threshold):
    login(client, "manager")
    upload = reverse("reviews:document-upload", args=[project.slug])
    bad = SimpleUploadedFile("big.txt", b"\x00" * 2000)
    response = client.post(upload, {"file": bad, "format": "auto"}, follow=True)
    assert response.status_code == 200
    assert '<p class="error" role="alert">big.txt: this is a binary file' in response.text
    assert not Document.objects.exists()


def test_a_big_new_version_runs_as_a_job_and_reports_what_it_kept(
    client, document, seed_bytes, small_threshold
):
    login(client, "manager")
    new = SimpleUploadedFile("seed.txt", seed_bytes + b"\nOne more line.\n")
    response = client.post(
        reverse("reviews:document-update", args=[document.pk]),
        {"file": new, "format": "auto"},
        follow=True,
    )
    job = Job.objects.get()
    assert (job.kind, job.status, job.document) == ("reimport", "done", document)
    assert response.redirect_chain[-1][0] == job.get_absolute_url()
    assert "1 added, 0 removed." in response.text


def test_a_big_export_is_offered_as_a_job_then_downloaded(
    client, document, seed_bytes, small_threshold
):
    login(client, "translator")
    offer = client.get(
        reverse("reviews:document-export", args=[document.pk]),
        {"format": "text", "approved_only": "on"},
    )
    assert offer.status_code == 200 and "Content-Disposition" not in offer
    action = reverse("reviews:document-export-job", args=[document.pk])
    assert f'<form method="post" action="{action}">' in offer.text
    assert 'name="approved_only" value="on"' in offer.text

    response = client.post(action, {"format": "text", "approved_only": "on"}, follow=True)
    job = Job.objects.get()
    assert job.params == {"format": "text", "approved_only": True, "include_mt": False}
    download = reverse("reviews:job-download", args=[job.pk])
    assert f'href="{download}">Download seed.en.approved.txt</a>' in response.text
    file = client.get(download)
    assert file.content == seed_bytes
    assert file["Content-Disposition"] == 'attachment; filename="seed.en.approved.txt"'


def test_only_export_jobs_have_a_download(client, running_job):
    login(client, "manager")
    assert client.get(reverse("reviews:job-download", args=[running_job.pk])).status_code == 404


def test_pages_ask_for_a_job_when_the_document_is_big(client, document, small_threshold):
    login(client, "editor")
    action = reverse("reviews:document-export-job", args=[document.pk])
    for page in ("reviews:project", "reviews:document"):
        arg = document.project.slug if page == "reviews:project" else document.pk
        html = client.get(reverse(page, args=[arg])).text
        assert f'<form class="export" method="post" action="{action}">' in html


def test_the_project_page_lists_its_jobs(client, document, running_job, users):
    services.job_enqueue_export(document=document, user=users["editor"])
    login(client, "translator")
    html = client.get(reverse("reviews:project", args=[document.project.slug])).text
    assert "Background jobs" in html
    assert f'href="{running_job.get_absolute_url()}">Import {running_job.pk}</a>' in html
    assert "Running 42%" in html and "big.txt" in html and ">Done<" in html


def test_a_job_of_another_project_is_404(client, running_job, users):
    other = services.project_create(slug="other", name="Other", source_lang="zh", target_lang="en")
    services.membership_set(project=other, user=users["outsider"], role="manager")
    login(client, "outsider")
    assert client.get(reverse("reviews:job", args=[running_job.pk])).status_code == 404
    assert (
        client.get(reverse("reviews:job", args=[running_job.pk]), headers=HTMX).status_code == 404
    )


def test_a_queued_job_says_it_waits_for_a_worker(client, running_job):
    login(client, "manager")
    Job.objects.filter(pk=running_job.pk).update(status=Job.Status.QUEUED, progress=0)
    html = client.get(reverse("reviews:job", args=[running_job.pk])).text
    assert "Queued" in html and "as soon as a worker" in html and 'hx-trigger="every 1s"' in html


# -- QA checks and metrics of big documents (check jobs) ----------------------------------

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_review_page_says_how_far_the_qa_checks_are(client, document, settings):
    settings.TASKS = DUMMY
    login(client, "editor")
    url = reverse("reviews:document", args=[document.pk])
    assert 'id="qa-status"' not in client.get(url).text  # everything checked

    Segment.objects.filter(document=document, position__gte=6).update(
        qa=[], qa_level="pending", qa_checks=""
    )
    html = client.get(url).text
    assert "<strong>40 of 46 segments are not checked yet.</strong>" in html
    assert "no severity filter finds them; approving one checks it first" in html
    assert html.count("QA: not checked yet (approving checks it first)") == 40

    job = services.job_enqueue_check(document=document)
    html = client.get(url).text
    assert "QA checks are waiting for a worker: 40 of 46 segments not checked yet." in html
    assert f'<a href="{job.get_absolute_url()}">Follow job {job.pk}</a>' in html

    Job.objects.filter(pk=job.pk).update(status="running")
    assert "<strong>QA checks are running: 6 of 46 checked.</strong>" in client.get(url).text


def test_the_check_job_page_links_the_document_and_its_report(client, document):
    job = services.job_enqueue_check(document=document, all_segments=True)
    login(client, "translator")
    html = client.get(job.get_absolute_url()).text
    assert f"QA check: {document.title}" in html
    assert f'href="{reverse("reviews:document-report", args=[document.pk])}">Report</a>' in html
    assert "Checked 46 segments: " in html


@pytest.fixture
def unmeasured_big(document, monkeypatch, settings):
    """The seed counts as big and its figures are missing; jobs wait for a worker."""
    from reviews.services import check_jobs

    monkeypatch.setattr(check_jobs, "MEASURE_INLINE_MAX", 10)
    settings.TASKS = DUMMY
    DocumentMetrics.objects.filter(document=document).update(totals={})
    return document


@pytest.mark.parametrize(
    "page", ["document-report", "document-report-csv", "project-report", "project-report-csv"]
)
def test_reports_of_an_unmeasured_big_document_say_it_is_being_measured(
    client, unmeasured_big, page
):
    login(client, "translator")
    arg = unmeasured_big.project.slug if page.startswith("project") else unmeasured_big.pk
    response = client.get(reverse(f"reviews:{page}", args=[arg]))
    job = Job.objects.get()
    assert response.status_code == 202 and job.kind == "check"
    assert "This report's figures are being measured" in response.text
    assert f'<a href="{job.get_absolute_url()}">QA check job {job.pk}</a>' in response.text
    assert not DocumentMetrics.objects.filter(document=unmeasured_big).exclude(totals={}).exists()
    # Asking again follows the same job; once it has run, the report is there.
    assert client.get(reverse(f"reviews:{page}", args=[arg])).status_code == 202
    services.job_run(job_id=job.pk)
    assert client.get(reverse(f"reviews:{page}", args=[arg])).status_code == 200
    assert Job.objects.count() == 1


def test_a_glossary_change_in_a_big_project_says_qa_is_rechecked_in_the_background(
    client, document, settings
):
    settings.BACKGROUND_CHECK_SEGMENTS = 0
    settings.TASKS = DUMMY
    login(client, "editor")
    response = client.post(
        reverse("reviews:glossary-add", args=[document.project.slug]),
        {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"},
        follow=True,
    )
    pending = Segment.objects.filter(qa_level="pending").count()
    assert pending >= 1
    assert (
        f"QA is being re-checked in the background: {pending} segments are not checked yet."
        in response.text
    )


# -- stuck jobs and old files ---------------------------------------------------------------


def test_a_stuck_job_shows_that_its_worker_stopped(client, running_job, settings):
    settings.JOB_STALE_SECONDS = 600
    stale = timezone.now() - timedelta(seconds=601)
    Job.objects.filter(pk=running_job.pk).update(started_at=stale, heartbeat_at=stale)
    login(client, "translator")
    partial = client.get(running_job.get_absolute_url(), headers=HTMX)
    assert partial.status_code == 286  # it has ended: polling stops
    assert '<p class="error" role="alert">big.txt: the worker running this job stopped' in (
        partial.text
    )
    assert "nothing of it was stored: upload the file again" in partial.text
    running_job.refresh_from_db()
    assert running_job.status == "failed"


def test_a_running_job_with_a_recent_heartbeat_is_left_alone(client, running_job):
    Job.objects.filter(pk=running_job.pk).update(heartbeat_at=timezone.now())
    login(client, "translator")
    assert client.get(running_job.get_absolute_url(), headers=HTMX).status_code == 200
    running_job.refresh_from_db()
    assert running_job.status == "running"


def test_an_export_whose_file_was_dropped_says_so(client, document, users):
    job = services.job_enqueue_export(document=document, user=users["editor"])
    Job.objects.filter(pk=job.pk).update(output_data=None)
    login(client, "editor")
    html = client.get(job.get_absolute_url()).text
    assert "Its file was dropped after the retention period" in html
    assert reverse("reviews:job-download", args=[job.pk]) not in html
