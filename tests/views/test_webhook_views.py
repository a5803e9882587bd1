"""Webhooks on the project page (managers, plain forms): register with the secret shown
once, see each delivery with its status, attempt and response, and redeliver."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import PASSWORD


@pytest.fixture
def manager(client, users):
    client.login(username="manager", password=PASSWORD)
    return client


def test_a_manager_registers_an_endpoint_and_sees_the_secret_once(manager, project, receiver):
    response = manager.post(
        reverse("reviews:webhook-add", args=[project.slug]),
        {"url": receiver.url, "events": ["segment.approved", "document.completed"]},
    )
    assert response.status_code == 201
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["segment.approved", "document.completed"]
    assert endpoint.secret in response.text
    assert response["Cache-Control"] == "no-store"
    page = manager.get(reverse("reviews:project", args=[project.slug])).text
    assert receiver.url in page
    assert endpoint.secret not in page


def test_a_private_url_is_refused_on_the_form(manager, project):
    response = manager.post(
        reverse("reviews:webhook-add", args=[project.slug]),
        {"url": "http://192.168.1.20/hook", "events": ["segment.approved"]},
    )
    assert response.status_code == 422
    assert "a private address" in response.text
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("role", ["translator", "editor"])
def test_other_roles_do_not_see_webhooks(client, users, project, role):
    client.login(username=role, password=PASSWORD)
    page = client.get(reverse("reviews:project", args=[project.slug])).text
    assert "Webhooks" not in page


def test_a_delivery_is_listed_and_redelivered(
    manager,
    project,
    users,
    segment,
    receiver,
    django_capture_on_commit_callbacks,
):
    services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["segment.approved"]
    )
    receiver.plan = [503]
    with django_capture_on_commit_callbacks(execute=True):  # through the review page's form
        manager.post(reverse("reviews:segment-approve", args=[segment.pk]), {"version": 1})
    delivery = WebhookDelivery.objects.get()
    page = manager.get(reverse("reviews:project", args=[project.slug])).text
    assert "segment.approved" in page and delivery.event_id in page
    assert "Retrying" in page and "503" in page
    assert f"Redeliver segment.approved {delivery.event_id}" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(
            reverse("reviews:webhook-redeliver", args=[project.slug, delivery.pk])
        )
    assert response.status_code == 302
    assert WebhookDelivery.objects.filter(status="delivered", event_id=delivery.event_id).exists()
    assert len(receiver.requests) == 2


def test_a_manager_removes_an_endpoint(manager, project, users):
    endpoint = WebhookEndpoint.objects.create(
        project=project, url="https://93.184.215.14/h", events=["export.ready"], secret="whsec_"
    )
    response = manager.post(reverse("reviews:webhook-delete", args=[project.slug, endpoint.pk]))
    assert response.status_code == 302
    assert not WebhookEndpoint.objects.exists()
