"""Issue 18's acceptance on the seed: imported as `make demo` imports it, with no
glossary, every garble that /work/shared/seeds/README.md lists carries a QA result,
and no clean sentence carries a warning or an error."""

import pytest

from reviews.models import Segment

# Each garble of the seed's README (and of issue 18) by a piece of its text; a garble
# that spans two sentences names both.
GARBLES = {
    # romanized names split or merged wrongly
    "Zhe Yunan": ["Zhe Yunan"],
    "Zhezhizhi": ["Zhezhizhi"],
    "Xing Village": ["Xing Village"],
    "Zheli Epidemic Prevention": ["Zheli Epidemic Prevention"],
    # names translated literally
    "Flood Prevention and Taiwan Prevention Online": ["Taiwan Prevention"],
    "Zhejiang Takeaway Online": ["Zhejiang Takeaway Online"],
    # headline puns turned to nonsense
    'Dao "number" changes': ['Dao "number" changes'],
    "Talking to get rich": ["Talking to get rich"],
    'and the "number" changed. Wealth together.': ['the "number" changed.', "Wealth together."],
    # sentence splices and stray capitals
    "enabling The complex": ["enabling The complex"],
    "national Influential": ["national Influential"],
    # quotes: a closing ” with no opening one; straight and curly in the same text
    "Modernization”": ["Civilization and Modernization”"],
    'grid "Zhezhizhi" The three-level work interface of “Xing Village”': ['grid "Zhezhizhi"'],
    # issue 18's fragments and splices
    ", to shape new forms...": [", to shape new forms"],
    "Young sheep, technical training": ["Young sheep, technical training"],
}
# Broken sentences the README does not list, which the checks find as well: verbless
# fragments and the same splice as "enabling The complex".
ALSO_GARBLED = [
    'The income-enhancing model of "three funds in one place" and employment salaries.',
    "Full coverage of administrative villages, more than 40% of the above",
    "through joint efforts Do it well",
]


@pytest.fixture
def segments(document) -> list[Segment]:
    assert not document.project.glossary.exists()
    return list(document.segments.order_by("position"))


def holding(segments: list[Segment], needle: str) -> Segment:
    [found] = [s for s in segments if needle in s.target]
    return found


def test_the_seed_is_46_segments(segments) -> None:
    assert len(segments) == 46


@pytest.mark.parametrize("garble", GARBLES)
def test_every_garble_carries_a_qa_result(segments, garble: str) -> None:
    for needle in GARBLES[garble]:
        segment = holding(segments, needle)
        assert segment.qa, f"{needle!r} carries no QA result"


def test_no_clean_sentence_carries_a_warning(segments) -> None:
    garbled = {
        holding(segments, needle).pk
        for needle in [*(n for needles in GARBLES.values() for n in needles), *ALSO_GARBLED]
    }
    loud = [
        (s.target, [r["check"] for r in s.qa if r["severity"] in ("warning", "error")])
        for s in segments
        if s.pk not in garbled
    ]
    assert [(text, checks) for text, checks in loud if checks] == []
    assert len(garbled) == 14 and len(segments) - len(garbled) == 32
