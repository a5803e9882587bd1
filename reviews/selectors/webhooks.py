"""Reads of a project's webhooks: its endpoints, their recent deliveries, and one
endpoint or delivery for a manager (anyone else gets ``NotFound`` or ``NotAllowed``)."""

from __future__ import annotations

from .. import policy
from ..errors import NotFound
from ..models import Project, WebhookDelivery, WebhookEndpoint
from .access import role_in_project

RECENT_DELIVERIES = 50


def project_webhooks(*, project: Project) -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.filter(project=project).order_by("created_at", "pk"))


def project_webhook_deliveries(
    *, project: Project, limit: int = RECENT_DELIVERIES
) -> list[WebhookDelivery]:
    """The newest deliveries to the project's endpoints, newest first (the payload,
    which can be big, is not read)."""
    return list(
        WebhookDelivery.objects.filter(endpoint__project=project)
        .select_related("endpoint")
        .defer("payload")
        .order_by("-created_at", "-pk")[:limit]
    )


def webhook_for_manager(*, user, pk: int) -> WebhookEndpoint:
    """An endpoint of a project where ``user`` is a manager; a non-member gets
    ``NotFound`` as if it did not exist, a member of another role ``NotAllowed``."""
    endpoint = WebhookEndpoint.objects.select_related("project").filter(pk=pk).first()
    role = endpoint and role_in_project(user=user, project_id=endpoint.project_id)
    if not role:
        raise NotFound("No such webhook")
    policy.ensure_may_manage_webhooks(role)
    return endpoint


def webhook_delivery_for_manager(*, user, project: Project, pk: int) -> WebhookDelivery:
    delivery = (
        WebhookDelivery.objects.select_related("endpoint__project")
        .filter(pk=pk, endpoint__project=project)
        .first()
    )
    if delivery is None:
        raise NotFound("No such webhook delivery")
    policy.ensure_may_manage_webhooks(role_in_project(user=user, project_id=project.pk))
    return delivery
