"""A new version of a document's file: keep the work that still applies.

Units are matched with the stored segments by identity before order (``alignment``):
their key (tuid, ``msgctxt|msgid``, trans-unit id) and text, then their text, then their
key; difflib aligns only what identity leaves undecided (duplicates, changed units
without a key). A matched segment keeps its id, translation, state and history and
moves to its unit's place; one whose source (or MT) changed becomes ``new``, its human
translation kept; approved work is never overwritten silently. A segment whose unit is
gone is not deleted: it is removed from the document (``Segment.removed_at``) with its
history, and a later version that brings the unit back brings it back.
"""

from __future__ import annotations

import json
import threading
from contextlib import closing
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .. import alignment, formats, policy
from ..errors import ImportFailed, InvalidInput
from ..models import Document, Revision, Segment
from ..selectors import role_in_project
from ..states import Action, State
from .bulk_store import update_rows
from .check_jobs import job_enqueue_check
from .derived import segments_text_changed
from .documents import has_any_source, import_revision, segment_from_unit
from .qa import QA_FIELDS, QA_INLINE_MAX, segments_mark_pending, segments_refresh_qa
from .scoring import document_totals_move
from .uploads import PARSE_SHARE, ProgressReport, naming_the_file, stream_upload
from .webhooks import webhooks_document_imported


@dataclass
class ReimportReport:
    kept: list[int] = field(default_factory=list)  # new positions (0-based)
    changed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the removed segments' text
    approved_changed: list[int] = field(default_factory=list)  # approved, now back to new
    # Kept or changed segments that an earlier version had removed (counted there too).
    restored: list[int] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.kept)} kept, {len(self.changed)} changed, "
            f"{len(self.added)} added, {len(self.removed)} removed"
        )
        if self.restored:
            text += f"; {len(self.restored)} removed earlier came back with their history"
        if self.approved_changed:
            text += f"; {len(self.approved_changed)} approved segments need review again"
        return text


def _text(segment: Segment | _Stored) -> alignment.Text:
    return alignment.Text(segment.key, segment.source, segment.mt)


def _unit_text(unit: formats.Unit) -> alignment.Text:
    return alignment.Text(unit.key, unit.source, unit.target)  # a file's translation is MT


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
    if user is not None:
        policy.ensure_may_update_documents(role_in_project(user=user, project_id=project.pk))
    policy.ensure_writable(document)  # an archived document takes no new version either
    adapter, stream = stream_upload(
        project=project,
        data=data,
        filename=filename,
        source_data=source_data,
        source_filename=source_filename,
        format_name=document.format if format_name == "auto" else format_name,
        progress=progress,
        in_helper=True,
    )
    with closing(stream):
        if adapter.name != document.format:
            raise InvalidInput(
                f"{filename}: this document is {document.format}; a new version must be too"
            )
        # A big file is read in a helper process while the stored segments are read; an
        # adapter reporting its progress (through the caller's callback) reads here.
        threaded = progress is None or not adapter.reports_progress
        reading = _Reading(stream, filename, source_filename, threaded=threaded)
        try:
            return _apply(document, reading, user=user, filename=filename, progress=progress)
        finally:
            reading.wait()  # before the stream is closed, even when _apply failed


class _Reading:
    """The units of a stream, taken in a thread (a helper process reads a big file; the
    thread only receives its batches) while the caller reads the stored segments; or,
    not ``threaded``, at once in the caller's thread (an adapter that reports progress
    calls the caller's callback as it reads: it may write to the database)."""

    def __init__(self, stream, filename: str, source_filename: str, *, threaded: bool):
        self.stream, self.units, self.error = stream, [], None
        self.names = (filename, source_filename)
        self.thread = threading.Thread(target=self._take, daemon=True)
        if threaded:
            self.thread.start()
        else:
            self._take()

    def wait(self) -> None:
        if self.thread.is_alive():
            self.thread.join()

    def _take(self) -> None:
        try:
            with naming_the_file(*self.names):
                self.units.extend(self.stream.units)
        except BaseException as exc:  # raised again in the caller's thread
            self.error = exc

    def result(self) -> formats.ParsedFile:
        self.wait()
        if self.error is not None:
            raise self.error
        if not self.units:
            raise ImportFailed(self.names[0], "the file holds no text to translate")
        return formats.ParsedFile(units=self.units, skeleton=self.stream.skeleton)


