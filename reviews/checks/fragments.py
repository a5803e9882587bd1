"""Sentences that cannot stand alone: fragments, bad starts and clauses cut in two.

MT of Chinese news cuts sentences where the Chinese had a comma, or keeps a clause's
tail as a sentence of its own: "Wealth together." (no verb), ", to shape new forms
..." (a sentence starting with a comma), "Young sheep, technical training and
acquisition services, to achieve ..." (a list of nouns that was the object of the
sentence before). Each check reads one English target; a target that does not end
like a sentence (a headline, a label, "(Finish)") is not held to sentence rules.

The finite-verb test reads tags from the part-of-speech tagger in grammar.py, but only
for sentences holding none of the words that are always a finite verb ("is", "has",
"will"...): most sentences are settled without tagging.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Check, CheckContext, Issue, Severity, Span
from .grammar import Token, can_be_finite, is_verb_base, tagged

# Ends like a sentence: a full stop, question or exclamation mark, perhaps closed by
# quotes or brackets. A target ending otherwise is a headline, a label or cut off.
SENTENCE_END_RE = re.compile(r"[.!?…。][\"'”’»)\]]*\s*$")
# An ellipsis ends a list left open on purpose ('"Zhejiang Fair Online", ... "Zhe
# Yunan"...'), as Chinese news ends one with ……: not a sentence that lost its verb.
TRAILING_OFF_RE = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*\s*$")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words that are a finite verb wherever they stand (or nearly: "can" and "will" as
# nouns are rare in prose): a sentence holding one needs no tagging.
_FINITE = """
    is are was were am isn't aren't wasn't weren't has have had hasn't haven't hadn't
    does did doesn't don't didn't will would can could shall should may might must
    won't wouldn't can't cannot couldn't shouldn't mustn't 's 're 've 'll 'd said says"""
FINITE_WORDS = frozenset(_FINITE.split())
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
SUBJECT_TAGS = NOUN_TAGS | {"PRP"}
# What may follow a verb: an article, a pronoun, an adjective, an adverb, a number, a
# preposition, "to", an opening quote.
VERB_FOLLOWERS = frozenset({"DT", "PRP", "PRP$", "JJ", "JJR", "JJS", "RB", "CD", "IN", "TO", "``"})
# A sentence may open with these as plain punctuation: quotes, brackets, dashes, an
# ellipsis, a bullet, a number sign or currency.
OPENING_MARKS = "\"'“‘«([{¿¡—–-…•#$€£¥%*"


def is_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(text))


def _prose(ctx: CheckContext) -> bool:
    """An English target that ends like a sentence: what these checks read."""
    return ctx.target_is_english and is_sentence(ctx.target)


@lru_cache(maxsize=16384)  # re-checks (a glossary change) read the same sentences again
def lacks_verb(text: str) -> bool:
    words = WORD_RE.findall(text)
    if len(words) < 2:
        return False  # "Yes." "Thanks!"
    if any(word.lower().replace("’", "'") in FINITE_WORDS for word in words):
        return False
    return not has_finite_verb(tagged(text))


def has_finite_verb(tokens: tuple[Token, ...]) -> bool:
    """A verb the sentence can stand on: a finite form, an imperative or base form not
    after "to", or a past participle straight after a noun (the tagger reads many
    past tenses as participles: "The app launched in 2021"). The tagger also misreads
    verbs as nouns; two patterns put them back: an imperative ("Return the value.",
    "Check constraints by ...") and a present tense between its subject and what
    follows a verb ("Data show that ...", "MySQL require custom formats")."""
    words = [t for t in tokens if t.text[:1].isalnum()]
    if (
        len(words) > 1
        and not words[0].text.lower().endswith("ing")  # "Talking to get rich."
        and is_verb_base(words[0].text)
        and words[1].tag in VERB_FOLLOWERS | NOUN_TAGS | {"RP"}
    ):
        return True
    if words and (
        words[0].tag in {"VBN", "VBD", "VBZ"}
        or (words[0].text.endswith("s") and words[0].tag in NOUN_TAGS and _third_person(words))
    ):
        return True  # a predicate whose subject is understood: "Used for ...", "Defaults to 0."
    previous = previous_tag = ""
    for i, token in enumerate(tokens):
        tag = token.tag
        if tag in FINITE_TAGS:
            return True
        if (
            previous in {",", "otherwise", "then", "also", "please"}
            and i + 1 < len(tokens)
            and tokens[i + 1].tag in VERB_FOLLOWERS | NOUN_TAGS | {"RP"}
            and not token.text.lower().endswith("ing")
            and is_verb_base(token.text)
        ):
            return True  # an imperative after an opening clause: "If invalid, return a ..."
        if tag == "VB" and previous != "to":
            return True
        if tag == "VBN" and previous_tag in SUBJECT_TAGS:
            return True
        if (
            tag in NOUN_TAGS
            and previous_tag in SUBJECT_TAGS
            and i + 1 < len(tokens)
            and (tokens[i + 1].tag in VERB_FOLLOWERS | NOUN_TAGS or tokens[i + 1].text == "that")
            and can_be_finite(token.text)
        ):
            return True
        previous, previous_tag = token.text.lower(), tag
    return False


