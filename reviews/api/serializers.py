"""Plain dicts for the API's JSON, shaped as CONTRACT.md says."""

from __future__ import annotations

from ..models import Document, Project, Revision, Segment
from ..reports import Scores
from ..selectors import Progress


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
