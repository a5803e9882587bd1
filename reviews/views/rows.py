"""The review page's segment rows: drawn once, then memoised by what they show.

A row's HTML is a pure function of the segment fields it shows, the viewer's role,
whether the document is archived, the project's languages and glossary, the URLs, and
the template and code that draw it. The cache key is a digest of exactly those, so a
cached row is never stale: a change to anything a row shows is a new key, and entries
nobody asks for any more age out of the "fragments" cache.

The CSRF token is the one part of a row that belongs to the request rather than to the
segment: rows are drawn with a placeholder, which each response replaces with its own
token. The placeholder is a whole ``<input>`` tag: every text in a row is escaped, so a
raw ``<`` (and so the tag) can only come from the template itself.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import django
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.template import Context, engines
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .. import diffs, highlight, lqa, selectors, states
from ..checks import base as checks_base
from ..checks import glossary as checks_glossary
from ..formats import sentences
from ..models import Segment
from ..states import QaLevel, State, can_edit, can_review

# What a row shows of its segment: a page reads only these.
SHOWN_FIELDS = selectors.REVIEW_FIELDS
_STATE_LABELS = dict(State.choices)
_QA_FLAGS = frozenset({QaLevel.ERROR, QaLevel.WARNING, QaLevel.INFO})  # a row's severity marker

TEMPLATE = "reviews/document.html"
ROW_PARTIAL = f"{TEMPLATE}#segment-row"
CACHE = "fragments"

_CSRF_PLACEHOLDER = "csrf-token-of-the-response"  # noqa: S105 - not a secret
_PLACEHOLDER_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_PLACEHOLDER}">'

# The code a row's HTML depends on besides the template: a new version of any of it
# (a deploy, with a shared Redis cache) must not serve rows drawn by the old one.
_CODE_DIGEST = hashlib.blake2b(
    b"\0".join(
        Path(module.__file__).read_bytes()
        for module in (
            sys.modules[__name__],
            highlight,
            diffs,
            lqa,
            states,
            checks_base,
            checks_glossary,
            sentences,
        )
    )
    + django.__version__.encode(),
    digest_size=16,
).hexdigest()

# Each row links to these views of its segment; each URL is reversed once per request.
_URL_NAMES = {
    "save_url": "reviews:segment-save",
    "approve_url": "reviews:segment-approve",
    "reject_url": "reviews:segment-reject",
    "comments_url": "reviews:segment-comments",
    "history_url": "reviews:segment-history",
    "memory_url": "reviews:segment-memory",
    "assist_url": "reviews:segment-assist",  # the assistance panel (assist.js), or its page
}
_PK_MARK = 987654321987654321


def _options(choices) -> SafeString:
    return format_html_join("", '<option value="{}">{}</option>', choices)


LQA_CATEGORY_OPTIONS = _options(lqa.Category.choices)
LQA_SEVERITY_OPTIONS = _options(lqa.Severity.choices)


@lru_cache(maxsize=8)
def _source_digest(source: str) -> str:
    return hashlib.blake2b(source.encode(), digest_size=16).hexdigest()


def _url_parts() -> dict[str, tuple[str, str]]:
    """Each URL as (prefix, suffix) around the segment id, already escaped."""
    parts = {}
    for key, name in _URL_NAMES.items():
        prefix, _, suffix = reverse(name, args=[_PK_MARK]).partition(str(_PK_MARK))
        parts[key] = (escape(prefix), escape(suffix))
    return parts


def _number(value: int) -> SafeString:
    # Digits need no escaping; marked safe, the template skips escaping them (a row
    # prints its id and number a dozen times).
    return SafeString(int(value))


@dataclass(frozen=True)
class RowSetting:
    """What every row of one response shares."""

    role: str
    archived: bool
    source_lang: str
    target_lang: str
    glossary: tuple
    urls: dict[str, tuple[str, str]] = field(repr=False)
    digest: bytes = field(repr=False)


def drawn_by() -> tuple[str, str, str]:
    """What every fragment of the page depends on besides its data: the page
    template's source (its digest), the language and the URLs' prefix."""
    template = engines["django"].engine.get_template(TEMPLATE)
    return _source_digest(template.source), translation.get_language(), get_script_prefix()


def row_setting(*, project, role: str, archived: bool, glossary: tuple) -> RowSetting:
    urls = _url_parts()
    shared = [
        _CODE_DIGEST,
        *drawn_by(),
        role,
        archived,
        project.source_lang,
        project.target_lang,
        repr(glossary),  # frozen dataclasses of strings: their repr is their value
        urls,
    ]
    digest = hashlib.blake2b(json.dumps(shared).encode(), digest_size=16).digest()
    return RowSetting(
        role=role,
        archived=archived,
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        glossary=glossary,
        urls=urls,
        digest=digest,
    )


def _reason(segment: Segment) -> str:
    """The rejection reason a row shows: only a rejected segment shows one."""
    if segment.state != State.REJECTED:
        return ""
    return getattr(segment, "rejection_reason", None) or ""


def _key(segment: Segment, setting: RowSetting) -> str:
    shown = [
        segment.pk,
        segment.position,
        segment.version,
        segment.state,
        segment.source,
        segment.target,
        segment.mt,
        segment.qa,
        segment.qa_level,
        segment.read_only,
        _reason(segment),
        segment.comment_count,
    ]
    digest = hashlib.blake2b(setting.digest, digest_size=16)
    digest.update(json.dumps(shown, default=str).encode())
    return f"segment-row:{digest.hexdigest()}"


def _row(segment: Segment, setting: RowSetting, error: str, unsaved: str, blocked: bool) -> dict:
    """Everything the segment-row partial shows, computed here once rather than by
    tags and filters in the template."""
    pk, target, glossary = segment.pk, segment.target, setting.glossary
    row = {  # escaped parts around an integer
        name: SafeString(f"{prefix}{int(pk)}{suffix}")
        for name, (prefix, suffix) in setting.urls.items()
    }
    marks = highlight.qa_marks(segment.qa or ()) + highlight.target_glossary_marks(target, glossary)
    reviewer = can_review(setting.role)
    text = unsaved if blocked and unsaved else target
    row.update(
        pk=_number(pk),
        num=_number(segment.position + 1),
        version=_number(segment.version),
        state=segment.state,
        state_label=_STATE_LABELS.get(segment.state, segment.state),
        source=(
            highlight.marked_html(
                segment.source,
                highlight.source_glossary_marks(segment.source, glossary),
                breaks=True,
            )
            if segment.source
            else ""
        ),
        text=text,
        target=target,
        mt=segment.mt,
        # Drawn behind the box's text, so only over the very text it was found in.
        # Line breaks are marked there too (the box cannot show them itself).
        marked=(
            highlight.marked_html(target, marks, breaks=True)
            if (marks or highlight.has_break(target)) and text == target
            else ""
        ),
        qa=segment.qa or (),
        qa_flag=segment.qa_level if segment.qa_level in _QA_FLAGS else "",
        qa_pending=segment.qa_level == QaLevel.PENDING,  # a check job has not run yet
        reason=_reason(segment),
        writable=(
            not setting.archived and not segment.read_only and can_edit(setting.role, segment.state)
        ),
        override=(
            reviewer
            and not setting.archived
            and segment.state != State.APPROVED
            and (blocked or segment.qa_level == QaLevel.ERROR)
        ),
        comment_count=_number(segment.comment_count),
        changes=(
            diffs.diff_html(segment.mt, target, setting.target_lang) if target != segment.mt else ""
        ),
        error=error,
        unsaved=unsaved,
        conflict=bool(unsaved and not blocked),
        changed_by=_saved_by(segment) if unsaved and not blocked else "",
    )
    return row


def _saved_by(segment: Segment) -> str:
    """Who saved the version a conflict row shows (read for a conflict only)."""
    if getattr(segment, "changed_by_id", None) is None:
        return ""
    return segment.changed_by.get_username()


def _draw(rows: Iterable[dict], setting: RowSetting) -> list[str]:
    template = engines["django"].engine.get_template(ROW_PARTIAL)
    reviewer = can_review(setting.role)
    context = Context(
        {
            "can_review": reviewer,
            "review_actions": reviewer and not setting.archived,
            "source_lang": setting.source_lang,
            "target_lang": setting.target_lang,
            "lqa_category_options": LQA_CATEGORY_OPTIONS,
            "lqa_severity_options": LQA_SEVERITY_OPTIONS,
            "csrf_token": _CSRF_PLACEHOLDER,
        }
    )
    drawn = []
    for row in rows:
        with context.push(row=row):
            drawn.append(template.render(context))
    return drawn


def _render(
    segments: list[Segment],
    setting: RowSetting,
    errors: Mapping[int, tuple[str, str, bool]],
) -> list[str]:
    keys = {s.pk: _key(s, setting) for s in segments if s.pk not in errors}
    cache = caches[CACHE]
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [s for s in segments if keys.get(s.pk) not in found]
    drawn = _draw((_row(s, setting, *errors.get(s.pk, ("", "", False))) for s in missing), setting)
    fresh = dict(zip((s.pk for s in missing), drawn, strict=True))
    kept = {keys[pk]: html for pk, html in fresh.items() if pk in keys}
    if kept:
        cache.set_many(kept)
    return [fresh.get(s.pk) or found[keys[s.pk]] for s in segments]


def render_rows(
    request,
    segments: Iterable[Segment],
    setting: RowSetting,
    *,
    errors: Mapping[int, tuple[str, str, bool]] | None = None,
) -> SafeString:
    """The rows' HTML, one after the other, with this request's CSRF token.
    ``segments`` carry ``rejection_reason`` and ``comment_count``
    (``selectors.segments_for_review``); ``errors`` maps a segment id to (error, unsaved
    text, blocked): such a row is drawn afresh and not kept, as it shows what one
    request sent."""
    html = "".join(_render(list(segments), setting, errors or {}))
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    # Safe: each row was drawn by _draw (now or for an earlier request) from the
    # escaping template; the token went through format_html.
    return mark_safe(html.replace(_PLACEHOLDER_INPUT, token))  # noqa: S308


def render_row(
    request,
    segment: Segment,
    setting: RowSetting,
    *,
    error: str = "",
    unsaved: str = "",
    blocked: bool = False,
) -> SafeString:
    errors = {segment.pk: (error, unsaved, blocked)} if error or unsaved or blocked else None
    return render_rows(request, [segment], setting, errors=errors)
