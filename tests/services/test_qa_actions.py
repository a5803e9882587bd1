"""Quick fixes and dismissals: segment_apply_fix and segment_dismiss_check."""

import pytest

from reviews import services
from reviews.errors import IllegalTransition, InvalidInput, NotAllowed, StaleVersion
from reviews.models import Revision, Segment
from reviews.services.qa import dismissals_in_force, segments_check_pending, segments_qa_defer
from reviews.states import Action, QaLevel, State

YUNAN = {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"}


def checks_of(segment: Segment) -> list[str]:
    return [r["check"] for r in segment.qa]


@pytest.fixture
def forbidden(segment, users):
    """The glossary forbids "Zhe Yunan": the segment has a glossary error with a fix."""
    services.glossary_term_add(project=segment.document.project, user=users["manager"], **YUNAN)
    segment.refresh_from_db()
    assert checks_of(segment)[0] == "glossary"
    assert segment.qa_level == QaLevel.ERROR
    return segment


# --- quick fixes ------------------------------------------------------------------------


def test_a_fix_is_an_edit_with_its_check_in_the_history(forbidden, users):
    fixed = services.segment_apply_fix(
        segment=forbidden, user=users["translator"], check="glossary", index=0, version=1
    )
    assert "Zheyun'an" in fixed.target and "Zhe Yunan" not in fixed.target
    assert (fixed.state, fixed.version) == (State.TRANSLATED, 2)
    assert "glossary" not in checks_of(fixed)
    revision = Revision.objects.get(segment=forbidden, version=2)
    assert revision.action == Action.EDIT
    assert revision.author == users["translator"]
    assert revision.note.startswith('Quick fix (Glossary): Forbidden variant "Zhe Yunan"')


def test_a_fix_of_whitespace(document, users):
    segment = document.segments.get(position=23)  # 'Space before ","' in the seed
    [issue] = [r for r in segment.qa if r["check"] == "whitespace"]
    before = segment.target
    fixed = services.segment_apply_fix(
        segment=segment, user=users["editor"], check="whitespace", index=0, version=1
    )
    start = issue["fix"]["start"]
    assert fixed.target == before[:start] + before[issue["fix"]["end"] :]
    assert "whitespace" not in checks_of(fixed)


def test_a_fix_on_a_stale_version_is_refused(forbidden, users):
    services.segment_edit(
        segment=forbidden, user=users["editor"], target=forbidden.target + " More.", version=1
    )
    with pytest.raises(StaleVersion):
        services.segment_apply_fix(
            segment=forbidden, user=users["translator"], check="glossary", index=0, version=1
        )


@pytest.mark.parametrize(
    ("check", "index"), [("glossary", 1), ("romanized-name", 0), ("no-such-check", 0)]
)
def test_no_fix_there_is_refused(forbidden, users, check, index):
    with pytest.raises(InvalidInput):
        services.segment_apply_fix(
            segment=forbidden, user=users["editor"], check=check, index=index, version=1
        )
    forbidden.refresh_from_db()
    assert forbidden.version == 1


def test_a_translator_cannot_fix_an_approved_segment(forbidden, users):
    services.segment_approve(
        segment=forbidden, reviewer=users["editor"], version=1, override_reason="checked"
    )
    with pytest.raises(NotAllowed):
        services.segment_apply_fix(
            segment=forbidden, user=users["translator"], check="glossary", index=0, version=2
        )


def test_a_fix_makes_the_text_yours_under_four_eyes(forbidden, users):
    project = forbidden.document.project
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    fixed = services.segment_apply_fix(
        segment=forbidden, user=users["editor"], check="glossary", index=0, version=1
    )
    with pytest.raises(NotAllowed, match="Four-eyes"):
        services.segment_approve(segment=fixed, reviewer=users["editor"], version=fixed.version)


# --- dismissals -------------------------------------------------------------------------


def test_a_dismissed_warning_no_longer_counts_and_the_history_says_why(segment, users):
    assert segment.qa_level == QaLevel.WARNING
    dismissed = services.segment_dismiss_check(
        segment=segment,
        user=users["translator"],
        check="romanized-name",
        reason="brand names, spelled as the brands do",
        version=1,
    )
    # What is left is the segment's other warning: "Taiwan Prevention" next to "Flood".
    assert checks_of(dismissed) == ["literal-rendering"]
    assert (dismissed.qa_level, dismissed.qa_checks) == (QaLevel.WARNING, " literal-rendering ")
    assert (dismissed.version, dismissed.state, dismissed.target) == (
        2,
        segment.state,
        segment.target,
    )
    revision = Revision.objects.get(segment=segment, version=2)
    assert revision.action == Action.DISMISS
    assert revision.note == "Romanized names: brand names, spelled as the brands do"
    [held] = dismissed.qa_dismissed
    assert (held["check"], held["by"], len(held["issues"])) == ("romanized-name", "translator", 2)


def test_a_dismissal_survives_a_glossary_recheck_of_the_same_text(segment, users):
    services.segment_dismiss_check(
        segment=segment, user=users["translator"], check="romanized-name", reason="", version=1
    )
    # A new glossary term re-checks the project: the segment gets a new error, and the
    # dismissed check stays dismissed.
    services.glossary_term_add(project=segment.document.project, user=users["manager"], **YUNAN)
    segment.refresh_from_db()
    assert checks_of(segment) == ["glossary", "literal-rendering"]
    assert segment.qa_dismissed[0]["check"] == "romanized-name"


def test_a_dismissal_survives_a_deferred_recheck(segment, users):
    services.segment_dismiss_check(
        segment=segment, user=users["translator"], check="romanized-name", reason="", version=1
    )
    segments_qa_defer(Segment.objects.filter(pk=segment.pk))  # a big project's re-check
    segment.refresh_from_db()
    assert segment.qa_level == QaLevel.PENDING
    segments_check_pending([segment], project=segment.document.project)
    segment.refresh_from_db()
    assert (checks_of(segment), segment.qa_level) == (["literal-rendering"], QaLevel.WARNING)


def test_a_dismissal_survives_a_check_job(segment, users):
    services.segment_dismiss_check(
        segment=segment, user=users["translator"], check="romanized-name", reason="", version=1
    )
    services.job_enqueue_check(document=segment.document, all_segments=True)  # runs at once
    segment.refresh_from_db()
    assert (checks_of(segment), segment.qa_level) == (["literal-rendering"], QaLevel.WARNING)
    assert segment.qa_dismissed[0]["check"] == "romanized-name"


def test_a_dismissed_check_comes_back_when_the_text_changes(segment, users):
    services.segment_dismiss_check(
        segment=segment, user=users["translator"], check="romanized-name", reason="", version=1
    )
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target=segment.target + " Zhe Yunan.", version=2
    )
    assert "romanized-name" in checks_of(edited)
    assert edited.qa_level == QaLevel.WARNING
    assert dismissals_in_force(edited) == []
    # The dismissal belongs to the earlier text: that text back, the dismissal holds again.
    back = services.segment_edit(
        segment=edited, user=users["translator"], target=segment.target, version=edited.version
    )
    assert "romanized-name" not in checks_of(back)
    assert [d["check"] for d in dismissals_in_force(back)] == ["romanized-name"]


