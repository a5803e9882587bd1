"""Stored metrics: every write of segment text keeps SegmentMetrics and the document's
totals current, and scores from them equal sacrebleu's corpus functions."""

import pytest
import sacrebleu
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import metrics, reports, services
from reviews.errors import ImportFailed, NotAllowed
from reviews.models import DocumentMetrics, Segment, SegmentMetrics
from reviews.services import scoring


def sacre(pairs):
    hyps, refs = [h for h, _ in pairs], [[r for _, r in pairs]]
    return (
        sacrebleu.corpus_bleu(hyps, refs).score,
        sacrebleu.corpus_chrf(hyps, refs, word_order=2).score,
        sacrebleu.corpus_ter(hyps, refs).score,
    )


def app_scores(document):
    totals = services.document_totals(document=document)
    corpus = reports.scores_from_totals(totals, "en").corpus
    return corpus.bleu, corpus.chrf, corpus.ter


def assert_matches_sacrebleu(document):
    pairs = list(document.segments.order_by("position").values_list("mt", "target"))
    assert app_scores(document) == pytest.approx(sacre(pairs), abs=0.01)
    stored = DocumentMetrics.objects.get(document=document).totals
    rebuilt = scoring.document_totals_rebuild(document_id=document.pk)
    assert stored == rebuilt  # the running sums never drift from a recount


def test_import_measures_every_segment(document):
    n = document.segments.count()
    assert SegmentMetrics.objects.filter(segment__document=document).count() == n
    totals = DocumentMetrics.objects.get(document=document).totals
    assert (totals["segments"], totals["references"]) == (n, 0)
    assert app_scores(document) == pytest.approx((100.0, 100.0, 0.0))  # nothing edited yet
    assert set(SegmentMetrics.objects.values_list("ter", flat=True)) == {0.0}


def test_every_kind_of_write_keeps_the_scores_current(document, users):
    segs = list(document.segments.order_by("position")[:8])
    translator, editor = users["translator"], users["editor"]
    services.segment_edit(
        segment=segs[0], user=translator, target=segs[0].target.replace("the", "a"), version=1
    )
    assert_matches_sacrebleu(document)
    services.segment_approve(
        segment=segs[1], reviewer=editor, version=1, target="An editor's correction."
    )
    services.segment_edit(segment=segs[2], user=translator, target="", version=1)
    assert_matches_sacrebleu(document)
    rejected = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segs[3:6]],
        user=editor,
        action="reject",
        reason="Names",
    )
    services.segment_edit(segment=segs[3], user=translator, target="Zheyun'an.", version=2)
    services.bulk_undo(document=document, batch=rejected.batch, user=editor)
    assert_matches_sacrebleu(document)
    row = SegmentMetrics.objects.get(segment=segs[2])
    assert (row.ter, row.words) == (
        sacrebleu.sentence_ter(segs[2].mt, [""]).score,
        0,
    )


def test_state_changes_alone_score_nothing(document, users, monkeypatch):
    segs = list(document.segments.order_by("position")[:3])
    calls = []
    real = metrics.segment_stats
    monkeypatch.setattr(metrics, "segment_stats", lambda *a, **k: calls.append(a) or real(*a, **k))
    services.segment_approve(segment=segs[0], reviewer=users["editor"], version=1)
    services.segment_reject(segment=segs[1], reviewer=users["editor"], reason="r", version=1)
    services.segments_bulk_review(
        document=document, segment_ids=[segs[2].pk], user=users["editor"], action="approve"
    )
    assert calls == []
    services.segment_edit(segment=segs[0], user=users["editor"], target="New.", version=2)
    assert len(calls) == 1


def test_stale_stored_stats_are_recomputed_on_read(document, users):
    seg = document.segments.order_by("position").first()
    services.segment_edit(segment=seg, user=users["translator"], target="Other words.", version=1)
    row = SegmentMetrics.objects.get(segment=seg)
    row.stats = {**row.stats, "v": 0}
    row.save()
    DocumentMetrics.objects.filter(document=document).update(
        totals={**DocumentMetrics.objects.get(document=document).totals, "stats": {"v": 0}}
    )
    SegmentMetrics.objects.filter(segment=document.segments.last()).delete()
    assert_matches_sacrebleu(document)
    assert metrics.stats_are_current(SegmentMetrics.objects.get(segment=seg).stats)
    assert SegmentMetrics.objects.filter(segment__document=document).count() == (
        document.segments.count()
    )


def test_long_segments_are_scored_and_flagged(project, users):
    long_line = " ".join(f"word{i}" for i in range(500)) + "."
    doc = services.document_import(
        project=project, data=f"Short one.\n{long_line}\n".encode(), filename="l.txt"
    )
    flags = list(doc.segments.order_by("position").values_list("metrics__long_input", flat=True))
    assert flags == [False, True]
    assert DocumentMetrics.objects.get(document=doc).totals["long_inputs"] == 1


