"""Every glossary term of one text at once, with exactly the spans of ``term_spans``.

Three checks look for the glossary in each target (forbidden variants, approved names,
renderings that may keep CJK) and one in each source. Asking ``term_spans`` for every
term costs a lowercase copy of the text and a case-insensitive regex per term per check:
with 50 terms that was most of the time of a QA run. A :class:`TermIndex` is built once
per glossary; a :class:`TermMatches` per text reads the text's words once, looks only
for the terms that can occur, and remembers each answer for the other checks.

Why this gives term_spans' answers. Call a text *plain* when it has none of the four
non-ASCII letters that re.IGNORECASE equates with ASCII ones (İ ı ſ K, ASCII_LOOKALIKES;
U+0130 is also the only character whose lowercase changes length or word-ness). In a
plain text, a case-insensitive match of a needle made of ASCII and caseless characters
(Han, digits, punctuation: compiled as plain literals) is a substring whose lowercase is
the needle's lowercase, at the same position. Hence:

- a needle starting with an ASCII word ("Zhejiang" of "Zhejiang Province") matches only
  where that word stands whole (word_pattern puts a boundary at a Latin edge), so a
  needle whose first word is not among the text's words does not occur;
- ``str.find`` of the lowercase needle in the lowercase text, with the same boundary
  tests, finds the regex's matches in the regex's order;
- term_spans' own substring test is implied by any match, so skipping it changes nothing.

Texts that are not plain, and needles with other cased letters, take term_spans itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .base import GlossaryTerm, Span, term_edges, term_spans

WORD_RE = re.compile(r"[^\W_]+")  # what word_pattern's boundaries call a word
# The ASCII words of a text: every word of WORD_RE made of ASCII letters and digits is
# one of them (and a few more, cut from words with other letters: harmless extras).
ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+")
# Every non-ASCII character that re.IGNORECASE matches to an ASCII letter or digit
# (tests/checks/test_terms.py checks all code points).
ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin sign)
ASCII_LOOKALIKES_RE = re.compile(f"[{ASCII_LOOKALIKES}]")

SPELLING_IGNORED_RE = re.compile(r"[\s'’-]")  # what a name's spelling may add or drop
Needle = tuple[str, bool]  # (text, case_sensitive), as term_spans takes them


def first_word(needle: str) -> str | None:
    """The ASCII word a needle starts with, or None if it starts otherwise."""
    m = WORD_RE.match(needle)
    return m.group() if m and m.group().isascii() else None


def is_caseless(text: str) -> bool:
    """No character with a case: re.IGNORECASE compiles each as a plain literal."""
    return text.lower() == text == text.upper()


def is_findable(needle: str) -> bool:
    """ASCII and caseless characters only: str.find on lowercase text is exact."""
    return all(ch.isascii() or is_caseless(ch) for ch in needle)


def find_spans(
    needle: str, text: str, lowered: str, *, case_sensitive: bool, edges: tuple[bool, bool]
) -> list[Span]:
    """term_spans(needle, text) for a plain text and a findable needle, by str.find;
    ``edges`` are term_edges(needle).

    Reproduces finditer: the first position at or after the last match's end where the
    literal and both boundary tests hold.
    """
    haystack, key = (text, needle) if case_sensitive else (lowered, needle.lower())
    left, right = edges
    size, spans = len(key), []
    at = haystack.find(key)
    while at != -1:
        end = at + size
        if (not left or at == 0 or not text[at - 1].isalnum()) and (
            not right or end == len(text) or not text[end].isalnum()
        ):
            spans.append((at, end))
            at = haystack.find(key, end)
        else:
            at = haystack.find(key, at + 1)
    return spans


class TermIndex:
    """The needles of one glossary side (renderings and variants, or source terms),
    filed for a quick test; ``owners`` maps each needle to the glossary terms using it,
    ``by_role`` does the same for each role ("rendering", "forbidden", "source").

    - ``by_word``: by first ASCII word, lowercased (``by_exact_word`` if case-sensitive);
    - ``verbatim``: caseless or case-sensitive needles: present only as a substring;
    - ``folded``: other ASCII needles, with term_spans' own substring test;
    - ``always``: the rest (non-ASCII text with case): always searched.
    """

    def __init__(self, needles: Iterable[tuple[Needle, int, str]]):
        self.owners: dict[Needle, list[int]] = {}
        self.by_role: dict[str, dict[Needle, list[int]]] = {}  # the owners, per role
        self.findable: dict[Needle, tuple[bool, bool]] = {}  # term_edges, if findable
        self.by_word: dict[str, list[Needle]] = {}
        self.by_exact_word: dict[str, list[Needle]] = {}
        self.verbatim: list[Needle] = []
        self.folded: list[Needle] = []
        self.always: list[Needle] = []
        for needle, owner, role in needles:
            self.by_role.setdefault(role, {}).setdefault(needle, []).append(owner)
            if needle in self.owners:
                self.owners[needle].append(owner)
                continue
            self.owners[needle] = [owner]
            text, case_sensitive = needle
            if is_findable(text):
                self.findable[needle] = term_edges(text)
            word = first_word(text)
            if word is not None and case_sensitive:
                self.by_exact_word.setdefault(word, []).append(needle)
            elif word is not None:
                self.by_word.setdefault(word.lower(), []).append(needle)
            elif case_sensitive or is_caseless(text):
                self.verbatim.append(needle)
            elif text.isascii():
                self.folded.append(needle)
            else:
                self.always.append(needle)

    def candidates(self, text: str, lowered: str) -> list[Needle]:
        """The needles that may occur in a plain ``text``; the others certainly do not."""
        found = list(self.always)
        found += [needle for needle in self.verbatim if needle[0] in text]
        found += [needle for needle in self.folded if needle[0].lower() in lowered]
        if self.by_word:
            for word in self.by_word.keys() & set(ASCII_WORD_RE.findall(lowered)):
                found += self.by_word[word]
        if self.by_exact_word:
            for word in self.by_exact_word.keys() & set(ASCII_WORD_RE.findall(text)):
                found += self.by_exact_word[word]
        return found


class TermMatches:
    """``term_spans`` over one text for the needles of an index, computed on demand."""

    def __init__(self, text: str, index: TermIndex):
        self.text = text
        self.index = index
        self._spans: dict[Needle, Sequence[Span]] = {}
        self._plain = not ASCII_LOOKALIKES_RE.search(text)
        self._lowered = text.lower() if self._plain and index.owners else ""
        if not index.owners:
            self._candidates: set[Needle] = set()
        elif self._plain:
            self._candidates = set(index.candidates(text, self._lowered))
        else:
            self._candidates = set(index.owners)
        self._owners: dict[str | None, list[int]] = {}

    def spans(self, needle: str, *, case_sensitive: bool) -> Sequence[Span]:
        """Exactly ``term_spans(needle, text, case_sensitive=...)``, as a tuple."""
        key = (needle, case_sensitive)
        found = self._spans.get(key)
        if found is None:
            if key in self.index.owners and key not in self._candidates:
                found = ()
            elif self._plain and key in self.index.findable:
                found = tuple(
                    find_spans(
                        needle,
                        self.text,
                        self._lowered,
                        case_sensitive=case_sensitive,
                        edges=self.index.findable[key],
                    )
                )
            else:
                found = tuple(term_spans(needle, self.text, case_sensitive=case_sensitive))
            self._spans[key] = found
        return found

    def owners(self, role: str | None = None) -> list[int]:
        """Positions in the glossary of the terms with a needle (of this role, or any)
        that may occur here, in glossary order: the others have no match in this text."""
        found = self._owners.get(role)
        if found is None:
            table = self.index.owners if role is None else self.index.by_role.get(role, {})
            found = self._owners[role] = sorted(
                {owner for needle in self._candidates for owner in table.get(needle, ())}
            )
        return found


@dataclass(frozen=True)
class GlossaryIndex:
    """What the checks look up in one glossary, prepared once."""

    target: TermIndex  # renderings and forbidden variants, looked for in the target
    source: TermIndex  # source terms, looked for in the source
    # A rendering by its letters alone, lowercase ("zheyunan" → "Zheyun'an"): the first
    # one in glossary order, for the romanized-name check.
    spellings: dict[str, str]


def spelling_key(text: str) -> str:
    return SPELLING_IGNORED_RE.sub("", text).lower()


# One index per glossary. A re-check hands the same tuple to every segment, so it is
# recognised by identity (a tuple of frozen terms cannot change); the entry keeps the
# tuple alive, so its id cannot be reused while it is cached.
_INDEXES: dict[int, tuple[tuple[GlossaryTerm, ...], GlossaryIndex]] = {}
_INDEXES_MAX = 8
_INDEXES_LOCK = threading.Lock()


def glossary_index(glossary: Sequence[GlossaryTerm]) -> GlossaryIndex:
    cached = _INDEXES.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    target = TermIndex(
        ((text, term.case_sensitive), i, role)
        for i, term in enumerate(glossary)
        for text, role in (
            (term.rendering, "rendering"),
            *((variant, "forbidden") for variant in term.forbidden),
        )
        if text.strip()
    )
    source = TermIndex(
        ((term.source, term.case_sensitive), i, "source")
        for i, term in enumerate(glossary)
        if term.source.strip()
    )
    spellings: dict[str, str] = {}
    for term in glossary:
        spellings.setdefault(spelling_key(term.rendering), term.rendering)
    index = GlossaryIndex(target, source, spellings)
    if isinstance(glossary, tuple):
        with _INDEXES_LOCK:
            if len(_INDEXES) >= _INDEXES_MAX:
                del _INDEXES[next(iter(_INDEXES))]  # the oldest
            _INDEXES[id(glossary)] = (glossary, index)
    return index
