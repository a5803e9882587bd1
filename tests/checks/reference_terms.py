"""The glossary-driven checks as they were before their speed work (see
reference_checks.py): term_spans for every term in every check, every token visited."""

from __future__ import annotations

import re
from functools import lru_cache

from reviews.checks import CheckContext, GlossaryTerm, Issue, Severity
from reviews.checks.base import CJK_RE, Span
from reviews.checks.common_words import is_common_word
from reviews.checks.glossary import GlossaryCheck
from reviews.checks.name_data import (
    FOREIGN_NAMES,
    KNOWN_BRANDS,
    KNOWN_PLACES,
    PLACE_GENERICS,
    SURNAMES,
)
from reviews.checks.names import (
    ENGLISH_FINALS,
    JOINERS,
    TOKEN_RE,
    Reading,
    RomanizedNameCheck,
    Token,
    _source_syllables,
    _transliterates,
    suspects,
)
from reviews.checks.pinyin import segment, spell
from reviews.checks.untranslated import CJK_RUN_RE, CjkLeftCheck

POSSESSIVE_RE = re.compile(r"['’]s$")


def term_spans(term: str, text: str, *, case_sensitive: bool) -> list[Span]:
    if not term:
        return []
    if term.isascii():
        haystack, needle = (text, term) if case_sensitive else (text.lower(), term.lower())
        if needle not in haystack:
            return []
    return [m.span() for m in word_pattern(term, case_sensitive=case_sensitive).finditer(text)]


@lru_cache(maxsize=4096)
def word_pattern(term: str, *, case_sensitive: bool) -> re.Pattern[str]:
    left = r"(?<![^\W_])" if term[:1].isalnum() and not CJK_RE.match(term[:1]) else ""
    right = r"(?![^\W_])" if term[-1:].isalnum() and not CJK_RE.match(term[-1:]) else ""
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(left + re.escape(term) + right, flags)


# --- glossary ---------------------------------------------------------------------------


def rendering_spans(term: GlossaryTerm, text: str) -> list[Span]:
    if not term.rendering.strip():
        return []
    return term_spans(term.rendering, text, case_sensitive=term.case_sensitive)


def forbidden_spans(term: GlossaryTerm, variant: str, text: str) -> list[Span]:
    if not variant.strip():
        return []
    found = term_spans(variant, text, case_sensitive=term.case_sensitive)
    if not found:
        return []
    allowed = rendering_spans(term, text)
    return [
        (start, end) for start, end in found if not any(a <= start and end <= b for a, b in allowed)
    ]


def source_has_term(term: GlossaryTerm, source: str) -> bool:
    if not term.source.strip():
        return False
    return bool(term_spans(term.source, source, case_sensitive=term.case_sensitive))