def test_reference_scores_both_sides_against_it(document, users):
    segs = list(document.segments.order_by("position"))
    services.segment_edit(
        segment=segs[0], user=users["translator"], target="Zheyun'an is fine.", version=1
    )
    lines = [
        s.target.replace("Zhe Yunan", "Zheyun'an") if i % 3 else "" for i, s in enumerate(segs)
    ]
    n = services.document_reference_set(
        document=document,
        user=users["editor"],
        data=("\n".join(lines) + "\n").encode(),
        filename="ref.txt",
    )
    assert n == sum(1 for line in lines if line)
    services.segment_edit(segment=segs[1], user=users["translator"], target="Changed.", version=1)
    scores = reports.scores_from_totals(services.document_totals(document=document), "en")
    current = list(document.segments.order_by("position").values_list("mt", "target"))
    with_ref = [(mt, tgt, ref) for (mt, tgt), ref in zip(current, lines, strict=True) if ref]
    mt_vs_ref = sacre([(mt, ref) for mt, _, ref in with_ref])
    target_vs_ref = sacre([(tgt, ref) for _, tgt, ref in with_ref])
    got = scores.reference_mt
    assert (got.bleu, got.chrf, got.ter) == pytest.approx(mt_vs_ref, abs=0.01)
    got = scores.reference_target
    assert (got.bleu, got.chrf, got.ter) == pytest.approx(target_vs_ref, abs=0.01)
    assert scores.reference_segments == n
    assert_matches_sacrebleu(document)


def test_reference_rules(document, users):
    with pytest.raises(NotAllowed):
        services.document_reference_set(
            document=document, user=users["translator"], data=b"x\n", filename="r.txt"
        )
    with pytest.raises(ImportFailed, match="r.txt: 2 lines for"):
        services.document_reference_set(
            document=document, user=users["editor"], data=b"a\nb\n", filename="r.txt"
        )
    with pytest.raises(ImportFailed, match="UTF-8"):
        services.document_reference_set(
            document=document, user=users["editor"], data=b"\xff\xfe", filename="r.txt"
        )


def _measured(segment, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        scoring.segments_measure([segment], **kwargs)
    return [q["sql"].split()[0].upper() for q in ctx.captured_queries]


def test_one_edited_segment_costs_four_queries(document):
    # The save path hands over the segment with its document and project loaded: read
    # the old row, write the new one, lock and move the document's sums.
    segment = Segment.objects.select_related("document__project").get(document=document, position=0)
    segment.target = "A new translation."
    Segment.objects.filter(pk=segment.pk).update(target=segment.target)
    assert _measured(segment) == ["SELECT", "UPDATE", "SELECT", "UPDATE"]
    assert _measured(segment) == []  # unchanged since, and it carries its row now
    assert_matches_sacrebleu(document)


def test_a_segment_read_with_its_metrics_costs_three(document):
    # The save's locked read brings the stored row along (select_related("metrics")).
    segment = Segment.objects.select_related("document__project", "metrics").get(
        document=document, position=0
    )
    segment.target = "A new translation."
    Segment.objects.filter(pk=segment.pk).update(target=segment.target)
    assert _measured(segment) == ["UPDATE", "SELECT", "UPDATE"]
    fresh = Segment.objects.select_related("document__project").get(pk=segment.pk)
    assert _measured(fresh) == ["SELECT"]  # no row with it: read, current, nothing to do
    assert_matches_sacrebleu(document)


def test_the_target_language_is_looked_up_only_when_unknown(document):
    segment = Segment.objects.get(document=document, position=1)
    segment.target = "Another translation."
    Segment.objects.filter(pk=segment.pk).update(target=segment.target)
    assert len(_measured(segment)) == 5  # one more: the project's target language
    segment.target = "A third translation."
    Segment.objects.filter(pk=segment.pk).update(target=segment.target)
    assert len(_measured(segment, target_lang="en")) == 3  # and it carries its row now
    assert_matches_sacrebleu(document)


def test_a_rebuild_stores_what_a_save_would(document):
    # The rows a rebuild INSERTs (executemany on SQLite) read back like saved ones.
    SegmentMetrics.objects.filter(segment__document=document).delete()
    DocumentMetrics.objects.filter(document=document).delete()
    scoring.document_totals_rebuild(document_id=document.pk)
    for row in SegmentMetrics.objects.filter(segment__document=document).select_related("segment"):
        expected = scoring._measure(row.segment, "", "en")
        got = [getattr(row, name) for name in ["segment_id", *scoring.FIGURES]]
        assert got == [getattr(expected, name) for name in ["segment_id", *scoring.FIGURES]]
