"""Stored QA results: computed on import, recomputed by every service that changes text."""

from collections import Counter

import pytest

from reviews import selectors, services
from reviews.errors import QaBlocked
from reviews.find_replace import FindSpec
from reviews.models import Segment

SEED_PROBLEMS = {
    "Zhe Yunan": "romanized-name",
    "Zhezhizhi": "romanized-name",
    "Modernization”": "quotes",  # the closing ” with no opening one
    "enabling The complex": "stray-capital",
}


def test_the_seed_import_stores_qa_for_the_known_problems(document):
    segments = list(document.segments.order_by("position"))
    for needle, check in SEED_PROBLEMS.items():
        hits = [s for s in segments if needle in s.target]
        assert hits, needle
        for segment in hits:
            assert check in {r["check"] for r in segment.qa}, (needle, segment.qa)
            assert f" {check} " in segment.qa_checks
            assert segment.qa_level in ("warning", "error")
            for result in segment.qa:
                for start, end in result["spans"]:
                    assert 0 <= start <= end <= len(segment.target)
    levels = Counter(s.qa_level for s in segments)
    by_check = Counter(r["check"] for s in segments for r in {x["check"]: x for x in s.qa}.values())
    print(f"\nseed: {len(segments)} segments; by worst severity {dict(levels)}")
    print("segments per check:", dict(sorted(by_check.items())))
    warned = levels["warning"] + levels["error"]
    assert levels["none"] + levels["info"] > 2 * warned  # most clean sentences carry none


def test_the_closing_quote_span_points_at_the_quote(document):
    segment = document.segments.get(target__contains="Modernization”")
    [quote] = [r for r in segment.qa if r["check"] == "quotes"]
    (start, end), *_ = quote["spans"]
    assert segment.target[start:end] == "”"


def test_edit_recomputes_qa(segment, users):
    assert "romanized-name" in segment.qa_checks
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target="It was fixed, cleanly.", version=1
    )
    stored = Segment.objects.get(pk=segment.pk)
    assert stored.qa == edited.qa == [] and stored.qa_level == "none" and stored.qa_checks == ""
    services.segment_edit(segment=stored, user=users["translator"], target="the the end", version=2)
    stored.refresh_from_db()
    assert stored.qa_checks == " repeated-words " and stored.qa_level == "warning"


def test_approve_with_correction_recomputes_qa(segment, users):
    services.segment_approve(
        segment=segment, reviewer=users["editor"], version=1, target="This is a clean sentence."
    )
    segment.refresh_from_db()
    assert (segment.state, segment.qa) == ("approved", [])


def test_bulk_and_revert_recompute_qa(document, users, segment):
    services.segment_edit(segment=segment, user=users["editor"], target="Clean.", version=1)
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[segment.pk],
        user=users["editor"],
        action="reject",
        reason="no",
    )
    services.bulk_undo(document=document, batch=result.batch, user=users["editor"])
    segment.refresh_from_db()
    assert segment.qa == []  # the undo restored "Clean." (state only) and its QA


def test_find_replace_and_its_undo_recompute_qa(document, users, segment):
    spec = FindSpec("Zhe Yunan", "Zheyun'an")
    result = services.segments_find_replace(
        project=document.project, user=users["editor"], spec=spec, picks={segment.pk: 1}
    )
    segment.refresh_from_db()
    assert "Zheyun'an" in segment.target and "Zhe Yunan" not in flagged_names(segment)
    services.bulk_undo(project=document.project, batch=result.batch, user=users["editor"])
    segment.refresh_from_db()
    assert "Zhe Yunan" in segment.target and "Zhe Yunan" in flagged_names(segment)


def flagged_names(segment) -> set[str]:
    return {
        segment.target[a:b]
        for r in segment.qa
        if r["check"] == "romanized-name"
        for a, b in r["spans"]
    }


def test_glossary_terms_feed_the_checks_and_changes_recompute(document, users, segment):
    term = services.glossary_term_add(
        project=document.project,
        user=users["editor"],
        source="浙运安",
        rendering="Zheyun'an",
        forbidden="Zhe Yunan",
    )
    segment.refresh_from_db()
    assert " glossary " in segment.qa_checks and segment.qa_level == "error"
    services.glossary_term_delete(term=term, user=users["editor"])
    segment.refresh_from_db()
    assert " glossary " not in segment.qa_checks


def test_po_flags_from_meta_switch_checks_off(project, users):
    document = services.document_import(
        project=project, data=b"the the report", filename="a.txt", user=users["manager"]
    )
    segment = document.segments.get()
    assert segment.qa_checks == " repeated-words "
    segment.meta = {"flags": ["ignore-repeated-words"]}
    services.segments_refresh_qa(project=project, segments=[segment])
    segment.refresh_from_db()
    assert segment.qa == []


def test_approving_an_error_needs_a_reason(document, users):
    services.glossary_term_add(
        project=document.project,
        user=users["editor"],
        rendering="Zheyun'an",
        forbidden=["Zhe Yunan"],
    )
    segment = document.segments.get(target__contains="Zhe Yunan")
    with pytest.raises(QaBlocked, match="approve anyway"):
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    segment.refresh_from_db()
    assert segment.state == "new"
    # A correction that still has the error is refused too, and nothing is saved.
    with pytest.raises(QaBlocked):
        services.segment_approve(
            segment=segment, reviewer=users["editor"], version=1, target="Zhe Yunan again."
        )
    segment.refresh_from_db()
    assert (segment.version, segment.state) == (1, "new")
    approved = services.segment_approve(
        segment=segment, reviewer=users["editor"], version=1, override_reason="A real name."
    )
    assert approved.state == "approved"
    assert approved.revisions.last().note == "QA override: A real name."


def test_bulk_approve_skips_segments_with_errors(document, users):
    services.glossary_term_add(
        project=document.project,
        user=users["editor"],
        rendering="Zheyun'an",
        forbidden=["Zhe Yunan"],
    )
    ids = list(document.segments.values_list("pk", flat=True))
    result = services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert result.qa_blocked == 1 and result.skipped >= 1
    assert document.segments.get(target__contains="Zhe Yunan").state == "new"


def test_segment_qa_selector_has_the_api_shape(segment):
    results = selectors.segment_qa(segment=segment)
    assert results and all(set(r) == {"check", "severity", "message"} for r in results)
