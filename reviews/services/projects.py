"""Projects and who works on them."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import transaction

from .. import policy
from ..errors import InvalidInput, NotAllowed, NotFound
from ..models import Membership, Project
from ..selectors import forget_roles, role_in_project
from ..states import Role, can_manage

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_SLUG = re.compile(r"^[-a-z0-9_]{1,64}$")


def _check_lang(tag: str, what: str) -> str:
    if not _LANG_TAG.match(tag or ""):
        raise InvalidInput(f"{what} {tag!r} is not a BCP 47 language tag such as zh-CN or en")
    return tag


@transaction.atomic
def project_create(*, slug: str, name: str = "", source_lang: str, target_lang: str) -> Project:
    if not _SLUG.match(slug or ""):
        raise InvalidInput(
            f"project slug {slug!r} must be 1-64 lowercase letters, digits, '-' or '_'"
        )
    _check_lang(source_lang, "source language")
    _check_lang(target_lang, "target language")
    if Project.objects.filter(slug=slug).exists():
        raise InvalidInput(f"a project with the slug {slug!r} already exists")
    return Project.objects.create(
        slug=slug, name=name or slug, source_lang=source_lang, target_lang=target_lang
    )


@transaction.atomic
def membership_set(*, project: Project, user, role: str, acting_user=None) -> Membership:
    """Add a member or change their role; ``acting_user`` (if given) must be a manager."""
    if acting_user is not None:
        policy.ensure_may_manage_members(role_in_project(user=acting_user, project_id=project.pk))
    if role not in Role.values:
        raise InvalidInput(f"unknown role {role!r} (one of {', '.join(Role.values)})")
    if role != Role.MANAGER:
        _keep_a_manager(project, user)
    membership, _ = Membership.objects.update_or_create(
        user=user, project=project, defaults={"role": role}
    )
    forget_roles(user)
    return membership


@transaction.atomic
def membership_remove(*, project: Project, user, acting_user=None) -> None:
    """Take ``user`` off the project. Their revisions and comments stay, under their
    name; they simply no longer see the project. ``acting_user`` (if given; the command
    line acts as the system) must be a manager and cannot remove themselves."""
    if acting_user is not None:
        policy.ensure_may_manage_members(role_in_project(user=acting_user, project_id=project.pk))
        if user == acting_user:
            raise InvalidInput("You cannot remove yourself from the project")
    if not Membership.objects.filter(project=project, user=user).exists():
        raise NotFound(f"{user.get_username()} is not a member of {project.slug}")
    _keep_a_manager(project, user)
    Membership.objects.filter(project=project, user=user).delete()
    forget_roles(user)


def _keep_a_manager(project: Project, user) -> None:
    """Refuse a change that would leave the project without a manager."""
    managers = Membership.objects.select_for_update().filter(project=project, role=Role.MANAGER)
    ids = list(managers.values_list("user_id", flat=True))
    if ids == [user.pk]:
        raise InvalidInput(
            f"{user.get_username()} is the project's only manager: make someone else a "
            "manager first"
        )


def user_by_name(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise NotFound(f"no user {username!r}") from None


@transaction.atomic
def project_update(
    *, project: Project, user, four_eyes: bool, auto_propagate: bool | None = None
) -> Project:
    """The review settings; ``auto_propagate`` None leaves that one as it is."""
    if not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can change the project's settings")
    project.four_eyes = four_eyes
    fields = ["four_eyes"]
    if auto_propagate is not None:
        project.auto_propagate = auto_propagate
        fields.append("auto_propagate")
    project.save(update_fields=fields)
    return project
