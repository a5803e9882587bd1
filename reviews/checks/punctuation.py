"""Typography of the target alone: quotes, brackets and whitespace.

These run without a source. MT often splices sentences and loses one half of a quote
pair (the seed has a closing ” with no opening one), and a text that mixes straight
and curly quotes in one sentence has usually been stitched from two outputs.
"""

from __future__ import annotations

import re

from .base import Check, CheckContext, Issue, Severity

SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
BRACKETS = {")": "(", "]": "[", "}": "{", "）": "（", "】": "【", "》": "《", "〉": "〈"}
BRACKETS |= {"」": "「", "』": "『"}  # closing -> opening
OPENERS = frozenset(BRACKETS.values())
# "a) first, b) second" and "1) ..." are list markers, not half a pair.
LIST_MARKER_RE = re.compile(r"(?:^|(?<=\s))(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})\)")
SPACE_BEFORE_RE = re.compile(r"(?<=\S)[ \t]+(?=[,.;:!?](?:\s|$))")
FRENCH_SPACED = frozenset(";:!?")
DOUBLE_SPACE_RE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: enough to tell whether two quote styles meet in one."""
    spans, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


class QuotesCheck(Check):
    check_id = "quotes"
    name = "Quotes"
    description = (
        "Double quotes are balanced: no closing ” without an opening “, no odd number of "
        'straight ", and no straight and curly quotes mixed in one sentence.'
    )
    severity = Severity.WARNING

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


class BracketsCheck(Check):
    check_id = "brackets"
    name = "Brackets"
    description = "Brackets ( ) [ ] { } （ ） 【 】 《 》 are balanced and properly nested."
    severity = Severity.WARNING

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


class WhitespaceCheck(Check):
    check_id = "whitespace"
    name = "Whitespace"
    description = (
        "Leading and trailing whitespace match the source (or are absent without one); "
        "no double spaces or space before punctuation inside the text."
    )
    severity = Severity.INFO

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
            assert m is not None  # r"\s*" always matches
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
