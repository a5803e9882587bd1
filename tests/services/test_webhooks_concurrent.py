"""document.completed under concurrent approvals (PostgreSQL): two editors approve a
document's last two segments at the same moment, in two transactions. Each alone sees
the other's segment not approved yet; the document's row lock makes the second wait
for the first's commit and see it, so the event is sent exactly once."""

import threading

import pytest
from django.db import connection, connections

from reviews import services
from reviews.models import WebhookDelivery
from reviews.services import webhooks

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_last_approvals_at_once_complete_the_document_once(
    project, users, receiver, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: its transactions never overlap")
    services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["document.completed"]
    )
    document = services.document_import(
        project=project, data=b"First.\nSecond.\n", filename="two.txt", user=users["manager"]
    )
    both_approved = threading.Barrier(2, timeout=10)
    original = webhooks._completed_now

    def after_both_approvals(document_ids):
        both_approved.wait()  # each transaction has approved its segment, neither committed
        return original(document_ids)

    monkeypatch.setattr(webhooks, "_completed_now", after_both_approvals)
    errors = []

    def approve(segment):
        try:
            services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(s,)) for s in document.segments.all()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    completed = WebhookDelivery.objects.filter(event_type="document.completed")
    assert completed.count() == 1
    assert len(receiver.requests) == 1
