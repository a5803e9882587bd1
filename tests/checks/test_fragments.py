"""fragment, sentence-start and splice: sentences that cannot stand alone."""

import pytest

from reviews.checks import CheckContext
from reviews.checks.fragments import (
    FragmentCheck,
    HeadlineLeadCheck,
    SentenceStartCheck,
    SpliceCheck,
)

FRAGMENT = FragmentCheck()
START = SentenceStartCheck()
SPLICE = SpliceCheck()
LEAD = HeadlineLeadCheck()


def found(check, target: str, *, source: str = "", alone: bool | None = None) -> list[str]:
    """The checked text of each issue: its first span, or the whole target."""
    ctx = CheckContext(source, target, "zh-CN", "en", paragraph_alone=alone)
    return [
        target[issue.spans[0][0] : issue.spans[0][1]] if issue.spans else target
        for issue in check.check(ctx)
    ]


@pytest.mark.parametrize(
    ("target", "flagged"),
    [
        # the seed's fragments: the tail of the sentence before, cut off
        ("Wealth together.", True),
        (
            "Full coverage of administrative villages, more than 40% of the above 500,000 "
            "yuan, and 25% of the goal of more than 1 million yuan.",
            True,
        ),  # fmt: skip
        (
            'The income-enhancing model of "three funds in one place" and employment salaries.',
            True,
        ),  # fmt: skip
        ("Civilization and Modernization” of the future rural landscape.", True),
        ("For creating bar charts and such.", True),
        # sentences that stand: finite verbs, imperatives, verbs the tagger reads as nouns
        ("In one working day, urgent matters were also realized.", False),
        ("Zhejiang launched the digital reform.", False),
        ("The app launched in 2021.", False),
        ("Data show that more than 60% of the matters are included.", False),
        ("Return a list of decompressed values for the given compressed value.", False),
        ("Check constraints by setting them to immediate.", False),
        ("Oracle and MySQL require custom selection formats.", False),
        ("Common prosperity is a social transformation.", False),
        ("Zhu Hengyi said this.", False),
        ("It's done.", False),
        ("Defaults to 4326 (WGS84).", False),  # a predicate, its subject understood
        ("If invalid, return a string error message.", False),  # imperatives
        ("Otherwise return the default handler.", False),
        ("Parse out the parts of a docstring.", False),
        ("Used for model validation in model forms.", False),
        ("Intended to be used for saving the session data.", False),
        # not held to sentence rules: no full stop, one word, not English
        ("Talking to get rich: Aiming at the needs of all levels", False),
        ("(Finish)", False),
        ("Thanks!", False),
        ('"Zhejiang Fair Online", "Zhejiang Takeaway Online", "Zhe Yunan"...', False),
        ("Apples, pears, plums…", False),
    ],
)
def test_fragment(target: str, flagged: bool) -> None:
    assert bool(found(FRAGMENT, target)) is flagged


def test_a_paragraph_of_its_own_is_a_headline_not_a_fragment() -> None:
    assert found(FRAGMENT, "Wealth together.", alone=False) == ["Wealth together."]
    assert found(FRAGMENT, "Wealth together.", alone=True) == []


def test_fragment_reads_english_targets_only() -> None:
    ctx = CheckContext("Wealth together.", "共同富裕。", "en", "zh-CN")
    assert FRAGMENT.check(ctx) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (", to shape new forms and new models that lead the future.", [","]),
        ("; and the rest was done.", [";"]),
        ("  . The rest was done.", ["."]),
        ("to shape new forms and new models that lead the future.", ["to"]),
        ("and the number changed.", ["and"]),
        # starts that are fine
        ("To shape new forms, Zhejiang led the way.", []),
        ('"This is the platform," he said.', []),
        ("“Expanding the middle” is the only way.", []),
        ("(Finish) was written at the end.", []),
        ("21,000 people were served.", []),
        ("iPhone sales rose.", []),  # a name that starts lowercase
        ("— and then it rained.", []),
        ("... and then it rained.", []),
        ("and the number changed", []),  # no full stop: a label or a headline
        ("strict: execution stops at the first error.", []),  # a term and its definition
    ],
)
def test_sentence_start(target: str, expected: list[str]) -> None:
    assert found(START, target) == expected


def test_a_lowercase_start_is_fine_when_the_source_starts_lowercase_too() -> None:
    assert found(START, "and more files.", source="and more files.") == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "Young sheep, technical training and acquisition services, to achieve risk "
            "sharing and benefit sharing, it is expected to drive more than 1,000 farmers.",
            ["Young sheep, technical training and acquisition services"],
        ),
        ("Apples, pears and plums, to name a few, grow here.", ["Apples, pears and plums"]),
        # a list that a verb takes up, or a single noun phrase, is fine
        ("Young sheep, technical training and acquisition services are provided.", []),
        ("Paris, the capital of France, is large.", []),
        ("Previously, to achieve this, the government invested.", []),
        ("In recent years, Jiangshan has guided all villages to adapt.", []),
        ("Sheep, goats, to be fair", []),  # no full stop
    ],
)
def test_splice(target: str, expected: list[str]) -> None:
    assert found(SPLICE, target) == expected


@pytest.mark.parametrize(
    ("target", "alone", "expected"),
    [
        ("Talking to get rich: Aiming at the needs of all levels", None, ["Talking to get rich"]),
        ("Talking to get rich: Aiming at the needs of all levels", True, ["Talking to get rich"]),
        ("Take the lead: Zhejiang's digital reform", None, ["Take the lead"]),
        # a noun lead-in, one word, a sentence, or a line inside a paragraph: no hint
        ("Common prosperity: aiming at the needs of all levels", None, []),
        ("Analysis: Zhejiang's digital reform", None, []),
        ("Talking to get rich: they aimed at the needs of all levels.", None, []),
        ("Talking to get rich: Aiming at the needs of all levels", False, []),
        ("(Finish)", None, []),
    ],
)
def test_headline_lead(target: str, alone: bool | None, expected: list[str]) -> None:
    assert found(LEAD, target, alone=alone) == expected
