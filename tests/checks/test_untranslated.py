"""same-as-source and cjk-left."""

import pytest

from reviews.checks import CheckContext, GlossaryTerm
from reviews.checks.untranslated import CjkLeftCheck, SameAsSourceCheck

SAME = SameAsSourceCheck()
CJK = CjkLeftCheck()


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "flagged"),
    [
        ("浙江省数字化改革", "浙江省数字化改革", "zh-CN", "en", True),
        ("Digital reform", " Digital reform ", "en", "zh-CN", True),
        ("浙江省数字化改革", "Zhejiang's digital reform", "zh-CN", "en", False),
        ("2022", "2022", "zh-CN", "en", False),
        ("https://zj.gov.cn/", "https://zj.gov.cn/", "zh-CN", "en", False),
        ("%s: %d", "%s: %d", "en", "zh", False),
        ("<b>{0}</b>", "<b>{0}</b>", "en", "zh", False),
        ("Colour", "Colour", "en", "en-GB", False),  # same language
        ("", "Anything", "zh-CN", "en", False),  # no source
    ],
)
def test_same_as_source(
    source: str, target: str, source_lang: str, target_lang: str, flagged: bool
) -> None:
    ctx = CheckContext(source, target, source_lang, target_lang)
    assert bool(SAME.check(ctx)) is flagged


@pytest.mark.parametrize(
    ("target", "target_lang", "expected"),
    [
        ("the Zheli Ban app", "en", []),
        ("the 浙里办 app", "en", ['CJK text "浙里办" left untranslated']),
        ("the app，and more", "en", ['Full-width punctuation "，" in a en text']),
        (
            "かな and 한글",
            "en",
            ['CJK text "かな" left untranslated', 'CJK text "한글" left untranslated'],
        ),
        ("浙江省数字化改革", "zh-CN", []),
        ("浙江省数字化改革", "ja", []),
    ],
)
def test_cjk_left(target: str, target_lang: str, expected: list[str]) -> None:
    ctx = CheckContext("", target, "zh-CN", target_lang)
    assert [issue.message for issue in CJK.check(ctx)] == expected


def test_cjk_left_gives_spans_and_respects_the_glossary() -> None:
    target = "the Zheli Ban (浙里办) app, not 浙运安"
    glossary = (GlossaryTerm("浙里办", "Zheli Ban (浙里办)"),)
    ctx = CheckContext("", target, "zh-CN", "en", glossary=glossary)
    [issue] = CJK.check(ctx)
    assert [target[a:b] for a, b in issue.spans] == ["浙运安"]
