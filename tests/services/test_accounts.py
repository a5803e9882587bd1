"""People: invitations, roles, removal, and the one-time set-password link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from reviews import services
from reviews.errors import InvalidInput, NotAllowed, NotFound
from reviews.models import Membership, Revision
from reviews.states import Role

LINK = re.compile(r"http://\S+/accounts/reset/\S+/\S+/")


def test_inviting_a_new_person_creates_an_account_without_a_password_and_mails_a_link(
    project, users
):
    invitation = services.member_invite(
        project=project,
        username="li.wei",
        email="li.wei@example.org",
        role=Role.EDITOR,
        acting_user=users["manager"],
        base_url="http://review.example.org/",
    )
    user = get_user_model().objects.get(username="li.wei")
    assert invitation.created and invitation.user == user
    assert not user.has_usable_password()
    assert Membership.objects.get(project=project, user=user).role == Role.EDITOR
    [message] = mail.outbox
    assert message.to == ["li.wei@example.org"]
    assert invitation.link.startswith("http://review.example.org/accounts/reset/")
    assert invitation.link in message.body
    assert "li.wei" in message.body and "editor" in message.body


def test_inviting_an_existing_user_adds_them_and_sends_nothing(project, users):
    invitation = services.member_invite(
        project=project,
        username="OUTSIDER",  # user names are matched as people type them
        email="",
        role=Role.TRANSLATOR,
        acting_user=users["manager"],
    )
    assert not invitation.created and invitation.user == users["outsider"]
    assert Membership.objects.get(project=project, user=users["outsider"]).role == "translator"
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["translator", "editor", "outsider"])
def test_only_managers_invite(project, users, who):
    with pytest.raises((NotAllowed, NotFound)):
        services.member_invite(
            project=project,
            username="newcomer",
            email="n@example.org",
            role=Role.TRANSLATOR,
            acting_user=users[who],
        )
    assert not get_user_model().objects.filter(username="newcomer").exists()  # nothing half-made
    assert mail.outbox == []


@pytest.mark.parametrize(
    "username, email",
    [("", "a@example.org"), ("has space", ""), ("x" * 151, ""), ("ok", "not-an-address")],
)
def test_bad_names_and_addresses_are_refused_and_nothing_is_stored(project, users, username, email):
    before = get_user_model().objects.count()
    with pytest.raises(InvalidInput):
        services.member_invite(
            project=project,
            username=username,
            email=email,
            role=Role.TRANSLATOR,
            acting_user=users["manager"],
        )
    assert get_user_model().objects.count() == before


def test_an_unknown_role_stores_no_account(project, users):
    with pytest.raises(InvalidInput, match="unknown role"):
        services.member_invite(
            project=project,
            username="newcomer",
            email="",
            role="owner",
            acting_user=users["manager"],
        )
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_removing_a_member_keeps_their_revisions_and_comments(project, users, segment):
    services.segment_edit(
        segment=segment, user=users["translator"], target="Zheyun'an", version=segment.version
    )
    services.comment_add(segment=segment, author=users["translator"], text="checked the name")
    services.membership_remove(
        project=project, user=users["translator"], acting_user=users["manager"]
    )
    assert not Membership.objects.filter(project=project, user=users["translator"]).exists()
    assert Revision.objects.filter(segment=segment, author=users["translator"]).exists()
    assert segment.comments.filter(author=users["translator"]).exists()
    # and the former member no longer reaches the project
    from reviews.selectors import project_for_member

    with pytest.raises(NotFound):
        project_for_member(user=users["translator"], slug=project.slug)


def test_the_last_manager_can_be_neither_removed_nor_demoted(project, users):
    with pytest.raises(InvalidInput, match="only manager"):
        services.membership_remove(project=project, user=users["manager"])
    with pytest.raises(InvalidInput, match="only manager"):
        services.membership_set(project=project, user=users["manager"], role=Role.EDITOR)
    assert Membership.objects.get(project=project, user=users["manager"]).role == Role.MANAGER
    # with a second manager, either change is fine
    services.membership_set(project=project, user=users["editor"], role=Role.MANAGER)
    services.membership_set(project=project, user=users["manager"], role=Role.EDITOR)
    assert Membership.objects.get(project=project, user=users["manager"]).role == Role.EDITOR


def test_removing_someone_who_is_not_a_member_says_so(project, users):
    with pytest.raises(NotFound, match="not a member"):
        services.membership_remove(
            project=project, user=users["outsider"], acting_user=users["manager"]
        )


@pytest.mark.parametrize("who", ["translator", "editor"])
def test_only_managers_remove_members(project, users, who):
    with pytest.raises(NotAllowed):
        services.membership_remove(
            project=project, user=users["translator"], acting_user=users[who]
        )
    assert Membership.objects.filter(project=project, user=users["translator"]).exists()


def test_the_set_password_link_works_once(client, project, users):
    invitation = services.member_invite(
        project=project,
        username="newcomer",
        email="",
        role=Role.TRANSLATOR,
        acting_user=users["manager"],
    )
    path = invitation.link.split("127.0.0.1:8000", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200 and b"Set my password" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "long-enough-pass-42", "new_password2": "long-enough-pass-42"},
        follow=True,
    )
    assert b"Password set" in done.content
    assert client.login(username="newcomer", password="long-enough-pass-42")
    client.logout()
    again = client.get(path, follow=True)
    assert b"has been used or has expired" in again.content
