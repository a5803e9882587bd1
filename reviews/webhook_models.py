"""Webhooks: the endpoints a project's managers register, and every delivery made to
them. Imported by models.py, so Django finds them as the app's models."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WebhookEvent(models.TextChoices):
    SEGMENT_APPROVED = "segment.approved", "A segment was approved"
    SEGMENT_REJECTED = "segment.rejected", "A segment was rejected"
    DOCUMENT_IMPORTED = "document.imported", "A document, or a new version of it, was imported"
    DOCUMENT_COMPLETED = "document.completed", "Every segment of a document is approved"
    EXPORT_READY = "export.ready", "A background export's file is ready"


class WebhookEndpoint(models.Model):
    """A URL that receives a project's events, signed with its secret
    (``whsec_`` + base64, the Standard Webhooks form)."""

    project = models.ForeignKey(
        "reviews.Project", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField("URL", max_length=2000)
    events = models.JSONField(default=list, help_text="the event types sent to this URL")
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "created_at", "id"]

    def __str__(self) -> str:
        return f"webhook {self.pk} of {self.project_id}: {self.url}"


class WebhookDelivery(models.Model):
    """One message to one endpoint: its event (``event_id`` is the ``webhook-id``
    header, the same on every attempt and redelivery) and how sending it went."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Retrying"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.CharField(max_length=64)
    event_type = models.CharField(max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField(help_text="the body: {type, timestamp, data}")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempt = models.PositiveSmallIntegerField(default=0, help_text="attempts made so far")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True, help_text="the last attempt")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_recent"),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} to endpoint {self.endpoint_id} ({self.status})"
