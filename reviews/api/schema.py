"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json."""

from __future__ import annotations

from .. import limits, lqa
from ..formats import FORMATS
from .schema_components import COMPONENTS
from .schema_paging import (
    ETAG_HEADERS,
    IF_NONE_MATCH,
    NOT_MODIFIED,
    PAGE_HEADERS,
    PAGE_PARAMS,
    SEGMENT_FILTERS,
    changes_path,
    paged,
    segment_fields_schema,
)
from .schema_webhooks import WEBHOOK_PATHS

ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    text = {
        400: "A body that could not be read (malformed multipart); a bad cursor, limit or filter",
        401: "No valid bearer token",
        403: "The caller's role may not do this",
        404: "Not found, or the caller is not a member of its project",
        405: "Method not allowed",
        409: "Stale version or illegal state change; a job's file not ready yet",
        410: "Gone: an old export job's file was dropped after the retention period",
        413: "Upload or body too large",
        422: "Invalid input or file",
    }
    return {str(c): _json(ERROR, text[c]) for c in codes}


def _id_param(name: str = "id") -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }


SLUG_PARAM = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
SEGMENT_ACTION_ERRORS = _errors(401, 403, 404, 409, 413, 422)


def _body(properties: dict, required: list[str]) -> dict:
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "required": required, "properties": properties}
            }
        },
    }


SEGMENT = {"$ref": "#/components/schemas/Segment"}
PROPAGATION = {
    "type": "object",
    "required": ["updated", "batch"],
    "properties": {
        "updated": {"type": "integer", "minimum": 0},
        "batch": {
            "type": ["string", "null"],
            "format": "uuid",
            "description": "the revisions' batch; null when nothing changed",
        },
    },
}
SEGMENT_PAGE_ITEM = segment_fields_schema(COMPONENTS["schemas"]["Segment"])


def _accepted(description: str) -> dict:
    return {
        **_json({"$ref": "#/components/schemas/JobAccepted"}, description),
        "headers": {"Location": {"schema": {"type": "string"}, "description": "the status URL"}},
    }


ACCEPTED = _accepted("A big file: a worker imports it")
MEASURING = _accepted(
    "A big document whose metrics are not measured yet: a worker measures them; "
    "ask again once the job is done"
)
FILE_CONTENT = {
    media: {"schema": {"type": "string"}}
    for media in sorted({f.media_type.split(";")[0] for f in FORMATS.values()})
}
UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "source": {"type": "string", "format": "binary"},
                    "format": {"type": "string", "enum": ["auto", *FORMATS]},
                    "title": {"type": "string", "maxLength": limits.TITLE_MAX},
                },
            }
        }
    },
}
VERSION = {
    "type": "integer",
    "minimum": 1,
    # JSON Schema counts 1781.0 as an integer; the API reads the number as written.
    "description": "the segment's version as the server gave it, a whole number written "
    "without a fraction or exponent: 1781, not 1781.0 (422)",
}
TARGET = {"type": "string", "maxLength": limits.TARGET_MAX}
REASON = {
    "type": "string",
    "minLength": 1,
    "maxLength": limits.REASON_MAX,
    "pattern": "\\S",
    "description": "what to change, for the translator: not empty, not only white space",
}
LQA_ERRORS = {
    "type": "array",
    "maxItems": lqa.MAX_ERRORS_PER_ACTION,
    "items": {"$ref": "#/components/schemas/LqaError"},
    "description": "optional LQA errors recorded with the action",
}


