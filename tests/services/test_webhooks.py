"""Webhook events from every path that approves, rejects, imports and exports, sent to
a real HTTP server on 127.0.0.1 once the work commits, and signed as the Standard
Webhooks specification says."""

import base64
import hashlib
import hmac
import time

import pytest
import standardwebhooks
from django.core.management import call_command
from django.db import transaction

from reviews import services
from reviews.models import WebhookDelivery, WebhookEvent
from reviews.services import webhooks

ALL_EVENTS = list(WebhookEvent.values)


@pytest.fixture
def hook(project, users, receiver):
    return services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=ALL_EVENTS
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block as committed work: what waits for the commit (the deliveries'
    tasks, run at once by the immediate backend) runs at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def small_document(project, manager, text=b"Hello there.\nSee you soon.\n"):
    return services.document_import(project=project, data=text, filename="small.txt", user=manager)


def test_an_approval_is_delivered_signed_the_standard_webhooks_way(
    hook, receiver, segment, users, committed
):
    with committed():
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    (request,) = receiver.of_type("segment.approved")
    headers = {k.lower(): v for k, v in request.headers.items()}
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    # The published algorithm, recomputed: v1,base64(HMAC-SHA256(key, id.timestamp.body)).
    key = base64.b64decode(hook.secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + request.body, hashlib.sha256)
    assert headers["webhook-signature"] == "v1," + base64.b64encode(digest.digest()).decode()
    # ... and the specification's own library accepts it.
    body = standardwebhooks.Webhook(hook.secret).verify(request.body, headers)
    assert body["type"] == "segment.approved"
    assert set(body) == {"type", "timestamp", "data"}
    (sent,) = body["data"]["segments"]
    assert (sent["id"], sent["state"], sent["author"]) == (segment.pk, "approved", "editor")
    delivery = WebhookDelivery.objects.get(event_id=msg_id)
    assert (delivery.status, delivery.attempt, delivery.response_code) == ("delivered", 1, 200)


def test_a_wrong_secret_does_not_verify(hook, receiver, segment, users, committed):
    with committed():
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    (request,) = receiver.of_type("segment.approved")
    other = "whsec_" + base64.b64encode(b"another secret of 24 b!!").decode()
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(other).verify(request.body, request.headers)


def test_a_rejection_is_an_event_with_its_reason(hook, receiver, segment, users, committed):
    with committed():
        services.segment_reject(
            segment=segment, reviewer=users["editor"], reason="Name is Zheyun'an", version=1
        )
    (request,) = receiver.of_type("segment.rejected")
    (sent,) = request.json["data"]["segments"]
    assert (sent["id"], sent["state"], sent["note"]) == (
        segment.pk,
        "rejected",
        "Name is Zheyun'an",
    )


