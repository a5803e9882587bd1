"""The two trust rules on every service path that can reach them: four-eyes review
(nobody approves, or keeps approved, their own text) and archived documents
(read-only, whatever the path)."""

import pytest

from reviews import services
from reviews.errors import IllegalTransition, NotAllowed
from reviews.find_replace import FindSpec
from reviews.models import Revision, Segment


def spec(find, replacement):
    return FindSpec(find=find, replacement=replacement, use_regex=False, case=False)


@pytest.fixture
def four_eyes(project, users):
    services.project_update(project=project, user=users["manager"], four_eyes=True)
    project.refresh_from_db()
    return project


@pytest.fixture
def own_text(four_eyes, segment, users):
    """A segment whose current text the editor wrote."""
    return services.segment_edit(
        segment=segment, user=users["editor"], target="The editor's Zheyun'an.", version=1
    )


def test_bulk_approval_leaves_out_the_editors_own_text(own_text, document, users):
    other = document.segments.exclude(pk=own_text.pk).order_by("position").first()
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[own_text.pk, other.pk],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert (result.changed, result.four_eyes) == (1, 1)
    own_text.refresh_from_db()
    other.refresh_from_db()
    assert (own_text.state, other.state) == ("translated", "approved")
    # Someone else may approve it in bulk.
    result = services.segments_bulk_review(
        document=document, segment_ids=[own_text.pk], user=users["manager"], action="approve"
    )
    assert (result.changed, result.four_eyes) == (1, 0)


def test_bulk_approval_of_own_text_is_allowed_without_four_eyes(segment, document, users):
    services.segment_edit(segment=segment, user=users["editor"], target="Mine.", version=1)
    result = services.segments_bulk_review(
        document=document, segment_ids=[segment.pk], user=users["editor"], action="approve"
    )
    assert (result.changed, result.four_eyes) == (1, 0)


def test_replace_cannot_keep_the_editors_new_text_approved(four_eyes, segment, users):
    services.segment_edit(
        segment=segment, user=users["translator"], target="Zhe Yunan is here.", version=1
    )
    services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    result = services.segments_find_replace(
        project=four_eyes,
        user=users["editor"],
        spec=spec("Zhe Yunan", "Zheyun'an"),
        picks={segment.pk: 3},
        keep_approved=True,
    )
    segment.refresh_from_db()
    assert (segment.target, segment.state) == ("Zheyun'an is here.", "translated")
    assert (result.changed, result.four_eyes) == (1, 1)
    # The manager approves the editor's replacement: four eyes.
    assert (
        services.segment_approve(segment=segment, reviewer=users["manager"], version=4).state
        == "approved"
    )


def test_replace_keeps_approved_without_four_eyes(project, segment, users):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    services.segments_find_replace(
        project=project,
        user=users["editor"],
        spec=spec("Zhe Yunan", "Zheyun'an"),
        picks={segment.pk: 2},
        keep_approved=True,
    )
    segment.refresh_from_db()
    assert segment.state == "approved"


def test_undo_does_not_reapprove_the_undoers_own_text(four_eyes, own_text, document, users):
    services.segment_approve(segment=own_text, reviewer=users["manager"], version=2)
    rejected = services.segments_bulk_review(
        document=document,
        segment_ids=[own_text.pk],
        user=users["editor"],
        action="reject",
        reason="Wrong name.",
    )
    result = services.bulk_undo(batch=rejected.batch, user=users["editor"], document=document)
    own_text.refresh_from_db()
    assert own_text.state == "rejected"
    assert (result.changed, result.four_eyes) == (0, 1)
    # The manager, who did not write it, may undo the rejection and so approve it again.
    result = services.bulk_undo(batch=rejected.batch, user=users["manager"], document=document)
    own_text.refresh_from_db()
    assert (own_text.state, result.changed) == ("approved", 1)


def test_undo_reapproves_text_written_by_someone_else(four_eyes, segment, document, users):
    services.segment_edit(segment=segment, user=users["translator"], target="T's text.", version=1)
    services.segment_approve(segment=segment, reviewer=users["manager"], version=2)
    rejected = services.segments_bulk_review(
        document=document,
        segment_ids=[segment.pk],
        user=users["editor"],
        action="reject",
        reason="No.",
    )
    result = services.bulk_undo(batch=rejected.batch, user=users["editor"], document=document)
    segment.refresh_from_db()
    assert (segment.state, result.changed, result.four_eyes) == ("approved", 1, 0)


# --- archived documents: every write path refuses, nothing changes ---------------------


