"""line-breaks: a translation's breaks must agree with its MT's or its source's."""

import pytest

from reviews.checks import CheckContext, Severity
from reviews.checks.linebreaks import LineBreaksCheck, break_shape

CHECK = LineBreaksCheck()


def issues(target: str, *, mt: str = "", source: str = ""):
    return CHECK.check(CheckContext(source, target, "zh-CN", "en", mt=mt))


@pytest.mark.parametrize(
    ("target", "mt", "source", "message"),
    [
        # a translator typed Enter inside the paragraph
        (
            "Wealth\ntogether.",
            "Wealth together.",
            "",
            "The translation has 1 line break; the MT has no line break",
        ),  # fmt: skip
        (
            "One.\n\nTwo.",
            "One.\nTwo.",
            "",
            "The translation has 2 line breaks; the MT has 1 line break",
        ),  # fmt: skip
        (
            "One.\nTwo.",
            "One.\n\nTwo.",
            "",
            "The translation has 1 line break; the MT has 2 line breaks",
        ),  # fmt: skip
        ("\nOne. Two.", "One.\nTwo.", "", "Line breaks are placed differently from the MT's"),
        (
            "One. Two.",
            "",
            "一。\n二。",
            "The translation has no line break; the source has 1 line break",
        ),  # fmt: skip
        (
            "One.\r\nTwo.\n",
            "One.\nTwo.",
            "",
            "The translation has 2 line breaks; the MT has 1 line break",
        ),  # fmt: skip
    ],
)
def test_breaks_that_differ_are_an_error(target, mt, source, message) -> None:
    [issue] = issues(target, mt=mt, source=source)
    assert issue.severity is Severity.ERROR
    assert issue.message == message
    assert all(target[a:b] in ("\n", "\r\n", "\r") for a, b in issue.spans)
    assert len(issue.spans) == target.count("\n") + target.count("\r") - target.count("\r\n")


@pytest.mark.parametrize(
    ("target", "mt", "source"),
    [
        ("Wealth together.", "Wealth together.", ""),
        ("One.\nTwo.", "Uno.\nDos.", ""),
        ("One.\r\nTwo.", "Uno.\nDos.", ""),  # CRLF is one break
        ("One.\n\nTwo.\n", "Uno.\n\nDos.\n", ""),
        ("One.\nTwo.", "One. Two.", "一。\n二。"),  # agrees with the source
        ("One.\nTwo.", "", ""),  # nothing to compare with
        ("One.\nTwo.", "   ", ""),
    ],
)
def test_breaks_that_agree_pass(target, mt, source) -> None:
    assert issues(target, mt=mt, source=source) == []


def test_break_shape() -> None:
    assert break_shape("a\nb\n\nc\n") == (0, (1, 2), 1)
    assert break_shape("\r\na") == (1, (), 0)
    assert break_shape("abc") == (0, (), 0)
