"""What every QA check provides, and the plain data passed in and out.

Checks are pure, in the manner of Weblate's: one small class per check, a stable
kebab-case ``check_id`` and one method from a :class:`CheckContext` (source, target,
languages, PO flags, glossary) to a list of :class:`Issue`. They import no models and
do no I/O, so services can run them anywhere and tests need no database.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .terms import GlossaryIndex, TermMatches

Span = tuple[int, int]


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Sort key: errors first, so the worst problem of a segment shows on top."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Fix:
    """The correction a check knows for sure: ``target[start:end]`` becomes
    ``replacement`` (an empty range inserts, an empty replacement deletes). Offsets are
    into the TARGET text the issue was found in, and hold for that text only."""

    start: int
    end: int
    replacement: str

    @classmethod
    def of(cls, text: str, edits: list[tuple[int, int, str]]) -> Fix:
        """One fix for several edits of ``text`` (ranges in reading order, apart): the
        range from the first to the last, rebuilt with each edit made."""
        parts, at = [], edits[0][0]
        for start, end, replacement in edits:
            parts += [text[at:start], replacement]
            at = end
        return cls(edits[0][0], at, "".join(parts))

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "replace": self.replacement}


@dataclass(frozen=True)
class Issue:
    check: str  # the check_id
    severity: Severity
    message: str  # a human sentence, e.g. 'Number "92.7%" of the source is missing'
    spans: tuple[Span, ...] = ()  # offending character ranges in the TARGET text
    # What a quick fix would do, where the check knows the answer. Not part of an
    # issue's identity: the same problem found by another algorithm is the same issue.
    fix: Fix | None = field(default=None, compare=False)


@dataclass(frozen=True)
class GlossaryTerm:
    source: str
    rendering: str
    forbidden: tuple[str, ...] = ()
    case_sensitive: bool = False
    note: str = ""


@dataclass(frozen=True)
class CheckContext:
    source: str
    target: str
    source_lang: str  # BCP47, e.g. "zh-CN"
    target_lang: str  # BCP47, e.g. "en"
    flags: frozenset[str] = frozenset()  # PO flags, e.g. {"python-format"}
    glossary: tuple[GlossaryTerm, ...] = ()
    mt: str = ""  # the machine translation the target was edited from, if kept
    # Whether the segment is a paragraph of its own (a headline, a caption), as a text
    # import knows; None where the format does not say (PO, TMX, XLIFF units).
    paragraph_alone: bool | None = None
    # Romanized words this project has approved (names.standalone_names of its approved
    # segments and its memory), lowercased: correctly formed, so no longer suspect.
    approved_names: frozenset[str] = frozenset()

    @cached_property
    def has_source(self) -> bool:
        """A document may be reviewed on the translation side alone (the seed is)."""
        return bool(self.source.strip())

    @property
    def target_is_cjk(self) -> bool:
        return is_cjk_language(self.target_lang)

    @property
    def target_is_english(self) -> bool:
        return language_base(self.target_lang) == "en"

    # The glossary found in each side, shared by the checks of one run (terms.py): each
    # text is searched once, not once per check. Cached on the instance (frozen fields,
    # so the answers cannot go stale).
    @cached_property
    def glossary_index(self) -> GlossaryIndex:
        from .terms import glossary_index  # terms.py imports this module

        return glossary_index(self.glossary)

    @cached_property
    def target_terms(self) -> TermMatches:
        from .terms import TermMatches

        return TermMatches(self.target, self.glossary_index.target)

    @cached_property
    def source_terms(self) -> TermMatches:
        from .terms import TermMatches

        return TermMatches(self.source, self.glossary_index.source)


class Check(ABC):
    """One QA check. Subclasses set the class attributes and implement :meth:`check`."""

    check_id: ClassVar[str]  # stable kebab-case: stored with dismissals, used in flags
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity]  # the default; an issue may carry another

    @abstractmethod
    def check(self, ctx: CheckContext) -> list[Issue]:
        """Return the problems found; never raise on odd text."""

    def issue(
        self,
        message: str,
        spans: tuple[Span, ...] = (),
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Issue:
        return Issue(self.check_id, severity or self.severity, message, spans, fix)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.check_id}>"


CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh"})

# Han (with extensions A and compatibility), kana, Hangul and bopomofo: the scripts
# whose presence in an English target means something was left untranslated.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u3100-\u312f\uac00-\ud7af"
CJK_RE = re.compile(f"[{CJK_CHARS}]")


@lru_cache(maxsize=256)  # a handful of project languages, asked for every segment
def language_base(tag: str) -> str:
    """'zh-Hans-CN' -> 'zh'; PO files also write 'zh_CN'."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]


def is_cjk_language(tag: str) -> bool:
    return language_base(tag) in CJK_LANGUAGES


def term_spans(term: str, text: str, *, case_sensitive: bool) -> list[Span]:
    """Where ``term`` occurs in ``text`` as by :func:`word_pattern`.

    Most glossary terms occur in few segments, so a plain substring test goes first;
    it is exact for ASCII terms (non-ASCII ones, whose case mappings can change length,
    always go to the regex).
    """
    if not term:
        return []
    if term.isascii():
        haystack, needle = (text, term) if case_sensitive else (text.lower(), term.lower())
        if needle not in haystack:
            return []
    return [m.span() for m in word_pattern(term, case_sensitive=case_sensitive).finditer(text)]


@lru_cache(maxsize=4096)
def word_pattern(term: str, *, case_sensitive: bool) -> re.Pattern[str]:
    """A regex for ``term`` that only matches whole words at its Latin edges.

    CJK text has no word boundaries, so a term starting or ending with a Han character
    is matched anywhere on that side.
    """
    left, right = term_edges(term)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(
        (r"(?<![^\W_])" if left else "") + re.escape(term) + (r"(?![^\W_])" if right else ""),
        flags,
    )


def term_edges(term: str) -> tuple[bool, bool]:
    """Whether a match of ``term`` needs a word boundary on its left and on its right:
    at a Latin (not CJK) letter or digit. A word character is what str.isalnum() says,
    as for the regex class [^\\W_]."""
    return (
        term[:1].isalnum() and not CJK_RE.match(term[:1]),
        term[-1:].isalnum() and not CJK_RE.match(term[-1:]),
    )
