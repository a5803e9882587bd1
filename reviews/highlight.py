"""Marking spans of a text: QA issues and glossary terms, as escaped HTML.

Pure: strings and spans in, ``SafeString`` out. Every piece of text goes through
``escape`` and so does every title, so hostile segment or glossary text stays inert.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .checks import GlossaryTerm
from .checks.base import word_pattern
from .checks.glossary import forbidden_spans, rendering_spans


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # a class from a fixed set: never user text
    title: str = ""


def _kept(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks in priority order (earlier wins); overlapping later ones are dropped."""
    kept: list[Mark] = []
    for mark in marks:
        start, end = max(0, mark.start), min(length, mark.end)
        if start >= end:
            continue
        if any(start < k.end and k.start < end for k in kept):
            continue
        kept.append(Mark(start, end, mark.css, mark.title))
    return sorted(kept, key=lambda m: m.start)


# A line break shown as a mark (workbench.css draws "↵" there, taking no width, so a
# backdrop stays aligned with the box's text), before the break itself.
LINE_BREAK_MARK = '<span class="lb" title="Line break"></span>'
_BREAK_RE = re.compile(r"\r\n|\r|\n")


def escaped(text: str, *, breaks: bool = False) -> str:
    """``text`` escaped; with ``breaks``, each line break shown as a mark."""
    html = escape(text)
    if breaks and ("\n" in html or "\r" in html):
        html = _BREAK_RE.sub(lambda m: LINE_BREAK_MARK + m.group(), html)
    return html


def has_break(text: str) -> bool:
    return "\n" in text or "\r" in text


def marked_html(text: str, marks: Iterable[Mark], *, breaks: bool = False) -> SafeString:
    out, at = [], 0
    for mark in _kept(marks, len(text)):
        out.append(escaped(text[at : mark.start], breaks=breaks))
        title = f' title="{escape(mark.title)}"' if mark.title else ""
        inner = escaped(text[mark.start : mark.end], breaks=breaks)
        out.append(f'<mark class="{mark.css}"{title}>{inner}</mark>')
        at = mark.end
    out.append(escaped(text[at:], breaks=breaks))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def qa_marks(results: Sequence[dict]) -> list[Mark]:
    return [
        Mark(start, end, f"qa qa-{r['severity']}", r["message"])
        for r in results
        if r.get("severity") in ("error", "warning", "info")
        for start, end in r.get("spans", ())
    ]


def target_glossary_marks(text: str, glossary: Sequence[GlossaryTerm]) -> list[Mark]:
    marks = []
    for term in glossary:
        for variant in term.forbidden:
            for start, end in forbidden_spans(term, variant, text):
                marks.append(
                    Mark(start, end, "term term-forbidden", f"Glossary: use “{term.rendering}”")
                )
        label = f"Glossary: {term.source} → {term.rendering}" if term.source else "Glossary"
        if term.note:
            label += f" ({term.note})"
        for start, end in rendering_spans(term, text):
            marks.append(Mark(start, end, "term term-ok", label))
    return marks


def source_glossary_marks(text: str, glossary: Sequence[GlossaryTerm]) -> list[Mark]:
    marks = []
    for term in glossary:
        if not term.source.strip():
            continue
        label = f"Glossary: {term.rendering}" + (f" ({term.note})" if term.note else "")
        pattern = word_pattern(term.source, case_sensitive=term.case_sensitive)
        marks += [Mark(*m.span(), "term", label) for m in pattern.finditer(text)]
    return marks
