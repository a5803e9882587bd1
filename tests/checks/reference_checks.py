"""The QA checks as they were before their speed work, to prove the fast paths exact.

Each class here keeps the original algorithm of a check that was sped up (as of commit
1eca822): every character or word of a text visited, every regex run on every text;
reference_terms.py does the same for the checks that search the glossary. Unchanged
helpers and data are imported from the checks. test_fast_paths.py runs both over the
seed, segments like the benchmark's and generated text, and requires identical issues.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from reviews.checks import CHECKS, Check, CheckContext, Issue, Severity
from reviews.checks.numbers import (
    CN_NUMERAL_RE,
    CN_UNITS,
    EN_MAGNITUDES,
    FULL_WIDTH,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    SPELLED_RE,
    Number,
    NumbersCheck,
    _spelled_value,
    chinese_numeral_value,
    is_firm_chinese,
)
from reviews.checks.placeholders import (
    FLAG_PATTERNS,
    TAG_RE,
    InlineTagsCheck,
    PlaceholdersCheck,
    find_placeholders,
)
from reviews.checks.punctuation import (
    BRACKETS,
    DOUBLE_SPACE_RE,
    FRENCH_SPACED,
    LIST_MARKER_RE,
    OPENERS,
    SPACE_BEFORE_RE,
    BracketsCheck,
    QuotesCheck,
    WhitespaceCheck,
    sentences,
)
from reviews.checks.words import (
    LEGIT_REPEATS,
    REPEATED_RE,
    WORD_RE,
    RepeatedWordsCheck,
    StrayCapitalCheck,
    _is_stray,
)
from tests.checks.reference_terms import RefCjkLeft, RefGlossary, RefRomanizedName

# --- numbers ----------------------------------------------------------------------------


def extract_numbers(text: str) -> list[Number]:
    text = text.translate(FULL_WIDTH)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in NUMBER_RE.finditer(text):
        value = Decimal(m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
        if m["cn"]:
            for ch in m["cn"]:
                value *= CN_UNITS[ch]
        elif m["en"] or m["abbr"]:
            value *= EN_MAGNITUDES[(m["en"] or m["abbr"]).lower()]
        found.append(Number(value, m.group().strip(), m.span(), firm=True))
        taken.append(m.span())
    for m in CN_NUMERAL_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = chinese_numeral_value(m.group())
        if value is not None:
            found.append(Number(value, m.group(), m.span(), firm=is_firm_chinese(m.group())))
    for m in SPELLED_RE.finditer(text):
        value = _spelled_value(m["word"].lower())
        if m["mag"]:
            value *= EN_MAGNITUDES[m["mag"].lower()]
        found.append(Number(value, m.group(), m.span(), firm=False))
    for m in MONTH_RE.finditer(text):
        value = Decimal(MONTHS.index(m.group().lower()) + 1)
        found.append(Number(value, m.group(), m.span(), firm=False))
    return found


class RefNumbers(NumbersCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source:
            return []
        source, target = extract_numbers(ctx.source), extract_numbers(ctx.target)
        target_values = {n.value for n in target}
        source_values = {n.value for n in source}
        issues: list[Issue] = []
        reported: set[Decimal] = set()
        for number in source:
            if number.firm and number.value not in target_values | reported:
                reported.add(number.value)
                issues.append(self.issue(f'Number "{number.text}" of the source is missing'))
        reported.clear()
        for number in target:
            if number.firm and number.value not in source_values | reported:
                reported.add(number.value)
                issues.append(
                    self.issue(
                        f'Number "{number.text}" is not in the source',
                        (number.span,),
                        Severity.WARNING,
                    )
                )
        return issues


# --- placeholders and tags --------------------------------------------------------------


def _normalise(tag: str) -> str:
    return re.sub(r"\s+", " ", tag.replace("'", '"')).replace(" />", "/>").replace(" >", ">")


def compare_tokens(check: Check, source, target, what: str) -> list[Issue]:
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


class RefPlaceholders(PlaceholdersCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source or not ctx.flags & FLAG_PATTERNS.keys():
            return []
        source = find_placeholders(ctx.source, ctx.flags)
        target = find_placeholders(ctx.target, ctx.flags)
        return compare_tokens(self, source, target, "Placeholder")


class RefInlineTags(InlineTagsCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source:
            return []
        source = list(TAG_RE.finditer(ctx.source))
        target = list(TAG_RE.finditer(ctx.target))
        if not source and not target:
            return []
        return compare_tokens(self, source, target, "Tag")


# --- typography -------------------------------------------------------------------------


class RefQuotes(QuotesCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        text = ctx.target
        issues = self._curly(text)
        straight = [i for i, ch in enumerate(text) if ch == '"']
        if len(straight) % 2:
            last = straight[-1]
            issues.append(
                self.issue(
                    'Odd number of straight double quotes ("): one has no partner',
                    ((last, last + 1),),
                )
            )
        for start, end in sentences(text):
            part = text[start:end]
            if '"' in part and ("“" in part or "”" in part):
                spans = tuple(
                    (start + i, start + i + 1) for i, ch in enumerate(part) if ch in '"“”'
                )
                issues.append(
                    self.issue(
                        'Straight (") and curly (“ ”) quotes are mixed in one sentence', spans
                    )
                )
        return issues

    def _curly(self, text: str) -> list[Issue]:
        issues, open_at = [], []
        for i, ch in enumerate(text):
            if ch == "“":
                open_at.append(i)
            elif ch == "”":
                if open_at:
                    open_at.pop()
                else:
                    issues.append(self.issue("Closing quote ” has no opening “", ((i, i + 1),)))
        issues += [self.issue("Opening quote “ is never closed", ((i, i + 1),)) for i in open_at]
        return issues


class RefBrackets(BracketsCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        text = ctx.target
        markers = {m.end() - 1 for m in LIST_MARKER_RE.finditer(text)}
        issues: list[Issue] = []
        stack: list[int] = []
        for i, ch in enumerate(text):
            if ch in OPENERS:
                stack.append(i)
            elif ch in BRACKETS and i not in markers:
                if stack and text[stack[-1]] == BRACKETS[ch]:
                    stack.pop()
                elif stack:
                    opener = stack.pop()
                    issues.append(
                        self.issue(
                            f'Bracket "{text[opener]}" is closed by "{ch}"',
                            ((opener, opener + 1), (i, i + 1)),
                        )
                    )
                else:
                    issues.append(
                        self.issue(f'Closing bracket "{ch}" has no opening one', ((i, i + 1),))
                    )
        issues += [self.issue(f'Bracket "{text[i]}" is never closed', ((i, i + 1),)) for i in stack]
        return issues


class RefWhitespace(WhitespaceCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        text = ctx.target
        issues = self._edges(ctx)
        issues += [self.issue("Double space", (m.span(),)) for m in DOUBLE_SPACE_RE.finditer(text)]
        if not ctx.target_is_cjk:
            french = ctx.target_lang.lower().startswith("fr")
            for m in SPACE_BEFORE_RE.finditer(text):
                mark = text[m.end()]
                if not (french and mark in FRENCH_SPACED):
                    issues.append(self.issue(f'Space before "{mark}"', (m.span(),)))
        return issues

    def _edges(self, ctx: CheckContext) -> list[Issue]:
        text, issues = ctx.target, []
        for side, pattern in (("Leading", r"^\s*"), ("Trailing", r"\s*$")):
            m = re.search(pattern, text)
            assert m is not None
            have = m.group()
            if ctx.has_source:
                want = re.search(pattern, ctx.source)
                if want is not None and want.group() != have:
                    issues.append(
                        self.issue(
                            f"{side} whitespace differs from the source",
                            (m.span(),) if have else (),
                            Severity.WARNING,
                        )
                    )
            elif have:
                issues.append(self.issue(f"{side} whitespace", (m.span(),)))
        return issues


# --- words ------------------------------------------------------------------------------


class RefRepeatedWords(RepeatedWordsCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []
        return [
            self.issue(f'Word "{m[1]}" is repeated', (m.span(3),))
            for m in REPEATED_RE.finditer(ctx.target)
            if m[1].lower() not in LEGIT_REPEATS
        ]


def _touching(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    return bool(gap) and gap.isspace() and "\n" not in gap


class RefStrayCapital(StrayCapitalCheck):
    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.target_is_english:
            return []
        text = ctx.target
        words = list(WORD_RE.finditer(text))
        issues = []
        for i in range(1, len(words) - 1):
            word = words[i]
            if not text[word.start()].isupper():
                continue
            before, after = words[i - 1], words[i + 1]
            if not (_touching(text, before, word) and _touching(text, word, after)):
                continue
            if _is_stray(before.group(), word.group(), after.group()):
                issues.append(
                    self.issue(
                        f'"{word.group()}" is capitalised in mid-sentence '
                        f'("{before.group()} {word.group()} {after.group()}")',
                        (word.span(),),
                    )
                )
        return issues


_REFERENCES = {
    check.check_id: check
    for check in (
        RefNumbers(),
        RefPlaceholders(),
        RefInlineTags(),
        RefGlossary(),
        RefCjkLeft(),
        RefQuotes(),
        RefBrackets(),
        RefWhitespace(),
        RefRepeatedWords(),
        RefStrayCapital(),
        RefRomanizedName(),
    )
}
# The registry's order, with each sped-up check replaced by its original.
REFERENCE_CHECKS: tuple[Check, ...] = tuple(_REFERENCES.get(c.check_id, c) for c in CHECKS)
