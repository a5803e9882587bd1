"""People: creating accounts, inviting them into a project, and the link that lets a
new (or forgetful) person choose a password.

The link is Django's own password-reset link (``PasswordResetTokenGenerator`` and the
``password_reset_confirm`` view): it works once, expires after
``PASSWORD_RESET_TIMEOUT`` and stops working as soon as the password is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..errors import InvalidInput
from ..models import Project
from .projects import membership_set

_USERNAME_MAX = 150


@dataclass(frozen=True)
class Invitation:
    user: object
    created: bool  # a new account (which needs the link) or an existing one
    link: str  # the set-password link ("" for an existing account)


def set_password_link(user, *, base_url: str = "") -> str:
    """An absolute link to choose a password (once) for ``user``."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return (base_url or settings.SITE_URL).rstrip("/") + path


def _check_username(username: str) -> str:
    username = (username or "").strip()
    field = get_user_model()._meta.get_field("username")
    if not username or len(username) > _USERNAME_MAX:
        raise InvalidInput(f"a user name is 1-{_USERNAME_MAX} characters")
    for validator in field.validators:
        try:
            validator(username)
        except Exception:  # Django's ValidationError, said in our words
            raise InvalidInput(
                f"user name {username!r} may hold only letters, digits and @ . + - _"
            ) from None
    return username


def _check_email(email: str) -> str:
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except Exception:
            raise InvalidInput(f"{email!r} is not an e-mail address") from None
    return email


@transaction.atomic
def user_create(*, username: str, email: str = "") -> object:
    """A new account without a password (it is chosen through the set-password link)."""
    username, email = _check_username(username), _check_email(email)
    users = get_user_model().objects
    if users.filter(username__iexact=username).exists():
        raise InvalidInput(f"a user named {username!r} already exists")
    user = users.create_user(username=username, email=email)  # unusable password
    return user


def member_invite(
    *, project: Project, username: str, email: str, role: str, acting_user, base_url: str = ""
) -> Invitation:
    """Add ``username`` to the project with ``role``; a new person gets an account and an
    e-mail with the link to choose a password. ``acting_user`` must manage the project."""
    username = _check_username(username)
    existing = get_user_model().objects.filter(username__iexact=username).first()
    with transaction.atomic():
        user = existing or user_create(username=username, email=email)
        membership_set(project=project, user=user, role=role, acting_user=acting_user)
    if existing is not None:
        return Invitation(user=user, created=False, link="")
    link = set_password_link(user, base_url=base_url)
    if user.email:
        send_mail(
            subject=f"You are invited to {project.name}",
            message=(
                f"{acting_user.get_username()} invited you to review translations in "
                f"{project.name} as {role}.\n\nChoose your password here (the link works once):"
                f"\n{link}\n\nYour user name is {user.get_username()}.\n"
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    return Invitation(user=user, created=True, link=link)
