"""A new version of a document's file: keep the work that still applies.

Units are aligned with the stored segments by identity (the unit's key and source, or
the MT text for a translation reviewed without source) using difflib, so order and
duplicates are respected. Unchanged units keep their translation, state and history;
a unit whose source (or MT) changed keeps its history and becomes ``new``; approved
work is never overwritten silently: a human translation is kept as the target and the
change is listed in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import formats, policy
from ..errors import InvalidInput, NotAllowed
from ..models import Document, Revision, Segment
from ..selectors import role_in_project
from ..states import Action, State, can_manage
from .check_jobs import job_enqueue_check
from .derived import segments_text_changed
from .documents import has_any_source, import_revision, segment_from_unit
from .qa import QA_FIELDS, QA_INLINE_MAX, segments_mark_pending, segments_refresh_qa
from .uploads import PARSE_SHARE, ProgressReport, parse_upload


@dataclass
class ReimportReport:
    kept: list[int] = field(default_factory=list)  # new positions (0-based)
    changed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the removed segments' text
    approved_changed: list[int] = field(default_factory=list)  # approved, now back to new

    def summary(self) -> str:
        text = (
            f"{len(self.kept)} kept, {len(self.changed)} changed, "
            f"{len(self.added)} added, {len(self.removed)} removed"
        )
        if self.approved_changed:
            text += f"; {len(self.approved_changed)} approved segments need review again"
        return text


def _identity(key: str, source: str, mt: str) -> str:
    return f"{key}\x1f{source}" if (key or source) else f"\x1e{mt}"


def document_reimport(
    *,
    document: Document,
    data: bytes,
    filename: str,
    user=None,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    progress: ProgressReport | None = None,
) -> ReimportReport:
    project = document.project
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can update documents")
    policy.ensure_writable(document)  # an archived document takes no new version either
    adapter, parsed = parse_upload(
        project=project,
        data=data,
        filename=filename,
        source_data=source_data,
        source_filename=source_filename,
        format_name=document.format if format_name == "auto" else format_name,
        progress=progress,
    )
    if adapter.name != document.format:
        raise InvalidInput(
            f"{filename}: this document is {document.format}; a new version must be too"
        )
    if progress is not None:
        progress(PARSE_SHARE, f"Matching {len(parsed.units):,} segments with the stored ones")
    # Parsed outside the transaction: a long parse holds no lock (SQLite has one writer).
    return _apply(document, parsed, user=user, filename=filename)


@transaction.atomic
def _apply(
    document: Document, parsed: formats.ParsedFile, *, user, filename: str
) -> ReimportReport:
    old = list(document.segments.select_for_update().order_by("position"))
    units = parsed.units
    now = timezone.now()
    matcher = SequenceMatcher(
        None,
        [_identity(s.key, s.source, s.mt) for s in old],
        [_identity(u.key, u.source, u.target) for u in units],
        autojunk=False,
    )
    report = ReimportReport()
    placed: list[tuple[int, Segment]] = []  # (new position, segment)
    revisions: list[Revision] = []
    new_segments: list[tuple[int, Segment]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for seg, pos in zip(old[i1:i2], range(j1, j2), strict=True):
                seg.meta = units[pos].meta or seg.meta
                placed.append((pos, seg))
                report.kept.append(pos)
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for seg, pos in zip(old[i1 : i1 + pairs], range(j1, j1 + pairs), strict=True):
            revisions.append(_changed(seg, units[pos], user, report, pos, now))
            placed.append((pos, seg))
        for seg in old[i1 + pairs : i2]:
            report.removed.append(seg.target or seg.source)
        for pos in range(j1 + pairs, j2):
            unit = units[pos]
            new_segments.append(
                (pos, segment_from_unit(unit, document=document, position=pos, user=user, at=now))
            )
            report.added.append(pos)

    kept = [seg for _pos, seg in placed]
    # jobs: above QA_INLINE_MAX changed or added segments, a check job runs their QA
    changed = set(report.changed)
    deferred = len(changed) + len(new_segments) > QA_INLINE_MAX
    qa_fields = []
    if deferred:
        segments_mark_pending([seg for pos, seg in placed if pos in changed])
        segments_mark_pending([seg for _pos, seg in new_segments])
        qa_fields = QA_FIELDS
        enqueue = lambda: job_enqueue_check(document=document, reason="new version")  # noqa: E731
        transaction.on_commit(enqueue, robust=True)
    document.segments.exclude(pk__in=[seg.pk for seg in kept]).delete()
    # Positions are unique per document: lift the kept segments out of the way in one
    # statement, then set their final places (no final place is above a million).
    document.segments.update(position=F("position") + 1_000_000)
    for pos, seg in placed:
        seg.position = pos
    Segment.objects.bulk_update(
        kept,
        ["position", "source", "mt", "target", "state", "version", "meta", "key"]
        + ["changed_at", "changed_by"]
        + qa_fields,
        batch_size=500,
    )
    created = Segment.objects.bulk_create([seg for _pos, seg in new_segments], batch_size=2000)
    Revision.objects.bulk_create(
        revisions
        + [
            import_revision(seg, note=f"added by a new version, {filename.rsplit('/', 1)[-1]}")
            for seg in created
        ],
        batch_size=2000,
    )
    touched = [seg for pos, seg in placed if pos in changed] + created
    segments_text_changed(touched)
    if not deferred:
        segments_refresh_qa(project=document.project, segments=touched)
    document.skeleton = parsed.skeleton
    document.filename = filename.rsplit("/", 1)[-1]
    document.has_source = has_any_source(document)
    document.save(update_fields=["skeleton", "filename", "has_source"])
    return report


def _changed(
    seg: Segment, unit: formats.Unit, user, report: ReimportReport, pos: int, now
) -> Revision:
    """A unit whose source or MT changed: keep the segment's history, review it again."""
    human = seg.target != seg.mt  # someone changed the MT: never drop their work silently
    before_target, before_state = seg.target, seg.state
    if seg.state == State.APPROVED:
        report.approved_changed.append(pos)
    seg.source, seg.key, seg.mt, seg.meta = unit.source, unit.key, unit.target, unit.meta
    if not human:
        seg.target = unit.target
    seg.state = State.NEW if seg.target else State.UNTRANSLATED
    seg.version += 1
    seg.changed_at, seg.changed_by = now, user
    report.changed.append(pos)
    return Revision(
        segment=seg,
        version=seg.version,
        author=user,
        created_at=now,
        action=Action.UPDATE,
        before_target=before_target,
        after_target=seg.target,
        before_state=before_state,
        after_state=seg.state,
        note="source changed in a new version" + ("; your translation was kept" if human else ""),
    )
