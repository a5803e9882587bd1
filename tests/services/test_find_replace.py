"""Find and replace: preview = apply, permissions, states, staleness, glossary, undo."""

import pytest

from reviews import services
from reviews.errors import InvalidInput, NotAllowed
from reviews.find_replace import FindSpec, compile_spec, replace_in
from reviews.models import GlossaryTerm, Revision

FIX = FindSpec("Zhe Yunan", "Zheyun'an")


@pytest.mark.parametrize(
    ("spec", "text", "expected", "count"),
    [
        (FindSpec("zhe yunan", "Zheyun'an"), "Zhe Yunan, zhe yunan", "Zheyun'an, Zheyun'an", 2),
        (FindSpec("zhe yunan", "X", case=True), "Zhe Yunan, zhe yunan", "Zhe Yunan, X", 1),
        (FindSpec("an", "AN", whole_word=True), "an ant an", "AN ant AN", 2),
        (
            FindSpec(r"(\d+),(\d{3})", r"\1\2", use_regex=True),
            "21,000 and 45,000",
            "21000 and 45000",
            2,
        ),
        (FindSpec(r"x*", "y", use_regex=True), "abc", "abc", 0),  # empty matches change nothing
        (FindSpec("<b>", "&amp;"), "a <b> b", "a &amp; b", 1),
    ],
)
def test_replace_in(spec, text, expected, count):
    assert replace_in(text, compile_spec(spec), spec) == (expected, count)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (FindSpec(""), "Give the text"),
        (FindSpec("(", use_regex=True), "not valid"),
        (FindSpec("a", "x" * 501), "at most"),
    ],
)
def test_bad_specs_are_refused(spec, message):
    with pytest.raises(InvalidInput, match=message):
        compile_spec(spec)


def test_bad_group_reference_is_refused_at_apply(document, users, segment):
    spec = FindSpec("Zhe (Yunan)", r"\2", use_regex=True)
    with pytest.raises(InvalidInput, match="replacement is not valid"):
        services.replace_preview(project=document.project, user=users["editor"], spec=spec)


def test_preview_lists_each_changed_segment_with_a_diff(document, users, segment):
    found, truncated = services.replace_preview(
        project=document.project, user=users["translator"], spec=FIX
    )
    assert not truncated
    assert [o.segment.pk for o in found] == [segment.pk]
    assert found[0].count == 1 and found[0].allowed
    assert "<del>Zhe Yunan</del>" in found[0].diff or "<del>Zhe</del>" in found[0].diff
    assert "Zheyun&#x27;an" in found[0].diff


def test_apply_is_one_batch_of_revisions_by_the_user(document, users):
    spec = FindSpec("Zhejiang", "Zhejiang Province", whole_word=True, case=True)
    found, _ = services.replace_preview(project=document.project, user=users["editor"], spec=spec)
    picks = {o.segment.pk: o.segment.version for o in found}
    assert len(picks) > 3
    result = services.segments_find_replace(
        project=document.project, user=users["editor"], spec=spec, picks=picks
    )
    assert (result.changed, result.skipped) == (len(picks), 0)
    revisions = Revision.objects.filter(batch=result.batch)
    assert revisions.count() == len(picks)
    assert {r.author for r in revisions} == {users["editor"]}
    assert {r.note for r in revisions} == {'replaced text "Zhejiang" with "Zhejiang Province"'}


def test_only_picked_and_unchanged_segments_are_replaced(document, users, segment):
    spec = FindSpec("Zhejiang", "ZJ")
    found, _ = services.replace_preview(project=document.project, user=users["editor"], spec=spec)
    first, second, third = (o.segment for o in found[:3])
    services.segment_edit(
        segment=second,
        user=users["translator"],
        target=second.target + " x",
        version=second.version,
    )
    result = services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=spec,
        picks={first.pk: first.version, second.pk: second.version},
    )
    assert (result.changed, result.skipped) == (1, 1)  # the second changed since the preview
    third.refresh_from_db()
    assert "ZJ" not in third.target  # not picked