class RefGlossary(GlossaryCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        issues: list[Issue] = []
        for term in ctx.glossary:
            forbidden_used = False
            for variant in term.forbidden:
                spans = forbidden_spans(term, variant, ctx.target)
                if spans:
                    forbidden_used = True
                    issues.append(
                        self.issue(
                            f'Forbidden variant "{variant}" used; the glossary renders '
                            f'"{term.source}" as "{term.rendering}"',
                            tuple(spans),
                        )
                    )
            if (
                ctx.has_source
                and not forbidden_used
                and term.rendering.strip()
                and source_has_term(term, ctx.source)
                and not rendering_spans(term, ctx.target)
            ):
                issues.append(
                    self.issue(
                        f'Glossary term "{term.source}" should be rendered as "{term.rendering}"'
                        + (f" ({term.note})" if term.note else ""),
                        severity=Severity.WARNING,
                    )
                )
        return issues


# --- untranslated CJK -------------------------------------------------------------------


class RefCjkLeft(CjkLeftCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []
        issues = []
        if not CJK_RUN_RE.search(ctx.target):
            return issues
        approved = [
            span
            for term in ctx.glossary
            if term.rendering.strip()
            for span in term_spans(term.rendering, ctx.target, case_sensitive=term.case_sensitive)
        ]
        for m in CJK_RUN_RE.finditer(ctx.target):
            if any(a <= m.start() and m.end() <= b for a, b in approved):
                continue
            if CJK_RE.search(m.group()):
                message = f'CJK text "{m.group()}" left untranslated'
            else:
                message = f'Full-width punctuation "{m.group()}" in a {ctx.target_lang} text'
            issues.append(self.issue(message, (m.span(),)))
        return issues


# --- romanized names --------------------------------------------------------------------


def _tokens(ctx: CheckContext) -> list[list[Token]]:
    approved = _approved_spans(ctx)
    runs: list[list[Token]] = []
    previous_end = None
    candidates = list(TOKEN_RE.finditer(ctx.target))
    for i, m in enumerate(candidates):
        if not m.group()[0].isupper():
            previous_end = None
            continue
        word = POSSESSIVE_RE.sub("", m.group())
        span = (m.start(), m.start() + len(word))
        following = candidates[i + 1].group() if i + 1 < len(candidates) else ""
        syllables = _pinyin_syllables(word, following)
        if syllables is None:
            previous_end = None
            continue
        lower = word.lower().replace("’", "'")
        known = (
            lower in KNOWN_PLACES
            or lower in KNOWN_BRANDS
            or any(a <= span[0] and span[1] <= b for a, b in approved)
        )
        token = Token(word, span, syllables, known)
        if previous_end is not None and ctx.target[previous_end : m.start()] in JOINERS:
            runs[-1].append(token)
        else:
            runs.append([token])
        previous_end = span[1] if span[1] == m.end() else None
    return runs


def _pinyin_syllables(word: str, following: str) -> tuple[str, ...] | None:
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return None
    syllables = segment(word)
    if syllables is None or syllables[-1] in ENGLISH_FINALS:
        return None
    lower = word.lower().replace("’", "'")
    if lower in FOREIGN_NAMES:
        return None
    surname = lower in SURNAMES and following[:1].isupper() and segment(following)
    if is_common_word(lower) and not surname:
        return None
    return syllables


def _approved_spans(ctx: CheckContext) -> list[Span]:
    spans: list[Span] = []
    for term in ctx.glossary:
        for text in (term.rendering, *term.forbidden):
            if text.strip():
                spans += term_spans(text, ctx.target, case_sensitive=term.case_sensitive)
    return spans


def _glossary_spelling(ctx: CheckContext, letters: str) -> str | None:
    for term in ctx.glossary:
        squashed = re.sub(r"[\s'’-]", "", term.rendering).lower()
        if squashed == letters:
            return term.rendering
    return None


class RefRomanizedName(RomanizedNameCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []
        source = _source_syllables(ctx.source) if ctx.has_source else []
        issues = []
        for run in _tokens(ctx):
            for part in suspects(run):
                issues.append(self._report(ctx, part, source))
        return issues

    def _report(self, ctx: CheckContext, part: list[Token], source: list[Reading]) -> Issue:
        start, end = part[0].span[0], part[-1].span[1]
        written = ctx.target[start:end]
        letters = "".join(token.text.lower() for token in part).replace("'", "").replace("’", "")
        glossary_form = _glossary_spelling(ctx, letters)
        after = re.match(r"[ \t]+([A-Z][a-z]+)", ctx.target[end:])
        is_place = bool(after and after.group(1).lower() in PLACE_GENERICS)
        kind = "place name" if is_place else "name"
        severity = Severity.INFO if is_place else self.severity
        if glossary_form and glossary_form != written:
            message = f'Romanized name "{written}" should be written "{glossary_form}" (glossary)'
            severity = self.severity
        elif match := _transliterates(letters, source):
            chars, syllable_list = match
            expected, shown = spell(syllable_list), "-".join(syllable_list)
            if len(part) > 1:
                message = (
                    f'Romanized name "{written}" splits {chars} ({shown}) wrongly; '
                    f'expected "{expected}"'
                )
                severity = self.severity
            elif expected.lower() != written.lower().replace("’", "'"):
                message = f'Romanized name "{written}" for {chars} ({shown}) should be "{expected}"'
                severity = self.severity
            else:
                message = f'Romanized {kind} "{written}" ({chars}, {shown}) is not in the glossary'
        elif any(CJK_RE.match(ch) for ch, _ in source):
            message = f'Romanized {kind} "{written}" matches no Chinese characters of the source'
        elif len(part) > 1 and not is_place:
            message = (
                f'Romanized name "{written}" is not in the glossary and is not a '
                '"Surname Givenname" personal name'
            )
        else:
            message = f'Romanized {kind} "{written}" is not in the glossary'
        return self.issue(message, ((start, end),), severity)
