"""Find and replace, pure part: one compiled pattern and what it does to a text.

The preview and the apply step both go through :func:`replace_in`, so what is applied is
exactly what was previewed. Regular expressions use the ``regex`` module with a time
limit, as the review page's filters do.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import regex

from .errors import InvalidInput

REGEX_TIMEOUT_SECONDS = 0.5
MAX_PATTERN = 500


@dataclass(frozen=True)
class FindSpec:
    find: str
    replacement: str = ""
    use_regex: bool = False
    case: bool = False
    whole_word: bool = False

    def describe(self) -> str:
        kind = "pattern" if self.use_regex else "text"
        return f'replaced {kind} "{self.find}" with "{self.replacement}"'


def compile_spec(spec: FindSpec) -> regex.Pattern:
    if not spec.find:
        raise InvalidInput("Give the text to find")
    if len(spec.find) > MAX_PATTERN or len(spec.replacement) > MAX_PATTERN:
        raise InvalidInput(f"Find and replace texts can be at most {MAX_PATTERN} characters")
    body = spec.find if spec.use_regex else regex.escape(spec.find)
    if spec.whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = regex.V0 | (0 if spec.case else regex.IGNORECASE)
    try:
        pattern = regex.compile(body, flags)
    except regex.error as exc:
        raise InvalidInput(f"The regular expression is not valid: {exc}") from None
    return pattern


@dataclass(frozen=True)
class Hit:
    """One non-empty match: its index among the text's matches, span and replacement."""

    index: int
    start: int
    end: int
    replacement: str


def _replacement(match: regex.Match, spec: FindSpec) -> str:
    return match.expand(spec.replacement) if spec.use_regex else spec.replacement


def find_hits(text: str, pattern: regex.Pattern, spec: FindSpec) -> list[Hit]:
    hits: list[Hit] = []
    try:
        for match in pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
            if match.group(0):
                hits.append(Hit(len(hits), *match.span(), _replacement(match, spec)))
    except TimeoutError:
        raise InvalidInput("The regular expression took too long; make it more specific") from None
    except (regex.error, IndexError) as exc:
        raise InvalidInput(f"The replacement is not valid: {exc}") from None
    return hits


def replace_in(
    text: str, pattern: regex.Pattern, spec: FindSpec, only: Collection[int] | None = None
) -> tuple[str, int]:
    """``text`` with its non-empty matches replaced (only those whose index is in
    ``only``, when given), and how many were replaced."""
    index, count = -1, 0

    def substitute(match: regex.Match) -> str:
        nonlocal index, count
        if not match.group(0):
            return ""  # an empty match replaces nothing
        index += 1
        if only is not None and index not in only:
            return match.group(0)
        count += 1
        return _replacement(match, spec)

    try:
        new = pattern.sub(substitute, text, timeout=REGEX_TIMEOUT_SECONDS)
    except TimeoutError:
        raise InvalidInput("The regular expression took too long; make it more specific") from None
    except (regex.error, IndexError) as exc:
        raise InvalidInput(f"The replacement is not valid: {exc}") from None
    return new, count
