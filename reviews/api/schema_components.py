"""The OpenAPI schema's components: the objects the API answers with (segments,
documents, revisions, changes, reports, webhooks) and the bearer-token scheme."""

from __future__ import annotations

from ..states import State
from .schema_paging import CHANGE
from .schema_reports import REPORT_SCHEMAS
from .schema_webhooks import WEBHOOK_SCHEMAS

STATES = list(State.values)

COMPONENTS = {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
        "Error": {
            "type": "object",
            "required": ["error", "detail"],
            "properties": {
                "error": {"type": "string"},
                "detail": {},
                "segment": {"$ref": "#/components/schemas/Segment"},
                "file": {"type": "string"},
                "field": {"type": "string", "description": "the field of the input refused"},
            },
        },
        "Project": {
            "type": "object",
            "required": ["slug", "name", "source_lang", "target_lang"],
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "source_lang": {"type": "string"},
                "target_lang": {"type": "string"},
                "role": {"type": "string", "enum": ["translator", "editor", "manager"]},
            },
        },
        "Document": {
            "type": "object",
            "required": ["id", "title", "project", "source_lang", "target_lang", "counts"],
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "format": {"type": "string"},
                "project": {"type": "string"},
                "source_lang": {"type": "string"},
                "target_lang": {"type": "string"},
                "created_at": {"type": "string", "format": "date-time"},
                "total": {"type": "integer"},
                "counts": {
                    "type": "object",
                    "properties": {s: {"type": "integer"} for s in STATES},
                },
            },
        },
        "QaResult": {
            "type": "object",
            "required": ["check", "severity", "message"],
            "properties": {
                "check": {"type": "string"},
                "severity": {"type": "string", "enum": ["info", "warning", "error"]},
                "message": {"type": "string"},
            },
        },
        "Segment": {
            "type": "object",
            "required": ["id", "position", "source", "target", "mt", "state", "version", "qa"],
            "properties": {
                "id": {"type": "integer"},
                "position": {"type": "integer"},
                "key": {"type": "string"},
                "source": {"type": "string"},
                "target": {"type": "string"},
                "mt": {"type": "string"},
                "state": {"type": "string", "enum": STATES},
                "version": {"type": "integer"},
                "qa": {"type": "array", "items": {"$ref": "#/components/schemas/QaResult"}},
                "qa_pending": {
                    "type": "boolean",
                    "description": "the checks have not run yet (a big import's check job "
                    "runs them): qa is empty because nothing is known yet",
                },
            },
        },
        "Revision": {
            "type": "object",
            "required": ["version", "author", "time", "action", "target", "state", "note"],
            "properties": {
                "version": {"type": "integer"},
                "author": {"type": ["string", "null"]},
                "time": {"type": "string", "format": "date-time"},
                "action": {"type": "string"},
                "target": {"type": "string"},
                "state": {"type": "string", "enum": STATES},
                "note": {"type": "string"},
            },
        },
        "Change": CHANGE,
        **REPORT_SCHEMAS,
        **WEBHOOK_SCHEMAS,
        "Job": {
            "type": "object",
            "required": [
                "id",
                "kind",
                "status",
                "progress",
                "message",
                "error",
                "project",
                "document",
                "result",
                "created_at",
            ],
            "properties": {
                "id": {"type": "integer"},
                "kind": {
                    "type": "string",
                    "enum": ["import", "reimport", "export", "check"],
                    "description": "check: the QA checks and metrics of a big document",
                },
                "status": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
                "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                "message": {"type": "string"},
                "error": {"type": "string", "description": "why it failed, naming the file"},
                "project": {"type": "string"},
                "document": {
                    "type": ["integer", "null"],
                    "description": "the imported or updated document, once it exists",
                },
                "result": {"type": "object"},
                "created_at": {"type": "string", "format": "date-time"},
                "started_at": {"type": ["string", "null"], "format": "date-time"},
                "finished_at": {"type": ["string", "null"], "format": "date-time"},
                "file_url": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "export jobs: where to GET the file once done",
                },
            },
        },
        "JobAccepted": {
            "type": "object",
            "required": ["job", "status_url"],
            "properties": {
                "job": {"$ref": "#/components/schemas/Job"},
                "status_url": {"type": "string", "format": "uri"},
            },
        },
        "Metrics": {
            "type": "object",
            "required": ["bleu", "chrf", "ter", "signatures", "segments"],
            "properties": {
                "bleu": {"type": "number"},
                "chrf": {"type": "number"},
                "ter": {"type": "number"},
                "signatures": {"type": "object", "additionalProperties": {"type": "string"}},
                "reference": {
                    "description": "the MT and the current translation scored against an "
                    "uploaded reference translation; null without one",
                    "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/ReferenceScores"}],
                },
                "segments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "ter", "chrf"],
                        "properties": {
                            "id": {"type": "integer"},
                            "ter": {"type": "number"},
                            "chrf": {"type": "number"},
                        },
                    },
                },
            },
        },
    },
}
