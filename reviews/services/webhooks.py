"""Webhooks: managers register a project's endpoints; the work that approves, rejects,
imports and exports emits events, each stored as a delivery per subscribed endpoint in
the transaction of the work itself and handed to the worker once it commits (work
rolled back sends nothing). services/webhook_delivery.py sends them.

A bulk action emits one event per segment, all in one delivery per endpoint (the body's
``data.segments`` is their list), not a request per segment; past ``BATCH_SEGMENTS``
segments the list is cut into parts (``data.part`` of ``data.parts``), so no body grows
past a few hundred kilobytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import policy
from ..errors import InvalidField, NotFound
from ..models import (
    Document,
    Job,
    Project,
    Segment,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from ..selectors import role_in_project
from ..states import State
from ..webhook_http import UnsafeEndpoint, new_secret, resolve_public

EVENTS = tuple(WebhookEvent.values)
BATCH_SEGMENTS = 1000  # segments in one delivery's body at most
URL_MAX = 2000
# A segment's move into one of these states is an event.
STATE_EVENTS = {
    State.APPROVED: WebhookEvent.SEGMENT_APPROVED,
    State.REJECTED: WebhookEvent.SEGMENT_REJECTED,
}


def _ensure_manager(user, project: Project) -> None:
    """The policy's rule; ``user`` None is the command line, trusted."""
    if user is not None:
        policy.ensure_may_manage_webhooks(role_in_project(user=user, project_id=project.pk))


def webhook_url_check(url: str) -> str:
    """The URL, once it may receive webhooks; ``InvalidField('url')`` says why not."""
    url = (url or "").strip() if isinstance(url, str) else url
    if not isinstance(url, str) or not url:
        raise InvalidField("url", "Give the URL that receives the events")
    if len(url) > URL_MAX:
        raise InvalidField("url", f"The URL can be at most {URL_MAX:,} characters")
    try:
        resolve_public(url, allow_private=settings.WEBHOOK_ALLOW_PRIVATE)
    except UnsafeEndpoint as exc:
        raise InvalidField("url", str(exc)) from None
    return url


def webhook_events_check(events) -> list[str]:
    if isinstance(events, str) or not isinstance(events, Iterable):
        raise InvalidField("events", "'events' must be a list of event types")
    events = list(events)
    unknown = [e for e in events if e not in EVENTS]
    if unknown or not events:
        raise InvalidField(
            "events", f"Choose one or more events among {', '.join(EVENTS)}; not {unknown}"
        )
    return [e for e in EVENTS if e in events]  # each once, in the documented order


@transaction.atomic
def webhook_endpoint_create(*, project: Project, user, url: str, events) -> WebhookEndpoint:
    """A new endpoint with a new secret; the caller shows the secret once."""
    _ensure_manager(user, project)
    events = webhook_events_check(events)
    url = webhook_url_check(url)
    return WebhookEndpoint.objects.create(
        project=project, url=url, events=events, secret=new_secret(), created_by=user
    )


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, user) -> None:
    """The endpoint and its deliveries go; a queued attempt finds nothing to send."""
    _ensure_manager(user, endpoint.project)
    endpoint.delete()


@transaction.atomic
def webhook_redeliver(*, delivery: WebhookDelivery, user) -> WebhookDelivery:
    """Send a delivery's event again, as a new delivery with the same ``webhook-id``
    (receivers that saw it already can tell); the old one stays in the list."""
    endpoint = delivery.endpoint
    _ensure_manager(user, endpoint.project)
    if not endpoint.active:
        raise NotFound("This webhook endpoint is switched off")
    again = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        payload=delivery.payload,
    )
    _queue_on_commit([again.pk])
    return again


def webhook_emit(*, project: Project, event_type: str, data: dict) -> list[WebhookDelivery]:
    """Store the event as a delivery for each active endpoint of the project that
    subscribed to it, in the caller's transaction; the worker sends them after it
    commits."""
    return _emit(_subscribed(project.pk, event_type), event_type, data)


def _endpoints(project_id: int) -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.filter(project_id=project_id, active=True))


def _subscribed(project_id: int, event_type: str) -> list[WebhookEndpoint]:
    return [e for e in _endpoints(project_id) if event_type in e.events]