def test_approved_segments(document, users, segment):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    # Translators may not change approved text: it is not even offered.
    found, _ = services.replace_preview(
        project=document.project, user=users["translator"], spec=FIX
    )
    assert [o.allowed for o in found] == [False]
    result = services.segments_find_replace(
        project=document.project, user=users["translator"], spec=FIX, picks={segment.pk: 2}
    )
    assert (result.changed, result.skipped) == (0, 1)
    with pytest.raises(NotAllowed):
        services.segments_find_replace(
            project=document.project,
            user=users["translator"],
            spec=FIX,
            picks={segment.pk: 2},
            keep_approved=True,
        )
    # An editor's replacement sends it back to translated...
    result = services.segments_find_replace(
        project=document.project, user=users["editor"], spec=FIX, picks={segment.pk: 2}
    )
    segment.refresh_from_db()
    assert (segment.state, result.changed) == ("translated", 1)
    # ...unless the editor keeps it approved.
    services.bulk_undo(project=document.project, batch=result.batch, user=users["editor"])
    segment.refresh_from_db()
    assert segment.state == "approved" and "Zhe Yunan" in segment.target
    services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=FIX,
        picks={segment.pk: segment.version},
        keep_approved=True,
    )
    segment.refresh_from_db()
    assert segment.state == "approved" and "Zheyun'an" in segment.target


def test_document_scope(project, users, document, seed_bytes):
    other = services.document_import(
        project=project, data=seed_bytes, filename="other.txt", user=users["manager"]
    )
    found, _ = services.replace_preview(project=project, user=users["editor"], spec=FIX)
    assert len(found) == 2
    found, _ = services.replace_preview(
        project=project, user=users["editor"], spec=FIX, document=other
    )
    assert [o.segment.document_id for o in found] == [other.pk]


def test_add_old_text_as_a_forbidden_variant(document, users, segment):
    services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=FIX,
        picks={segment.pk: 1},
        add_forbidden=True,
    )
    term = GlossaryTerm.objects.get()
    assert (term.rendering, term.forbidden) == ("Zheyun'an", ["Zhe Yunan"])
    with pytest.raises(NotAllowed):
        services.segments_find_replace(
            project=document.project,
            user=users["translator"],
            spec=FindSpec("Zheli", "Zhe Li"),
            picks={segment.pk: 2},
            add_forbidden=True,
        )
    with pytest.raises(InvalidInput, match="plain text"):
        services.segments_find_replace(
            project=document.project,
            user=users["editor"],
            spec=FindSpec("Zhel+i", "Zheli", use_regex=True),
            picks={segment.pk: 2},
            add_forbidden=True,
        )


def test_translators_undo_their_own_replacement_but_not_others(document, users, segment):
    mine = services.segments_find_replace(
        project=document.project, user=users["translator"], spec=FIX, picks={segment.pk: 1}
    )
    undo = services.bulk_undo(project=document.project, batch=mine.batch, user=users["translator"])
    assert undo.changed == 1
    theirs = services.segments_find_replace(
        project=document.project, user=users["editor"], spec=FIX, picks={segment.pk: 3}
    )
    with pytest.raises(NotAllowed):
        services.bulk_undo(project=document.project, batch=theirs.batch, user=users["translator"])


def test_chosen_occurrences_only(project, users):
    document = services.document_import(
        project=project, data=b"a x a x a\n", filename="a.txt", user=users["manager"]
    )
    segment = document.segments.get()
    spec = FindSpec("a", "b", whole_word=True)
    [preview] = services.replace_preview(project=project, user=users["editor"], spec=spec)[0]
    assert [h.index for h in preview.hits] == [0, 1, 2]
    services.segments_find_replace(
        project=project,
        user=users["editor"],
        spec=spec,
        picks={segment.pk: 1},
        occurrences={segment.pk: {1}},
    )
    segment.refresh_from_db()
    assert segment.target == "a x b x a"
