"""Find and replace, pure part: one compiled pattern and what it does to a text.

The preview and the apply step both go through :func:`replace_in`, so what is applied is
exactly what was previewed. Regular expressions use the ``regex`` module with a time
limit, as the review page's filters do.
"""

from __future__ import annotations

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


def replace_in(text: str, pattern: regex.Pattern, spec: FindSpec) -> tuple[str, int]:
    """``text`` with every non-empty match replaced, and how many there were."""
    count = 0

    def substitute(match: regex.Match) -> str:
        nonlocal count
        if not match.group(0):
            return ""  # an empty match replaces nothing
        count += 1
        return match.expand(spec.replacement) if spec.use_regex else spec.replacement

    try:
        new = pattern.sub(substitute, text, timeout=REGEX_TIMEOUT_SECONDS)
    except TimeoutError:
        raise InvalidInput("The regular expression took too long; make it more specific") from None
    except (regex.error, IndexError) as exc:
        raise InvalidInput(f"The replacement is not valid: {exc}") from None
    return new, count
