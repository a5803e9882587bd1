"""The query parameters of ``GET /documents/{id}/segments``: filters and ``fields``.

Anything it cannot read is refused with a 400 naming the parameter, rather than
ignored: a publisher that misspelt a state would otherwise mirror the wrong segments.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..checks import CHECKS_BY_ID
from ..errors import InvalidQuery
from ..selectors import SegmentQuery
from ..states import QA_AT_LEAST, State
from .paging import cursor_read

# What ``fields`` may name, and the columns that need not be read without them.
SEGMENT_FIELDS = (
    "id",
    "position",
    "key",
    "source",
    "target",
    "mt",
    "state",
    "version",
    "qa",
    "qa_pending",
)
DEFERRABLE = {"key": "key", "source": "source", "target": "target", "mt": "mt", "qa": "qa"}


def _values(request: HttpRequest, name: str) -> list[str]:
    """A parameter given repeatedly (``state=a&state=b``) or as a comma list (``a,b``)."""
    return [v.strip() for raw in request.GET.getlist(name) for v in raw.split(",") if v.strip()]


def _known(values: list[str], name: str, allowed) -> frozenset[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise InvalidQuery(
            f"'{name}' has {unknown[0][:40]!r}; it takes {', '.join(sorted(allowed))}"
        )
    return frozenset(values)


def _time(raw: str) -> datetime | None:
    # A '+' of an unencoded offset arrives as a space.
    for text in (raw, raw.replace(" ", "+")):
        try:
            value = parse_datetime(text)
        except ValueError:
            value = None
        if value is not None:
            return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    return None


def segment_query(request: HttpRequest, *, project_id: int) -> tuple[SegmentQuery, tuple[str, ...]]:
    """The filters, and the fields to send (``id`` always among them)."""
    severity = request.GET.get("severity", "")
    if severity and severity not in QA_AT_LEAST:
        raise InvalidQuery(f"'severity' must be one of {', '.join(QA_AT_LEAST)}")
    since, after = None, None
    if raw := request.GET.get("changed_since"):
        since = _time(raw)
        if since is None:
            try:
                after = tuple(cursor_read(f"changes:{project_id}", raw, size=2))
            except InvalidQuery:
                raise InvalidQuery(
                    "'changed_since' must be an ISO 8601 time (2026-01-31T12:00:00Z) or a "
                    "cursor of this project's change feed"
                ) from None
    fields = _known(_values(request, "fields"), "fields", SEGMENT_FIELDS) or set(SEGMENT_FIELDS)
    fields = tuple(f for f in SEGMENT_FIELDS if f in fields or f == "id")
    query = SegmentQuery(
        states=_known(_values(request, "state"), "state", State.values),
        severity=severity,
        checks=_known(_values(request, "check"), "check", CHECKS_BY_ID),
        changed_since=since,
        changed_after=after,
        leave_out=frozenset(column for f, column in DEFERRABLE.items() if f not in fields),
    )
    return query, fields
