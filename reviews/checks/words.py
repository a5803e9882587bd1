"""Word-level slips of the target: doubled words and capitals left by spliced sentences.

MT splices two sentences and keeps the capital of the second ("... enabling The
complex and integrated ..."), or title-cases a fragment ("national Influential
application"). Proper names are capitalised mid-sentence too, so ``stray-capital`` is
deliberately conservative: it only flags a capitalised *common English* word sitting
between two lowercase words, and never one that usually starts a name ("the Party",
"Secretary of").
"""

from __future__ import annotations

import re

from .base import Check, CheckContext, Fix, Issue, Severity
from .common_words import is_common_word

WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# What any stray capital looks like: a word ending in a lowercase letter, blanks (no line
# break), a capitalised word with its other letters lowercase, blanks, a word starting
# with a lowercase letter. Matches cannot overlap: each ends before the next can start.
STRAY_CANDIDATE_RE = re.compile(
    r"(?<=[a-z])[^\S\n]+(?P<word>[A-Z][a-z'’]*)[^\S\n]+(?P<after>(?=[a-z]))"
)
REPEATED_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([ \t]+)(\1)(?![^\W\d_])", re.IGNORECASE)
LETTERS_SPLIT_RE = re.compile(r"([^\W\d_]+)")  # the runs REPEATED_RE's groups can be
BLANKS_RE = re.compile(r"[ \t]+")
REPEAT_SHAPE_RE = re.compile(r"(?<![a-z])([a-z]+)[ \t]+\1(?![a-z])")  # lowercased ASCII
# "that that" and "had had" are grammatical.
LEGIT_REPEATS = frozenset({"that", "had", "bye", "ha", "no"})

# Capitalised mid-sentence, these are a sentence start that lost its full stop. "He"
# is left out: it is also a surname (何), as in "vice mayor He said".
_FUNCTION_WORDS = """
    the an this that these those it its we our they their his she her and but or
    of in on for with to is are was were do does has have will which who as at by from
    into there here if when while because although however therefore"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# After these, a capitalised noun is usually a name or title ("the Summit", "by Rose").
_NAME_INTRODUCERS = """
    the a an this that these those his her its their our my your of in on at by for
    from to with into and or nor as than said says told asked according called named
    dubbed titled like via vs versus"""
NAME_INTRODUCERS = frozenset(_NAME_INTRODUCERS.split())
# A capitalised word followed by these is usually the head of a name ("Bureau of
# Finance", "Secretary of the Party Committee", "Belt and Road").
NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "del", "der", "van", "von", "la"})
# Common nouns that English news capitalises when they stand for one institution.
_INSTITUTION_WORDS = """
    party government state province city county district town township village
    congress committee council ministry bureau department commission office court
    president premier chairman chairwoman secretary director mayor governor minister
    general army navy republic union association university college school hospital
    bank group company corporation center centre zone road street lake river mountain
    park bridge square hall internet web games olympics summit conference session plan
    report constitution church temple museum station airport port island sea ocean
    monday tuesday wednesday thursday friday saturday sunday may march august
    north south east west"""
INSTITUTION_WORDS = frozenset(_INSTITUTION_WORDS.split())


class RepeatedWordsCheck(Check):
    check_id = "repeated-words"
    name = "Repeated words"
    description = 'The same word twice in a row ("the the"), ignoring case; numbers are exempt.'
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []  # no spaces between words: 谢谢 and 看看 are words, not slips
        text = ctx.target
        # REPEATED_RE's matches, found pair by pair: parts[2k + 1] is the k-th run of
        # letters, parts[2k + 2] the text up to the next one. A match is a run, blanks,
        # and the next run equal to it ignoring case (for ASCII letters, what lower()
        # says); the scan then goes on after it. Other letters take the regex itself.
        # Most texts have no repeat at all, which one search of the lowercased text says.
        if not (text.isascii() or all(map(str.isascii, LETTERS_SPLIT_RE.findall(text)))):
            return [
                self.issue(
                    f'Word "{m[1]}" is repeated', (m.span(3),), fix=Fix(m.start(2), m.end(3), "")
                )
                for m in REPEATED_RE.finditer(text)
                if m[1].lower() not in LEGIT_REPEATS
            ]
        # With ASCII letters only, a repeat is this shape in the lowercased text (same
        # positions: lowercasing keeps the length of such a text).
        if not REPEAT_SHAPE_RE.search(text.lower()):
            return []
        parts = LETTERS_SPLIT_RE.split(text)
        words, gaps = parts[1::2], parts[2::2]
        issues = []
        taken = -1  # the index of a word that ended the last repeat
        for i, (first, gap, second) in enumerate(zip(words, gaps, words[1:], strict=False)):
            if (
                i == taken
                or len(first) != len(second)
                or first.lower() != second.lower()
                or not BLANKS_RE.fullmatch(gap)
            ):
                continue
            taken = i + 1  # the second word cannot start the next repeat
            if first.lower() not in LEGIT_REPEATS:
                start = sum(map(len, parts[: 2 * i + 3]))
                end = start + len(second)
                # The fix drops the blanks before the repeat and the repeat itself.
                issues.append(
                    self.issue(
                        f'Word "{first}" is repeated',
                        ((start, end),),
                        fix=Fix(start - len(gap), end, ""),
                    )
                )
        return issues


class StrayCapitalCheck(Check):
    check_id = "stray-capital"
    name = "Stray capital"
    description = (
        "A common English word capitalised between two lowercase words, as left by a "
        'spliced sentence ("enabling The complex", "national Influential application").'
    )
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.target_is_english:
            return []  # the word list is English; German capitalises every noun
        text = ctx.target
        issues = []
        # Only a capitalised word with blanks and a lowercase letter on each side can be
        # stray: the regex finds those alone, then the words around it are read as
        # WORD_RE cuts them.
        for m in STRAY_CANDIDATE_RE.finditer(text):
            start, end = m.span("word")
            word = WORD_RE.match(text, start)
            if word is None or word.end() != end:
                continue  # "Abc'" is not a whole word: no blank after it
            before = text[_word_start(text, m.start()) : m.start()]
            after = WORD_RE.match(text, m.end("after"))
            assert after is not None  # the candidate ends at a lowercase letter
            if _is_stray(before, word.group(), after.group()):
                issues.append(
                    self.issue(
                        f'"{word.group()}" is capitalised in mid-sentence '
                        f'("{before} {word.group()} {after.group()}")',
                        (word.span(),),
                    )
                )
        return issues


def _word_start(text: str, end: int) -> int:
    """Where the WORD_RE word ending at ``end`` starts: letters, and apostrophes
    between letters, going back (a word is cut the same way from either end)."""
    start = end
    while start > 0:
        ch = text[start - 1]
        if ch in ASCII_LETTERS or (ch in "'’" and start >= 2 and text[start - 2] in ASCII_LETTERS):
            start -= 1
        else:
            break
    return start


def _is_stray(before: str, word: str, after: str) -> bool:
    if not (before.islower() and after.islower()):
        return False
    if not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
        return False  # "CPC", "iPhone", "McDonald": not a plain capitalised word
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        return True
    return (
        len(word) > 2  # "vitamin A", "mayor He": letters and surnames, not slips
        and is_common_word(lower)
        and lower not in INSTITUTION_WORDS
        and before not in NAME_INTRODUCERS
        and after not in NAME_CONNECTORS
        and not after.startswith(("'", "’"))
    )
