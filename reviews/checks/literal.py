"""Literal renderings: Chinese terms whose word-for-word English is wrong in news.

MT reads 台 in 防台 (typhoon prevention) as Taiwan, 两会 (the two sessions) as "two
meetings", 共同富裕 (common prosperity) as "wealth together". The terms, their right
renderings and a reference for each live in ONE reviewed data file,
``data/literal_renderings.toml``, read the first time the check runs (an import of the
app never reads it).

- With a source, a term of the source whose literal rendering is in the target is
  reported with the term's severity (an error unless the data says otherwise), unless
  the source also has a word that makes the literal reading right (台湾 is Taiwan).
- Without a source, only the renderings that the English alone gives away are reported,
  as warnings, and only next to a word that says what the text is about ("Taiwan
  Prevention" next to "Flood Prevention").

Each finding names the Chinese term, the literal rendering and the right one, and
carries the replacement as its quick fix. A span the project glossary already speaks
for (an approved rendering or a forbidden variant) is left to the glossary check: one
term, one issue.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .base import (
    CJK_RE,
    Check,
    CheckContext,
    Fix,
    GlossaryTerm,
    Issue,
    Severity,
    Span,
    word_pattern,
)

DATA = Path(__file__).resolve().parent / "data" / "literal_renderings.toml"
FIELDS = {"zh", "en", "meaning", "reference", "wrong", "alone", "not_with", "severity"}
SMALL_WORDS = frozenset({"a", "an", "and", "of", "the", "to", "in", "on", "for"})
SENTENCE_START_RE = re.compile(r"(?:^|[.!?。！？:]\s*|[\"“‘(\[]\s*)$")


class LiteralDataError(ValueError):
    """The data file is not as the module's docstring describes; names file and line."""


@dataclass(frozen=True)
class LiteralTerm:
    zh: tuple[str, ...]  # the Chinese forms, the headword first
    en: str  # the right rendering
    meaning: str
    reference: str
    wrong: tuple[tuple[str, str], ...]  # (literal rendering, its replacement)
    alone: tuple[str, ...]  # the literal renderings reported without a source
    near: tuple[str, ...]  # ... only next to one of these words (none: anywhere)
    not_with: tuple[str, ...]  # source words that make the literal reading right
    severity: Severity
    line: int  # where the entry starts in the data file

    def glossary_term(self) -> GlossaryTerm:
        """The entry as a starter glossary term: the first Chinese form, the right
        rendering, and as forbidden variants the renderings wrong in any context."""
        forbidden = () if self.near else self.alone
        note = f"{self.meaning}. Source: {self.reference}"
        return GlossaryTerm(self.zh[0], self.en, forbidden=forbidden, note=note)


