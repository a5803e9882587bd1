"""Reads for the metrics endpoint and the report pages: scores from stored totals, the
per-segment figures, LQA errors and verdicts, time to edit and throughput per person.

Selectors: no writes. The totals they score come from services.scoring, which keeps
them current (and may rebuild them on read).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from . import lqa, metrics
from .models import Document, LqaError, Project, Revision, Segment
from .states import Action

# Upper bounds of the HTER histogram's bins, in TER points; the last bin is open.
TER_BINS = (0, 10, 20, 30, 40, 50, 60, 80, 100)


@dataclass(frozen=True)
class Scores:
    """Corpus scores of the MT against the current translation (HBLEU, HchrF++, HTER),
    and, where references were uploaded, of the MT and of the translation against them."""

    corpus: metrics.CorpusScores
    segments: int
    words: int
    long_inputs: int
    reference_segments: int
    reference_mt: metrics.CorpusScores | None
    reference_target: metrics.CorpusScores | None

    def reference_json(self) -> dict[str, Any] | None:
        if not self.reference_segments:
            return None
        return {
            "segments": self.reference_segments,
            "mt": _score_json(self.reference_mt),
            "target": _score_json(self.reference_target),
            "signatures": self.reference_mt.signatures,
        }


def _score_json(scores: metrics.CorpusScores) -> dict[str, float]:
    return {"bleu": scores.bleu, "chrf": scores.chrf, "ter": scores.ter}


def scores_from_totals(totals: dict[str, Any], lang: str) -> Scores:
    """Score column sums (services.scoring totals) exactly as sacrebleu's corpus
    functions would score the segments they were summed from."""
    refs = totals["references"]
    return Scores(
        corpus=_scored(totals["stats"], totals["segments"], lang),
        segments=totals["segments"],
        words=totals["words"],
        long_inputs=totals["long_inputs"],
        reference_segments=refs,
        reference_mt=_scored(totals["reference_mt"], refs, lang) if refs else None,
        reference_target=_scored(totals["reference_target"], refs, lang) if refs else None,
    )


def _scored(summed: dict[str, Any], count: int, lang: str) -> metrics.CorpusScores:
    if not count:
        return metrics.corpus_scores([], lang)
    scores = metrics.corpus_scores([summed], lang)  # one "segment" holding all the sums
    return metrics.CorpusScores(scores.bleu, scores.chrf, scores.ter, scores.signatures, count)


def segment_figures(*, document: Document) -> QuerySet:
    """(id, ter, chrf) of each segment in order; None for one not measured yet."""
    return document.segments.order_by("position").values_list("pk", "metrics__ter", "metrics__chrf")


@dataclass(frozen=True)
class Bin:
    label: str
    count: int


def ter_histogram(*, segments: QuerySet[Segment]) -> list[Bin]:
    """How many segments fall in each HTER band (0 = the MT was kept as it is)."""
    bounds = list(zip(TER_BINS, TER_BINS[1:], strict=False))
    counts = {"0": Q(metrics__ter=0)}
    for low, high in bounds:
        counts[f"{low}–{high}"] = Q(metrics__ter__gt=low, metrics__ter__lte=high)
    counts[f"> {TER_BINS[-1]}"] = Q(metrics__ter__gt=TER_BINS[-1])
    bins = {f"b{i}": Count("pk", filter=q) for i, q in enumerate(counts.values())}
    row = segments.aggregate(**bins)
    return [Bin(label, row[f"b{i}"]) for i, label in enumerate(counts)]


# ---------------------------------------------------------------------------------------
# LQA


@dataclass(frozen=True)
class LqaSummary:
    by_category: dict[str, dict[str, int]]  # category → severity → count
    by_severity: dict[str, int]
    verdict: lqa.Verdict

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def lqa_summary(*, revisions: QuerySet[Revision], project: Project, words: int) -> LqaSummary:
    rows = (
        LqaError.objects.filter(revision__in=revisions)
        .values_list("category", "severity")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_category = {c: dict.fromkeys(lqa.Severity.values, 0) for c in lqa.Category.values}
    by_severity: Counter[str] = Counter({s: 0 for s in lqa.Severity.values})
    for category, severity, n in rows:
        by_category[category][severity] += n
        by_severity[severity] += n
    verdict = lqa.verdict(
        by_severity, words=words, weights=project.lqa_weights, threshold=project.lqa_threshold
    )
    return LqaSummary(by_category, dict(by_severity), verdict)


# ---------------------------------------------------------------------------------------
# People


@dataclass(frozen=True)
class EditTime:
    user: str
    edits: int
    median_ms: int
    total_ms: int


def edit_times(*, revisions: QuerySet[Revision]) -> list[EditTime]:
    """Time to edit per author, over the edits whose page reported it."""
    timed = revisions.filter(action=Action.EDIT, edit_ms__isnull=False)
    by_user: dict[str, list[int]] = defaultdict(list)
    for user, ms in timed.values_list("author__username", "edit_ms"):
        by_user[user or "(deleted user)"].append(ms)
    return [
        EditTime(user, len(times), int(statistics.median(times)), sum(times))
        for user, times in sorted(by_user.items())
    ]


@dataclass(frozen=True)
class Throughput:
    """What one person did, per action: ``actions`` counts a bulk action (one batch: a
    bulk review, its undo, a find and replace) once, whatever its size; ``segments``
    counts the segments the actions changed."""

    user: str
    actions: dict[str, int] = field(default_factory=dict)
    segments: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.actions.values())

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(actions, segments) per action, in ``Action`` order (imports left out)."""
        return [(n, self.segments.get(action, n)) for action, n in self.actions.items()]


