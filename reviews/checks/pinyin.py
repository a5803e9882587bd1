"""Hanyu Pinyin without tones: the syllable inventory, segmentation and correct spelling.

The inventory is derived from pypinyin's character table rather than typed in, so it
agrees with the readings used to transliterate the source. Segmentation follows the
pinyin orthography rule that decides "Yunan" against "Yun'an": a syllable starting with
a, o or e takes an apostrophe unless it starts the word, so without one it cannot
follow another syllable.
"""

from __future__ import annotations

import re
from functools import cache

# pypinyin is imported where it is used: its tables take about 50 MB, which a process
# that never checks a name (a worker importing a big file) should not hold.

# Interjections, dialect and one-character oddities that would let English words parse.
_RARE = """
    m n ng hm hng ê o ei eng yo lo biang fiao den din bong cei kei len nia nun rua shei
    tei zhei wong lve nve"""
RARE = frozenset(_RARE.split())
# Spellings of ü outside the keyboard "v" convention, as written in names and passports.
EXTRA = frozenset({"lue", "nue", "lyu", "nyu"})
VOWEL_INITIAL = ("a", "o", "e")
LONGEST = 6  # "zhuang", "chuang", "shuang"
APOSTROPHES_RE = re.compile("['’]")


@cache
def syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows, less the rare ones, in "v" notation."""
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal

    marked = {reading for value in pinyin_dict.pinyin_dict.values() for reading in value.split(",")}
    found = {to_normal(reading) for reading in marked}  # ~1,600 calls rather than ~45,000
    return frozenset((found - RARE) | EXTRA)


def _segment_part(part: str) -> tuple[str, ...] | None:
    """Fewest-syllable reading of an apostrophe-free part, or None if it is not pinyin."""
    inventory = syllables()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(part)
    for end in range(1, len(part) + 1):
        for start in range(max(0, end - LONGEST), end):
            head = best[start]
            piece = part[start:end]
            if head is None or piece not in inventory:
                continue
            if start and piece.startswith(VOWEL_INITIAL):
                continue  # would need an apostrophe: "xi'an", not "xian" = xian
            candidate = (*head, piece)
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[-1]


@cache
def segment(word: str) -> tuple[str, ...] | None:
    """'Zhezhizhi' -> ('zhe', 'zhi', 'zhi'); "Xi'an" -> ('xi', 'an'); 'Hello' -> None."""
    word = word.lower().replace("ü", "v").replace("’", "'")
    if not word.isascii():
        return None
    result: list[str] = []
    for part in APOSTROPHES_RE.split(word):
        segmented = _segment_part(part) if part else None
        if segmented is None:
            return None
        result += segmented
    return tuple(result)


def spell(syllable_list: tuple[str, ...] | list[str]) -> str:
    """The one-word pinyin spelling of a name: ('zhe', 'yun', 'an') -> "Zheyun'an"."""
    word = ""
    for i, syllable in enumerate(syllable_list):
        if i and syllable.startswith(VOWEL_INITIAL):
            word += "'"
        word += syllable.replace("v", "ü")
    return word[:1].upper() + word[1:]


@cache
def readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of one Han character, with ü also written u and yu."""
    from pypinyin import Style, pinyin

    found: list[str] = []
    for reading in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
        found.append(reading)
        if "v" in reading:
            found += [reading.replace("v", "u"), reading.replace("v", "yu")]
    return tuple(dict.fromkeys(found))
