"""Big uploads and exports in the browser: the job page (full and its htmx partial),
the redirect after a big upload, the export offer and the download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from reviews.models import Document, Job
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
    assert f'href="{download}">Download seed.txt</a>' in response.text
    file = client.get(download)
    assert file.content == seed_bytes
    assert file["Content-Disposition"] == 'attachment; filename="seed.txt"'


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
