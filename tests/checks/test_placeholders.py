"""placeholders (per PO format flag) and inline-tags (always)."""

import pytest

from reviews.checks import CheckContext, Severity
from reviews.checks.placeholders import InlineTagsCheck, PlaceholdersCheck

PLACEHOLDERS = PlaceholdersCheck()
TAGS = InlineTagsCheck()


def ctx(source: str, target: str, *flags: str) -> CheckContext:
    return CheckContext(source, target, "en", "zh-CN", flags=frozenset(flags))


@pytest.mark.parametrize(
    ("source", "target", "flags"),
    [
        ("%d files in %s", "%s 中有 %d 个文件", ("c-format",)),
        ("%(count)d files", "%(count)d 个文件", ("python-format",)),
        ("100%% done, %s", "%s 完成了 100%%", ("python-format",)),
        ("{count} files in {0}", "{0} 中有 {count} 个文件", ("python-brace-format",)),
        ("{{literal}} and {name!r:>10}", "{name!r:>10} 和 {{literal}}", ("python-brace-format",)),
        ("Hello {user}", "你好 {user}", ("brace-format",)),
        ("50% of %s", "50% of", ()),  # no flag: "%" is prose
    ],
)
def test_placeholders_that_match(source: str, target: str, flags: tuple[str, ...]) -> None:
    assert PLACEHOLDERS.check(ctx(source, target, *flags)) == []


@pytest.mark.parametrize(
    ("source", "target", "flags", "expected"),
    [
        ("%d files", "个文件", ("c-format",), 'Placeholder "%d" of the source is missing'),
        ("%s", "%s %s", ("c-format",), 'Placeholder "%s" is not in the source'),
        ("%(n)d", "%(m)d", ("python-format",), 'Placeholder "%(n)d" of the source is missing'),
        ("{0}", "{1}", ("python-brace-format",), 'Placeholder "{1}" is not in the source'),
        ("{name}", "{nom}", ("brace-format",), 'Placeholder "{name}" of the source is missing'),
    ],
)
def test_placeholder_problems(
    source: str, target: str, flags: tuple[str, ...], expected: str
) -> None:
    found = PLACEHOLDERS.check(ctx(source, target, *flags))
    assert expected in [issue.message for issue in found]
    assert {issue.severity for issue in found} == {Severity.ERROR}


def test_extra_placeholder_has_a_span() -> None:
    context = ctx("{0}", "{0} {1}", "python-brace-format")
    [issue] = PLACEHOLDERS.check(context)
    assert [context.target[a:b] for a, b in issue.spans] == ["{1}"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("<b>粗体</b>文字", "<b>bold</b> text"),
        ('点击<a href="/x">这里</a>', "click <a  href='/x'>here</a>"),  # spacing and quoting
        ('换行<br/>和<x id="1"/>', 'line break <x id="1" /> and<br />'),
        ("a < b > c", "a < b > c"),  # comparison signs are not tags
        ("没有标签", "no tags"),
    ],
)
def test_tags_that_match(source: str, target: str) -> None:
    assert TAGS.check(ctx(source, target)) == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("<b>粗体</b>", "bold</b>", 'Tag "<b>" of the source is missing'),
        ("粗体", "<i>bold</i>", 'Tag "<i>" is not in the source'),
        ('<g id="1">x</g>', '<g id="2">x</g>', 'Tag "<g id="1">" of the source is missing'),
    ],
)
def test_tag_problems(source: str, target: str, expected: str) -> None:
    assert expected in [issue.message for issue in TAGS.check(ctx(source, target))]


def test_checks_that_compare_skip_without_source() -> None:
    assert PLACEHOLDERS.check(ctx("", "%s", "c-format")) == []
    assert TAGS.check(ctx("", "<b>x")) == []
