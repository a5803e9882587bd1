"""The review page's filters: parsed from the URL's query string, applied as a query.

Filters live in the URL so a view can be shared and the back button works. Plain text
search runs in the database; regular expressions run in Python with the ``regex``
module's time limit, so a pathological pattern cannot hang a request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

import regex
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from .checks import CHECKS_BY_ID
from .errors import InvalidInput
from .models import Segment
from .states import QA_AT_LEAST, QaLevel, State

SEARCH_FIELDS = ("source", "target", "mt")
REGEX_TIMEOUT_SECONDS = 0.5


@dataclass(frozen=True)
class SegmentFilter:
    states: frozenset[str] = frozenset()
    hide_approved: bool = False
    q: str = ""
    fields: tuple[str, ...] = ("source", "target")
    use_regex: bool = False
    case: bool = False
    author: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    checks: tuple[str, ...] = ()  # segments where any of these QA checks fired
    severity: str = ""  # segments whose worst QA issue is at least this severe
    errors: tuple[str, ...] = field(default=(), compare=False)

    @property
    def active(self) -> bool:
        return bool(
            self.states
            or self.hide_approved
            or self.q
            or self.author
            or self.since
            or self.until
            or self.checks
            or self.severity
        )

    def query_string(self, **extra) -> str:
        """The filter as URL parameters (for pagination links and bulk 'all matching')."""
        params: list[tuple[str, str]] = [("state", s) for s in sorted(self.states)]
        if self.hide_approved:
            params.append(("hide_approved", "1"))
        if self.q:
            params.append(("q", self.q))
            params += [("in", f) for f in self.fields]
            if self.use_regex:
                params.append(("regex", "1"))
            if self.case:
                params.append(("case", "1"))
        if self.author:
            params.append(("author", self.author))
        if self.since:
            params.append(("since", self.since.isoformat()))
        if self.until:
            params.append(("until", self.until.isoformat()))
        params += [("check", c) for c in self.checks]
        if self.severity:
            params.append(("severity", self.severity))
        params += [(k, str(v)) for k, v in extra.items()]
        return urlencode(params)


def _date(value: str, name: str, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{name} must be a date such as 2026-01-31")
        return None


def parse_filter(params: QueryDict) -> SegmentFilter:
    """Read a filter from query parameters; unusable parts are dropped with a message."""
    errors: list[str] = []
    states = frozenset(s for s in params.getlist("state") if s in State.values)
    fields = tuple(f for f in params.getlist("in") if f in SEARCH_FIELDS) or ("source", "target")
    q = params.get("q", "")[:500]
    use_regex = params.get("regex") == "1"
    if q and use_regex:
        try:
            regex.compile(q)
        except regex.error as exc:
            errors.append(f"The regular expression is not valid: {exc}")
            q = ""
    checks = tuple(sorted({c for c in params.getlist("check") if c in CHECKS_BY_ID}))
    severity = params.get("severity", "")
    if severity and severity not in QA_AT_LEAST:
        errors.append(f"Unknown QA severity {severity[:20]!r}")
        severity = ""
    return SegmentFilter(
        checks=checks,
        severity=severity,
        states=states,
        hide_approved=params.get("hide_approved") == "1",
        q=q,
        fields=fields,
        use_regex=use_regex,
        case=params.get("case") == "1",
        author=params.get("author", "")[:150].strip(),
        since=_date(params.get("since", ""), "From", errors),
        until=_date(params.get("until", ""), "Until", errors),
        errors=tuple(errors),
    )


def _text_matches(qs: QuerySet[Segment], flt: SegmentFilter) -> list[int]:
    """Ids of the segments whose chosen fields match the text or pattern."""
    if flt.use_regex:
        pattern = regex.compile(flt.q, 0 if flt.case else regex.IGNORECASE)

        def hit(value: str) -> bool:
            return pattern.search(value, timeout=REGEX_TIMEOUT_SECONDS) is not None
    else:
        # SQLite's LIKE ignores case, so case-sensitive matches are confirmed here.
        needle = flt.q if flt.case else flt.q.casefold()

        def hit(value: str) -> bool:
            return needle in (value if flt.case else value.casefold())

        prefilter = Q()
        for name in flt.fields:
            prefilter |= Q(**{f"{name}__icontains": flt.q})
        qs = qs.filter(prefilter)
    ids = []
    try:
        for pk, *values in qs.values_list("pk", *flt.fields).order_by():
            if any(hit(v) for v in values):
                ids.append(pk)
    except TimeoutError:
        raise InvalidInput("The regular expression took too long; make it more specific") from None
    return ids


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def apply_filter(qs: QuerySet[Segment], flt: SegmentFilter) -> QuerySet[Segment]:
    if flt.states:
        qs = qs.filter(state__in=flt.states)
    if flt.hide_approved:
        qs = qs.exclude(state=State.APPROVED)
    # The last change is the latest revision's, kept on the segment (indexed).
    if flt.author:
        qs = qs.filter(changed_by__username=flt.author)
    # Whole days in the site's time zone, as ranges the index can serve (not __date).
    if flt.since:
        qs = qs.filter(changed_at__gte=_day_start(flt.since))
    if flt.until:
        qs = qs.filter(changed_at__lt=_day_start(flt.until + dt.timedelta(days=1)))
    if flt.severity:
        qs = qs.filter(qa_level__in=QA_AT_LEAST[QaLevel(flt.severity)])
    if flt.checks:
        # qa_checks holds " id1 id2 ": a space on each side makes the match exact.
        fired = Q()
        for check in flt.checks:
            fired |= Q(qa_checks__contains=f" {check} ")
        qs = qs.filter(fired)
    if flt.q:
        qs = qs.filter(pk__in=_text_matches(qs, flt))
    return qs
