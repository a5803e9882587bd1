"""Romanized Chinese names the glossary has not approved.

MT romanizes what it cannot translate and gets the word breaks wrong: 浙运安
(zhe-yun-an) comes out as "Zhe Yunan", which reads like Yunnan; brand names come out
merged and unexplained ("Zhezhizhi", "Zheli"). The check finds capitalised words that
parse completely as pinyin and reports them unless they are a known place or brand,
a personal name of the form "Surname Givenname", English, or in the glossary. With a
Chinese source it also says which characters the name transliterates and how they
should be spelled.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .base import CJK_RE, Check, CheckContext, Fix, Issue, Severity, Span
from .common_words import is_common_word
from .name_data import FOREIGN_NAMES, KNOWN_BRANDS, KNOWN_PLACES, PLACE_GENERICS, SURNAMES
from .pinyin import readings, segment, spell

TOKEN_RE = re.compile(r"[A-Za-zÜü]+(?:['’][A-Za-zÜü]+)*")
# The tokens of TOKEN_RE that start with a capital, found without visiting the others:
# a token starts where a letter follows neither a letter nor a letter and apostrophe.
CAPITALISED_RE = re.compile(
    r"(?<![A-Za-zÜü])(?<![A-Za-zÜü]['’])[A-ZÜ][A-Za-zÜü]*(?:['’][A-Za-zÜü]+)*"
)
POSSESSIVES = ("'s", "’s")  # "Zhejiang's": the name is "Zhejiang"
# Final syllables that mostly come from English silent-e words ("Dance", "Tune", "Pine").
ENGLISH_FINALS = frozenset({"ce", "se", "te", "re", "me", "ne", "le"})
JOINERS = frozenset({" ", "-"})  # "Zhe Yunan", "Jiang-Shan"; not "Zhe, Yunan"


class Token(NamedTuple):  # a tuple: made for every pinyin-looking word, so made cheaply
    text: str  # without a possessive 's
    span: Span
    syllables: tuple[str, ...]
    known: bool  # a place, brand or glossary rendering: never reported


def _tokens(ctx: CheckContext) -> list[list[Token]]:
    """Runs of adjacent pinyin-looking capitalised words (joined by a space or hyphen).

    Pinyin names are capitalised, so only capitalised tokens are visited; a lowercase
    word between two of them leaves a gap that is not a joiner, which ends the run.
    """
    text = ctx.target
    approved: list[Span] | None = None  # looked up when a name is not known already
    runs: list[list[Token]] = []
    previous_end = None  # where the last pinyin token ended, if a run may continue
    for m in CAPITALISED_RE.finditer(text):
        word = m.group()
        if word.endswith(POSSESSIVES):
            word = word[:-2]
        syllables, needs_given_name, known = _reading(word)
        if needs_given_name and not _is_given_name(_next_token(text, m.end())):
            syllables = None
        if syllables is None:
            previous_end = None
            continue
        span = (m.start(), m.start() + len(word))
        if not known:
            if approved is None:
                approved = _approved_spans(ctx)
            known = any(a <= span[0] and span[1] <= b for a, b in approved)
        token = Token(word, span, syllables, known)
        if previous_end is not None and text[previous_end : m.start()] in JOINERS:
            runs[-1].append(token)
        else:
            runs.append([token])
        previous_end = span[1] if span[1] == m.end() else None  # "Zhejiang's" ends a run
    return runs


def _next_token(text: str, end: int) -> str:
    """The TOKEN_RE token after the one ending at ``end`` (any case), or ""."""
    m = TOKEN_RE.search(text, end)
    return m.group() if m else ""


def _is_given_name(word: str) -> bool:
    """ "Fang Kun", "Song Yunan": an English-looking surname before a capitalised word
    that reads as pinyin is a name; otherwise it is the English word."""
    return word[:1].isupper() and segment(word) is not None


@lru_cache(maxsize=16384)  # words recur across segments: read each one once
def _reading(word: str) -> tuple[tuple[str, ...] | None, bool, bool]:
    """(syllables or None, whether they count only before a capitalised given name,
    whether the word is a known place or brand)."""
    lower = word.lower().replace("’", "'")
    known = lower in KNOWN_PLACES or lower in KNOWN_BRANDS
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return None, False, known
    syllables = segment(word)
    if syllables is None or syllables[-1] in ENGLISH_FINALS or lower in FOREIGN_NAMES:
        return None, False, known
    if is_common_word(lower):
        return (syllables, True, known) if lower in SURNAMES else (None, False, known)
    return syllables, False, known


def _approved_spans(ctx: CheckContext) -> list[Span]:
    spans: list[Span] = []
    found = ctx.target_terms  # only terms that may occur in the target can add a span
    for i in found.owners():
        term = ctx.glossary[i]
        for text in (term.rendering, *term.forbidden):  # forbidden ones: the glossary check
            if text.strip():
                spans += found.spans(text, case_sensitive=term.case_sensitive)
    return spans


def suspects(run: list[Token]) -> list[list[Token]]:
    """The parts of a run that are neither known names nor "Surname Givenname"."""
    found: list[list[Token]] = []
    current: list[Token] = []
    i = 0
    while i < len(run):
        token = run[i]
        given = run[i + 1] if i + 1 < len(run) else None
        if token.known:
            skip = 1
        elif (
            given is not None
            and not given.known
            and token.text.lower() in SURNAMES
            and 1 <= len(given.syllables) <= 2
        ):
            skip = 2  # "Zhu Hengyi", "Fang Kun"
        else:
            current.append(token)
            i += 1
            continue
        if current:
            found.append(current)
            current = []
        i += skip
    if current:
        found.append(current)
    # A lone one-syllable word ("Dao", "Xing", "Li") is too often harmless to report.
    return [part for part in found if len(part) > 1 or len(part[0].syllables) > 1]


class RomanizedNameCheck(Check):
    check_id = "romanized-name"
    name = "Romanized names"
    description = (
        "Pinyin names that are not a known place, a Surname Givenname or in the glossary, "
        'such as syllables split wrongly ("Zhe Yunan" for 浙运安) or merged ("Zhezhizhi").'
    )
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []
        source: list[Reading] | None = None  # read when there is something to report
        issues = []
        for run in _tokens(ctx):
            if len(run) == 1 and name_key(run[0].text) in ctx.approved_names:
                continue  # "Zheyun'an", once approved in the project
            for part in suspects(run):
                if source is None:
                    source = _source_syllables(ctx.source) if ctx.has_source else []
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
        # "Boruqiao Village" is the standard form of a place: to approve once, not to fix.
        severity = Severity.INFO if is_place else self.severity
        spelling = None  # the right spelling, when it is known: the quick fix
        if glossary_form and glossary_form != written:
            message = f'Romanized name "{written}" should be written "{glossary_form}" (glossary)'
            severity, spelling = self.severity, glossary_form
        elif match := _transliterates(letters, source):
            chars, syllable_list = match
            expected, shown = spell(syllable_list), "-".join(syllable_list)
            if len(part) > 1:
                message = (
                    f'Romanized name "{written}" splits {chars} ({shown}) wrongly; '
                    f'expected "{expected}"'
                )
                severity, spelling = self.severity, expected
            elif expected.lower() != written.lower().replace("’", "'"):
                message = f'Romanized name "{written}" for {chars} ({shown}) should be "{expected}"'
                severity, spelling = self.severity, expected
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
        fix = Fix(start, end, spelling) if spelling else None
        return self.issue(message, ((start, end),), severity, fix)


def name_key(word: str) -> str:
    return word.lower().replace("’", "'")


def standalone_names(text: str) -> set[str]:
    """The capitalised words of ``text`` that read as pinyin on their own, not joined to
    another such word ("Zheyun'an", "Xi'an", "Zhezhengding"; not "Zhe" and "Yunan" of
    "Zhe Yunan"), as name_key gives them: a correctly formed romanized name is one word,
    with an apostrophe before a, o or e after another syllable. Known places and brands
    and common English words are left out: the check never suspects them."""
    found: set[str] = set()
    words = []  # (key, start, end) of the pinyin-reading words, in order
    for m in CAPITALISED_RE.finditer(text):
        word = m.group()
        if word.endswith(POSSESSIVES):
            word = word[:-2]
        syllables, needs_given_name, known = _reading(word)
        if syllables is not None:  # "Zhejiang" and "Lin" count as joiners, not as names
            words.append(
                (name_key(word), m.start(), m.start() + len(word), known or needs_given_name)
            )
    for i, (key, start, end, settled) in enumerate(words):
        joined_before = i > 0 and text[words[i - 1][2] : start] in JOINERS
        joined_after = i + 1 < len(words) and text[end : words[i + 1][1]] in JOINERS
        if not (settled or joined_before or joined_after):
            found.add(key)
    return found


Reading = tuple[str, tuple[str, ...]]  # one Han character and its toneless readings


def _source_syllables(source: str) -> list[Reading]:
    return [(ch, readings(ch)) if CJK_RE.match(ch) else (ch, ()) for ch in source]


def _transliterates(letters: str, source: list[Reading]) -> tuple[str, list[str]] | None:
    """The first run of source characters whose readings spell ``letters`` exactly."""

    def walk(i: int, pos: int) -> list[str] | None:
        if pos == len(letters):
            return []
        if i >= len(source):
            return None
        for reading in source[i][1]:
            if (
                letters.startswith(reading, pos)
                and (rest := walk(i + 1, pos + len(reading))) is not None
            ):
                return [reading, *rest]
        return None

    for start in range(len(source)):
        if found := walk(start, 0):
            return "".join(ch for ch, _ in source[start : start + len(found)]), found
    return None


def _glossary_spelling(ctx: CheckContext, letters: str) -> str | None:
    """A glossary rendering made of the same letters, spelled differently."""
    return ctx.glossary_index.spellings.get(letters)
