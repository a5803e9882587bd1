"""Every paragraph of the seed article, reviewed on the translation side alone.

The seed's README lists what a human editor must fix; the checks must point at those
lines and leave most of the clean ones alone.
"""

from collections import Counter
from pathlib import Path

import pytest

from reviews.checks import CheckContext, Issue, Severity, run_checks

HERE = Path(__file__).resolve()
# The shared original first; the repository's byte-identical copy when shared/ is absent.
SEEDS = (
    HERE.parents[3] / "shared/seeds/000_8b1992a614985fc9.txt",
    HERE.parents[2] / "fixtures/seed-zhejiang-two-sessions.en.txt",
)


@pytest.fixture(scope="module")
def reviewed() -> list[tuple[str, list[Issue]]]:
    seed = next((path for path in SEEDS if path.exists()), None)
    if seed is None:
        pytest.skip(f"seed not found at {SEEDS[0]}")
    paragraphs = [line for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [(p, run_checks(CheckContext("", p, "zh-CN", "en"))) for p in paragraphs]


def checks_of(reviewed: list[tuple[str, list[Issue]]], needle: str) -> set[str]:
    [issues] = [issues for paragraph, issues in reviewed if needle in paragraph]
    return {issue.check for issue in issues}


def test_seed_has_32_paragraphs(reviewed: list[tuple[str, list[Issue]]]) -> None:
    assert len(reviewed) == 32


@pytest.mark.parametrize(
    ("needle", "check"),
    [
        ("Zhe Yunan", "romanized-name"),
        ("Zhezhizhi", "romanized-name"),
        ("Zheli Epidemic", "romanized-name"),
        ("Civilization and Modernization”", "quotes"),  # closing ” with no opening “
        ('grid "Zhezhizhi"', "quotes"),  # straight and curly in one sentence
        ("enabling The complex", "stray-capital"),
        ("national Influential", "stray-capital"),
    ],
)
def test_seed_problems_are_found(
    reviewed: list[tuple[str, list[Issue]]], needle: str, check: str
) -> None:
    assert check in checks_of(reviewed, needle)


def test_the_unbalanced_closing_quote_is_pointed_at(
    reviewed: list[tuple[str, list[Issue]]],
) -> None:
    [(paragraph, issues)] = [(p, i) for p, i in reviewed if "Modernization”" in p]
    [issue] = [i for i in issues if i.message.startswith("Closing quote")]
    start, end = issue.spans[0]
    assert paragraph[start:end] == "”" and "“" not in paragraph[:start]


def flagged(reviewed: list[tuple[str, list[Issue]]], check: str) -> set[str]:
    return {
        paragraph[a:b]
        for paragraph, issues in reviewed
        for issue in issues
        if issue.check == check
        for a, b in issue.spans
    }


def test_stray_capitals_are_the_spliced_sentences_only(
    reviewed: list[tuple[str, list[Issue]]],
) -> None:
    # "efforts Do it well" is the same splice as "enabling The complex".
    assert flagged(reviewed, "stray-capital") == {"The", "Influential", "Do"}


def test_romanized_names_spare_places_and_people(
    reviewed: list[tuple[str, list[Issue]]],
) -> None:
    names = flagged(reviewed, "romanized-name")
    assert {"Zhe Yunan", "Zhezhizhi", "Zheli"} <= names
    spared = {"Zhejiang", "Hangzhou", "Jiangshan", "Haining", "Taobao", "Fang Kun"}
    spared |= {"Zhu Hengyi", "Zhu Sufang", "Xie Jianhua", "Wu Qingjiang"}
    assert not any(word in name or name in word for name in names for word in spared)


def test_most_seed_paragraphs_carry_no_warning(
    reviewed: list[tuple[str, list[Issue]]],
) -> None:
    by_check = Counter(check for _, issues in reviewed for check in {i.check for i in issues})
    warned = [p for p, issues in reviewed if any(i.severity != Severity.INFO for i in issues)]
    print(f"\nseed: {len(reviewed)} paragraphs, {len(warned)} with a warning or error")
    print("paragraphs with any issue, by check:", dict(sorted(by_check.items())))
    assert len(warned) <= len(reviewed) // 3
