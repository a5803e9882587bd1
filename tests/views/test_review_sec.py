"""Adversarial checks of the write paths that landed with issues 18 and 19 (members,
new versions, propagation, webhooks): each test is a hole found, or closed, here."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from reviews import services
from reviews.models import Document, Job
from reviews.states import State
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    cache.clear()  # the reset throttle counts per address in the cache


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


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("浙江" * 127 + "浙", "浙江" * 40 + ".en.reviewed.po"),  # 3 bytes a character, 255 in all
        ("é" * 255, "é" * 120 + ".en.reviewed.po"),
        ("Part one\u2028Set-Cookie: x=1\u2029end", "Part one Set-Cookie: x=1 end.en.reviewed.po"),
        ("..", "document-{pk}.en.reviewed.po"),
        ("../../.bashrc", "-..-.bashrc.en.reviewed.po"),
        (".hidden notes.txt", "hidden notes.en.reviewed.po"),
    ],
)
def test_download_names_fit_a_file_system_and_break_no_line(project, users, title, expected):
    """A download's name is at most 255 bytes of UTF-8 (what ext4 or APFS take for one
    name: a long Chinese title came out 765 bytes, which cannot be saved), keeps its
    suffix whole, carries no line or paragraph separator, and is never a hidden file."""
    document = services.document_import(
        project=project, data=b"Hello.\n", filename="x.txt", user=users["manager"]
    )
    Document.objects.filter(pk=document.pk).update(title=title)
    document.refresh_from_db()
    name = services.export_filename(document=document, format_name="po")
    assert name == expected.format(pk=document.pk)
    assert len(name.encode()) <= 255
    response = HttpResponse("x")
    response["Content-Disposition"] = content_disposition_header(True, name)
    assert "\n" not in response["Content-Disposition"]


def test_an_invited_persons_links_work_once_whichever_is_used(client, project, users):
    """An invited person holds two links (the invitation's and a reset they asked for):
    once either sets the password, neither works again, and a second invitation of the
    same name under another address changes neither their address nor their password."""
    services.member_invite(
        project=project,
        username="newcomer",
        email="new@example.org",
        role="translator",
        acting_user=users["manager"],
    )
    client.post(reverse("password_reset"), {"email": "new@example.org"})
    invited, reset = (
        re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body)[1]
        for message in mail.outbox
    )
    form = client.get(reset, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "long-enough-pass-42", "new_password2": "long-enough-pass-42"},
    )
    assert client.login(username="newcomer", password="long-enough-pass-42")
    client.logout()
    for path in (invited, reset):
        again = client.get(path, follow=True)
        assert b"has been used or has expired" in again.content
        assert b"new_password1" not in again.content
    services.member_invite(
        project=project,
        username="NewComer",
        email="attacker@example.org",
        role="editor",
        acting_user=users["manager"],
    )
    newcomer = get_user_model().objects.get(username="newcomer")
    assert newcomer.email == "new@example.org"
    assert newcomer.check_password("long-enough-pass-42")
    assert len(mail.outbox) == 2
