"""The job page in a real browser: htmx follows the job every second and stops once it
has ended; a big upload lands on it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import Job
from tests.conftest import PASSWORD, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_job_page_follows_the_job_then_stops_polling(new_page, project, users, seed_bytes):
    job = Job.objects.create(
        project=project,
        kind=Job.Kind.IMPORT,
        status=Job.Status.RUNNING,
        progress=10,
        message="Reading big.txt: 1 of 10 paragraphs",
        params={"filename": "big.txt"},
    )
    page = new_page("translator", PASSWORD)
    page.goto(reverse("reviews:job", args=[job.pk]))
    bar = page.get_by_role("progressbar", name=f"Progress of job {job.pk}")
    expect(bar).to_have_attribute("value", "10")

    Job.objects.filter(pk=job.pk).update(progress=55, message="Reading big.txt: 5 of 10")
    expect(bar).to_have_attribute("value", "55")  # the next poll, within a second or so
    expect(page.locator(".job-message")).to_have_text("Reading big.txt: 5 of 10")

    document = services.document_import(project=project, data=seed_bytes, filename="big.txt")
    Job.objects.filter(pk=job.pk).update(status="done", progress=100, document=document)
    expect(page.get_by_role("link", name="Open big.txt")).to_be_visible()
    polls = []
    page.on("request", lambda request: polls.append(request.url))
    page.wait_for_timeout(2500)
    assert polls == []  # 286 and no trigger: htmx stopped asking


def test_a_big_upload_lands_on_its_job_page(new_page, project, users, settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 1000
    page = new_page("manager", PASSWORD)
    page.goto(reverse("reviews:project", args=[project.slug]))
    page.get_by_label("Translation file").set_input_files(str(SEED))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".job-state")).to_have_text("Done")
    page.get_by_role("link", name=f"Open {SEED.name}").click()
    expect(page.locator(".seg[data-segment]").first).to_be_visible()
