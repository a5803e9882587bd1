"""The project page's members section, password pages, and editors' new versions."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from reviews.models import Membership
from reviews.states import State
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    cache.clear()  # the reset throttle counts per address in the cache


def login(client, name):
    assert client.login(username=name, password=PASSWORD)


def test_a_manager_invites_a_new_person_by_name_and_email(client, project, users):
    login(client, "manager")
    page = client.post(
        reverse("reviews:member-set", args=[project.slug]),
        {"username": "li.wei", "email": "li.wei@example.org", "role": "editor"},
        follow=True,
    )
    assert "Invited li.wei as editor" in page.text
    user = get_user_model().objects.get(username="li.wei")
    assert Membership.objects.get(project=project, user=user).role == "editor"
    [message] = mail.outbox
    assert re.search(r"http://testserver/accounts/reset/\S+/", message.body)


def test_without_an_email_the_manager_is_shown_the_link_to_pass_on(client, project, users):
    login(client, "manager")
    page = client.post(
        reverse("reviews:member-set", args=[project.slug]),
        {"username": "li.wei", "email": "", "role": "translator"},
        follow=True,
    )
    assert "pass on this link" in page.text
    assert re.search(r"http://testserver/accounts/reset/\S+/", page.text)
    assert mail.outbox == []


def test_the_members_table_changes_roles_and_removes_members(client, project, users):
    login(client, "manager")
    page = client.get(reverse("reviews:project", args=[project.slug]))
    assert 'aria-label="Remove translator"' in page.text
    assert 'aria-label="Remove manager"' not in page.text  # not oneself
    client.post(
        reverse("reviews:member-role", args=[project.slug]),
        {"username": "translator", "role": "editor"},
    )
    assert Membership.objects.get(project=project, user=users["translator"]).role == "editor"
    page = client.post(
        reverse("reviews:member-remove", args=[project.slug]),
        {"username": "translator"},
        follow=True,
    )
    assert "Removed translator" in page.text
    assert not Membership.objects.filter(project=project, user=users["translator"]).exists()


def test_a_manager_cannot_remove_themselves(client, project, users):
    login(client, "manager")
    page = client.post(
        reverse("reviews:member-remove", args=[project.slug]),
        {"username": "manager"},
        follow=True,
    )
    assert "cannot remove yourself" in page.text
    assert Membership.objects.filter(project=project, user=users["manager"]).exists()


def test_members_other_than_managers_see_no_members_section(client, project, users):
    login(client, "editor")
    page = client.get(reverse("reviews:project", args=[project.slug]))
    assert "Invite or add" not in page.text


def test_an_editor_uploads_a_new_version_and_approved_work_is_kept(
    client, project, users, document, seed_bytes
):
    first = document.segments.order_by("position").first()
    services.segment_edit(segment=first, user=users["translator"], target="Fixed.", version=1)
    first.refresh_from_db()
    services.segment_approve(segment=first, reviewer=users["editor"], version=first.version)
    login(client, "editor")
    page = client.get(reverse("reviews:project", args=[project.slug]))
    assert f'for="update-{document.pk}"' in page.text  # the editor is offered the upload
    assert "Archive</button>" not in page.text  # archiving stays with managers
    new = SimpleUploadedFile("seed.txt", seed_bytes + b"\nOne more line.\n")
    response = client.post(
        reverse("reviews:document-update", args=[document.pk]), {"file": new, "format": "auto"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.target, first.state) == ("Fixed.", State.APPROVED)
    assert document.segments.filter(target="One more line.").exists()


def test_translators_may_not_upload_a_new_version(client, document, seed_bytes):
    login(client, "translator")
    new = SimpleUploadedFile("seed.txt", seed_bytes + b"\nOne more line.\n")
    response = client.post(
        reverse("reviews:document-update", args=[document.pk]), {"file": new, "format": "auto"}
    )
    assert response.status_code == 403
    assert not document.segments.filter(target="One more line.").exists()


def test_editors_still_may_not_create_documents(client, project, users, seed_bytes):
    login(client, "editor")
    response = client.post(
        reverse("reviews:document-upload", args=[project.slug]),
        {"file": SimpleUploadedFile("x.txt", seed_bytes), "format": "auto"},
    )
    assert response.status_code == 403
    assert not project.documents.exists()


def test_everyone_can_change_their_password(client, users):
    login(client, "translator")
    page = client.get("/")
    assert reverse("password_change") in page.text
    done = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-7",
            "new_password2": "another-long-pass-7",
        },
        follow=True,
    )
    assert "Password changed" in done.text
    client.logout()
    assert client.login(username="translator", password="another-long-pass-7")


def test_a_forgotten_password_is_reset_by_email(client, users):
    users["translator"].email = "t@example.org"
    users["translator"].save()
    assert "Forgot your password?" in client.get(reverse("login")).text
    done = client.post(reverse("password_reset"), {"email": "T@example.org"}, follow=True)
    assert "Check your e-mail" in done.text
    [message] = mail.outbox
    path = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)[1]
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-pass-9", "new_password2": "a-new-long-pass-9"},
    )
    assert client.login(username="translator", password="a-new-long-pass-9")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, users):
    done = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in done.text
    assert mail.outbox == []


def test_password_resets_are_throttled_per_address(client, users, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 2
    users["translator"].email = "t@example.org"
    users["translator"].save()
    for _ in range(2):
        client.post(reverse("password_reset"), {"email": "t@example.org"})
    refused = client.post(reverse("password_reset"), {"email": "t@example.org"})
    assert refused.status_code == 429
    assert len(mail.outbox) == 2
