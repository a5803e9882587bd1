"""Plain dicts for the API's JSON, shaped as CONTRACT.md says."""

from __future__ import annotations

from ..models import Document, Job, Project, Revision, Segment
from ..reports import Report, Scores
from ..selectors import Progress
from ..states import QaLevel


def project_json(project: Project, role: str | None = None) -> dict:
    data = {
        "slug": project.slug,
        "name": project.name,
        "source_lang": project.source_lang,
        "target_lang": project.target_lang,
    }
    if role:
        data["role"] = role
    return data


def document_json(document: Document, progress: Progress) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "format": document.format,
        "project": document.project.slug,
        "source_lang": document.project.source_lang,
        "target_lang": document.project.target_lang,
        "created_at": document.created_at.isoformat(),
        "total": progress.total,
        "counts": {c.state: c.count for c in progress.counts},
    }


def qa_json(segment: Segment) -> list[dict]:
    return [
        {"check": r["check"], "severity": r["severity"], "message": r["message"]}
        for r in getattr(segment, "qa", None) or []
    ]


def segment_json(segment: Segment) -> dict:
    return {
        "id": segment.pk,
        "position": segment.position,
        "key": segment.key,
        "source": segment.source,
        "target": segment.target,
        "mt": segment.mt,
        "state": segment.state,
        "version": segment.version,
        "qa": qa_json(segment),
        # True while the checks have not run yet (a big import's check job): ``qa`` is
        # then empty because nothing is known, not because nothing was found.
        "qa_pending": segment.qa_level == QaLevel.PENDING,
    }


_SEGMENT_VALUES = {
    "id": lambda s: s.pk,
    "position": lambda s: s.position,
    "key": lambda s: s.key,
    "source": lambda s: s.source,
    "target": lambda s: s.target,
    "mt": lambda s: s.mt,
    "state": lambda s: s.state,
    "version": lambda s: s.version,
    "qa": qa_json,
    "qa_pending": lambda s: s.qa_level == QaLevel.PENDING,
}


def segment_fields_json(segment: Segment, fields: tuple[str, ...]) -> dict:
    """``segment_json`` cut to ``fields``, reading nothing else (the other columns may
    not have been loaded)."""
    return {name: _SEGMENT_VALUES[name](segment) for name in fields}


def change_json(revision: Revision, *, cursor: str) -> dict:
    """One entry of the change feed; ``cursor`` resumes the feed after it."""
    return {
        "cursor": cursor,
        "segment": revision.segment_id,
        "document": revision.document_id,
        "action": revision.action,
        "state": revision.after_state,
        "version": revision.version,
        "target": revision.after_target,
        "note": revision.note,
        "author": revision.author.username if revision.author else None,
        "time": revision.created_at.isoformat(),
    }


def revision_json(revision: Revision) -> dict:
    return {
        "version": revision.version,
        "author": revision.author.username if revision.author else None,
        "time": revision.created_at.isoformat(),
        "action": revision.action,
        "target": revision.after_target,
        "state": revision.after_state,
        "note": revision.note,
    }


def metrics_json(scores: Scores, figures) -> dict:
    """CONTRACT's metrics shape, plus a ``reference`` block (null without a reference)."""
    corpus = scores.corpus
    return {
        "bleu": corpus.bleu,
        "chrf": corpus.chrf,
        "ter": corpus.ter,
        "signatures": corpus.signatures,
        "segments": [{"id": pk, "ter": ter, "chrf": chrf} for pk, ter, chrf in figures],
        "reference": scores.reference_json(),
    }


def _scores_json(scores: Scores) -> dict:
    corpus = scores.corpus
    return {
        "bleu": corpus.bleu,
        "chrf": corpus.chrf,
        "ter": corpus.ter,
        "signatures": corpus.signatures,
        "segments": scores.segments,
        "words": scores.words,
        "long_segments": scores.long_inputs,
        "reference": scores.reference_json(),
    }


def _lqa_json(summary, project: Project) -> dict:
    return {
        **summary.verdict.to_json(),
        "weights": dict(project.lqa_weights),
        "errors": [
            {"category": category, "severity": severity, "count": n}
            for category, by_severity in summary.by_category.items()
            for severity, n in by_severity.items()
            if n
        ],
    }


def report_json(report: Report, project: Project) -> dict:
    """The figures of a report page: scores, HTER histogram, LQA, throughput, edit time."""
    data = {
        "scores": _scores_json(report.scores),
        "ter_histogram": [{"bin": b.label, "segments": b.count} for b in report.histogram],
        "lqa": _lqa_json(report.lqa, project),
        "throughput": [
            {"user": t.user, "actions": t.actions, "segments": t.segments, "total": t.total}
            for t in report.throughput
        ],
        "edit_time": [
            {"user": e.user, "edits": e.edits, "median_ms": e.median_ms, "total_ms": e.total_ms}
            for e in report.edit_times
        ],
    }
    if report.documents is not None:
        data["documents"] = [
            {
                "id": row.document.pk,
                "title": row.document.title,
                "scores": _scores_json(row.scores),
                "lqa": _lqa_json(row.lqa, project),
            }
            for row in report.documents
        ]
    return data


def _time(value) -> str | None:
    return value.isoformat() if value else None


def job_json(job: Job, *, file_url: str | None = None) -> dict:
    """A background job; ``document`` is the imported (or updated) document's id once
    it exists, ``result`` what the job produced (counts, or an export's file name);
    a finished export has the ``file_url`` of its file."""
    data = {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "project": job.project.slug,
        "document": job.document_id,
        "result": job.result,
        "created_at": job.created_at.isoformat(),
        "started_at": _time(job.started_at),
        "finished_at": _time(job.finished_at),
    }
    if job.kind == Job.Kind.EXPORT:
        data["file_url"] = file_url
    return data
