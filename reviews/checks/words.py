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

from .base import Check, CheckContext, Issue, Severity
from .common_words import is_common_word

WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
REPEATED_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([ \t]+)(\1)(?![^\W\d_])", re.IGNORECASE)
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
        return [
            self.issue(f'Word "{m[1]}" is repeated', (m.span(3),))
            for m in REPEATED_RE.finditer(ctx.target)
            if m[1].lower() not in LEGIT_REPEATS
        ]


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
        words = list(WORD_RE.finditer(text))
        issues = []
        # Only capitalised words can be stray: look at their neighbours alone.
        for i in range(1, len(words) - 1):
            word = words[i]
            if not text[word.start()].isupper():
                continue
            before, after = words[i - 1], words[i + 1]
            if not (_touching(text, before, word) and _touching(text, word, after)):
                continue
            if _is_stray(before.group(), word.group(), after.group()):
                issues.append(
                    self.issue(
                        f'"{word.group()}" is capitalised in mid-sentence '
                        f'("{before.group()} {word.group()} {after.group()}")',
                        (word.span(),),
                    )
                )
        return issues


def _touching(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Only blanks between: a quote, colon or full stop makes a capital legitimate."""
    gap = text[left.end() : right.start()]
    return bool(gap) and gap.isspace() and "\n" not in gap


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