class FragmentCheck(Check):
    check_id = "fragment"
    name = "Sentence fragment"
    description = (
        'A sentence with no finite verb ("Wealth together."): usually the tail of the '
        "sentence before, cut off by the MT. Headlines and labels, which do not end with "
        "a full stop, are exempt."
    )
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not _prose(ctx):
            return []
        if ctx.paragraph_alone or TRAILING_OFF_RE.search(ctx.target):
            return []  # a headline or caption ("Helpers for the admin."), a list left open
        if not lacks_verb(ctx.target):
            return []
        return [
            self.issue(
                "Sentence has no verb and cannot stand alone; is it the end of the "
                "sentence before, cut off?"
            )
        ]


class SentenceStartCheck(Check):
    check_id = "sentence-start"
    name = "Sentence start"
    description = (
        'A sentence starting with a lowercase word or a punctuation mark (", to shape new '
        'forms..."): the MT cut a sentence in the middle of a clause.'
    )
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not _prose(ctx):
            return []
        text = ctx.target
        start = len(text) - len(text.lstrip())
        if start == len(text):
            return []
        first = text[start]
        if first.isalpha():
            word = WORD_RE.match(text, start)
            if word is None or not first.islower() or not word.group().islower():
                return []  # a capital, or "iPhone", "eBay": a name that starts lowercase
            if text[word.end() : word.end() + 1] == ":":
                return []  # a term and its definition: "strict: Execution stops at ..."
            source = ctx.source.lstrip()
            if source[:1].isalpha() and source[:1].islower():
                return []  # the source starts lowercase too: a string continued
            return [
                self.issue(
                    f'Sentence starts with the lowercase word "{word.group()}": the rest '
                    "of a sentence cut in two?",
                    (word.span(),),
                )
            ]
        if first.isalnum() or first in OPENING_MARKS or text.startswith("...", start):
            return []
        return [
            self.issue(
                f'Sentence starts with "{first}": the rest of a sentence cut in two?',
                ((start, start + 1),),
            )
        ]


class SpliceCheck(Check):
    check_id = "splice"
    name = "Clause cut mid-way"
    description = (
        "A sentence opening with a bare list of nouns that no verb takes up "
        '("Young sheep, technical training and acquisition services, to achieve ..."): '
        "the object of the sentence before, cut off from its verb."
    )
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not _prose(ctx) or "," not in ctx.target:
            return []
        span = noun_list_opener(ctx.target)
        if span is None:
            return []
        listed = ctx.target[span[0] : span[1]]
        return [
            self.issue(
                f'"{listed}" opens the sentence with nouns no verb takes up: the object '
                "of the sentence before, cut off?",
                (span,),
            )
        ]


LIST_TAGS = NOUN_TAGS | {"JJ", "JJR", "JJS", "VBG", "CD"}


def _third_person(words: list[Token]) -> bool:
    """ "Defaults to 4326.", "Returns the value.": a verb's -s form opening the sentence,
    followed by what follows a verb."""
    return (
        len(words) > 1
        and words[1].tag in VERB_FOLLOWERS
        and is_verb_base(words[0].text[:-1].lower())
    )


@lru_cache(maxsize=16384)
def noun_list_opener(text: str) -> Span | None:
    """Where a leading list of two or more noun phrases is (without its closing comma),
    when what follows the comma is "to" and a verb; otherwise None."""
    tokens = tagged(text)
    end = _noun_list_end(tokens)
    return None if end is None else (tokens[0].span[0], tokens[end - 1].span[1])


def _noun_list_end(tokens: tuple[Token, ...]) -> int | None:
    items, has_noun, i = 0, False, 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag in LIST_TAGS:
            has_noun = has_noun or token.tag in NOUN_TAGS
        elif token.text == "," or token.tag == "CC":
            if not has_noun:
                return None
            items, has_noun = items + 1, False
            if token.text == "," and items >= 2 and _to_verb(tokens, i + 1):
                return i
        else:
            return None
        i += 1
    return None


def _to_verb(tokens: tuple[Token, ...], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i].text.lower() == "to" and tokens[i + 1].tag == "VB"


LEAD_RE = re.compile(r"^\s*([^:：]{3,60}?)\s*[:：]\s+\S")


class HeadlineLeadCheck(Check):
    check_id = "headline-lead"
    name = "Headline lead-in"
    description = (
        'A headline whose lead-in before the colon is a verb phrase ("Talking to get '
        'rich: ..."): Chinese news headlines open with a pun of a few characters, which '
        "MT renders word for word. A hint to read it again, not an error."
    )
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.target_is_english or ctx.paragraph_alone is False or is_sentence(ctx.target):
            return []
        m = LEAD_RE.match(ctx.target)
        if m is None or not 2 <= len(WORD_RE.findall(m.group(1))) <= 6:
            return []
        lead = m.group(1)
        words = [t for t in tagged(lead) if t.text[:1].isalpha()]
        if not words or words[0].tag not in {"VBG", "VB"}:
            return []
        return [
            self.issue(
                f'Headline lead-in "{lead}" may be a Chinese pun rendered word for word; '
                "check that it reads as English",
                (m.span(1),),
            )
        ]
