"""romanized-name and the pinyin helpers it stands on."""

import pytest

from reviews.checks import CheckContext, GlossaryTerm, Severity
from reviews.checks.names import RomanizedNameCheck, standalone_names
from reviews.checks.pinyin import segment, spell, syllables

CHECK = RomanizedNameCheck()


def flagged(target: str, source: str = "", *terms: GlossaryTerm) -> list[str]:
    ctx = CheckContext(source, target, "zh-CN", "en", glossary=terms)
    return [target[a:b] for issue in CHECK.check(ctx) for a, b in issue.spans]


def messages(target: str, source: str = "", *terms: GlossaryTerm) -> list[str]:
    ctx = CheckContext(source, target, "zh-CN", "en", glossary=terms)
    return [issue.message for issue in CHECK.check(ctx)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Zhezhizhi", ("zhe", "zhi", "zhi")),
        ("Yunan", ("yu", "nan")),  # no apostrophe, so not yun-an
        ("Zheyun'an", ("zhe", "yun", "an")),
        ("Xian", ("xian",)),
        ("Xi’an", ("xi", "an")),
        ("Hangzhou", ("hang", "zhou")),
        ("Lü", ("lv",)),
        ("Hello", None),
        ("Young", None),
    ],
)
def test_segment(word: str, expected: tuple[str, ...] | None) -> None:
    assert segment(word) == expected


def test_syllable_inventory_comes_from_pypinyin() -> None:
    inventory = syllables()
    assert 380 < len(inventory) < 430
    assert {"zhuang", "lv", "lue", "xiong"} <= inventory
    assert not {"m", "ng", "hm", "o"} & inventory


@pytest.mark.parametrize(
    ("parts", "expected"), [(("zhe", "yun", "an"), "Zheyun'an"), (("lv", "an"), "Lü'an")]
)
def test_spell(parts: tuple[str, ...], expected: str) -> None:
    assert spell(parts) == expected


@pytest.mark.parametrize(
    "target",
    [
        "China News Service, Hangzhou, January 20 (Fang Kun)",
        "Zhu Hengyi, deputy to the Zhejiang Provincial People's Congress",
        "Zhu Sufang, secretary of the CPC Jiangshan Municipal Party Committee",
        "Xie Jianhua, director of the Hangzhou Municipal Bureau of Finance",
        "Zhejiang's digital reform in Beijing, Shanghai and Guangdong",
        "Xi'an and Xi’an",
        "develop rural Taobao and Huawei phones",
        "Song Yunan and Fang Kun met Ouyang Xiu",  # English-looking surnames
        "She saw a Panda, a Change, Data and China; Dance, Tune and Pine.",
        "Aiming at the needs of all levels",
        "Dao changes in Xing Village",  # one syllable alone: too often harmless
        "Flights to Cuba, Dubai and Milan",
        "CPC and PLA",
    ],
)
def test_not_flagged(target: str) -> None:
    assert flagged(target) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ('"Zheli Epidemic Prevention", "Zhe Yunan"... In just one year', ["Zheli", "Zhe Yunan"]),
        ('village community grid "Zhezhizhi" The three-level work', ["Zhezhizhi"]),
        ("the Zhe-Yunan app", ["Zhe-Yunan"]),
        ("Zheli's app", ["Zheli"]),
        ("Zhu Heng Yi said", []),  # taken as Zhu Heng + Yi: documented blind spot
    ],
)
def test_flagged(target: str, expected: list[str]) -> None:
    assert flagged(target) == expected


def test_place_with_an_english_generic_is_only_info() -> None:
    ctx = CheckContext("", "Boruqiao Village and Huaxin Lake", "zh-CN", "en")
    found = CHECK.check(ctx)
    assert [(i.severity, i.message) for i in found] == [
        (Severity.INFO, 'Romanized place name "Boruqiao" is not in the glossary'),
        (Severity.INFO, 'Romanized place name "Huaxin" is not in the glossary'),
    ]