def test_work_rolled_back_sends_nothing(hook, receiver, segment, users, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
        raise RuntimeError("the request failed after the approval")
    assert receiver.requests == []
    assert not WebhookDelivery.objects.filter(event_type="segment.approved").exists()


def test_events_wait_for_the_commit(
    hook, receiver, segment, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    assert receiver.requests == []  # nothing sent inside the transaction
    assert WebhookDelivery.objects.get(event_type="segment.approved").status == "pending"
    for callback in callbacks:
        callback()
    assert len(receiver.of_type("segment.approved")) == 1


def test_a_bulk_approval_of_many_segments_is_one_request(
    hook, receiver, document, users, committed
):
    ids = list(document.segments.values_list("pk", flat=True))
    with committed():
        result = services.segments_bulk_review(
            document=document,
            segment_ids=ids,
            user=users["editor"],
            action="approve",
            include_unreviewed=True,
        )
    assert result.changed >= 10
    (request,) = receiver.of_type("segment.approved")
    sent = request.json["data"]["segments"]
    assert len(sent) == result.changed
    assert len({s["id"] for s in sent}) == result.changed
    assert request.json["data"]["batch"] == str(result.batch)


def test_a_bulk_rejection_is_one_request(hook, receiver, document, users, committed):
    ids = list(document.segments.values_list("pk", flat=True)[:5])
    with committed():
        result = services.segments_bulk_review(
            document=document, segment_ids=ids, user=users["editor"], action="reject", reason="No"
        )
    (request,) = receiver.of_type("segment.rejected")
    assert sorted(s["id"] for s in request.json["data"]["segments"]) == sorted(ids)
    assert result.changed == 5


def test_document_completed_once_every_segment_is_approved(
    hook, receiver, project, users, committed
):
    with committed():
        document = small_document(project, users["manager"])
    first, second = document.segments.order_by("position")
    with committed():
        services.segment_approve(segment=first, reviewer=users["editor"], version=1)
    assert receiver.of_type("document.completed") == []
    with committed():
        services.segment_approve(segment=second, reviewer=users["editor"], version=1)
        # a double click approves nothing new: no second event
        services.segment_approve(segment=second, reviewer=users["editor"], version=1)
    (request,) = receiver.of_type("document.completed")
    assert request.json["data"]["document"]["id"] == document.pk


def test_document_imported_from_the_command_line_and_a_new_version(
    hook, receiver, project, users, committed, tmp_path
):
    path = tmp_path / "cli.txt"
    path.write_bytes(b"One line.\n")
    with committed():
        call_command("import_document", project.slug, str(path), stdout=None)
    (request,) = receiver.of_type("document.imported")
    data = request.json["data"]
    assert (data["document"]["title"], data["version"], data["document"]["segments"]) == (
        "cli.txt",
        "new",
        1,
    )
    document = project.documents.get(pk=data["document"]["id"])
    with committed():
        services.document_reimport(
            document=document, user=users["manager"], data=b"One line.\nTwo.\n", filename="cli.txt"
        )
    update = receiver.of_type("document.imported")[1].json["data"]
    assert update["version"] == "update"
    assert (update["summary"]["kept"], update["summary"]["added"]) == (1, 1)


def test_a_background_export_is_ready(hook, receiver, document, users, committed):
    with committed():
        job = services.job_enqueue_export(document=document, user=users["editor"], format_name="po")
    (request,) = receiver.of_type("export.ready")
    data = request.json["data"]
    assert (data["job"], data["format"], data["document"]["id"]) == (job.pk, "po", document.pk)
    assert data["file"] == f"/api/v1/jobs/{job.pk}/file"


def test_only_subscribed_events_and_active_endpoints(
    hook, receiver, segment, users, committed, project
):
    hook.events = ["segment.rejected"]
    hook.save()
    with committed():
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    assert receiver.requests == []


def test_no_endpoint_no_delivery(project, segment, users, committed):
    with committed():
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    assert not WebhookDelivery.objects.exists()


def test_a_very_big_bulk_approval_is_sent_in_parts(
    hook, receiver, document, users, committed, monkeypatch
):
    """Past BATCH_SEGMENTS segments (1,000; 4 here) the list is cut in parts: bodies stay
    small, and every segment is in exactly one of them."""
    monkeypatch.setattr(webhooks, "BATCH_SEGMENTS", 4)
    ids = list(document.segments.values_list("pk", flat=True))
    with committed():
        result = services.segments_bulk_review(
            document=document,
            segment_ids=ids,
            user=users["editor"],
            action="approve",
            include_unreviewed=True,
        )
    requests = receiver.of_type("segment.approved")
    parts = -(-result.changed // 4)
    assert len(requests) == parts
    bodies = sorted((r.json["data"] for r in requests), key=lambda d: d["part"])
    assert [(d["part"], d["parts"]) for d in bodies] == [(n, parts) for n in range(1, parts + 1)]
    sent = [s["id"] for d in bodies for s in d["segments"]]
    assert len(sent) == len(set(sent)) == result.changed
    assert {d["batch"] for d in bodies} == {str(result.batch)}
