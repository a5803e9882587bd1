"""Four-eyes review, reverts and archived documents."""

import pytest

from reviews import services
from reviews.errors import IllegalTransition, InvalidInput, NotAllowed


def test_four_eyes_blocks_approving_your_own_text(project, segment, users):
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    segment.refresh_from_db()
    services.segment_edit(
        segment=segment, user=users["editor"], target="Editor wrote this.", version=1
    )
    with pytest.raises(NotAllowed, match="Four-eyes"):
        services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    with pytest.raises(NotAllowed, match="Four-eyes"):  # correcting and approving at once
        services.segment_approve(
            segment=segment, reviewer=users["editor"], version=2, target="More."
        )
    segment.refresh_from_db()
    assert (segment.state, segment.target) == ("translated", "Editor wrote this.")
    approved = services.segment_approve(segment=segment, reviewer=users["manager"], version=2)
    assert approved.state == "approved"


def test_four_eyes_lets_an_editor_approve_untouched_mt_and_others_work(project, document, users):
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    a, b = document.segments.all()[:2]
    services.segment_approve(segment=a, reviewer=users["editor"], version=1)
    services.segment_edit(
        segment=b, user=users["translator"], target="Translator's text.", version=1
    )
    assert (
        services.segment_approve(segment=b, reviewer=users["editor"], version=2).state == "approved"
    )


def test_without_four_eyes_the_editor_may_approve_their_own_text(segment, users):
    services.segment_edit(segment=segment, user=users["editor"], target="Mine.", version=1)
    assert (
        services.segment_approve(segment=segment, reviewer=users["editor"], version=2).state
        == "approved"
    )


def test_only_managers_change_project_settings(project, users):
    with pytest.raises(NotAllowed):
        services.project_update(project=project, user=users["editor"], four_eyes=True)


def test_revert_brings_back_an_old_text_as_a_new_revision(segment, users):
    mt = segment.target
    services.segment_edit(segment=segment, user=users["translator"], target="Second.", version=1)
    services.segment_edit(segment=segment, user=users["translator"], target="Third.", version=2)
    reverted = services.segment_revert(
        segment=segment, user=users["translator"], to_version=1, version=3
    )
    assert (reverted.target, reverted.state, reverted.version) == (mt, "translated", 4)
    last = segment.revisions.latest("version")
    assert (last.action, last.before_target, last.after_target) == ("revert", "Third.", mt)
    with pytest.raises(IllegalTransition, match="same text"):
        services.segment_revert(segment=segment, user=users["translator"], to_version=1, version=4)
    with pytest.raises(InvalidInput, match="no version 9"):
        services.segment_revert(segment=segment, user=users["translator"], to_version=9, version=4)


def test_archived_documents_are_read_only_and_restorable(document, segment, users):
    with pytest.raises(NotAllowed):
        services.document_archive(document=document, user=users["editor"])
    services.document_archive(document=document, user=users["manager"])
    with pytest.raises(IllegalTransition, match="archived"):
        services.segment_edit(segment=segment, user=users["translator"], target="x", version=1)
    with pytest.raises(IllegalTransition, match="archived"):
        services.segments_bulk_review(
            document=document, segment_ids=[segment.pk], user=users["editor"], action="approve"
        )
    services.document_archive(document=document, user=users["manager"], archived=False)
    assert services.segment_edit(segment=segment, user=users["translator"], target="x", version=1)
    assert document.segments.count() > 0  # nothing was deleted
