"""quotes, brackets and whitespace: typography of the target alone."""

import pytest

from reviews.checks import CheckContext, Severity
from reviews.checks.punctuation import BracketsCheck, QuotesCheck, WhitespaceCheck

QUOTES = QuotesCheck()
BRACKETS = BracketsCheck()
WHITESPACE = WhitespaceCheck()


def ctx(target: str, source: str = "", target_lang: str = "en") -> CheckContext:
    return CheckContext(source, target, "zh-CN", target_lang)


def spanned(check, context: CheckContext) -> list[tuple[str, list[str]]]:
    return [
        (issue.message, [context.target[a:b] for a, b in issue.spans])
        for issue in check.check(context)
    ]


@pytest.mark.parametrize(
    "target",
    [
        'He said "yes" and "no".',
        "He said “yes” and “no”.",
        'A “curly” sentence. A "straight" one.',
        "People’s Congress, the 'one-stop' service",
        "“Expanding the middle and raising the lower”—that is the only way.",
        "他说：“好。”",
    ],
)
def test_balanced_quotes(target: str) -> None:
    assert QUOTES.check(ctx(target)) == []


@pytest.mark.parametrize(
    ("target", "message", "spans"),
    [
        ("smart bookstores. Civilization and Modernization” of the", "Closing quote ” has", ["”"]),
        ("the “one thing was realized.", "Opening quote “ is never closed", ["“"]),
        ('the "number" changed. "Wealth together.', "Odd number of straight", ['"']),
        (
            'grid "Zhezhizhi" The work of “Xing Village” has been established.',
            'Straight (") and curly',
            ['"', '"', "“", "”"],
        ),
    ],
)
def test_quote_problems(target: str, message: str, spans: list[str]) -> None:
    found = spanned(QUOTES, ctx(target))
    assert [(m, s) for m, s in found if m.startswith(message)] == [
        (next(m for m, _ in found if m.startswith(message)), spans)
    ]


@pytest.mark.parametrize(
    "target",
    [
        "China News Service, Hangzhou (Fang Kun) reports [1] {x}.",
        "《浙江日报》（记者）【快讯】",
        "Options: a) first, b) second, 1) third.",
        "no brackets at all",
    ],
)
def test_balanced_brackets(target: str) -> None:
    assert BRACKETS.check(ctx(target)) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("the list (of things", 'Bracket "(" is never closed'),
        ("the list of) things", 'Closing bracket ")" has no opening one'),
        ("the [list) of things", 'Bracket "[" is closed by ")"'),
        ("《浙江日报）", 'Bracket "《" is closed by "）"'),
    ],
)
def test_bracket_problems(target: str, message: str) -> None:
    assert [issue.message for issue in BRACKETS.check(ctx(target))] == [message]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("", "Clean text.", []),
        ("源文", "Clean text.", []),
        ("  源文", "  Indented as the source.", []),
        ("源文", "  Indented unlike the source.", ["Leading whitespace differs from the source"]),
        ("源文\n", "No newline.", ["Trailing whitespace differs from the source"]),
        ("", "  Indented, no source.", ["Leading whitespace"]),
        ("", "Trailing. ", ["Trailing whitespace"]),
        ("", "Two  spaces.", ["Double space"]),
        ("", "Congress , Xie Jianhua said", ['Space before ","']),
        ("", "transformation. , to shape", ['Space before ","']),
        ("", "Is it ? No .", ['Space before "?"', 'Space before "."']),
    ],
)
def test_whitespace(source: str, target: str, expected: list[str]) -> None:
    assert [issue.message for issue in WHITESPACE.check(ctx(target, source))] == expected


def test_whitespace_severity_depends_on_the_source() -> None:
    [with_source] = WHITESPACE.check(ctx("  x", "源文"))
    [without] = WHITESPACE.check(ctx("  x"))
    assert (with_source.severity, without.severity) == (Severity.WARNING, Severity.INFO)


def test_french_spaces_before_high_punctuation() -> None:
    assert WHITESPACE.check(ctx("Vraiment ? Oui !", target_lang="fr")) == []
    assert WHITESPACE.check(ctx("Vraiment ? Oui !")) != []