def openapi_schema(server_url: str) -> dict:
    formats = list(FORMATS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Translation-review workbench API", "version": "1"},
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "components": COMPONENTS,
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This schema",
                    "security": [],
                    "responses": {"200": _json({"type": "object"}, "The OpenAPI schema")},
                }
            },
            "/projects": {
                "get": {
                    "summary": "Projects the caller is a member of",
                    "parameters": PAGE_PARAMS,
                    "responses": {
                        "200": paged({"$ref": "#/components/schemas/Project"}, "The projects"),
                        **_errors(400, 401),
                    },
                }
            },
            "/projects/{slug}/documents": {
                "post": {
                    "summary": "Import a document (managers)",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "requestBody": UPLOAD_BODY,
                    "responses": {
                        "201": _json({"$ref": "#/components/schemas/Document"}, "Imported"),
                        "202": ACCEPTED,
                        **_errors(400, 401, 403, 404, 413, 422),
                    },
                }
            },
            "/documents/{id}/update": {
                "post": {
                    "summary": "Import a new version of the document's file (managers)",
                    "parameters": [_id_param()],
                    "requestBody": UPLOAD_BODY,
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["document", "kept", "changed", "added", "removed"],
                                "properties": {
                                    "document": {"$ref": "#/components/schemas/Document"},
                                    **{
                                        k: {"type": "integer"}
                                        for k in (
                                            "kept",
                                            "changed",
                                            "added",
                                            "removed",
                                            "approved_changed",
                                        )
                                    },
                                },
                            },
                            "What was kept, changed, added and removed",
                        ),
                        "202": ACCEPTED,
                        **_errors(400, 401, 403, 404, 413, 422),
                    },
                }
            },
            "/jobs/{id}": {
                "get": {
                    "summary": "A background job: status, progress, and its document or error",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Job"}, "The job"),
                        **_errors(401, 404),
                    },
                }
            },
            "/jobs/{id}/file": {
                "get": {
                    "summary": "The file an export job prepared (same bytes as the CLI)",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": {"description": "The file", "content": FILE_CONTENT},
                        **_errors(401, 404, 409, 410),
                    },
                }
            },
            "/documents/{id}": {
                "get": {
                    "summary": "A document with its counts by state",
                    "parameters": [_id_param(), IF_NONE_MATCH],
                    "responses": {
                        "200": {
                            **_json({"$ref": "#/components/schemas/Document"}, "The document"),
                            "headers": ETAG_HEADERS,
                        },
                        **NOT_MODIFIED,
                        **_errors(401, 404),
                    },
                }
            },
            "/documents/{id}/segments": {
                "get": {
                    "summary": "The document's segments in order, a page at a time",
                    "parameters": [_id_param(), *PAGE_PARAMS, *SEGMENT_FILTERS, IF_NONE_MATCH],
                    "responses": {
                        "200": {
                            **paged(SEGMENT_PAGE_ITEM, "The segments"),
                            "headers": {**PAGE_HEADERS, **ETAG_HEADERS},
                        },
                        **NOT_MODIFIED,
                        **_errors(400, 401, 404),
                    },
                }
            },
            "/documents/{id}/export": {
                "get": {
                    "summary": "The document as a file (same bytes as the CLI)",
                    "parameters": [
                        _id_param(),
                        {
                            "name": "format",
                            "in": "query",
                            "schema": {"type": "string", "enum": formats},
                        },
                        {"name": "approved_only", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "include_mt", "in": "query", "schema": {"type": "boolean"}},
                        IF_NONE_MATCH,
                    ],
                    "responses": {
                        "200": {
                            "description": "The file",
                            "content": FILE_CONTENT,
                            "headers": ETAG_HEADERS,
                        },
                        **NOT_MODIFIED,
                        "202": _accepted(
                            "A document over BACKGROUND_EXPORT_SEGMENTS segments: a worker "
                            "prepares the file; the finished job's file_url serves it"
                        ),
                        **_errors(401, 404, 422),
                        "409": _json(
                            ERROR,
                            "no_source: the format (TMX, XLIFF) pairs each translation with "
                            "its source and the document has none",
                        ),
                    },
                }
            },
            "/documents/{id}/metrics": {
                "get": {
                    "summary": "sacrebleu scores of the current translation against the MT",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Metrics"}, "The scores"),
                        "202": MEASURING,
                        **_errors(401, 404),
                    },
                }
            },
            "/documents/{id}/report": {
                "get": {
                    "summary": "The document's report: scores, HTER histogram, LQA, people",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Report"}, "The report"),
                        "202": MEASURING,
                        **_errors(401, 404),
                    },
                }
            },
            "/projects/{slug}/report": {
                "get": {
                    "summary": "The project's report, with a row per document",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Report"}, "The report"),
                        "202": MEASURING,
                        **_errors(401, 404),
                    },
                }
            },
            "/projects/{slug}/changes": changes_path(SLUG_PARAM, _errors(400, 401, 404)),
            "/segments/{id}": {
                "patch": {
                    "summary": "Change a segment's translation",
                    "parameters": [_id_param()],
                    "requestBody": _body(
                        {"target": TARGET, "version": VERSION}, ["target", "version"]
                    ),
                    "responses": {"200": _json(SEGMENT, "The segment"), **SEGMENT_ACTION_ERRORS},
                }
            },
            "/segments/{id}/approve": {
                "post": {
                    "summary": "Approve (editors and managers)",
                    "parameters": [_id_param()],
                    "requestBody": _body(
                        {
                            "version": VERSION,
                            "errors": LQA_ERRORS,
                            "override_reason": {
                                "type": "string",
                                "maxLength": limits.REASON_MAX,
                                "description": "why to approve despite QA errors",
                            },
                        },
                        ["version"],
                    ),
                    "responses": {"200": _json(SEGMENT, "The segment"), **SEGMENT_ACTION_ERRORS},
                }
            },
            "/segments/{id}/reject": {
                "post": {
                    "summary": "Reject with a reason (editors and managers)",
                    "parameters": [_id_param()],
                    "requestBody": _body(
                        {"version": VERSION, "reason": REASON, "errors": LQA_ERRORS},
                        ["version", "reason"],
                    ),
                    "responses": {"200": _json(SEGMENT, "The segment"), **SEGMENT_ACTION_ERRORS},
                }
            },
            "/segments/{id}/propagate": {
                "post": {
                    "summary": "Give the segment's translation to its repetitions",
                    "description": (
                        "Every other current segment of the project's writable documents "
                        "with the same source (or the same MT where there is no source) "
                        "that is not approved and not read-only gets the segment's text, "
                        "as translated: one batch, undone in one step. The segment must "
                        "be translated or approved. A project that applies repetitions "
                        "automatically also does this after a PATCH or an approval."
                    ),
                    "parameters": [_id_param()],
                    "requestBody": _body({"version": VERSION}, ["version"]),
                    "responses": {
                        "200": _json(PROPAGATION, "How many repetitions were updated"),
                        **SEGMENT_ACTION_ERRORS,
                    },
                }
            },
            "/segments/{id}/revisions": {
                "get": {
                    "summary": "The segment's history, oldest first",
                    "parameters": [_id_param(), *PAGE_PARAMS],
                    "responses": {
                        "200": paged({"$ref": "#/components/schemas/Revision"}, "The revisions"),
                        **_errors(400, 401, 404),
                    },
                }
            },
            **WEBHOOK_PATHS,
        },
    }
