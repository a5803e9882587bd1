"""glossary: required renderings (with a source) and forbidden variants (always)."""

import pytest

from reviews.checks import CheckContext, GlossaryTerm, Severity
from reviews.checks.glossary import GlossaryCheck

CHECK = GlossaryCheck()
YUNAN = GlossaryTerm("浙运安", "Zheyun'an", forbidden=("Zhe Yunan", "Zheyunan"))
PROVINCE = GlossaryTerm("浙江省", "Zhejiang Province", forbidden=("Zhejiang",))
CASED = GlossaryTerm("CPC", "CPC", forbidden=("Cpc",), case_sensitive=True)
NOTED = GlossaryTerm("两会", "two sessions", note="lowercase, no quotes")


def run(source: str, target: str, *terms: GlossaryTerm) -> list[tuple[Severity, str, list[str]]]:
    ctx = CheckContext(source, target, "zh-CN", "en", glossary=terms)
    return [
        (issue.severity, issue.message, [target[a:b] for a, b in issue.spans])
        for issue in CHECK.check(ctx)
    ]


@pytest.mark.parametrize(
    ("source", "target", "term"),
    [
        ("浙运安上线", "Zheyun'an is online", YUNAN),
        ("", "Zheyun'an is online", YUNAN),
        ("浙江省政府", "the Zhejiang Province government", PROVINCE),  # not the forbidden one
        ("", "the Zhejiang Province government", PROVINCE),
        ("", "the CPC and the cpc", CASED),  # case-sensitive: only "Cpc" is forbidden
        ("召开两会", "the Two Sessions opened", NOTED),  # case-insensitive by default
        ("没有术语", "no term here", YUNAN),
        ("", "Zhe Yunanese", YUNAN),  # whole words only
    ],
)
def test_clean(source: str, target: str, term: GlossaryTerm) -> None:
    assert run(source, target, term) == []


def test_forbidden_variant_is_an_error_with_spans_even_without_source() -> None:
    assert run("", '"Zhe Yunan" and zhe yunan', YUNAN) == [
        (
            Severity.ERROR,
            'Forbidden variant "Zhe Yunan" used; the glossary renders "浙运安" as "Zheyun\'an"',
            ["Zhe Yunan", "zhe yunan"],
        )
    ]


def test_forbidden_variant_outside_the_rendering() -> None:
    [(severity, _, spans)] = run("", "Zhejiang Province and Zhejiang", PROVINCE)
    assert (severity, spans) == (Severity.ERROR, ["Zhejiang"])


def test_case_sensitive_forbidden() -> None:
    assert [spans for _, _, spans in run("", "the Cpc and the CPC", CASED)] == [["Cpc"]]


def test_missing_rendering_needs_the_source() -> None:
    assert run("浙运安上线", "Zhe app is online", YUNAN) == [
        (Severity.WARNING, 'Glossary term "浙运安" should be rendered as "Zheyun\'an"', [])
    ]
    assert run("", "Zhe app is online", YUNAN) == []


def test_missing_rendering_quotes_the_note() -> None:
    [(_, message, _)] = run("召开两会", "the NPC and CPPCC opened", NOTED)
    assert message.endswith("(lowercase, no quotes)")


def test_one_term_yields_one_issue_the_strongest() -> None:
    # The forbidden variant is there and the rendering is not: one error, not an error
    # and a warning for the same term.
    assert run("浙运安上线", "Zhe Yunan is online", YUNAN) == [
        (
            Severity.ERROR,
            'Forbidden variant "Zhe Yunan" used; the glossary renders "浙运安" as "Zheyun\'an"',
            ["Zhe Yunan"],
        )
    ]


def test_one_term_yields_one_issue_across_all_checks() -> None:
    from reviews.checks import run_checks

    ctx = CheckContext("浙运安上线", "Zhe Yunan is online", "zh-CN", "en", glossary=(YUNAN,))
    assert [(i.check, i.severity) for i in run_checks(ctx)] == [("glossary", Severity.ERROR)]
