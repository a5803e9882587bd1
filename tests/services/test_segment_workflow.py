"""segment_edit / segment_approve / segment_reject: moves, roles, versions, revisions."""

import pytest

from reviews import services
from reviews.errors import IllegalTransition, InvalidInput, NotAllowed, NotFound, StaleVersion
from reviews.models import Revision


def test_edit_moves_to_translated_and_records_a_revision(segment, users):
    old = segment.target
    fixed = old.replace("Zhe Yunan", "Zheyun'an")
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target=fixed, version=segment.version
    )
    assert (edited.state, edited.target, edited.version) == ("translated", fixed, 2)
    assert edited.mt == old  # the MT is never changed
    rev = Revision.objects.filter(segment=segment).latest("version")
    assert (rev.action, rev.author, rev.before_target, rev.after_target) == (
        "edit",
        users["translator"],
        old,
        fixed,
    )
    assert (rev.before_state, rev.after_state, rev.version) == ("new", "translated", 2)


def test_confirming_mt_unchanged_is_an_edit(segment, users):
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target=segment.target, version=1
    )
    assert edited.state == "translated"
    assert segment.revisions.count() == 2


def test_emptying_a_segment_makes_it_untranslated(segment, users):
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target="  ", version=1
    )
    assert edited.state == "untranslated"


def test_stale_version_is_refused_and_changes_nothing(segment, users):
    services.segment_edit(segment=segment, user=users["editor"], target="Theirs.", version=1)
    with pytest.raises(StaleVersion) as caught:
        services.segment_edit(segment=segment, user=users["translator"], target="Mine.", version=1)
    assert caught.value.segment.target == "Theirs."
    segment.refresh_from_db()
    assert (segment.target, segment.version, segment.revisions.count()) == ("Theirs.", 2, 2)


def test_a_stale_write_names_who_changed_the_segment(segment, users):
    services.segment_edit(segment=segment, user=users["editor"], target="Theirs.", version=1)
    for attempt in (
        lambda: services.segment_edit(
            segment=segment, user=users["translator"], target="Mine.", version=1
        ),
        lambda: services.segment_reject(
            segment=segment, reviewer=users["manager"], reason="No.", version=1
        ),
    ):
        with pytest.raises(StaleVersion, match="was changed by editor "):
            attempt()
    # The same person, in another tab.
    with pytest.raises(StaleVersion, match="changed by you, in another window or tab"):
        services.segment_edit(segment=segment, user=users["editor"], target="Again.", version=1)


def test_repeated_identical_submit_is_not_a_conflict(segment, users):
    for _ in range(2):  # a double click sends the same form twice
        result = services.segment_edit(
            segment=segment, user=users["translator"], target="Same text.", version=1
        )
    assert result.version == 2
    assert segment.revisions.count() == 2


def test_translator_cannot_approve_or_reject(segment, users):
    with pytest.raises(NotAllowed):
        services.segment_approve(segment=segment, reviewer=users["translator"], version=1)
    with pytest.raises(NotAllowed):
        services.segment_reject(
            segment=segment, reviewer=users["translator"], reason="no", version=1
        )
    assert segment.revisions.count() == 1


def test_outsider_gets_not_found(segment, users):
    with pytest.raises(NotFound):
        services.segment_edit(segment=segment, user=users["outsider"], target="x", version=1)


def test_editor_approves_with_a_correction_in_one_step(segment, users):
    approved = services.segment_approve(
        segment=segment, reviewer=users["editor"], version=1, target="Corrected."
    )
    assert (approved.state, approved.target, approved.version) == ("approved", "Corrected.", 3)
    assert list(segment.revisions.values_list("action", flat=True)) == ["import", "edit", "approve"]


def test_approving_twice_is_idempotent_but_untranslated_is_illegal(document, users):
    seg = document.segments.first()
    services.segment_approve(segment=seg, reviewer=users["editor"], version=1)
    again = services.segment_approve(segment=seg, reviewer=users["editor"], version=1)
    assert again.version == 2 and seg.revisions.count() == 2
    other = document.segments.all()[1]
    emptied = services.segment_edit(segment=other, user=users["editor"], target="", version=1)
    with pytest.raises(IllegalTransition):
        services.segment_approve(segment=other, reviewer=users["editor"], version=emptied.version)


def test_reject_needs_a_reason_and_records_it(segment, users):
    with pytest.raises(InvalidInput):
        services.segment_reject(segment=segment, reviewer=users["editor"], reason="  ", version=1)
    rejected = services.segment_reject(
        segment=segment, reviewer=users["editor"], reason="Name is 浙运安: Zheyun'an", version=1
    )
    assert rejected.state == "rejected"
    assert segment.revisions.latest("version").note == "Name is 浙运安: Zheyun'an"
    with pytest.raises(IllegalTransition):
        services.segment_reject(segment=segment, reviewer=users["editor"], reason="x", version=2)


def test_approved_text_is_locked_for_translators(segment, users):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    with pytest.raises(NotAllowed):
        services.segment_edit(segment=segment, user=users["translator"], target="x", version=2)
    edited = services.segment_edit(segment=segment, user=users["editor"], target="y", version=2)
    assert edited.state == "translated"


def test_every_change_leaves_exactly_one_revision(document, users):
    segs = list(document.segments.all()[:3])
    services.segment_edit(segment=segs[0], user=users["translator"], target="A.", version=1)
    services.segment_approve(segment=segs[1], reviewer=users["editor"], version=1)
    services.segment_reject(segment=segs[2], reviewer=users["manager"], reason="r", version=1)
    for seg in segs:
        seg.refresh_from_db()
        versions = list(seg.revisions.values_list("version", flat=True))
        assert versions == list(range(1, seg.version + 1))
