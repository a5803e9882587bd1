"""Quick fixes: where a check knows the answer, its issue says how to apply it.

Each case is (check, source, target, glossary, the message of the issue, the text its
fix makes). Applying the fix must also make that issue go away: a fix that leaves its
own problem behind would be offered again and again.
"""

import pytest

from reviews.checks import CHECKS_BY_ID, CheckContext, Fix, GlossaryTerm, run_checks

YUNAN = GlossaryTerm("浙运安", "Zheyun'an", forbidden=("Zhe Yunan", "Zheyunan"))
PROVINCE = GlossaryTerm("浙江省", "Zhejiang Province", forbidden=("Zhejiang",))
NO_RENDERING = GlossaryTerm("浙运安", "", forbidden=("Zhe Yunan",))
SPELLED = GlossaryTerm("", "Zheyun'an")  # a rendering only: the romanized-name check's spelling

FIXES = [
    # glossary: a forbidden variant becomes the approved rendering, every occurrence
    (
        "glossary",
        "",
        "Zhe Yunan is online.",
        (YUNAN,),
        'Forbidden variant "Zhe Yunan" used; the glossary renders "浙运安" as "Zheyun\'an"',
        "Zheyun'an is online.",
    ),
    (
        "glossary",
        "",
        "Zhe Yunan and zhe yunan again.",
        (YUNAN,),
        'Forbidden variant "Zhe Yunan" used; the glossary renders "浙运安" as "Zheyun\'an"',
        "Zheyun'an and Zheyun'an again.",
    ),
    (
        "glossary",
        "",
        "Zhejiang and the Zhejiang Province office.",  # the rendering itself is left alone
        (PROVINCE,),
        'Forbidden variant "Zhejiang" used; the glossary renders "浙江省" as "Zhejiang Province"',
        "Zhejiang Province and the Zhejiang Province office.",
    ),
    # romanized-name: the expected spelling, from the glossary or from the source
    (
        "romanized-name",
        "",
        "Zhe Yunan is online.",
        (SPELLED,),
        'Romanized name "Zhe Yunan" should be written "Zheyun\'an" (glossary)',
        "Zheyun'an is online.",
    ),
    (
        "romanized-name",
        "浙运安上线",
        "Zhe Yunan is online.",
        (),
        'Romanized name "Zhe Yunan" splits 浙运安 (zhe-yun-an) wrongly; expected "Zheyun\'an"',
        "Zheyun'an is online.",
    ),
    (
        "romanized-name",
        "浙运安上线",
        "Zheyunan is online.",
        (),
        'Romanized name "Zheyunan" for 浙运安 (zhe-yun-an) should be "Zheyun\'an"',
        "Zheyun'an is online.",
    ),
    # whitespace: double spaces, a space before punctuation, blank edges
    ("whitespace", "", "Two  spaces here.", (), "Double space", "Two spaces here."),
    ("whitespace", "", "A tab\t \there.", (), "Double space", "A tab here."),
    ("whitespace", "", "Really ?", (), 'Space before "?"', "Really?"),
    ("whitespace", "", "  Leading blanks.", (), "Leading whitespace", "Leading blanks."),
    ("whitespace", "", "Trailing blanks. \n", (), "Trailing whitespace", "Trailing blanks."),
    (
        "whitespace",
        " 浙江",
        "Zhejiang",
        (),
        "Leading whitespace differs from the source",
        " Zhejiang",
    ),
    (
        "whitespace",
        "浙江\n",
        "Zhejiang  ",
        (),
        "Trailing whitespace differs from the source",
        "Zhejiang\n",
    ),
    # repeated-words: the repeat goes, with the blanks before it
    ("repeated-words", "", "It is the the plan.", (), 'Word "the" is repeated', "It is the plan."),
    ("repeated-words", "", "A plan\t plan.", (), 'Word "plan" is repeated', "A plan."),
    ("repeated-words", "", "Été été chaud.", (), 'Word "Été" is repeated', "Été chaud."),
]


def found(check_id: str, source: str, target: str, glossary: tuple) -> list:
    ctx = CheckContext(source, target, "zh-CN", "en", glossary=glossary)
    return CHECKS_BY_ID[check_id].check(ctx)


@pytest.mark.parametrize(("check_id", "source", "target", "glossary", "message", "fixed"), FIXES)
def test_the_fix_gives_the_right_text(check_id, source, target, glossary, message, fixed):
    [issue] = [i for i in found(check_id, source, target, glossary) if i.message == message]
    assert issue.fix is not None
    assert issue.fix.apply(target) == fixed


@pytest.mark.parametrize(("check_id", "source", "target", "glossary", "message", "fixed"), FIXES)
def test_a_fixed_text_no_longer_has_the_issue(check_id, source, target, glossary, message, fixed):
    assert message not in [i.message for i in found(check_id, source, fixed, glossary)]


@pytest.mark.parametrize(
    ("check_id", "source", "target", "glossary", "message"),
    [
        # the check cannot know the answer: no fix is offered
        (
            "glossary",
            "浙运安上线",
            "It is online.",
            (YUNAN,),
            'Glossary term "浙运安" should be rendered as "Zheyun\'an"',
        ),
        (
            "glossary",
            "",
            "Zhe Yunan is online.",
            (NO_RENDERING,),
            'Forbidden variant "Zhe Yunan" used; the glossary renders "浙运安" as ""',
        ),
        (
            "romanized-name",
            "",
            "Zhe Yunan is online.",
            (),
            'Romanized name "Zhe Yunan" is not in the glossary and is not a '
            '"Surname Givenname" personal name',
        ),
    ],
)
def test_no_fix_where_the_check_does_not_know(check_id, source, target, glossary, message):
    [issue] = [i for i in found(check_id, source, target, glossary) if i.message == message]
    assert issue.fix is None


def test_fixes_are_not_part_of_an_issues_identity():
    # The sped-up checks are compared with their original algorithms, which make no fixes.
    ctx = CheckContext("", "Two  spaces", "zh-CN", "en")
    [issue] = run_checks(ctx)
    assert issue == type(issue)(issue.check, issue.severity, issue.message, issue.spans)


@pytest.mark.parametrize(
    ("text", "edits", "fix", "fixed"),
    [
        ("abc", [(1, 2, "X")], Fix(1, 2, "X"), "aXc"),
        ("a b a", [(0, 1, "A"), (4, 5, "A")], Fix(0, 5, "A b A"), "A b A"),
        ("abc", [(3, 3, "!")], Fix(3, 3, "!"), "abc!"),
    ],
)
def test_one_fix_for_several_edits(text, edits, fix, fixed):
    assert Fix.of(text, edits) == fix
    assert fix.apply(text) == fixed