def snapshot():
    return (
        sorted(Segment.objects.values_list("pk", "version", "target", "state")),
        Revision.objects.count(),
    )


@pytest.fixture
def archived(document, segment, users):
    """The document, with a bulk batch and a replace batch made before it was archived."""
    bulk = services.segments_bulk_review(
        document=document, segment_ids=[segment.pk], user=users["editor"], action="translate"
    )
    other = document.segments.exclude(pk=segment.pk).order_by("position").first()
    replaced = services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=spec(other.target[:6], "XYZ"),
        picks={other.pk: other.version},
        document=document,
    )
    services.document_archive(document=document, user=users["manager"])
    document.refresh_from_db()
    return document, bulk.batch, replaced.batch


WRITES = {
    "edit": lambda d, s, u, b: services.segment_edit(
        segment=s, user=u["translator"], target="x", version=s.version
    ),
    "approve": lambda d, s, u, b: services.segment_approve(
        segment=s, reviewer=u["editor"], version=s.version
    ),
    "reject": lambda d, s, u, b: services.segment_reject(
        segment=s, reviewer=u["editor"], reason="r", version=s.version
    ),
    "revert": lambda d, s, u, b: services.segment_revert(
        segment=s, user=u["editor"], to_version=1, version=s.version
    ),
    "bulk": lambda d, s, u, b: services.segments_bulk_review(
        document=d, segment_ids=[s.pk], user=u["editor"], action="approve"
    ),
    "undo-in-document": lambda d, s, u, b: services.bulk_undo(
        batch=b[0], user=u["editor"], document=d
    ),
    "replace-in-document": lambda d, s, u, b: services.segments_find_replace(
        project=d.project,
        user=u["editor"],
        spec=spec(s.target[:4], "Q"),
        picks={s.pk: s.version},
        document=d,
    ),
    "comment": lambda d, s, u, b: services.comment_add(segment=s, author=u["editor"], text="Hm."),
    "reference": lambda d, s, u, b: services.document_reference_set(
        document=d, user=u["editor"], data=b"x\n" * d.segments.count(), filename="ref.txt"
    ),
}


@pytest.mark.parametrize("path", sorted(WRITES))
def test_every_write_path_refuses_an_archived_document(archived, segment, users, path):
    document, *batches = archived
    segment.refresh_from_db()
    before = snapshot()
    with pytest.raises(IllegalTransition, match="archived"):
        WRITES[path](document, segment, users, batches)
    assert snapshot() == before


def test_project_wide_replace_and_undo_leave_archived_documents_alone(archived, segment, users):
    document, _bulk, replace_batch = archived
    before = snapshot()
    # Project-wide undo of a batch made before the archive: nothing to restore.
    result = services.bulk_undo(batch=replace_batch, user=users["editor"], project=document.project)
    assert (result.changed, result.archived) == (0, 1)
    # Project-wide replace: an archived document's segments are neither shown nor changed.
    segment.refresh_from_db()
    found, _cut = services.replace_preview(
        project=document.project, user=users["editor"], spec=spec(segment.target[:6], "Q")
    )
    assert found == []
    result = services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=spec(segment.target[:6], "Q"),
        picks={segment.pk: segment.version},
    )
    assert result.changed == 0
    assert snapshot() == before


def test_translator_may_not_keep_approved(project, segment, users):
    with pytest.raises(NotAllowed):
        services.segments_find_replace(
            project=project,
            user=users["translator"],
            spec=spec("Zhe Yunan", "Zheyun'an"),
            picks={segment.pk: 1},
            keep_approved=True,
        )


# --- field limits hold on every write path, not only in the form and the API -----------


def test_no_write_path_stores_a_translation_longer_than_the_limit(project, segment, users):
    from reviews import limits
    from reviews.errors import InvalidInput

    too_long = "x" * (limits.TARGET_MAX + 1)
    with pytest.raises(InvalidInput, match="at most"):
        services.segment_edit(segment=segment, user=users["translator"], target=too_long, version=1)
    with pytest.raises(InvalidInput, match="at most"):
        services.segment_approve(
            segment=segment, reviewer=users["editor"], version=1, target=too_long
        )
    # A replacement within its own limit can still grow a text past the target's.
    services.segment_edit(
        segment=segment, user=users["translator"], target="ab " * 30_000, version=1
    )
    with pytest.raises(InvalidInput, match="longer than"):
        services.segments_find_replace(
            project=project,
            user=users["editor"],
            spec=spec("ab", "abcd"),
            picks={segment.pk: 2},
        )
    segment.refresh_from_db()
    assert (segment.version, segment.target) == (2, "ab " * 30_000)