class _Stored(NamedTuple):
    """A stored segment as matching needs it: no model instance for the segments a
    version leaves as they are (most of them)."""

    pk: int
    position: int
    key: str
    source: str
    mt: str
    target: str
    removed_at: object
    meta: object  # the JSON text of the row (or its value, if the driver decodes it)


@dataclass(slots=True)
class _Moved:
    pk: int
    position: int


def _stored(document: Document) -> list[_Stored]:
    """The document's segments, removed ones too, locked, in order; their values as the
    database gives them (no per-value converters: meta stays JSON text)."""
    query = (
        Segment.all_objects.select_for_update()
        .filter(document=document)
        .order_by("position", "pk")
        .values_list(*_Stored._fields)
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(_Stored._make, cursor.fetchall()))


def _same_meta(stored, unit: formats.Unit, memo: dict) -> bool:
    """The unit's meta is what the row stores (compared as text first: the same file's
    units are stored as their JSON text; else as values, remembered per pair of texts)."""
    text = unit.encoded_meta()
    if text == stored:
        return True
    if (stored, text) not in memo:
        value = json.loads(stored) if isinstance(stored, str) else stored
        memo[(stored, text)] = value == unit.meta
    return memo[(stored, text)]


def _unchanged(live: list[_Stored], live_texts, units, new_texts) -> bool:
    """The same units as the stored segments, in their places, with the same meta (the
    usual new version of a big memory: the same file again), compared list to list."""
    return (
        live_texts == new_texts
        and [row.position for row in live] == list(range(len(live)))
        and [row.meta for row in live] == [unit.encoded_meta() for unit in units]
    )


@transaction.atomic
def _apply(
    document: Document, reading: _Reading, *, user, filename: str, progress=None
) -> ReimportReport:
    stored = _stored(document)
    live, archived = [], []
    for row in stored:
        (live if row.removed_at is None else archived).append(row)
    archived.sort(key=lambda s: (s.removed_at, s.pk))  # the most recently removed last
    live_texts = [_text(s) for s in live]
    parsed = reading.result()
    if progress is not None:
        progress(PARSE_SHARE, f"Matching {len(parsed.units):,} segments with the stored ones")
    units = parsed.units
    new_texts = [_unit_text(u) for u in units]
    plan = alignment.align(live=live_texts, archived=[_text(s) for s in archived], new=new_texts)
    now = timezone.now()
    report = ReimportReport()
    moved: list = []  # segments whose place alone changes
    loaded: list[tuple[int, formats.Unit, _Stored]] = []  # need their model instance
    new_segments: list[Segment] = []
    memo: dict = {}
    content = alignment.content
    if _unchanged(live, live_texts, units, new_texts):
        report.kept, units = list(range(len(units))), ()  # nothing to write: skip the loop
    approvals = user is None or policy.may_import_approvals(
        role_in_project(user=user, project_id=document.project_id)
    )
    for pos, unit in enumerate(units):
        if (i := plan.live.get(pos)) is not None:
            row, text, unit_text = live[i], live_texts[i], new_texts[pos]
            if (
                text == unit_text or (content(text) == content(unit_text) and row.key == unit.key)
            ) and (not unit.meta or _same_meta(row.meta, unit, memo)):
                report.kept.append(pos)
                if row.position != pos:
                    moved.append(_Moved(row.pk, pos))
                continue
            loaded.append((pos, unit, row))
        elif pos in plan.archived:
            loaded.append((pos, unit, archived[plan.archived[pos]]))
        else:
            seg = segment_from_unit(unit, document=document, position=pos, user=user, at=now)
            if seg.state == State.APPROVED and not approvals:
                seg.state = State.TRANSLATED
            new_segments.append(seg)
            report.added.append(pos)
    segments = _instances([row.pk for _, _, row in loaded])
    placed: list[Segment] = []  # loaded live segments at their new positions
    restored: list[Segment] = []
    revisions: list[Revision] = []
    for pos, unit, row in loaded:
        seg = segments[row.pk]
        if seg.removed_at is None:
            placed.append(seg)
        else:
            seg.removed_at = None
            restored.append(seg)
            report.restored.append(pos)
        seg.position = pos
        if alignment.content(_text(seg)) == alignment.content(_unit_text(unit)):
            seg.key, seg.meta = unit.key, unit.meta or seg.meta
            report.kept.append(pos)
        else:
            revisions.append(_changed(seg, unit, user, report, pos, now))
    report.kept.sort()
    report.restored.sort()
    removed = [live[i] for i in plan.removed]
    report.removed = [seg.target or seg.source for seg in removed]

    # jobs: above QA_INLINE_MAX changed, added or restored segments, a check job runs their QA
    changed = set(report.changed)
    touched = [seg for seg in placed if seg.position in changed] + restored
    deferred = len(touched) + len(new_segments) > QA_INLINE_MAX
    if deferred:
        segments_mark_pending(touched + new_segments)
        enqueue = lambda: job_enqueue_check(document=document, reason="new version")  # noqa: E731
        transaction.on_commit(enqueue, robust=True)
    rewritten = touched + [seg for seg in placed if seg.position not in changed]
    was = {row.pk: row.position for _, _, row in loaded}
    moved += [seg for seg in placed if seg.position != was[seg.pk]]
    _remove([row.pk for row in removed], at=now)
    _store(moved, rewritten, qa=deferred)
    created = Segment.objects.bulk_create(new_segments, batch_size=2000)
    Revision.objects.bulk_create(
        revisions
        + [
            import_revision(seg, note=f"added by a new version, {filename.rsplit('/', 1)[-1]}")
            for seg in created
        ],
        batch_size=2000,
    )
    document_totals_move(document_id=document.pk, leaving=removed, returning=restored)
    segments_text_changed(touched + created)
    if not deferred:
        segments_refresh_qa(project=document.project, segments=touched + created)
    document.skeleton = parsed.skeleton
    document.filename = filename.rsplit("/", 1)[-1]
    document.has_source = has_any_source(document)
    document.save(update_fields=["skeleton", "filename", "has_source"])
    summary = {
        name: len(getattr(report, name))
        for name in ("kept", "changed", "added", "removed", "approved_changed")
    }
    webhooks_document_imported(document=document, user=user, version="update", summary=summary)
    return report


