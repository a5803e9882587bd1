"""Delivery attempts against a real HTTP server on 127.0.0.1: retried with backoff on
5xx, 408, 429, timeouts and connection errors, not on other 4xx or redirects; the
answer read up to the cap; redelivery sends the same event again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reviews import services
from reviews.errors import NotAllowed
from reviews.models import WebhookDelivery
from reviews.services.webhook_delivery import MAX_ATTEMPTS, RETRY_DELAYS


@pytest.fixture
def hook(project, users, receiver):
    return services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["segment.approved"]
    )


@pytest.fixture
def approved(hook, segment, users, django_capture_on_commit_callbacks):
    """Approve the segment; the delivery's first attempt runs at the commit. Returns a
    function that reads the delivery as it is now."""

    def approve():
        with django_capture_on_commit_callbacks(execute=True):
            services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
        return lambda: WebhookDelivery.objects.get(endpoint=hook)

    return approve


def time_passes(delivery) -> list[str]:
    """The next attempt's time comes: the worker makes it (as ``run_after`` would)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    return services.webhook_deliveries_due()


def test_a_500_is_retried_with_backoff_then_delivered(receiver, approved):
    receiver.plan = [500]
    current = approved()
    first = current()
    assert (first.status, first.attempt, first.response_code) == ("retrying", 1, 500)
    wait = first.next_attempt_at - first.last_attempt_at
    assert RETRY_DELAYS[0] <= wait <= RETRY_DELAYS[0] + timedelta(seconds=5)  # after the attempt
    # Not due yet: asking again sends nothing.
    assert services.webhook_deliver(delivery_id=first.pk) == "retrying"
    assert len(receiver.requests) == 1
    assert time_passes(first) == ["delivered"]
    second = current()
    assert (second.status, second.attempt, second.response_code) == ("delivered", 2, 200)
    one, two = receiver.requests
    assert one.headers["webhook-id"] == two.headers["webhook-id"]  # the same message


def test_a_timeout_is_retried(receiver, approved, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    receiver.plan = [("slow", 2)]
    current = approved()
    first = current()
    assert (first.status, first.attempt, first.response_code) == ("retrying", 1, None)
    assert "timed out" in first.error
    assert time_passes(first) == ["delivered"]
    assert current().attempt == 2


def test_a_connection_refused_is_retried(hook, approved, receiver):
    receiver.stop()  # nothing listens on the port any more
    first = approved()()
    assert first.status == "retrying"
    assert "connect" in first.error


@pytest.mark.parametrize(
    ("code", "status"),
    [(404, "failed"), (410, "failed"), (400, "failed"), (408, "retrying"), (429, "retrying")],
)
def test_4xx_are_not_retried_except_408_and_429(receiver, approved, code, status):
    receiver.plan = [code]
    delivery = approved()()
    assert (delivery.status, delivery.response_code) == (status, code)
    assert (delivery.next_attempt_at is not None) == (status == "retrying")


def test_a_redirect_is_not_followed(receiver, approved):
    receiver.plan = [("redirect", receiver.url + "/elsewhere")]
    delivery = approved()()
    assert (delivery.status, delivery.response_code) == ("failed", 302)
    assert "redirects are not followed" in delivery.error
    assert len(receiver.requests) == 1


def test_gives_up_after_a_day_of_attempts(receiver, approved):
    receiver.plan = [503] * MAX_ATTEMPTS
    current = approved()
    while (delivery := current()).status == "retrying":
        time_passes(delivery)
    assert (delivery.status, delivery.attempt) == ("failed", MAX_ATTEMPTS)
    assert "gave up after 8 attempts" in delivery.error
    assert sum(RETRY_DELAYS, timedelta()) >= timedelta(days=1)


def test_the_answer_is_read_up_to_the_cap(receiver, approved, settings):
    """The receiver announces 100 MB, sends 256 KiB and stalls: reading it all would
    wait for the timeout; the cap stops at 1 KiB and the delivery succeeds at once."""
    settings.WEBHOOK_RESPONSE_MAX_BYTES = 1024
    receiver.plan = [("endless",)]
    delivery = approved()()
    assert (delivery.status, delivery.response_code) == ("delivered", 200)
    assert delivery.duration_ms < settings.WEBHOOK_TIMEOUT_SECONDS * 1000 / 2


def test_redeliver_sends_the_same_event_again(
    receiver, approved, users, django_capture_on_commit_callbacks
):
    delivery = approved()()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.webhook_redeliver(delivery=delivery, user=users["manager"])
    again.refresh_from_db()
    assert (again.status, again.event_id) == ("delivered", delivery.event_id)
    one, two = receiver.requests
    assert one.body == two.body
    assert WebhookDelivery.objects.count() == 2  # the first stays listed


def test_only_managers_redeliver(receiver, approved, users):
    delivery = approved()()
    with pytest.raises(NotAllowed):
        services.webhook_redeliver(delivery=delivery, user=users["editor"])


def test_a_deleted_endpoint_leaves_nothing_to_send(
    hook, receiver, segment, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    services.webhook_endpoint_delete(endpoint=hook, user=users["manager"])
    for callback in callbacks:
        callback()
    assert receiver.requests == []


def test_the_command_makes_the_attempts_that_are_due(receiver, approved):
    receiver.plan = [500]
    first = approved()()
    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    out = StringIO()
    call_command("deliver_webhooks", stdout=out)
    assert "Webhook attempts made: 1 (1 delivered)" in out.getvalue()


def test_a_delivery_whose_task_was_lost_is_sent_by_the_command(
    hook, receiver, segment, users, django_capture_on_commit_callbacks
):
    """The queue failed at the commit (or the worker died mid-attempt): the delivery
    stays pending, and ``deliver_webhooks`` sends it once it is clearly stuck."""
    with django_capture_on_commit_callbacks(execute=False):  # its task never queued
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    delivery = WebhookDelivery.objects.get()
    assert services.webhook_deliveries_due() == []  # just stored: its task may come yet
    later = timezone.now() + timedelta(minutes=11)
    assert services.webhook_deliveries_due(now=later) == ["delivered"]
    assert receiver.requests[0].headers["webhook-id"] == delivery.event_id
