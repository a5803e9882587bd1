"""Adversarial checks of the write paths that landed with issues 18 and 19 (members,
new versions, propagation, webhooks): each test is a hole found, or closed, here."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from reviews.models import Job
from reviews.states import State
from tests.conftest import PASSWORD


def login(client, name):
    assert client.login(username=name, password=PASSWORD)


def test_an_editor_may_upload_a_big_new_version_too(client, users, document, seed_bytes, settings):
    """A file big enough to go to a background job is the same new version: the policy
    lets editors upload it (may_update_documents), so the job must take it too."""
    settings.BACKGROUND_THRESHOLD_BYTES = 100
    first = document.segments.order_by("position").first()
    services.segment_edit(segment=first, user=users["translator"], target="Fixed.", version=1)
    first.refresh_from_db()
    services.segment_approve(segment=first, reviewer=users["manager"], version=first.version)
    login(client, "editor")
    new = SimpleUploadedFile("seed.txt", seed_bytes + b"\nOne more line.\n")
    response = client.post(
        reverse("reviews:document-update", args=[document.pk]), {"file": new, "format": "auto"}
    )
    job = Job.objects.get(kind=Job.Kind.REIMPORT)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.DONE, job.error
    first.refresh_from_db()
    assert (first.target, first.state) == ("Fixed.", State.APPROVED)
    assert document.segments.filter(target="One more line.").exists()


def test_a_translator_may_not_queue_a_big_new_version(client, document, seed_bytes, settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 100
    login(client, "translator")
    new = SimpleUploadedFile("seed.txt", seed_bytes + b"\nOne more line.\n")
    response = client.post(
        reverse("reviews:document-update", args=[document.pk]), {"file": new, "format": "auto"}
    )
    assert response.status_code == 403
    assert not Job.objects.filter(kind=Job.Kind.REIMPORT).exists()
