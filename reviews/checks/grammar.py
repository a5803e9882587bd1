"""English part-of-speech tags for the sentence checks (fragments.py).

The tagger is TextBlob's English tagger: Brill's transformation-based tagger as ported
by Pattern (CLiPS, University of Antwerp), whose data ship inside the ``textblob``
wheel from PyPI: a lexicon of about 94,000 words with their most frequent Penn
Treebank tag, Brill's lexical rules for unknown words and his contextual rules,
trained on the Brown corpus and the Penn Treebank (``textblob/en/en-*.txt``). Nothing
is downloaded at run time. It is pure Python, about 0.1 ms a sentence, and good
enough for what is asked of it here: whether a sentence holds a finite verb, and where
its noun phrases end.

TextBlob (and the NLTK it imports) is loaded by the first sentence that needs tags,
not by importing the app.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from .base import Span

# Words, numbers (with their separators and a percent sign), the possessive and
# negative clitics as tokens of their own, and every other non-blank character alone.
TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*%?"
    r"|[^\W\d_]+(?:[-][^\W\d_]+)*(?=(?:['’]s|n['’]t)\b)"
    r"|['’]s\b|n['’]t\b"
    r"|[^\W_]+(?:[-'’.][^\W_]+)*"
    r"|\S"
)


class Token(NamedTuple):
    text: str
    tag: str  # Penn Treebank: NN, VBZ, DT, ",", ...
    span: Span


@cache
def _lexicon() -> dict[str, str]:
    from textblob.en import lexicon

    lexicon.load()  # a lazy dict: read the 94,000 words once, here
    return lexicon


@cache
def _tagger():
    from textblob import _text

    lexicon = _lexicon()

    context = _ContextRules(lexicon.context)
    words_tags = dict(lexicon)  # a plain dict: the lazy one costs a call a lookup

    def tag(words: list[str]) -> list[list[str]]:
        first = words[0]
        if first[:1].isupper() and first[1:].islower() and first.lower() in lexicon:
            # A capital that only starts the sentence: "Return the value." is tagged as
            # "return the value.", an imperative, not a name.
            words = [first.lower(), *words[1:]]
        return _text.find_tags(
            words,
            lexicon=words_tags,
            morphology=lexicon.morphology,
            context=context,
            entities=lexicon.entities,
            default=("NN", "NNP", "CD"),
            language="en",
        )

    return tag


_EDGE = ("STAART", "STAART")  # Pattern's padding around a sentence
# Brill's contextual rule templates, as Pattern's Context.apply reads them: (tokens,
# position, x, y) -> whether the rule fires. t[i][0] is a word, t[i][1] its tag.
_CONDITIONS = {
    "prevtag": lambda t, i, x, y: x == t[i - 1][1],
    "nexttag": lambda t, i, x, y: x == t[i + 1][1],
    "prev2tag": lambda t, i, x, y: x == t[i - 2][1],
    "next2tag": lambda t, i, x, y: x == t[i + 2][1],
    "prev1or2tag": lambda t, i, x, y: x in (t[i - 1][1], t[i - 2][1]),
    "next1or2tag": lambda t, i, x, y: x in (t[i + 1][1], t[i + 2][1]),
    "prev1or2or3tag": lambda t, i, x, y: x in (t[i - 1][1], t[i - 2][1], t[i - 3][1]),
    "next1or2or3tag": lambda t, i, x, y: x in (t[i + 1][1], t[i + 2][1], t[i + 3][1]),
    "surroundtag": lambda t, i, x, y: x == t[i - 1][1] and y == t[i + 1][1],
    "curwd": lambda t, i, x, y: x == t[i][0],
    "prevwd": lambda t, i, x, y: x == t[i - 1][0],
    "nextwd": lambda t, i, x, y: x == t[i + 1][0],
    "prev1or2wd": lambda t, i, x, y: x in (t[i - 1][0], t[i - 2][0]),
    "next1or2wd": lambda t, i, x, y: x in (t[i + 1][0], t[i + 2][0]),
    "prevwdtag": lambda t, i, x, y: x == t[i - 1][0] and y == t[i - 1][1],
    "nextwdtag": lambda t, i, x, y: x == t[i + 1][0] and y == t[i + 1][1],
    "wdprevtag": lambda t, i, x, y: x == t[i - 1][1] and y == t[i][0],
    "wdnexttag": lambda t, i, x, y: x == t[i][0] and y == t[i + 1][1],
    "wdand2aft": lambda t, i, x, y: x == t[i][0] and y == t[i + 2][0],
    "wdand2tagbfr": lambda t, i, x, y: x == t[i - 2][1] and y == t[i][0],
    "wdand2tagaft": lambda t, i, x, y: x == t[i][0] and y == t[i + 2][1],
    "lbigram": lambda t, i, x, y: x == t[i - 1][0] and y == t[i][0],
    "rbigram": lambda t, i, x, y: x == t[i][0] and y == t[i + 1][0],
    "prevbigram": lambda t, i, x, y: x == t[i - 2][1] and y == t[i - 1][1],
    "nextbigram": lambda t, i, x, y: x == t[i + 1][1] and y == t[i + 2][1],
}


# The templates that test the current word, and which of x or y is that word.
_CURRENT_WORD = {"curwd": 3, "wdnexttag": 3, "wdand2aft": 3, "wdand2tagaft": 3,
                 "rbigram": 3, "wdprevtag": 4, "wdand2tagbfr": 4, "lbigram": 4}  # fmt: skip


class _ContextRules:
    """Pattern's ``Context.apply`` with its rules looked up by the tag and word they
    change.

    Pattern tries all ~280 rules on every word (most of the tagger's time). A rule only
    fires on a word with its first tag (or any, for "*"), tested against the word's
    tag before any rule changed it; no rule reads the current word's tag, and the last
    rule that fires wins. So trying only the rules for that tag (and, among those that
    name a word, that word), last first, and stopping at the first that fires, gives
    the same tags (a test compares the two on real sentences) in far less time.
    """

    def __init__(self, rules) -> None:
        rules.load()
        self.general: dict[str, list] = {}
        self.by_word: dict[tuple[str, str], list] = {}
        for n, rule in enumerate(rules):
            command = rule[2].lower()
            if command not in _CONDITIONS:
                continue
            y = rule[4] if len(rule) > 4 else ""
            compiled = (n, _CONDITIONS[command], rule[1], rule[3], y)
            if command in _CURRENT_WORD:
                word = rule[_CURRENT_WORD[command]] if len(rule) > _CURRENT_WORD[command] else ""
                self.by_word.setdefault((rule[0], word), []).append(compiled)
            else:
                self.general.setdefault(rule[0], []).append(compiled)
        self.words = {word for _, word in self.by_word}
        self.merged: dict[tuple[str, str], list] = {}

    def rules_for(self, tag: str, word: str) -> list:
        """The rules that may change ``word`` tagged ``tag``, last first."""
        key = (tag, word if word in self.words else "")
        found = self.merged.get(key)
        if found is None:
            candidates = [
                *self.general.get(tag, ()),
                *self.general.get("*", ()),
                *self.by_word.get((tag, key[1]), ()),
                *self.by_word.get(("*", key[1]), ()),
            ]
            found = [rule[1:] for rule in sorted(candidates, key=lambda r: r[0], reverse=True)]
            self.merged[key] = found
        return found

    def apply(self, tokens: list[list[str]]) -> list[list[str]]:
        t = [_EDGE] * 3 + tokens + [_EDGE] * 3
        for i in range(3, len(t) - 3):
            word, tag = t[i]
            for condition, new, x, y in self.rules_for(tag, word):
                if condition(t, i, x, y):
                    t[i] = [word, new]
                    break
        return t[3:-3]


@lru_cache(maxsize=8192)  # the same sentences recur across documents and re-checks
def tagged(text: str) -> tuple[Token, ...]:
    """The tokens of ``text`` with their tags; apostrophes read as ASCII."""
    matches = list(TOKEN_RE.finditer(text))
    if not matches:
        return ()
    words = [m.group().replace("’", "'") for m in matches]
    tags = _tagger()(words)
    return tuple(Token(m.group(), tag, m.span()) for m, (_, tag) in zip(matches, tags, strict=True))


PARTICIPLE_TAGS = frozenset({"VBD", "VBN", "VBG"})


@lru_cache(maxsize=16384)
def is_verb_base(word: str) -> bool:
    """Whether ``word`` is the base form of a verb: the lexicon holds one tag a word (its
    most frequent: "return" is a noun there), so a verb is known by its inflections
    ("returned", "returning")."""
    lexicon, word = _lexicon(), word.lower()
    if not word.isalpha() or len(word) < 2:
        return False
    stems = (word, word[:-1]) if word.endswith("e") else (word, word + word[-1])
    return (
        any(
            lexicon.get(stem + ending) in PARTICIPLE_TAGS
            for stem in stems
            for ending in ("ed", "ing")
        )
        or lexicon.get(word + "d") in PARTICIPLE_TAGS
    )


def can_be_finite(word: str) -> bool:
    """Whether ``word`` can be a present-tense verb: a base form ("show") or its
    third person ("shows", "focuses", "carries")."""
    lower = word.lower()
    if _lexicon().get(lower) in {"VBZ", "VBP", "VBD"} or is_verb_base(lower):
        return True
    if lower.endswith("ies"):
        return is_verb_base(lower[:-3] + "y")
    return lower.endswith("s") and (is_verb_base(lower[:-1]) or is_verb_base(lower[:-2]))
