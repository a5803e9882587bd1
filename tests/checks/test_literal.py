"""The literal-rendering check, table-driven: bad and good cases, with and without a
source (no database)."""

import pytest

from reviews.checks import CheckContext, GlossaryTerm, Severity, run_checks
from reviews.checks.literal import LiteralRenderingCheck

CHECK = LiteralRenderingCheck()


def found(source: str, target: str, glossary=()):
    ctx = CheckContext(source, target, "zh-CN", "en", glossary=tuple(glossary))
    return CHECK.check(ctx)


# (source, target, the literal flagged, the severity, the target once fixed)
BAD = [
    pytest.param(
        "防汛防台在线",
        "Flood Prevention and Taiwan Prevention Online",
        "Taiwan Prevention",
        Severity.ERROR,
        "Flood Prevention and Typhoon Prevention Online",
        id="source-fangtai-app-name",
    ),
    pytest.param(
        "做好防台工作",
        "Do a good job in Taiwan prevention.",
        "Taiwan prevention",
        Severity.ERROR,
        "Do a good job in typhoon prevention.",
        id="source-fangtai-lowercase",
    ),
    pytest.param(
        "全力防台",
        "The Taiwan office worked all night.",
        "Taiwan",
        Severity.ERROR,
        "The typhoon office worked all night.",
        id="source-fangtai-bare-taiwan",
    ),
    pytest.param(
        "台风登陆浙江",
        "Taiwan wind landed in Zhejiang.",
        "Taiwan wind",
        Severity.ERROR,
        "Typhoon landed in Zhejiang.",
        id="source-taifeng",
    ),
    pytest.param(
        "做好防台风工作",
        "Prepare for the Taiwan winds.",
        "Taiwan winds",
        Severity.ERROR,
        "Prepare for the typhoons.",
        id="source-overlapping-forms",
    ),
    pytest.param(
        "浙江两会开幕",
        "The two meetings of Zhejiang opened.",
        "two meetings",
        Severity.ERROR,
        "The two sessions of Zhejiang opened.",
        id="source-lianghui",
    ),
    pytest.param(
        "扎实推动共同富裕",
        "Solidly promote getting rich together.",
        "getting rich together",
        Severity.ERROR,
        "Solidly promote common prosperity.",
        id="source-gongtongfuyu",
    ),
    pytest.param(
        "讲“数”变，话共富",
        "Wealth together.",
        "Wealth together",
        Severity.ERROR,
        "Common prosperity.",
        id="source-gongfu-short-form",
    ),
    pytest.param(
        "道“数”变",
        'Dao "number" changes',
        '"number"',
        Severity.ERROR,
        'Dao "digital" changes',
        id="source-shu-pun",
    ),
    pytest.param(
        "数字化改革",
        "Zhejiang launched the number reform.",
        "number reform",
        Severity.ERROR,
        "Zhejiang launched the digital reform.",
        id="source-digital-reform",
    ),
    pytest.param(
        "全面建成小康社会",
        "Build a small well-off society in all respects.",
        "small well-off society",
        Severity.ERROR,
        "Build a moderately prosperous society in all respects.",
        id="source-xiaokang",
    ),
    pytest.param(
        "一带一路",
        "One Belt, One Road projects grew.",
        "One Belt, One Road",
        Severity.ERROR,
        "The Belt and Road Initiative projects grew.",
        id="source-belt-and-road",
    ),
    pytest.param(
        "省人大代表朱恒毅",
        "Zhu Hengyi, a representative of the provincial people's congress",
        "representative",
        Severity.WARNING,
        "Zhu Hengyi, a deputy of the provincial people's congress",
        id="source-renda-daibiao-warning",
    ),
    pytest.param(
        "",
        '"Flood Prevention and Taiwan Prevention Online", "Zhe Yunan"...',
        "Taiwan Prevention",
        Severity.WARNING,
        '"Flood Prevention and Typhoon Prevention Online", "Zhe Yunan"...',
        id="alone-taiwan-prevention-next-to-flood",
    ),
    pytest.param(
        "",
        "Wealth together.",
        "Wealth together",
        Severity.WARNING,
        "Common prosperity.",
        id="alone-wealth-together",
    ),
    pytest.param(
        "",
        'Dao "number" changes: take digital reform as the general starting point',
        '"number"',
        Severity.WARNING,
        'Dao "digital" changes: take digital reform as the general starting point',
        id="alone-number-pun",
    ),
    pytest.param(
        "",
        "NPC deputies gathered for the two meetings.",
        "two meetings",
        Severity.WARNING,
        "NPC deputies gathered for the two sessions.",
        id="alone-two-meetings-next-to-deputies",
    ),
    pytest.param(
        "",
        "He praised One Belt One Road.",
        "One Belt One Road",
        Severity.WARNING,
        "He praised the Belt and Road Initiative.",
        id="alone-belt-and-road",
    ),
]


