"""Translation memory, pure part: normalising texts, what to search for, match scores.

No models here (strings in, plain data out); ``services.memory`` stores units,
``memory_index`` finds candidates for a key and ``selectors.memory_matches`` scores them.
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
MIN_PROBE = 3  # characters: FTS5's trigram index finds no shorter substring
MAX_PROBES = 32  # per lookup
PROBE_WORDS = 4  # non-CJK words per lookup: more make the lookup slower, not better
MAX_PROBE_CHARS = 64
MIN_SCORE = 50  # percent
LENGTH_WINDOW = 0.5  # candidates are within ±50 % of the looked-up length


def normalise(text: str) -> str:
    """Case, width and whitespace do not make two texts different translations."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return _SPACE.sub(" ", text).strip()


def probes(key: str) -> list[str]:
    """Substrings of a normalised key that a similar key most likely shares: what the
    memory's n-gram index (FTS5 on SQLite, pg_trgm on PostgreSQL) is searched for.

    Chinese has no spaces, so CJK text gives its character trigrams: a changed character
    spoils only the three around it, and trigrams are far rarer than bigrams. A long
    text's are thinned out evenly (the lookup's cost grows with their number). Other
    scripts give their longest words (the rarest ones; stop words never), since their
    trigrams ("the", "ion") are in nearly every text. Keys too short for any probe are
    looked up by length alone.
    """
    words: dict[str, None] = {}
    for word in _WORD.findall(key):
        if not CJK_RE.search(word) and len(word) >= MIN_PROBE and word not in STOPWORDS:
            words.setdefault(word[:MAX_PROBE_CHARS])
    longest = sorted(words, key=lambda w: (-len(w), w))[:PROBE_WORDS]
    grams = list(
        dict.fromkeys(
            gram
            for i in range(len(key) - MIN_PROBE + 1)
            if CJK_RE.search(gram := key[i : i + MIN_PROBE]) and " " not in gram
        )
    )
    room = MAX_PROBES - len(longest)
    if len(grams) > room:
        grams = [grams[i * len(grams) // room] for i in range(room)]
    return grams + longest


def mostly_cjk(key: str) -> bool:
    """More CJK characters than other letters (digits belong to no script)."""
    cjk = len(CJK_RE.findall(key))
    return cjk > sum(c.isalpha() for c in key) - cjk


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
    """What a segment is stored under: its source, or its MT when it has no source."""
    if source.strip():
        return normalise(source), "source"
    return normalise(mt), "mt"


def memory_lookups(source: str, mt: str) -> list[tuple[str, str]]:
    """What a segment is looked up by, as (key, kind of the units' keys): texts are
    compared by their sources when both have one, otherwise by their MT. So a segment
    with a source looks up the units stored under a source by its source, and those
    stored under their MT (from documents without a source) by its MT; a segment
    without a source, the units stored under their MT.

    (Units stored under a source are not found by MT: their MT is not indexed.)
    """
    key, kind = memory_key(source, mt)
    lookups = [(key, kind)] if key else []
    if kind == "source" and (by_mt := normalise(mt)):
        lookups.append((by_mt, "mt"))
    return lookups
