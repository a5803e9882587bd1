"""create_user, add_member and remove_member (CONTRACT.md's account commands)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from reviews.models import Membership


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_user_prints_a_link_that_sets_the_password(client, db, settings):
    settings.SITE_URL = "http://review.example.org"
    link = run("create_user", "li.wei", "--email", "li.wei@example.org").strip()
    user = get_user_model().objects.get(username="li.wei")
    assert user.email == "li.wei@example.org" and not user.has_usable_password()
    assert link.startswith("http://review.example.org/accounts/reset/")
    form = client.get(link.removeprefix("http://review.example.org"), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "long-enough-pass-42", "new_password2": "long-enough-pass-42"},
    )
    assert client.login(username="li.wei", password="long-enough-pass-42")


def test_create_user_base_url_option(db):
    link = run("create_user", "ana", "--base-url", "https://r.example.net/").strip()
    assert link.startswith("https://r.example.net/accounts/reset/")


def test_create_user_refuses_a_taken_name(users):
    with pytest.raises(CommandError, match="already exists"):
        run("create_user", "Editor")


def test_add_member_and_change_role_and_remove(project, users):
    assert "outsider is editor in zj" in run("add_member", "zj", "outsider", "editor")
    assert Membership.objects.get(project=project, user=users["outsider"]).role == "editor"
    run("add_member", "zj", "outsider", "translator")
    assert Membership.objects.get(project=project, user=users["outsider"]).role == "translator"
    assert "Removed outsider from zj" in run("remove_member", "zj", "outsider")
    assert not Membership.objects.filter(project=project, user=users["outsider"]).exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (("add_member", "nope", "outsider", "editor"), "no project 'nope'"),
        (("add_member", "zj", "ghost", "editor"), "no user 'ghost'"),
        (("add_member", "zj", "outsider", "owner"), "unknown role 'owner'"),
        (("remove_member", "zj", "ghost"), "no user 'ghost'"),
        (("remove_member", "zj", "outsider"), "not a member"),
        (("remove_member", "zj", "manager"), "only manager"),
    ],
)
def test_bad_arguments_exit_with_a_message_naming_them(users, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