@pytest.mark.parametrize(("source", "target", "literal", "severity", "fixed"), BAD)
def test_a_literal_rendering_is_reported_with_its_fix(source, target, literal, severity, fixed):
    [issue] = found(source, target)
    [(start, end)] = issue.spans
    assert target[start:end] == literal
    assert issue.check == "literal-rendering"
    assert issue.severity == severity
    assert issue.fix is not None and issue.fix.apply(target) == fixed


# (source, target): nothing to report
GOOD = [
    pytest.param("防汛防台在线", "Flood and Typhoon Prevention Online", id="source-right"),
    pytest.param("台湾地区防台", "Taiwan prepared for typhoons.", id="source-means-taiwan"),
    pytest.param("两岸交流", "Exchanges across the Taiwan Strait.", id="source-without-the-term"),
    pytest.param("浙江两会", "The two sessions of Zhejiang opened.", id="source-two-sessions"),
    pytest.param("我们开了两个会", "We held two meetings today.", id="source-other-meetings"),
    pytest.param("共同富裕", "Common prosperity is the goal.", id="source-common-prosperity"),
    pytest.param("", "Taiwan prevention of smuggling was discussed.", id="alone-without-context"),
    pytest.param("", "We held two meetings today.", id="alone-meetings-no-congress"),
    pytest.param("", "The Taiwan Strait saw heavy rain.", id="alone-bare-taiwan"),
    pytest.param("", "The number of deputies rose.", id="alone-number-unquoted"),
    pytest.param("", "They pooled their savings together.", id="alone-no-literal"),
    pytest.param(
        "",
        "From the observation of the two sessions of Zhejiang Province, digital reform grew.",
        id="alone-seed-clean",
    ),
]


@pytest.mark.parametrize(("source", "target"), GOOD)
def test_a_right_or_unrelated_rendering_is_not_reported(source, target):
    assert found(source, target) == []


def test_the_finding_names_the_chinese_term_the_literal_and_the_right_rendering():
    [issue] = found("防汛防台在线", "Flood Prevention and Taiwan Prevention Online")
    assert "防汛防台" in issue.message
    assert '"Taiwan Prevention"' in issue.message
    assert '"typhoon prevention"' in issue.message
    [alone] = found("", "Flood Prevention and Taiwan Prevention Online")
    assert "防台" in alone.message and '"Flood"' in alone.message
    assert '"Typhoon Prevention"' in alone.message


def test_a_longer_literal_claims_its_words_before_a_shorter_one():
    # "Taiwan prevention" and "Taiwan" are both literals of 防台: one issue, not two.
    assert len(found("防台", "Taiwan prevention matters.")) == 1


def test_a_term_the_glossary_speaks_for_is_left_to_the_glossary_check():
    term = GlossaryTerm("防台", "typhoon prevention", forbidden=("Taiwan prevention",))
    target = "Flood Prevention and Taiwan Prevention Online"
    assert found("防汛防台", target, [term]) == []
    issues = run_checks(CheckContext("防汛防台", target, "zh-CN", "en", glossary=(term,)))
    assert [i.check for i in issues if i.spans == ((21, 38),)] == ["glossary"]


def test_a_cjk_target_is_not_checked():
    ctx = CheckContext("Taiwan prevention", "台湾预防", "en", "zh-CN")
    assert CHECK.check(ctx) == []


def test_the_check_runs_with_the_others():
    issues = run_checks(CheckContext("", "Wealth together.", "zh-CN", "en"))
    assert "literal-rendering" in {issue.check for issue in issues}
