"""terms.py: many glossary terms found at once, with exactly term_spans' spans.

The index skips terms by facts about Unicode and about Python's regex engine; the first
tests check those facts over every code point, the others compare with term_spans.
"""

import _sre
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.checks import CheckContext, GlossaryTerm
from reviews.checks.base import term_spans
from reviews.checks.terms import (
    ASCII_LOOKALIKES,
    TermIndex,
    TermMatches,
    glossary_index,
    is_caseless,
)

EVERY_CHARACTER = [chr(cp) for cp in range(sys.maxunicode + 1)]


def test_the_ascii_lookalikes_are_all_the_letters_ignorecase_equates_with_ascii() -> None:
    ascii_alnum = re.compile(r"[A-Za-z0-9]", re.IGNORECASE)
    found = {ch for ch in EVERY_CHARACTER if not ch.isascii() and ascii_alnum.fullmatch(ch)}
    assert found == set(ASCII_LOOKALIKES)


def test_lowercase_keeps_length_and_wordness_except_for_a_lookalike() -> None:
    changed = {
        ch for ch in EVERY_CHARACTER if len(ch.lower()) != 1 or ch.isalnum() != ch.lower().isalnum()
    }
    assert changed == {"\u0130"}
    assert "\u0130" in ASCII_LOOKALIKES


def test_caseless_characters_are_what_the_regex_engine_compiles_as_literals() -> None:
    # re._compiler emits a plain literal under IGNORECASE when not _sre.unicode_iscased.
    assert not [ch for ch in EVERY_CHARACTER if is_caseless(ch) and _sre.unicode_iscased(ord(ch))]
    # and no character lowercases to a caseless one but itself
    assert not [
        ch
        for ch in EVERY_CHARACTER
        if len(ch.lower()) == 1 and ch.lower() != ch and is_caseless(ch.lower())
    ]


NEEDLES = [
    "Zhejiang",
    "Zhejiang Province",
    "zhejiang province",
    "Province",
    "Zhe Yunan",
    "Zheyun'an",
    "Zheli Ban (浙里办)",
    "(CPC)",
    "CPC",
    "G20",
    "20",
    "state",
    "States",
    "Zürich",
    "zürich",
    " Zhejiang",
    "Zhejiang ",
    "ab ab",
    "a",
    "浙江",
    "浙江省",
    "富裕",
    "-2",
    "_x",
    "İstanbul",
    "Kelvin",
    "ǅemal",
]
TEXTS = [
    "",
    "Zhejiang Province and zhejiang province and ZHEJIANG",
    "Zhejiang_x, Zhejiangs, xZhejiang, Zhejiang1, Zhejiang’s",
    "the Zhe Yunan app, Zheyun'an and Zheyun’an",
    "Zheli Ban (浙里办) and Zheli Ban（浙里办）",
    "(CPC) CPC cpc (cpc)",
    "G20 G2020 20 -2 x-2",
    "ſtate and states, STATE, ſtates",
    "Zürich ZÜRICH zürich Zurich",
    "xab ab ab",
    "a a a",
    "浙江省浙江富裕浙江",
    "İstanbul istanbul ISTANBUL",
    "KELVIN Kelvin kelvin",
    "ǅemal ǆemal Ǆemal",
    "Σ zhejiang ς Zhejiang",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("case_sensitive", [False, True])
def test_matches_equal_term_spans(text: str, case_sensitive: bool) -> None:
    index = TermIndex(
        ((needle, case_sensitive), i, "rendering") for i, needle in enumerate(NEEDLES)
    )
    found = TermMatches(text, index)
    for needle in NEEDLES:
        expected = tuple(term_spans(needle, text, case_sensitive=case_sensitive))
        assert found.spans(needle, case_sensitive=case_sensitive) == expected, needle
    # a needle the index does not hold is answered by term_spans itself
    assert found.spans("Province", case_sensitive=not case_sensitive) == tuple(
        term_spans("Province", text, case_sensitive=not case_sensitive)
    )


PIECES = st.sampled_from(
    [*NEEDLES, "zhe", "yun", "an", "ZHE", "浙", "江", "ſ", "ı", "İ", "K", "ü", "Ü", "_"]
)
SEPARATORS = st.sampled_from(["", " ", "  ", "-", "'", "’", ",", "(", ")", "\n", "1", "x"])
texts = st.lists(st.tuples(PIECES, SEPARATORS), max_size=12).map(
    lambda parts: "".join(a + b for a, b in parts)
)
needles = st.one_of(PIECES, texts.filter(lambda text: bool(text.strip())))


@settings(max_examples=400, deadline=None)
@given(text=texts, needle_list=st.lists(needles, min_size=1, max_size=6), cs=st.booleans())
def test_generated_matches_equal_term_spans(text: str, needle_list: list[str], cs: bool) -> None:
    index = TermIndex(((needle, cs), i, "forbidden") for i, needle in enumerate(needle_list))
    found = TermMatches(text, index)
    present = set(found.owners())
    for i, needle in enumerate(needle_list):
        expected = tuple(term_spans(needle, text, case_sensitive=cs))
        assert found.spans(needle, case_sensitive=cs) == expected
        if expected:
            assert i in present  # owners() may list extra terms, never miss one


def test_owners_by_role_in_glossary_order() -> None:
    glossary = (
        GlossaryTerm("浙江", "Zhejiang", forbidden=("Chekiang",)),
        GlossaryTerm("两会", "two sessions", forbidden=("two meetings",)),
        GlossaryTerm("浙江省", "Zhejiang Province", forbidden=("Zhejiang",)),
    )
    ctx = CheckContext("浙江省两会", "Zhejiang held two meetings", "zh-CN", "en", glossary=glossary)
    assert ctx.target_terms.owners("forbidden") == [1, 2]
    # candidates by first word: "two" may start "two sessions", "Zhejiang" "Zhejiang Province"
    assert ctx.target_terms.owners("rendering") == [0, 1, 2]
    assert ctx.target_terms.owners() == [0, 1, 2]
    assert ctx.source_terms.owners("source") == [0, 1, 2]
    assert ctx.target_terms.spans("Zhejiang", case_sensitive=False) == ((0, 8),)


def test_an_index_per_glossary_tuple() -> None:
    glossary = (GlossaryTerm("浙江", "Zhejiang"),)
    assert glossary_index(glossary) is glossary_index(glossary)
    assert glossary_index(list(glossary)) is not glossary_index(list(glossary))  # not cached
    assert glossary_index(glossary).spellings == {"zhejiang": "Zhejiang"}
