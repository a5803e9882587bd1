"""Translation memory, pure part: normalising texts, index tokens and match scores.

No models here (strings in, plain data out); ``services.memory`` stores units and their
tokens, ``selectors.memory_matches`` looks them up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..checks.base import CJK_RE

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
# Words so common in English that an index entry for them only costs.
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in"}
    | {"is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were"}
    | {"will", "with"}
)
MAX_TOKENS_PER_UNIT = 80
LOOKUP_TOKENS = 12  # the longest distinct tokens of the text looked up
MIN_SCORE = 50  # percent
LENGTH_WINDOW = 0.5  # candidates are within ±50 % of the looked-up length


def normalise(text: str) -> str:
    """Case, width and whitespace do not make two texts different translations."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return _SPACE.sub(" ", text).strip()


def tokens(key: str) -> list[str]:
    """Distinct index tokens of a normalised text: words, and character bigrams of CJK
    runs (Chinese has no spaces between words)."""
    found: dict[str, None] = {}
    for word in _WORD.findall(key):
        if CJK_RE.search(word):
            grams = [word[i : i + 2] for i in range(max(1, len(word) - 1))]
            for gram in grams:
                found.setdefault(gram[:64])
        elif len(word) > 1 and word not in STOPWORDS:
            found.setdefault(word[:64])
        if len(found) >= MAX_TOKENS_PER_UNIT:
            break
    return list(found)


def lookup_tokens(key: str) -> list[str]:
    """The tokens a lookup asks for: the longest ones, which are also the rarest."""
    return sorted(tokens(key), key=lambda t: (-len(t), t))[:LOOKUP_TOKENS]


def length_window(key: str) -> tuple[int, int]:
    n = len(key)
    return int(n * (1 - LENGTH_WINDOW)), int(n * (1 + LENGTH_WINDOW)) + 1


def score(a: str, b: str) -> float:
    """Similarity of two normalised keys in percent (word order counts a little)."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b) - 5)


@dataclass(frozen=True)
class Match:
    unit_id: int
    percent: int
    source: str
    mt: str
    target: str
    key_kind: str
    origin: str


def memory_key(source: str, mt: str) -> tuple[str, str]:
    """What a segment is looked up by: its source, or its MT when it has no source."""
    if source.strip():
        return normalise(source), "source"
    return normalise(mt), "mt"