def test_messages_without_source() -> None:
    assert messages('"Zhezhizhi" and "Zhe Yunan"') == [
        'Romanized name "Zhezhizhi" is not in the glossary',
        'Romanized name "Zhe Yunan" is not in the glossary and is not a "Surname Givenname" '
        "personal name",
    ]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (
            "“浙里防疫”“浙运安”……",
            '"Zhe Yunan"...',
            'Romanized name "Zhe Yunan" splits 浙运安 (zhe-yun-an) wrongly; expected "Zheyun\'an"',
        ),
        (
            "浙运安上线",
            "Zheyunan is online",
            'Romanized name "Zheyunan" for 浙运安 (zhe-yun-an) should be "Zheyun\'an"',
        ),
        (
            "村社网格“浙智治”",
            'grid "Zhezhizhi"',
            'Romanized name "Zhezhizhi" (浙智治, zhe-zhi-zhi) is not in the glossary',
        ),
        (
            "浙里办",
            "Zheli app",
            'Romanized name "Zheli" (浙里, zhe-li) is not in the glossary',
        ),
        (
            "浙运安上线",
            "Zhezhizhi is online",
            'Romanized name "Zhezhizhi" matches no Chinese characters of the source',
        ),
    ],
)
def test_messages_with_source(source: str, target: str, message: str) -> None:
    assert messages(target, source) == [message]


def test_glossary_approves_and_corrects() -> None:
    zheli = GlossaryTerm("浙里办", "Zheli Ban")
    yunan = GlossaryTerm("浙运安", "Zheyun'an")
    assert flagged("the Zheli Ban app", "", zheli) == []
    assert flagged("Zheyun'an is online", "", yunan) == []
    assert messages("Zhe Yunan is online", "", yunan) == [
        'Romanized name "Zhe Yunan" should be written "Zheyun\'an" (glossary)'
    ]


def test_forbidden_variants_are_left_to_the_glossary_check() -> None:
    term = GlossaryTerm("浙运安", "Zheyun'an", forbidden=("Zhe Yunan",))
    assert flagged("Zhe Yunan is online", "", term) == []


def test_cjk_targets_are_skipped() -> None:
    ctx = CheckContext("Zhezhizhi", "Zhezhizhi 平台", "en", "zh-CN")
    assert CHECK.check(ctx) == []


# --- names the project approved (issue 18, point 4) --------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Zheyun'an was launched.", {"zheyun'an"}),
        ("Zheyun’an was launched in Xiaoshan'ao.", {"zheyun'an", "xiaoshan'ao"}),
        ("It was launched in Xi'an.", set()),  # a known place: never suspect anyway
        ("The Zhezhengding app.", {"zhezhengding"}),
        ("Zhe Yunan was launched.", set()),  # two words joined: not one correctly formed name
        ("Zhe-Yunan was launched.", set()),
        ("Zhejiang and Hangzhou launched it.", set()),  # known places: never suspect anyway
        ("Hello Data Online.", set()),  # English
        ("Zheyun'an's users.", {"zheyun'an"}),
    ],
)
def test_standalone_names(text: str, names: set[str]) -> None:
    assert standalone_names(text) == names


@pytest.mark.parametrize(
    ("target", "approved", "expected"),
    [
        ("Zheyun'an was launched.", frozenset(), ["Zheyun'an"]),
        ("Zheyun'an was launched.", frozenset({"zheyun'an"}), []),
        ("Zheyun’an was launched.", frozenset({"zheyun'an"}), []),  # either apostrophe
        ("Zhe Yunan was launched.", frozenset({"zhe", "yunan"}), ["Zhe Yunan"]),
        ("Zhezhizhi was launched.", frozenset({"zheyun'an"}), ["Zhezhizhi"]),
    ],
)
def test_names_the_project_approved_are_not_suspect(target, approved, expected) -> None:
    ctx = CheckContext("", target, "zh-CN", "en", approved_names=approved)
    found = [target[a:b] for issue in RomanizedNameCheck().check(ctx) for a, b in issue.spans]
    assert found == expected
