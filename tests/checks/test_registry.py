"""The registry and run_checks: ids, metadata, ordering, flags, robustness."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.checks import CHECKS, CHECKS_BY_ID, CheckContext, GlossaryTerm, Severity, run_checks

KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def test_every_check_is_described_once() -> None:
    ids = [check.check_id for check in CHECKS]
    assert len(ids) == len(set(ids)) == len(CHECKS_BY_ID)
    for check in CHECKS:
        assert KEBAB.match(check.check_id), check.check_id
        assert check.name.strip() and check.description.strip()
        assert isinstance(check.severity, Severity)
        assert CHECKS_BY_ID[check.check_id] is check


def test_the_required_checks_are_registered() -> None:
    assert {
        "numbers",
        "placeholders",
        "inline-tags",
        "quotes",
        "brackets",
        "whitespace",
        "repeated-words",
        "stray-capital",
        "same-as-source",
        "cjk-left",
        "glossary",
        "romanized-name",
        # issue 18
        "line-breaks",
        "fragment",
        "sentence-start",
        "splice",
        "headline-lead",
    } <= CHECKS_BY_ID.keys()


@pytest.mark.parametrize("target", ["", "   ", "\n"])
def test_empty_target_has_no_issues(target: str) -> None:
    assert run_checks(CheckContext("共5名代表", target, "zh-CN", "en")) == []


def test_issues_are_sorted_by_severity_then_position() -> None:
    ctx = CheckContext(
        source="共5名代表",
        target="  the the “Zheli” rose by 7",
        source_lang="zh-CN",
        target_lang="en",
        glossary=(GlossaryTerm("x", "y", forbidden=("rose",)),),
    )
    found = run_checks(ctx)
    ranks = [issue.severity.rank for issue in found]
    assert ranks == sorted(ranks)
    assert [issue.check for issue in found][:2] == ["numbers", "glossary"]
    warnings = [issue for issue in found if issue.severity == Severity.WARNING]
    starts = [issue.spans[0][0] if issue.spans else -1 for issue in warnings]
    assert starts == sorted(starts)


def test_ignore_flag_switches_a_check_off() -> None:
    target = "the the report"
    plain = CheckContext("", target, "zh-CN", "en")
    ignored = CheckContext("", target, "zh-CN", "en", flags=frozenset({"ignore-repeated-words"}))
    assert [issue.check for issue in run_checks(plain)] == ["repeated-words"]
    assert run_checks(ignored) == []


def test_target_only_checks_run_without_source() -> None:
    ctx = CheckContext("", 'the the "Zhezhizhi” x', "zh-CN", "en")
    assert {"repeated-words", "quotes", "romanized-name"} <= {i.check for i in run_checks(ctx)}


TEXT = st.text(
    alphabet=st.sampled_from(
        list('aZ Zhe yunan The the 1,2.3%万亿十“”"()（）【】<b></b>{0}%s浙运安 ,.\n')
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(source=TEXT, target=TEXT, flags=st.sets(st.sampled_from(["c-format", "brace-format"])))
def test_any_text_gives_well_formed_issues(source: str, target: str, flags: set[str]) -> None:
    ctx = CheckContext(source, target, "zh-CN", "en", flags=frozenset(flags))
    for issue in run_checks(ctx):
        assert issue.check in CHECKS_BY_ID
        assert issue.message
        for start, end in issue.spans:
            assert 0 <= start <= end <= len(target)
