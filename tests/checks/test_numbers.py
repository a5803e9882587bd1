"""numbers: values compared across notations, Chinese magnitudes included."""

from decimal import Decimal

import pytest

from reviews.checks import CheckContext, Severity
from reviews.checks.numbers import NumbersCheck, chinese_numeral_value, extract_numbers

CHECK = NumbersCheck()


def issues(source: str, target: str) -> list[str]:
    ctx = CheckContext(source=source, target=target, source_lang="zh-CN", target_lang="en")
    return [issue.message for issue in CHECK.check(ctx)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("执法率高达92.7%。", "the rate is as high as 92.7%."),
        ("为2.1万名残疾人", "for 21,000 disabled people"),
        ("为2.1万名残疾人", "for 21000 disabled people"),
        ("为2.1万名残疾人", "for 21 thousand disabled people"),
        ("总投资1.2亿元", "a total investment of 120 million yuan"),
        ("总投资1.2亿元", "a total investment of 120,000,000 yuan"),
        ("总投资12亿元", "a total investment of 1.2 billion yuan"),
        ("超过1000万元", "more than 10 million yuan"),
        ("超过4.5万元", "more than 45,000 yuan"),
        ("第十三届人大", "the 13th People's Congress"),
        ("十九个", "19 grass-roots units"),
        ("百分之四十", "40 percent"),
        ("二〇二二年", "in 2022"),
        ("1月20日", "January 20"),
        ("５名代表", "5 representatives"),
        ("5名代表", "five representatives"),
        ("两会", "the two sessions"),  # 两 alone is a word: never demanded
        ("统一部署", "unified deployment"),  # 一 inside a word
        ("十分重要", "very important"),  # 十分 = very
        ("千万不要", "by no means"),  # 千万 = by all means
        ("COVID-19疫情", "the COVID-19 epidemic"),
        ("The price is $5.", "Le prix est de 5 $."),
    ],
)
def test_numbers_that_match(source: str, target: str) -> None:
    assert issues(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("执法率高达92.7%。", "the rate is as high as 97.2%.", 'Number "92.7%" of the source'),
        ("为2.1万名残疾人", "for 2,100 disabled people", 'Number "2.1万" of the source'),
        ("总投资1.2亿元", "a total investment of 1.2 billion yuan", 'Number "1.2亿" of the'),
        ("超过1000万元", "more than 1000 yuan", 'Number "1000万" of the source'),
        ("第十三届人大", "the 12th People's Congress", 'Number "十三" of the source'),
        ("1,000户", "households", 'Number "1,000" of the source'),
    ],
)
def test_missing_numbers(source: str, target: str, expected: str) -> None:
    messages = issues(source, target)
    assert any(m.startswith(expected) and m.endswith("is missing") for m in messages), messages


def test_extra_number_is_a_warning_with_its_span() -> None:
    ctx = CheckContext(
        source="超过30万元",
        target="more than 300,000 yuan in 2022",
        source_lang="zh",
        target_lang="en",
    )
    [issue] = CHECK.check(ctx)
    assert issue.severity == Severity.WARNING
    assert issue.message == 'Number "2022" is not in the source'
    assert ctx.target[slice(*issue.spans[0])] == "2022"


def test_missing_number_is_an_error_reported_once() -> None:
    ctx = CheckContext(source="3人，又3人", target="people", source_lang="zh", target_lang="en")
    [issue] = CHECK.check(ctx)
    assert issue.severity == Severity.ERROR


def test_no_source_no_issues() -> None:
    assert issues("", "It rose by 92.7% to 21,000.") == []


@pytest.mark.parametrize(
    ("run", "value"),
    [
        ("十", 10),
        ("十三", 13),
        ("二十一", 21),
        ("一百零五", 105),
        ("三千五百", 3500),
        ("一万二千", 12000),
        ("十万", 100000),
        ("一万亿", 10**12),
        ("二〇二二", 2022),
        ("三三两两", None),
        ("万一", None),
    ],
)
def test_chinese_numerals(run: str, value: int | None) -> None:
    expected = None if value is None else Decimal(value)
    assert chinese_numeral_value(run) == expected


def test_spans_point_into_the_original_text() -> None:
    text = "共５名代表，２１,０００人"
    for number in extract_numbers(text):
        assert text[slice(*number.span)] in {"５", "２１,０００"}
