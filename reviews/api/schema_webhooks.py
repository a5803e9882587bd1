"""OpenAPI components and paths of the webhook endpoints (see schema.py)."""

from __future__ import annotations

from ..models import WebhookEvent
from .schema_paging import PAGE_PARAMS, paged

EVENTS = list(WebhookEvent.values)
ERROR = {"$ref": "#/components/schemas/Error"}
WEBHOOK = {"$ref": "#/components/schemas/Webhook"}

WEBHOOK_SCHEMAS = {
    "Webhook": {
        "type": "object",
        "required": ["id", "url", "events", "active", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "events": {"type": "array", "items": {"type": "string", "enum": EVENTS}},
            "active": {"type": "boolean"},
            "created_at": {"type": "string", "format": "date-time"},
            "secret": {
                "type": "string",
                "description": "whsec_ + base64: the HMAC key of the Standard Webhooks "
                "signature; only in the answer to the registration",
            },
        },
    },
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(text: dict[int, str]) -> dict:
    return {str(code): _json(ERROR, why) for code, why in text.items()}


WEBHOOK_PATHS = {
    "/projects/{slug}/webhooks": {
        "parameters": [
            {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "get": {
            "summary": "The project's webhook endpoints (managers), oldest first",
            "parameters": PAGE_PARAMS,
            "responses": {
                "200": paged(WEBHOOK, "The endpoints"),
                **_errors(
                    {
                        400: "A bad cursor or limit",
                        401: "No valid bearer token",
                        403: "Not a manager",
                        404: "Not found",
                    }
                ),
            },
        },
        "post": {
            "summary": "Register an endpoint (managers); the answer carries its secret once",
            "description": "Events are JSON {type, timestamp, data} with the headers "
            "webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks). "
            "URLs on loopback, private or link-local addresses are refused unless the "
            "server sets WEBHOOK_ALLOW_PRIVATE=1.",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["url", "events"],
                            "properties": {
                                "url": {"type": "string", "format": "uri", "maxLength": 2000},
                                "events": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {"type": "string", "enum": EVENTS},
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _json(WEBHOOK, "The endpoint, with its secret"),
                **_errors(
                    {
                        401: "No valid bearer token",
                        403: "Not a manager",
                        404: "Not found",
                        422: "A URL that may not receive webhooks, or unknown events",
                    }
                ),
            },
        },
    },
    "/webhooks/{id}": {
        "delete": {
            "summary": "Remove an endpoint and its deliveries (managers)",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {
                "204": {"description": "Removed"},
                **_errors({401: "No valid bearer token", 403: "Not a manager", 404: "Not found"}),
            },
        }
    },
}