def _emit(endpoints: list[WebhookEndpoint], event_type: str, data: dict) -> list:
    if not endpoints:
        return []
    payload = {"type": event_type, "timestamp": timezone.now().isoformat(), "data": data}
    event_id = f"msg_{uuid.uuid4().hex}"
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=e, event_id=event_id, event_type=event_type, payload=payload)
        for e in endpoints
    )
    _queue_on_commit([d.pk for d in deliveries])
    return deliveries


def _queue_on_commit(delivery_ids: list[int]) -> None:
    def queue() -> None:
        from ..tasks import deliver_webhook  # the tasks call back into the services

        for pk in delivery_ids:
            deliver_webhook.enqueue(pk)

    # robust: a queue that fails loses no approval; the delivery stays pending, listed.
    transaction.on_commit(queue, robust=True)


def _segment_json(segment: Segment, user, note: str) -> dict:
    return {
        "id": segment.pk,
        "document": segment.document_id,
        "position": segment.position,
        "target": segment.target,
        "state": segment.state,
        "version": segment.version,
        "author": user.get_username() if user is not None else None,
        "time": segment.changed_at.isoformat() if segment.changed_at else None,
        "note": note,
    }


def webhooks_segments_moved(
    *, project: Project, user, moved: list[tuple[Segment, str, str]], batch=None
) -> None:
    """Events for segments that moved into approved or rejected: ``moved`` holds
    (segment as saved, its state before, the note) of one transaction. One delivery
    per endpoint and event type carries every segment; a document whose every segment
    is approved now is completed (it was not before: one of these was not approved)."""
    endpoints = _endpoints(project.pk)
    if not endpoints:
        return  # the common case costs one query
    by_event: dict[str, list[dict]] = {}
    approved_documents: set[int] = set()
    for segment, before, note in moved:
        event = STATE_EVENTS.get(segment.state)
        if event is None or before == segment.state:
            continue
        by_event.setdefault(event, []).append(_segment_json(segment, user, note))
        if segment.state == State.APPROVED:
            approved_documents.add(segment.document_id)
    for event, segments in by_event.items():
        subscribed = [e for e in endpoints if event in e.events]
        parts = range(0, len(segments), BATCH_SEGMENTS)
        for part, start in enumerate(parts, 1):
            data = {
                "project": project.slug,
                "batch": str(batch) if batch else None,
                "part": part,
                "parts": len(parts),
                "segments": segments[start : start + BATCH_SEGMENTS],
            }
            _emit(subscribed, event, data)
    completed = [e for e in endpoints if WebhookEvent.DOCUMENT_COMPLETED in e.events]
    if completed and approved_documents:
        for document in _completed_now(approved_documents):
            data = {"project": project.slug, "document": _document_json(document)}
            _emit(completed, WebhookEvent.DOCUMENT_COMPLETED, data)


def _completed_now(document_ids: set[int]) -> list[Document]:
    """The documents whose every current segment is approved. Their rows are locked
    first: two transactions approving a document's last two segments are then asked
    one after the other, and the second sees the first's approval."""
    documents = list(
        Document.objects.select_for_update().filter(pk__in=document_ids).order_by("pk")
    )
    return [
        d
        for d in documents
        if d.segments.exists() and not d.segments.exclude(state=State.APPROVED).exists()
    ]


def _document_json(document: Document, **extra) -> dict:
    return {"id": document.pk, "title": document.title, "format": document.format, **extra}


def webhooks_document_imported(
    *, document: Document, user, version: str = "new", summary: dict | None = None
) -> None:
    """``version``: "new" for a new document, "update" for a new version of its file
    (``summary`` then counts what was kept, changed, added and removed)."""
    endpoints = _subscribed(document.project_id, WebhookEvent.DOCUMENT_IMPORTED)
    if not endpoints:
        return
    data = {
        "project": document.project.slug,
        "document": _document_json(document, segments=document.segments.count()),
        "version": version,
        "author": user.get_username() if user is not None else None,
    }
    if summary is not None:
        data["summary"] = summary
    _emit(endpoints, WebhookEvent.DOCUMENT_IMPORTED, data)


def webhooks_export_ready(*, job: Job) -> None:
    document, result = job.document, job.result or {}
    data = {
        "project": job.project.slug,
        "job": job.pk,
        "document": _document_json(document) if document else None,
        "format": job.params.get("format"),
        "approved_only": job.params.get("approved_only", False),
        "filename": result.get("filename"),
        "bytes": result.get("bytes"),
        "file": reverse("api:job-file", args=[job.pk]),
    }
    webhook_emit(project=job.project, event_type=WebhookEvent.EXPORT_READY, data=data)
