"""The OpenAPI pieces of paging, filters, ETags and the change feed (schema.py uses them)."""

from __future__ import annotations

from ..checks import CHECKS_BY_ID
from ..states import QA_AT_LEAST, State
from .paging import DEFAULT_LIMIT, MAX_LIMIT
from .segment_query import SEGMENT_FIELDS

PAGE_PARAMS = [
    {
        "name": "limit",
        "in": "query",
        "description": f"items per page, {DEFAULT_LIMIT} unless given; more than "
        f"{MAX_LIMIT:,} is refused (400), not cut",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    },
    {
        "name": "after",
        "in": "query",
        "description": 'an opaque cursor: follow the Link header\'s rel="next" URL rather '
        "than building it; a cursor that is not one of this list's is refused (400)",
        "schema": {"type": "string"},
    },
]

PAGE_HEADERS = {
    "Link": {
        "description": 'the next page\'s URL, as <URL>; rel="next"; absent on the last page',
        "schema": {"type": "string"},
    },
    "X-Total-Count": {
        "description": "how many items the whole list (with its filters) holds",
        "schema": {"type": "integer"},
    },
}

ETAG_HEADERS = {
    "ETag": {
        "description": "strong: the SHA-256 of the answer; send it back as If-None-Match "
        "to get 304 while nothing changed",
        "schema": {"type": "string"},
    }
}

IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "description": "an ETag of an earlier answer: 304 without a body if it still holds",
    "schema": {"type": "string"},
}

NOT_MODIFIED = {"304": {"description": "Not modified: the If-None-Match ETag still holds"}}


def paged(schema: dict, description: str) -> dict:
    """A 200 answer that is one page of a list."""
    return {
        "description": description,
        "headers": PAGE_HEADERS,
        "content": {"application/json": {"schema": {"type": "array", "items": schema}}},
    }


SEGMENT_FILTERS = [
    {
        "name": "state",
        "in": "query",
        "description": "only segments in these states (repeat it, or a comma list)",
        "schema": {"type": "array", "items": {"type": "string", "enum": list(State.values)}},
        "style": "form",
        "explode": True,
    },
    {
        "name": "severity",
        "in": "query",
        "description": "only segments whose worst QA issue is at least this severe",
        "schema": {"type": "string", "enum": [str(level) for level in QA_AT_LEAST]},
    },
    {
        "name": "check",
        "in": "query",
        "description": "only segments where any of these QA checks fired",
        "schema": {"type": "array", "items": {"type": "string", "enum": list(CHECKS_BY_ID)}},
        "style": "form",
        "explode": True,
    },
    {
        "name": "changed_since",
        "in": "query",
        "description": "only segments changed at or after this ISO 8601 time (UTC unless "
        "it says), or after this cursor of the project's change feed",
        "schema": {"type": "string"},
    },
    {
        "name": "fields",
        "in": "query",
        "description": "the fields to send, e.g. id,target,state (id is always sent); "
        "leaving out mt and qa makes pages much smaller",
        "schema": {"type": "array", "items": {"type": "string", "enum": list(SEGMENT_FIELDS)}},
        "style": "form",
        "explode": False,
    },
]

CHANGE = {
    "type": "object",
    "required": ["cursor", "segment", "document", "action", "state", "author", "time"],
    "properties": {
        "cursor": {"type": "string", "description": "pass as after= to resume after this"},
        "segment": {"type": "integer"},
        "document": {"type": "integer"},
        "action": {"type": "string"},
        "state": {"type": "string", "enum": list(State.values)},
        "version": {"type": "integer", "description": "the segment's version after it"},
        "target": {"type": "string", "description": "the translation after it"},
        "note": {"type": "string"},
        "author": {"type": ["string", "null"]},
        "time": {"type": "string", "format": "date-time"},
    },
}


def segment_fields_schema(segment: dict) -> dict:
    """A segment as a page sends it: every field, or those ``fields`` names and id."""
    return {**segment, "required": ["id"]}


def changes_path(slug_param: dict, errors: dict) -> dict:
    return {
        "get": {
            "summary": "The change feed: every revision of the project in commit order",
            "description": "Follow the Link header, or resume later with after= the last "
            "entry's cursor: no revision is ever missed or sent twice, even while imports "
            "and bulk actions commit concurrently (on PostgreSQL a revision appears once "
            "every transaction that started before its own has ended).",
            "parameters": [slug_param, *PAGE_PARAMS],
            "responses": {
                "200": paged({"$ref": "#/components/schemas/Change"}, "The revisions"),
                **errors,
            },
        }
    }