def _strings(value, where: str, name: str, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LiteralDataError(f"{where}: {name} must be a list of non-empty strings")
    if required and not value:
        raise LiteralDataError(f"{where}: {name} must not be empty")
    return tuple(value)


def _text(entry: dict, where: str, name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise LiteralDataError(f"{where}: {name} is missing or empty")
    return value.strip()


def _entry(entry: dict, where: str, line: int) -> LiteralTerm:
    if unknown := set(entry) - FIELDS:
        raise LiteralDataError(f"{where}: unknown field {', '.join(sorted(unknown))}")
    zh = _strings(entry.get("zh"), where, "zh", required=True)
    if not all(CJK_RE.search(form) for form in zh):
        raise LiteralDataError(f"{where}: every zh form must be Chinese")
    wrong = entry.get("wrong")
    if not isinstance(wrong, dict) or not wrong:
        raise LiteralDataError(f"{where}: [term.wrong] must map each literal rendering to its fix")
    for literal, replacement in wrong.items():
        if not literal.strip() or not isinstance(replacement, str) or not replacement.strip():
            raise LiteralDataError(f"{where}: wrong {literal!r} needs a non-empty replacement")
    alone_table = entry.get("alone") or {}
    if not isinstance(alone_table, dict) or set(alone_table) - {"phrases", "near"}:
        raise LiteralDataError(f"{where}: [term.alone] takes phrases and near only")
    alone = _strings(alone_table.get("phrases"), where, "alone.phrases", required=False)
    if stray := [p for p in alone if p not in wrong]:
        raise LiteralDataError(f"{where}: alone phrase {stray[0]!r} is not in [term.wrong]")
    severity = entry.get("severity", "error")
    if severity not in ("error", "warning"):
        raise LiteralDataError(f"{where}: severity must be error or warning, not {severity!r}")
    return LiteralTerm(
        zh=zh,
        en=_text(entry, where, "en"),
        meaning=_text(entry, where, "meaning"),
        reference=_text(entry, where, "reference"),
        wrong=tuple(wrong.items()),
        alone=alone,
        near=_strings(alone_table.get("near"), where, "alone.near", required=False),
        not_with=_strings(entry.get("not_with"), where, "not_with", required=False),
        severity=Severity(severity),
        line=line,
    )


def load_literal_terms(path: Path) -> tuple[LiteralTerm, ...]:
    """Read and validate a data file; a bad one raises LiteralDataError naming the file
    and the line (of the syntax error, or of the entry's ``[[term]]``)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LiteralDataError(f"{path}: {exc}") from None
    terms = data.get("term")
    if set(data) - {"term"} or not isinstance(terms, list) or not terms:
        raise LiteralDataError(f"{path}: expected [[term]] entries and nothing else")
    lines = [n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "[[term]]"]
    found = []
    for n, entry in enumerate(terms):
        line = lines[n] if n < len(lines) else 0
        found.append(_entry(entry, f"{path}, line {line} (term {n + 1})", line))
    return tuple(found)


@cache
def literal_terms() -> tuple[LiteralTerm, ...]:
    """The reviewed data, read once, the first time a check or the glossary asks."""
    return load_literal_terms(DATA)


Row = tuple[str, str, str, int]  # (literal, its lowercase, replacement, term index)


@dataclass(frozen=True)
class LiteralIndex:
    """What one segment's check looks up: every Chinese form in one regex (most sources
    have none, and one search says so), and the literal rows, longest first so that a
    longer literal ("Taiwan prevention") claims its words before a shorter one
    ("Taiwan")."""

    forms: re.Pattern[str]
    form_terms: dict[str, tuple[int, ...]]  # a Chinese form -> the terms it belongs to
    rows: dict[int, tuple[Row, ...]]  # term index -> its rows, longest first
    alone: tuple[Row, ...]  # the rows reported without a source, longest first


@cache
def literal_index() -> LiteralIndex:
    terms = literal_terms()
    form_terms: dict[str, list[int]] = {}
    rows: dict[int, tuple[Row, ...]] = {}
    for i, term in enumerate(terms):
        for form in term.zh:
            form_terms.setdefault(form, []).append(i)
        rows[i] = tuple(
            sorted(
                ((literal, literal.lower(), fix, i) for literal, fix in term.wrong),
                key=lambda row: -len(row[0]),
            )
        )
    alone = [row for i, term in enumerate(terms) for row in rows[i] if row[0] in term.alone]
    forms = sorted(form_terms, key=len, reverse=True)
    return LiteralIndex(
        # a lookahead finds a form at every position: 台风 inside 防台风 too
        forms=re.compile("(?=(" + "|".join(map(re.escape, forms)) + "))"),
        form_terms={form: tuple(found) for form, found in form_terms.items()},
        rows=rows,
        alone=tuple(sorted(alone, key=lambda row: -len(row[0]))),
    )


def matched_case(replacement: str, written: str, literal: str, before: str) -> str:
    """The replacement in the case the literal was written in: "Taiwan Prevention" ->
    "Typhoon Prevention", "Wealth together" -> "Common prosperity"; a literal whose
    capitals are its own ("Taiwan") keeps the replacement's, capitalised at the start of
    a sentence."""
    if written == literal:
        return _capitalised(replacement) if SENTENCE_START_RE.search(before) else replacement
    words = re.findall(r"[^\W\d_]+", written)
    if len(written) > 1 and written.isupper():
        return replacement.upper()
    if len(words) > 1 and all(w[0].isupper() for w in words):
        parts = re.split(r"(\s+|-)", replacement)
        titled = [
            p if (i and p.lower() in SMALL_WORDS) or not p[:1].isalpha() else _capitalised(p)
            for i, p in enumerate(parts)
        ]
        return "".join(titled)
    if words and words[0][0].isupper():
        return _capitalised(replacement)
    return replacement


def _capitalised(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def _quoted(text: str) -> str:
    """A rendering in quotes for a message, unless it brings its own."""
    return text if text[:1] in "\"“‘'" else f'"{text}"'


def _glossary_spans(ctx: CheckContext) -> list[Span]:
    """Where the project glossary speaks for the target: its checks report those."""
    if not ctx.glossary:
        return []
    found, spans = ctx.target_terms, []
    for i in found.owners():
        term = ctx.glossary[i]
        for text in (term.rendering, *term.forbidden):
            if text.strip():
                spans += found.spans(text, case_sensitive=term.case_sensitive)
    return spans


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


class LiteralRenderingCheck(Check):
    check_id = "literal-rendering"
    name = "Literal renderings"
    description = (
        "Chinese terms rendered word for word where news English has a set rendering: "
        "台 in 防台 is typhoon, not Taiwan; 两会 is the two sessions; 共同富裕 is common "
        "prosperity. With a source the term must be in it; without one, only what the "
        "English alone gives away is reported."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.target_is_english:
            return []
        index = literal_index()
        active: dict[int, str] | None = None  # term -> its form in the source
        if ctx.has_source:
            active = self._in_source(ctx.source, index)
            if not active:
                return []
            rows = sorted(
                (row for i in active for row in index.rows[i]), key=lambda row: -len(row[0])
            )
        else:
            rows = index.alone
        terms = literal_terms()
        lowered = ctx.target.lower()
        claimed: list[Span] = []
        glossary: list[Span] | None = None
        issues = []
        for literal, key, replacement, i in rows:
            if key not in lowered:
                continue
            term = terms[i]
            for m in word_pattern(literal, case_sensitive=False).finditer(ctx.target):
                span = m.span()
                if _overlaps(span, claimed):
                    continue
                if glossary is None:
                    glossary = _glossary_spans(ctx)
                if _inside(span, glossary):
                    continue
                if active is not None:
                    issue = self._with_source(ctx, term, active[i], span, literal, replacement)
                else:
                    issue = self._alone(ctx, term, span, literal, replacement)
                if issue is not None:
                    claimed.append(span)
                    issues.append(issue)
        return issues

    @staticmethod
    def _in_source(source: str, index: LiteralIndex) -> dict[int, str]:
        """{term: its longest form in the source}, without the terms whose source also
        has a word that makes the literal reading right (台湾 next to 台风)."""
        found: dict[int, str] = {}
        for form in index.forms.findall(source):
            for i in index.form_terms[form]:
                if len(form) > len(found.get(i, "")):
                    found[i] = form
        terms = literal_terms()
        return {
            i: form
            for i, form in found.items()
            if not any(word in source for word in terms[i].not_with)
        }

    def _fix(self, ctx: CheckContext, span: Span, literal: str, replacement: str) -> str:
        written = ctx.target[span[0] : span[1]]
        return matched_case(replacement, written, literal, ctx.target[: span[0]])

    def _with_source(
        self, ctx: CheckContext, term: LiteralTerm, form: str, span: Span, literal, replacement
    ) -> Issue:
        written = ctx.target[span[0] : span[1]]
        fixed = self._fix(ctx, span, literal, replacement)
        return self.issue(
            f'{form} is "{term.en}" ({term.meaning}): {_quoted(written)} is a literal '
            f"rendering; write {_quoted(fixed)}",
            (span,),
            term.severity,
            Fix(span[0], span[1], fixed),
        )

    def _alone(
        self, ctx: CheckContext, term: LiteralTerm, span: Span, literal, replacement
    ) -> Issue | None:
        written = ctx.target[span[0] : span[1]]
        context = ""
        if term.near:
            near = self._near_word(ctx.target, term.near, span)
            if near is None:
                return None
            context = f' next to "{near}"'
        fixed = self._fix(ctx, span, literal, replacement)
        return self.issue(
            f"{_quoted(written)}{context} reads as a literal rendering of {term.zh[0]} "
            f'("{term.en}": {term.meaning}); write {_quoted(fixed)}',
            (span,),
            Severity.WARNING,
            Fix(span[0], span[1], fixed),
        )

    @staticmethod
    def _near_word(text: str, words: tuple[str, ...], span: Span) -> str | None:
        """The first of ``words`` in ``text`` outside the literal itself, as written."""
        lowered = text.lower()
        for word in words:
            if word.lower() not in lowered:
                continue
            for m in word_pattern(word, case_sensitive=False).finditer(text):
                if not _overlaps(m.span(), [span]):
                    return m.group()
        return None
