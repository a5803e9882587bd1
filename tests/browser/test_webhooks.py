"""Webhooks on the project page in a real browser: a manager registers an endpoint (a
real HTTP server on 127.0.0.1), sees the secret once, sees a delivery listed with its
status and response code, and redelivers it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import WebhookDelivery, WebhookEndpoint
from tests.browser.test_accessibility import assert_clean, axe_page  # noqa: F401
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_registers_a_webhook_sees_the_secret_once_and_redelivers(
    new_page, project, users, segment, receiver
):
    page = new_page("manager", PASSWORD)
    page.goto(reverse("reviews:project", args=[project.slug]))
    page.get_by_label("Webhook URL").fill(receiver.url)
    page.get_by_label("segment.approved: A segment was approved", exact=True).check()
    page.get_by_role("button", name="Add webhook").click()

    secret = page.get_by_label("Signing secret")
    expect(secret).to_have_value(re.compile(r"^whsec_"))
    expect(secret).to_be_focused()  # shown once: the keyboard is on it, ready to copy
    endpoint = WebhookEndpoint.objects.get()
    expect(secret).to_have_value(endpoint.secret)
    page.goto(reverse("reviews:project", args=[project.slug]))
    expect(page.get_by_role("cell", name=receiver.url, exact=True)).to_be_visible()
    expect(page.get_by_label("Signing secret")).to_have_count(0)  # once only
    assert endpoint.secret not in page.content()

    receiver.plan = [503]  # the first attempt fails: the row says so
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    delivery = WebhookDelivery.objects.get()
    page.reload()
    deliveries = page.locator("table.webhook-deliveries tbody tr")
    expect(deliveries).to_have_count(1)
    expect(deliveries.first).to_contain_text("Retrying")
    expect(deliveries.first).to_contain_text("503")

    redeliver = f"Redeliver segment.approved {delivery.event_id} to {receiver.url}"
    page.get_by_role("button", name=redeliver, exact=True).click()
    expect(page.get_by_text(f"Sending segment.approved {delivery.event_id} again.")).to_be_visible()
    expect(deliveries).to_have_count(2)
    expect(deliveries.first).to_contain_text("Delivered")
    expect(deliveries.first).to_contain_text("200")
    assert [r.headers["webhook-id"] for r in receiver.requests] == [delivery.event_id] * 2


def test_the_webhooks_section_is_accessible(axe_page, project, users, segment, receiver):  # noqa: F811
    """axe on the manager's page with the secret shown, an endpoint and its deliveries."""
    page = axe_page("manager")
    page.goto(reverse("reviews:project", args=[project.slug]))
    page.get_by_label("Webhook URL").fill(receiver.url)
    page.get_by_label("segment.approved: A segment was approved", exact=True).check()
    page.get_by_role("button", name="Add webhook").click()
    expect(page.get_by_label("Signing secret")).to_be_visible()
    assert_clean(page, "project page with a new webhook's secret")
    receiver.plan = [500]
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    page.goto(reverse("reviews:project", args=[project.slug]))
    expect(page.locator("table.webhook-deliveries tbody tr")).to_have_count(1)
    assert_clean(page, "project page with a delivery")
