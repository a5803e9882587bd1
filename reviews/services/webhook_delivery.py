"""Sending a stored delivery (a task on the worker, never in a request): one attempt,
signed the Standard Webhooks way, then delivered, failed, or retried later.

Retried on a 5xx, 408, 429, a timeout or a connection error, with a growing wait
(``RETRY_DELAYS``, a bit over a day in all); not on another 4xx, nor on a redirect
(never followed). The address is checked again before each attempt: a host that
resolves to a private address now is refused, and the request goes to the very
address that passed (see reviews/webhook_http.py).
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .. import webhook_http
from ..models import WebhookDelivery

logger = logging.getLogger(__name__)

# The wait after attempt n fails (n = 1, 2, ...); then it is failed for good.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
RETRIED_4XX = {408, 429}
OPEN = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING)
USER_AGENT = "translation-workbench-webhooks/1"


def webhook_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def webhook_headers(delivery: WebhookDelivery, body: bytes, timestamp: int) -> dict:
    signature = webhook_http.sign(delivery.endpoint.secret, delivery.event_id, timestamp, body)
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
    }


def webhook_deliver(*, delivery_id: int) -> str:
    """Make the delivery's next attempt if it is due; returns its status after."""
    now = timezone.now()
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in OPEN:
        return "gone" if delivery is None else delivery.status
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return delivery.status  # queued early (by hand, or twice): its own task comes later
    # Claimed by its attempt number: two workers never make the same attempt.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status__in=OPEN, attempt=delivery.attempt
    ).update(attempt=F("attempt") + 1, last_attempt_at=now, next_attempt_at=None)
    if not claimed:
        return delivery.status
    delivery.attempt += 1
    if not delivery.endpoint.active:
        return _finish(delivery, WebhookDelivery.Status.FAILED, error="The endpoint is off")
    try:
        target = webhook_http.resolve_public(
            delivery.endpoint.url, allow_private=settings.WEBHOOK_ALLOW_PRIVATE
        )
    except webhook_http.UnsafeEndpoint as exc:
        return _finish(delivery, WebhookDelivery.Status.FAILED, error=str(exc))
    body = webhook_body(delivery)
    headers = webhook_headers(delivery, body, int(time.time()))
    started = time.monotonic()
    try:
        answer = webhook_http.post(
            target,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            cap=settings.WEBHOOK_RESPONSE_MAX_BYTES,
        )
    except (OSError, http.client.HTTPException) as exc:
        took = _ms(started)
        reason = "timed out" if isinstance(exc, TimeoutError) else "could not connect or read"
        return _retry_or_fail(delivery, error=f"{reason}: {exc or type(exc).__name__}", took=took)
    took, code = _ms(started), answer.status
    if 200 <= code < 300:
        return _finish(
            delivery, WebhookDelivery.Status.DELIVERED, code=code, took=took, delivered=True
        )
    said = answer.body[:300].decode("utf-8", "replace")
    if code >= 500 or code in RETRIED_4XX:
        return _retry_or_fail(delivery, error=f"HTTP {code}: {said}", code=code, took=took)
    why = "redirects are not followed" if 300 <= code < 400 else "refused by the receiver"
    error = f"HTTP {code} ({why}): {said}"
    return _finish(delivery, WebhookDelivery.Status.FAILED, error=error, code=code, took=took)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _finish(delivery, status, *, error="", code=None, took=None, delivered=False, next_at=None):
    fields = {
        "status": status,
        "error": error[:2000],
        "response_code": code,
        "duration_ms": took,
        "next_attempt_at": next_at,
    }
    if delivered:
        fields["delivered_at"] = timezone.now()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return status


def _retry_or_fail(delivery, *, error: str, code=None, took=None) -> str:
    if delivery.attempt >= MAX_ATTEMPTS:
        error = f"gave up after {delivery.attempt} attempts; the last: {error}"
        return _finish(delivery, WebhookDelivery.Status.FAILED, error=error, code=code, took=took)
    at = timezone.now() + RETRY_DELAYS[delivery.attempt - 1]
    status = _finish(
        delivery, WebhookDelivery.Status.RETRYING, error=error, code=code, took=took, next_at=at
    )
    _schedule(delivery.pk, at)
    return status


def _schedule(delivery_id: int, at) -> None:
    """The next attempt as a task that runs at ``at``; a backend that cannot wait
    (the immediate one) leaves it to ``webhook_deliveries_due``."""
    from ..tasks import deliver_webhook

    if deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=at).enqueue(delivery_id)


# A delivery still pending this long after it was stored, or after its attempt started,
# lost its task (the queue failed at the commit, or the worker died mid-attempt).
STUCK_AFTER = timedelta(minutes=10)


def webhook_deliveries_due(*, now=None) -> list[str]:
    """Attempt every delivery whose next attempt is due, and those whose task was lost
    (``manage.py deliver_webhooks``, from cron: for a setup whose tasks cannot wait, and
    to pick up what a dead worker left)."""
    now = now or timezone.now()
    stuck = now - STUCK_AFTER
    due = WebhookDelivery.objects.filter(
        Q(status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=now)
        | Q(status=WebhookDelivery.Status.PENDING, created_at__lte=stuck)
        & (Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lte=stuck))
    ).values_list("pk", flat=True)
    return [webhook_deliver(delivery_id=pk) for pk in list(due)]
