"""Line breaks the translation does not share with its MT or source.

A translator who presses Enter inside a translation saves a line break; in a text
export it splits the paragraph in two, and in a PO or XLIFF string it changes what the
program shows. The check compares where the breaks are: how many at the start, how
many at the end, and the runs of breaks in between (a blank line is a run of two).
Which words they fall after cannot be compared across languages, so their order and
size is what must agree. The MT is compared when it is kept, the source too: a
target that agrees with either passes.
"""

from __future__ import annotations

import re

from .base import Check, CheckContext, Issue, Severity

BREAK_RUN_RE = re.compile(r"(?:\r\n|\r|\n)+")
BREAK_RE = re.compile(r"\r\n|\r|\n")


def break_shape(text: str) -> tuple[int, tuple[int, ...], int]:
    """(breaks at the start, the sizes of the runs of breaks inside, breaks at the end)."""
    head = tail = 0
    inside: list[int] = []
    for m in BREAK_RUN_RE.finditer(text):
        size = len(BREAK_RE.findall(m.group()))
        if m.start() == 0:
            head = size
        elif m.end() == len(text):
            tail = size
        else:
            inside.append(size)
    return head, tuple(inside), tail


def _has_break(text: str) -> bool:
    return "\n" in text or "\r" in text


def _describe(count: int) -> str:
    return "no line break" if count == 0 else f"{count} line break{'s' * (count != 1)}"


class LineBreaksCheck(Check):
    check_id = "line-breaks"
    name = "Line breaks"
    description = (
        "The translation's line breaks (how many, and where: at the start, inside, at the "
        "end) differ from both the MT and the source; a break typed by mistake splits the "
        "paragraph in an export."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not _has_break(ctx.target) and not _has_break(ctx.mt) and not _has_break(ctx.source):
            return []  # nearly every segment: nothing to compare
        references = [(name, text) for name, text in (("MT", ctx.mt), ("source", ctx.source))
                      if text.strip()]  # fmt: skip
        if not references:
            return []
        shape = break_shape(ctx.target)
        if any(break_shape(text) == shape for _, text in references):
            return []
        name, reference = references[0]
        mine, theirs = len(BREAK_RE.findall(ctx.target)), len(BREAK_RE.findall(reference))
        if mine == theirs:
            message = f"Line breaks are placed differently from the {name}'s"
        else:
            message = f"The translation has {_describe(mine)}; the {name} has {_describe(theirs)}"
        spans = tuple(m.span() for m in BREAK_RE.finditer(ctx.target))
        return [self.issue(message, spans)]
