"""Typography of the target alone: quotes, brackets and whitespace.

These run without a source. MT often splices sentences and loses one half of a quote
pair (the seed has a closing ” with no opening one), and a text that mixes straight
and curly quotes in one sentence has usually been stitched from two outputs.
"""

from __future__ import annotations

import re

from .base import Check, CheckContext, Fix, Issue, Severity

SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
BRACKETS = {")": "(", "]": "[", "}": "{", "）": "（", "】": "【", "》": "《", "〉": "〈"}
BRACKETS |= {"」": "「", "』": "『"}  # closing -> opening
OPENERS = frozenset(BRACKETS.values())
# "a) first, b) second" and "1) ..." are list markers, not half a pair.
LIST_MARKER_RE = re.compile(r"(?:^|(?<=\s))(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})\)")
SPACE_BEFORE_RE = re.compile(r"(?<=\S)[ \t]+(?=[,.;:!?](?:\s|$))")
BLANK_BEFORE_MARK_RE = re.compile(r"[ \t][,.;:!?]")  # what SPACE_BEFORE_RE needs, found fast
FRENCH_SPACED = frozenset(";:!?")
DOUBLE_SPACE_RE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
STRAIGHT_RE = re.compile('"')
CURLY_RE = re.compile("[“”]")
BRACKET_RE = re.compile("[" + re.escape("".join(sorted({*BRACKETS, *OPENERS}))) + "]")


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
        # Most texts hold no quote at all; each part below needs its own kind of quote.
        curly = "“" in text or "”" in text
        issues = self._curly(text) if curly else []
        if '"' not in text:
            return issues
        straight = [m.start() for m in STRAIGHT_RE.finditer(text)]
        if len(straight) % 2:
            last = straight[-1]
            issues.append(
                self.issue(
                    'Odd number of straight double quotes ("): one has no partner',
                    ((last, last + 1),),
                )
            )
        if not curly:
            return issues
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
        for m in CURLY_RE.finditer(text):
            i = m.start()
            if m.group() == "“":
                open_at.append(i)
            elif open_at:
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
        if not BRACKET_RE.search(text):
            return []
        markers = {m.end() - 1 for m in LIST_MARKER_RE.finditer(text)}
        issues: list[Issue] = []
        stack: list[int] = []
        for m in BRACKET_RE.finditer(text):  # the brackets alone, in reading order
            i, ch = m.start(), m.group()
            if ch in OPENERS:
                stack.append(i)
            elif i not in markers:
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
        if "  " in text or "\t" in text:  # any run of two blanks holds one of these
            issues += [
                self.issue("Double space", (m.span(),), fix=Fix(*m.span(), " "))
                for m in DOUBLE_SPACE_RE.finditer(text)
            ]
        if not ctx.target_is_cjk and BLANK_BEFORE_MARK_RE.search(text):
            french = ctx.target_lang.lower().startswith("fr")
            for m in SPACE_BEFORE_RE.finditer(text):
                mark = text[m.end()]
                if not (french and mark in FRENCH_SPACED):
                    issues.append(
                        self.issue(f'Space before "{mark}"', (m.span(),), fix=Fix(*m.span(), ""))
                    )
        return issues

    def _edges(self, ctx: CheckContext) -> list[Issue]:
        text, issues = ctx.target, []
        for side in ("Leading", "Trailing"):
            span = _blank_edge(text, side)
            have = text[span[0] : span[1]]
            if ctx.has_source:
                want = _blank_edge(ctx.source, side)
                wanted = ctx.source[want[0] : want[1]]
                if wanted != have:
                    issues.append(
                        self.issue(
                            f"{side} whitespace differs from the source",
                            (span,) if have else (),
                            Severity.WARNING,
                            Fix(*span, wanted),  # the source's, as it is
                        )
                    )
            elif have:
                issues.append(self.issue(f"{side} whitespace", (span,), fix=Fix(*span, "")))
        return issues


def _blank_edge(text: str, side: str) -> tuple[int, int]:
    r"""The span that re.search(r"^\s*") or re.search(r"\s*$") would find: str.strip()
    and the regex's \s agree on whitespace (str.isspace), and the leftmost "\s*$" is the
    whole trailing run."""
    if side == "Leading":
        return (0, len(text) - len(text.lstrip()))
    return (len(text.rstrip()), len(text))
