"""repeated-words and stray-capital."""

import pytest

from reviews.checks import CheckContext
from reviews.checks.words import RepeatedWordsCheck, StrayCapitalCheck

REPEATED = RepeatedWordsCheck()
STRAY = StrayCapitalCheck()


def flagged(check, target: str, target_lang: str = "en") -> list[str]:
    context = CheckContext("", target, "zh-CN", target_lang)
    return [target[a:b] for issue in check.check(context) for a, b in issue.spans]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("the the report", ["the"]),
        ("The the report", ["the"]),
        ("it is is done", ["is"]),
        ("the theme", []),
        ("he said that that was fine", []),
        ("he had had enough", []),
        ("in 2021 2021 plans", []),  # numbers are exempt
        ("the, the report", []),
        ("谢谢谢谢", []),
    ],
)
def test_repeated_words(target: str, expected: list[str]) -> None:
    assert flagged(REPEATED, target) == expected


def test_repeated_words_skips_cjk_targets() -> None:
    assert flagged(REPEATED, "好 好", target_lang="zh-CN") == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("system, enabling The complex and integrated supervision", ["The"]),
        (
            "a large number of outstanding and national Influential application results",
            ["Influential"],
        ),
        ("through joint efforts Do it well, and cut the cake", ["Do"]),
        ("Zhu Hengyi, deputy to the Zhejiang Provincial People's Congress", []),
        ("member of the Standing Committee of the Zhejiang Provincial People's Congress", []),
        ("said that Jiangshan City focused on small incisions", []),
        ('introduced on the "Representative Channel" that by using', []),
        ("and Secretary of the Party Committee of Boruqiao Village", []),
        ("the Party said on Monday", []),
        ("officials said in May this year", []),
        ("data show. The rate is high", []),
        ("the CPC Jiangshan Municipal Party Committee", []),
        ("the rural Taobao project", []),
        ("the vice mayor He said", []),
        ("vitamin A is good", []),
    ],
)
def test_stray_capital(target: str, expected: list[str]) -> None:
    assert flagged(STRAY, target) == expected


def test_stray_capital_is_for_english_only() -> None:
    assert flagged(STRAY, "mit der Die neue Regel", target_lang="de") == []
