"""The job page in a real browser: htmx follows the job every second and stops once it
has ended; a big upload lands on it; a big document's review page leads to the bar of
its check job."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import Job, Segment
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


def test_a_check_jobs_bar_follows_it_from_the_review_page(new_page, project, users, seed_bytes):
    document = services.document_import(
        project=project, data=seed_bytes, filename="big.txt", user=users["manager"]
    )
    Segment.objects.filter(document=document, position__gte=16).update(
        qa=[], qa_level="pending", qa_checks=""
    )
    job = Job.objects.create(
        project=project,
        kind=Job.Kind.CHECK,
        status=Job.Status.RUNNING,
        document=document,
        progress=31,
        message="Checking 16 of 46 segments",
    )
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    status = page.get_by_role("status").filter(has_text="QA checks are running")
    expect(status).to_contain_text("16 of 46 checked")
    expect(page.get_by_text("QA: not checked yet (approving checks it first)")).to_have_count(30)
    status.get_by_role("link", name=f"Follow job {job.pk}").click()

    bar = page.get_by_role("progressbar", name=f"Progress of job {job.pk}")
    expect(bar).to_have_attribute("value", "31")
    expect(page.locator(".job-message")).to_have_text("Checking 16 of 46 segments")
    Job.objects.filter(pk=job.pk).update(progress=90, message="Measuring 46 segments")
    expect(bar).to_have_attribute("value", "90")
    expect(page.locator(".job-message")).to_have_text("Measuring 46 segments")

    Job.objects.filter(pk=job.pk).update(
        status="done",
        progress=100,
        result={"summary": "Checked 30 segments: 1 with errors, 4 with warnings", "segments": 46},
    )
    expect(page.locator(".job-state")).to_have_text("Done")
    expect(page.get_by_text("Checked 30 segments: 1 with errors, 4 with warnings.")).to_be_visible()
    page.get_by_role("link", name="Report").click()
    expect(page).to_have_url(re.compile(rf"/documents/{document.pk}/report/$"))
