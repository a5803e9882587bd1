"""Webhook deliveries on the real worker (django-tasks-db's ``db_worker``): nothing is
sent inside the request that approves; the worker sends it; a failed attempt queues the
next one to run after the backoff, and the worker leaves it until then."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reviews import services
from reviews.models import WebhookDelivery
from reviews.services.webhook_delivery import RETRY_DELAYS
from tests.tasks.test_worker import WORKER, database_queue  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)  # the worker must see committed rows
DELIVER = "reviews.tasks.deliver_webhook"


def test_the_worker_delivers_and_retries_after_the_backoff(
    database_queue,  # noqa: F811
    project,
    users,
    segment,
    receiver,
):
    services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["segment.approved"]
    )
    receiver.plan = [500]
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    assert receiver.requests == []  # the approval only queued it
    (queued,) = DBTaskResult.objects.filter(task_path=DELIVER)
    assert queued.status == "READY"

    call_command(*WORKER, stdout=io.StringIO())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempt, delivery.response_code) == ("retrying", 1, 500)
    retry = DBTaskResult.objects.filter(task_path=DELIVER, status="READY").get()
    assert retry.run_after == delivery.next_attempt_at
    assert retry.run_after - delivery.last_attempt_at >= RETRY_DELAYS[0]

    call_command(*WORKER, stdout=io.StringIO())  # too early: the worker leaves it
    assert len(receiver.requests) == 1

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(1))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(1)
    )  # the backoff has passed
    call_command(*WORKER, stdout=io.StringIO())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempt, delivery.response_code) == ("delivered", 2, 200)
    assert len(receiver.requests) == 2