def test_errors_are_dismissed_by_editors_with_a_reason_and_then_block_no_approval(forbidden, users):
    with pytest.raises(NotAllowed):
        services.segment_dismiss_check(
            segment=forbidden, user=users["translator"], check="glossary", reason="no", version=1
        )
    with pytest.raises(InvalidInput, match="reason"):
        services.segment_dismiss_check(
            segment=forbidden, user=users["editor"], check="glossary", reason=" ", version=1
        )
    dismissed = services.segment_dismiss_check(
        segment=forbidden,
        user=users["editor"],
        check="glossary",
        reason="a quotation of the old name",
        version=1,
    )
    assert dismissed.qa_level != QaLevel.ERROR
    approved = services.segment_approve(
        segment=dismissed, reviewer=users["editor"], version=dismissed.version
    )
    assert approved.state == State.APPROVED


def test_a_check_with_no_issue_cannot_be_dismissed(segment, users):
    with pytest.raises(InvalidInput):
        services.segment_dismiss_check(
            segment=segment, user=users["editor"], check="glossary", reason="x", version=1
        )


def test_a_stale_dismissal_is_refused(segment, users):
    services.segment_edit(
        segment=segment, user=users["editor"], target=segment.target + " Zheli.", version=1
    )
    with pytest.raises(StaleVersion):
        services.segment_dismiss_check(
            segment=segment, user=users["editor"], check="romanized-name", reason="", version=1
        )


@pytest.mark.parametrize("action", ["fix", "dismiss"])
def test_an_archived_document_refuses_both(forbidden, users, action):
    services.document_archive(document=forbidden.document, user=users["manager"])
    with pytest.raises(IllegalTransition, match="archived"):
        if action == "fix":
            services.segment_apply_fix(
                segment=forbidden, user=users["manager"], check="glossary", index=0, version=1
            )
        else:
            services.segment_dismiss_check(
                segment=forbidden, user=users["manager"], check="glossary", reason="r", version=1
            )
    forbidden.refresh_from_db()
    assert (forbidden.version, forbidden.qa_dismissed) == (1, None)
    assert Revision.objects.filter(segment=forbidden).count() == 1