def throughput(*, revisions: QuerySet[Revision]) -> list[Throughput]:
    """Actions per person and kind (imports left out: they are not review work): one
    query, a batch counted once."""
    rows = (
        revisions.exclude(action=Action.IMPORT)
        .values_list("author__username", "action")
        .annotate(
            singles=Count("id", filter=Q(batch__isnull=True)),
            batches=Count("batch", distinct=True),
            n=Count("id"),
        )
        .order_by()
    )
    kinds = [a for a in Action.values if a != Action.IMPORT]
    actions: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(kinds, 0))
    segments: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(kinds, 0))
    for user, action, singles, batches, n in rows:
        name = user or "(deleted user)"
        actions[name][action] += singles + batches
        segments[name][action] += n
    return [Throughput(user, actions[user], segments[user]) for user in sorted(actions)]


def document_revisions(*, document: Document) -> QuerySet[Revision]:
    return Revision.objects.filter(segment__document=document)


def project_revisions(*, project: Project) -> QuerySet[Revision]:
    return Revision.objects.filter(segment__document__project=project)


def _live_only(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    """The LQA errors weigh against the words of the segments in the document now:
    those of segments a new version removed leave with them (the work done stays in
    the throughput and edit times)."""
    return revisions.filter(segment__removed_at=None)


# ---------------------------------------------------------------------------------------
# Whole reports, shared by the HTML pages, their CSV and the API


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    scores: Scores
    lqa: LqaSummary


@dataclass(frozen=True)
class Report:
    scores: Scores
    histogram: list[Bin]
    lqa: LqaSummary
    edit_times: list[EditTime]
    throughput: list[Throughput]
    documents: list[DocumentRow] | None = None  # project reports only


def document_report(*, document: Document, totals: dict[str, Any]) -> Report:
    project = document.project
    scores = scores_from_totals(totals, project.target_lang)
    revisions = document_revisions(document=document)
    return Report(
        scores=scores,
        histogram=ter_histogram(segments=document.segments.all()),
        lqa=lqa_summary(revisions=_live_only(revisions), project=project, words=scores.words),
        edit_times=edit_times(revisions=revisions),
        throughput=throughput(revisions=revisions),
    )


def project_report(
    *, project: Project, totals: dict[str, Any], per_document: dict[int, dict[str, Any]]
) -> Report:
    scores = scores_from_totals(totals, project.target_lang)
    revisions = project_revisions(project=project)
    rows = []
    for document in project.documents.defer("skeleton").order_by("created_at", "id"):
        doc_scores = scores_from_totals(per_document[document.pk], project.target_lang)
        doc_lqa = lqa_summary(
            revisions=_live_only(document_revisions(document=document)),
            project=project,
            words=doc_scores.words,
        )
        rows.append(DocumentRow(document, doc_scores, doc_lqa))
    return Report(
        scores=scores,
        histogram=ter_histogram(segments=Segment.objects.filter(document__project=project)),
        lqa=lqa_summary(revisions=_live_only(revisions), project=project, words=scores.words),
        edit_times=edit_times(revisions=revisions),
        throughput=throughput(revisions=revisions),
        documents=rows,
    )


def segments_for_csv(*, document: Document) -> QuerySet:
    return document.segments.order_by("position").values_list(
        "position",
        "pk",
        "state",
        "metrics__ter",
        "metrics__chrf",
        "metrics__bleu",
        "source",
        "mt",
        "target",
    )
