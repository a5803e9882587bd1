"""One batch of QA: repetitions are checked once, and each segment still gets results of
its own, from everything of it the checks read (target, source, MT, flags, paragraph)."""

from reviews.models import Project, Segment
from reviews.services.qa import segments_assign_qa

PROJECT = Project(slug="batch", source_lang="zh-CN", target_lang="en")
GARBLED = "The system helps Zhe Yunan to run the the roads."


def checks_of(segment):
    return {r["check"] for r in segment.qa}


def test_repeated_sentences_get_equal_results_that_are_their_own():
    first, second = (Segment(source="", target=GARBLED, mt=GARBLED, meta={}) for _ in "ab")
    segments_assign_qa([first, second], project=PROJECT, glossary=())
    assert {"romanized-name", "repeated-words"} <= checks_of(first)
    assert first.qa == second.qa and first.qa_level == second.qa_level
    assert first.qa_checks == second.qa_checks
    first.qa[0]["spans"].append([0, 1])  # one segment's stored results are not another's
    first.qa.append({"check": "x"})
    assert second.qa != first.qa and {"check": "x"} not in second.qa


def test_a_repetition_with_other_flags_mt_or_source_is_checked_for_itself():
    plain = Segment(source="", target=GARBLED, mt=GARBLED, meta={})
    ignoring = Segment(
        source="", target=GARBLED, mt=GARBLED, meta={"flags": "ignore-romanized-name"}
    )
    broken = Segment(source="", target=GARBLED, mt=GARBLED.replace("roads", "\nroads"), meta={})
    numbered = Segment(source="系统运行了3条道路。", target=GARBLED, mt=GARBLED, meta={})
    again = Segment(source="", target=GARBLED, mt=GARBLED, meta={})
    segments_assign_qa([plain, ignoring, broken, numbered, again], project=PROJECT, glossary=())
    assert "romanized-name" in checks_of(plain) and "romanized-name" not in checks_of(ignoring)
    assert "line-breaks" in checks_of(broken) and "line-breaks" not in checks_of(plain)
    assert "numbers" in checks_of(numbered) and "numbers" not in checks_of(plain)
    assert again.qa == plain.qa


def test_a_dismissal_holds_for_its_segment_alone():
    from reviews.services.qa import text_digest

    kept = Segment(source="", target=GARBLED, mt=GARBLED, meta={})
    dismissed = Segment(source="", target=GARBLED, mt=GARBLED, meta={})
    dismissed.qa_dismissed = [{"check": "repeated-words", "text": text_digest(GARBLED)}]
    segments_assign_qa([dismissed, kept], project=PROJECT, glossary=())
    assert "repeated-words" in checks_of(kept)
    assert "repeated-words" not in checks_of(dismissed)
    assert "romanized-name" in checks_of(dismissed)
