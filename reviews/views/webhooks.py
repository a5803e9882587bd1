"""A project's webhooks on its page (managers): register an endpoint (its secret shown
once, in the answer to the form), remove one, and send a delivery again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import policy, selectors, services
from ..errors import InvalidField, ReviewError
from ..forms import WebhookForm
from .access import member_or_404
from .projects import _project_context


def _manager(request: HttpRequest, slug: str):
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not policy.may_manage_webhooks(role):
        return project, role, HttpResponse(policy.WEBHOOKS + ".", status=403)
    return project, role, None


def _back(project) -> HttpResponse:
    return redirect(reverse("reviews:project", args=[project.slug]) + "#webhooks-heading")


@login_required
@require_POST
def webhook_add(request: HttpRequest, slug: str) -> HttpResponse:
    project, role, refused = _manager(request, slug)
    if refused:
        return refused
    form = WebhookForm(request.POST)
    status, created = 422, None
    if form.is_valid():
        try:
            created = services.webhook_endpoint_create(
                project=project,
                user=request.user,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
            )
        except InvalidField as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        except ReviewError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            status, form = 201, WebhookForm()
    # The page itself, not a redirect: the secret is in this answer and nowhere after.
    context = _project_context(request, project, role, webhook_form=form, new_webhook=created)
    response = render(request, "reviews/project.html", context, status=status)
    response["Cache-Control"] = "no-store"  # no cache keeps a copy of the secret
    return response


@login_required
@require_POST
def webhook_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project, _role, refused = _manager(request, slug)
    if refused:
        return refused
    try:
        endpoint = selectors.webhook_for_manager(user=request.user, pk=pk)
        if endpoint.project_id != project.pk:
            raise ReviewError("No such webhook")
        services.webhook_endpoint_delete(endpoint=endpoint, user=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Removed the webhook to {endpoint.url}.")
    return _back(project)


@login_required
@require_POST
def webhook_redeliver(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project, _role, refused = _manager(request, slug)
    if refused:
        return refused
    try:
        delivery = selectors.webhook_delivery_for_manager(user=request.user, project=project, pk=pk)
        services.webhook_redeliver(delivery=delivery, user=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Sending {delivery.event_type} {delivery.event_id} again.")
    return _back(project)