def _instances(pks: list[int]) -> dict[int, Segment]:
    """The model instances of the segments a version changes (locked already)."""
    found: dict[int, Segment] = {}
    for start in range(0, len(pks), 2000):
        found |= Segment.all_objects.in_bulk(pks[start : start + 2000])
    return found


STORED = ["position", "source", "mt", "source_key", "mt_key", "target", "state", "version"]
STORED += ["meta", "key", "changed_at", "changed_by", "removed_at"]


def _store(moved: list[Segment], rewritten: list[Segment], *, qa: bool) -> None:
    """Write the new places of the ``moved`` segments and every field of the
    ``rewritten`` ones (their QA fields too with ``qa``), one executemany each: a
    version that changes little writes little. (bulk_update of every kept segment, its
    CASE per row and field, took a minute for an unchanged 20,000-unit TMX on SQLite.)

    Live positions are unique per document: the segments that move are lifted out of
    the way first (no final place is above a million), then set to their places. A
    segment that stays where it is holds a place no other takes; a restored one is
    outside the rule until its row, position and ``removed_at`` together, is written."""
    ids = [seg.pk for seg in moved]
    for start in range(0, len(ids), 2000):
        lifted = Segment.objects.filter(pk__in=ids[start : start + 2000])
        lifted.update(position=F("position") + 1_000_000)
    rewritten_ids = {seg.pk for seg in rewritten}
    update_rows(
        Segment, ["position"], ((s.position, s.pk) for s in moved if s.pk not in rewritten_ids)
    )
    fields = [Segment._meta.get_field(name) for name in STORED + (QA_FIELDS if qa else [])]
    update_rows(
        Segment,
        [field.name for field in fields],
        (
            (*(f.get_db_prep_save(getattr(seg, f.attname), connection) for f in fields), seg.pk)
            for seg in rewritten
        ),
    )


def _remove(ids: list[int], *, at) -> None:
    """Take segments out of their document, keeping them and their history."""
    for start in range(0, len(ids), 2000):
        Segment.objects.filter(pk__in=ids[start : start + 2000]).update(removed_at=at)


def _changed(
    seg: Segment, unit: formats.Unit, user, report: ReimportReport, pos: int, now
) -> Revision:
    """A unit whose source or MT changed: keep the segment's history, review it again."""
    human = seg.target != seg.mt  # someone changed the MT: never drop their work silently
    before_target, before_state = seg.target, seg.state
    if seg.state == State.APPROVED:
        report.approved_changed.append(pos)
    seg.source, seg.key, seg.mt, seg.meta = unit.source, unit.key, unit.target, unit.meta
    seg.set_repeat_keys()
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
