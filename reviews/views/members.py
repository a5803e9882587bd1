"""A project's members: invite or add a person, change a role, remove a member."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .. import policy, selectors, services
from ..errors import ReviewError
from ..forms import InviteForm, MemberForm
from .access import member_or_404


def _members_view(view):
    """A POST view of a project's members: ``view(request, project)`` once the caller is
    found to manage the project (404 for non-members, 403 for other roles)."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
        project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
        if not policy.may_manage_members(role):
            return HttpResponse(policy.MAY_MANAGE_MEMBERS + ".", status=403)
        return view(request, project)

    return wrapper


@_members_view
def member_set(request: HttpRequest, project) -> HttpResponse:
    """Invite a person (an account and a set-password link if they are new), add an
    existing user, or change a member's role."""
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a user name, a valid e-mail (or none) and a role.")
        return redirect(project)
    data = form.cleaned_data
    try:
        invitation = services.member_invite(
            project=project,
            username=data["username"],
            email=data["email"],
            role=data["role"],
            acting_user=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except ReviewError as exc:
        messages.error(request, exc.message)
        return redirect(project)
    name = invitation.user.get_username()
    if not invitation.created:
        messages.success(request, f"{name} is now {data['role']}.")
    elif invitation.user.email:
        messages.success(
            request,
            f"Invited {name} as {data['role']}: a link to choose a password was sent to "
            f"{invitation.user.email}.",
        )
    else:
        messages.success(
            request,
            f"Created {name} as {data['role']}. There is no e-mail address to send it to, so "
            f"pass on this link to choose a password (it works once): {invitation.link}",
        )
    return redirect(project)


@_members_view
def member_role(request: HttpRequest, project) -> HttpResponse:
    """Change an existing member's role (the row's own form)."""
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role.")
        return redirect(project)
    try:
        user = services.user_by_name(form.cleaned_data["username"])
        services.membership_set(
            project=project, user=user, role=form.cleaned_data["role"], acting_user=request.user
        )
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{user.get_username()} is now {form.cleaned_data['role']}.")
    return redirect(project)


@_members_view
def member_remove(request: HttpRequest, project) -> HttpResponse:
    """Take a person off the project; their revisions and comments stay."""
    try:
        user = services.user_by_name(request.POST.get("username", ""))
        services.membership_remove(project=project, user=user, acting_user=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"Removed {user.get_username()} from {project.name}; their changes and comments "
            "stay in the history.",
        )
    return redirect(project)
