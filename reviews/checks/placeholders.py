"""Placeholders and inline tags are code, not text: the target must keep them all.

Which placeholder syntax applies is declared by the unit's PO flags (``c-format``,
``python-format``, ``python-brace-format``, ``brace-format``), as in gettext and
Weblate, so a "%d" in prose of an unflagged unit is left alone. Inline tags need no
flag: markup looks the same in every format this workbench imports.
"""

from __future__ import annotations

import re
from collections import Counter

from .base import Check, CheckContext, Issue, Severity

PRINTF_RE = re.compile(
    r"%(?:\d+\$)?(?:\([^)]+\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%]"
)
# str.format fields: {}, {0}, {name}, {name.attr}, {name[key]}, {0!r}, {price:>10.2f}.
# Doubled braces are literal braces and are skipped before matching.
PYTHON_BRACE_RE = re.compile(
    r"\{(?:[A-Za-z_]\w*|\d+)?(?:\.\w+|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}"
)
GENERIC_BRACE_RE = re.compile(r"\{[^{}\s][^{}]*\}|\{\}")
ESCAPED_BRACES_RE = re.compile(r"\{\{|\}\}")

FLAG_PATTERNS: dict[str, re.Pattern[str]] = {
    "c-format": PRINTF_RE,
    "python-format": PRINTF_RE,
    "python-brace-format": PYTHON_BRACE_RE,
    "brace-format": GENERIC_BRACE_RE,
}

# Inline markup as it arrives in segment text: <b>, </b>, <br/>, <g id="1">, <x id="2"/>.
# Markup written as text, and the protected tokens the format adapters put in place of
# inline codes (⟨1⟩…⟨/1⟩, ⟨2/⟩: see reviews/formats/inline.py).
TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|⟨/?[1-9][0-9]{0,5}/?⟩")


def _blank_escapes(text: str) -> str:
    """Replace "{{" and "}}" by spaces so they neither match nor shift any span."""
    return ESCAPED_BRACES_RE.sub("  ", text)


def find_placeholders(text: str, flags: frozenset[str]) -> list[re.Match[str]]:
    """Every placeholder of ``text`` under ``flags``; "%%" is a literal percent sign."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for flag, pattern in FLAG_PATTERNS.items():
        if flag not in flags:
            continue
        haystack = _blank_escapes(text) if pattern is not PRINTF_RE else text
        for m in pattern.finditer(haystack):
            if m.group() != "%%":
                found.setdefault(m.span(), m)
    return [found[span] for span in sorted(found)]


def compare_tokens(
    check: Check, source: list[re.Match[str]], target: list[re.Match[str]], what: str
) -> list[Issue]:
    """Missing and extra tokens as multisets: order may change in translation."""
    if sorted(m.group() for m in source) == sorted(m.group() for m in target):
        return []  # the same tokens as written, so the same once normalised: the usual case
    key = _normalise if what == "Tag" else str
    wanted = Counter(key(m.group()) for m in source)
    have = Counter(key(m.group()) for m in target)
    issues = [
        check.issue(f'{what} "{token}" of the source is missing')
        for token, count in wanted.items()
        if count > have[token]
    ]
    extra = have - wanted
    for token in extra:
        spans = tuple(m.span() for m in target if key(m.group()) == token)
        issues.append(check.issue(f'{what} "{token}" is not in the source', spans))
    return issues


def _normalise(tag: str) -> str:
    """Attribute spacing and quoting do not change what a tag means."""
    return re.sub(r"\s+", " ", tag.replace("'", '"')).replace(" />", "/>").replace(" >", ">")


class PlaceholdersCheck(Check):
    check_id = "placeholders"
    name = "Placeholders"
    description = (
        "The target keeps every format placeholder of the source (printf %s/%(name)s for "
        "c-format and python-format, {name} for python-brace-format) and adds none."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source or not ctx.flags & FLAG_PATTERNS.keys():
            return []
        source = find_placeholders(ctx.source, ctx.flags)
        target = find_placeholders(ctx.target, ctx.flags)
        return compare_tokens(self, source, target, "Placeholder")


class InlineTagsCheck(Check):
    check_id = "inline-tags"
    name = "Inline tags"
    description = (
        'The target keeps every inline tag of the source (<b>, </b>, <x id="1"/>, '
        "and the protected codes ⟨1⟩…⟨/1⟩ and ⟨2/⟩ of TMX and XLIFF)."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source:
            return []
        source = list(TAG_RE.finditer(ctx.source))
        target = list(TAG_RE.finditer(ctx.target))
        if not source and not target:
            return []
        return compare_tokens(self, source, target, "Tag")
