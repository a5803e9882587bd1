"""Keeping the stored metrics current: every change of a segment's text reaches
``segments_measure`` (through ``derived.segments_text_changed``), which stores the
segment's sacrebleu statistics and moves its document's column sums by the difference,
in the same transaction. Reads then score a document from one row of sums.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connections, router, transaction

from .. import lqa, metrics, policy
from ..errors import ImportFailed, NotAllowed
from ..models import Document, DocumentMetrics, Project, Segment, SegmentMetrics
from ..selectors import role_in_project
from ..states import can_review

logger = logging.getLogger(__name__)

# sacrebleu's TER searches word shifts; past this many characters a segment may take
# seconds. It is scored all the same, and flagged so reports can say so.
LONG_INPUT = 2000
SUMMED = ("stats", "reference_mt", "reference_target")
COUNTED = ("segments", "words", "long_inputs", "references")
FIGURES = [
    "digest",
    "stats",
    "ter",
    "chrf",
    "bleu",
    "words",
    "long_input",
    "reference",
    "reference_mt_stats",
    "reference_target_stats",
]


def _digest(mt: str, target: str, reference: str) -> str:
    texts = "\x00".join((mt, target, reference)).encode()
    return hashlib.blake2b(texts, digest_size=16).hexdigest()


def _measure(segment: Segment, reference: str, lang: str) -> SegmentMetrics:
    mt, target = segment.mt, segment.target
    long_input = max(len(mt), len(target), len(reference)) > LONG_INPUT
    if long_input:
        logger.warning("segment %s is over %s characters: TER may be slow", segment.pk, LONG_INPUT)
    stats = metrics.segment_stats(mt, target, target_lang=lang)
    scores = metrics.segment_scores(stats)
    return SegmentMetrics(
        segment_id=segment.pk,
        digest=_digest(mt, target, reference),
        stats=stats.to_json(),
        ter=scores.ter,
        chrf=scores.chrf,
        bleu=scores.bleu,
        words=lqa.word_count(target),
        long_input=long_input,
        reference=reference,
        reference_mt_stats=(
            metrics.segment_stats(mt, reference, target_lang=lang).to_json() if reference else None
        ),
        reference_target_stats=(
            metrics.segment_stats(target, reference, target_lang=lang).to_json()
            if reference
            else None
        ),
    )


def _is_current(row: SegmentMetrics, segment: Segment, lang: str) -> bool:
    return (
        row.digest == _digest(segment.mt, segment.target, row.reference)
        and metrics.stats_are_current(row.stats)
        and row.stats.get("tok") == metrics.tokenize_for(lang)
    )


# ---------------------------------------------------------------------------------------
# Column sums. A document's totals are the sums of its rows' vectors and counts; an
# edit moves them by (new row - old row).


def _zero_stats(lang: str) -> dict[str, Any]:
    return metrics.SegmentStats(
        bleu=[0] * metrics.BLEU_STATS_LEN,
        chrf=[0] * metrics.CHRF_STATS_LEN,
        ter=[0.0] * metrics.TER_STATS_LEN,
        tokenize=metrics.tokenize_for(lang),
    ).to_json()


def empty_totals(lang: str) -> dict[str, Any]:
    return {**dict.fromkeys(COUNTED, 0), **{key: _zero_stats(lang) for key in SUMMED}}


def _row_totals(row: SegmentMetrics) -> dict[str, Any]:
    return {
        "segments": 1,
        "words": row.words,
        "long_inputs": int(row.long_input),
        "references": int(bool(row.reference)),
        "stats": row.stats,
        "reference_mt": row.reference_mt_stats,
        "reference_target": row.reference_target_stats,
    }


def add_totals(into: dict[str, Any], other: dict[str, Any], sign: int = 1) -> dict[str, Any]:
    """into += sign * other, in place; stats blocks that are None (no reference) add 0."""
    for key in COUNTED:
        into[key] += sign * other[key]
    for key in SUMMED:
        if other[key] is None:
            continue
        total, part = into[key], other[key]
        if total.get("tok") != part.get("tok") or not metrics.stats_are_current(part):
            raise metrics.StaleStatsError(f"cannot add {key} stats of another kind")
        for vector in ("bleu", "chrf", "ter"):
            total[vector] = [a + sign * b for a, b in zip(total[vector], part[vector], strict=True)]
    return into


def totals_are_current(totals: dict[str, Any] | None, lang: str) -> bool:
    return (
        isinstance(totals, dict)
        and all(key in totals for key in (*COUNTED, *SUMMED))
        and all(metrics.stats_are_current(totals[key]) for key in SUMMED)
        and totals["stats"].get("tok") == metrics.tokenize_for(lang)
    )


def _target_lang(document_id: int) -> str:
    return Project.objects.filter(documents=document_id).values_list("target_lang", flat=True)[0]


def _known_target_lang(segment: Segment) -> str | None:
    """The target language if the segment came with its document and project loaded
    (the save path reads them with select_related): no query needed then."""
    if Segment.document.is_cached(segment):
        document = segment.document
        if Document.project.is_cached(document):
            return document.project.target_lang
    return None


def _insert(rows: list[SegmentMetrics]) -> None:
    """INSERT new rows. On SQLite one prepared statement run by executemany costs a
    quarter of bulk_create, whose SQL compilation per value dominated a 10,000-row
    rebuild; on PostgreSQL bulk_create (INSERT ... UNNEST) is already the faster."""
    if not rows:
        return
    alias = router.db_for_write(SegmentMetrics)
    connection = connections[alias]
    if connection.vendor != "sqlite":
        SegmentMetrics.objects.using(alias).bulk_create(rows, batch_size=1000)
        return
    fields = SegmentMetrics._meta.concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from _meta only
        quote(SegmentMetrics._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [
                    field.get_db_prep_save(getattr(row, field.attname), connection)
                    for field in fields
                ]
                for row in rows
            ],
        )


def _save(rows: list[SegmentMetrics], created: set[int]) -> None:
    _insert([r for r in rows if r.segment_id in created])
    updated = [r for r in rows if r.segment_id not in created]
    if len(updated) <= 3:  # one save: cheaper than bulk_update's CASE expressions
        for row in updated:
            row.save(update_fields=FIGURES)
    else:
        SegmentMetrics.objects.bulk_update(updated, FIGURES, batch_size=500)


# Segments measured per chunk when a document is measured outside a caller's transaction
# (a check job): about a second of scoring, done before the chunk's short write.
MEASURE_CHUNK = 1000


def document_totals_rebuild(*, document_id: int) -> dict[str, Any]:
    """Measure again whatever is missing or stale, then sum every row from scratch.

    Called outside a transaction (a check job, a read), the measuring is done a chunk
    at a time with no transaction open while scoring, and each chunk is stored in a
    short transaction of its own: measuring costs about a millisecond a segment, and on
    SQLite a transaction holds the one write lock, which a 100,000-segment document
    would hold for minutes. Metrics are derived data, so a chunk stored early is never
    half of anything. Inside a caller's transaction (an import) it is one with it."""
    if not transaction.get_connection().in_atomic_block:
        _measure_in_chunks(document_id)
    return _totals_rebuild(document_id=document_id)


def _measure_in_chunks(document_id: int) -> None:
    lang = _target_lang(document_id)
    last = 0
    while True:
        segments = list(
            Segment.objects.filter(document=document_id, pk__gt=last)
            .order_by("pk")
            .only("pk", "mt", "target")[:MEASURE_CHUNK]
        )
        if not segments:
            return
        last = segments[-1].pk
        rows = {m.segment_id: m for m in SegmentMetrics.objects.filter(segment__in=segments)}
        measured = [
            _measure(segment, row.reference if row else "", lang)
            for segment in segments
            if (row := rows.get(segment.pk)) is None or not _is_current(row, segment, lang)
        ]
        if measured:
            _store_measured(measured, lang)


@transaction.atomic
def _store_measured(measured: list[SegmentMetrics], lang: str) -> None:
    """Store rows measured outside this transaction, except those an edit made since
    has measured again or made stale (their segment's texts or reference changed)."""
    ids = [row.segment_id for row in measured]
    texts = {
        s.pk: s for s in Segment.objects.filter(pk__in=ids).only("pk", "mt", "target").order_by()
    }
    stored = {m.segment_id: m for m in SegmentMetrics.objects.filter(segment_id__in=ids)}
    fresh, created = [], set()
    for row in measured:
        segment, now = texts.get(row.segment_id), stored.get(row.segment_id)
        if segment is None or row.digest != _digest(
            segment.mt, segment.target, now.reference if now else row.reference
        ):
            continue  # deleted, or its texts changed: its edit measured it
        if now is None:
            created.add(row.segment_id)
        elif _is_current(now, segment, lang):
            continue  # measured meanwhile
        fresh.append(row)
    _save(fresh, created)


@transaction.atomic
def _totals_rebuild(*, document_id: int) -> dict[str, Any]:
    lang = _target_lang(document_id)
    locked = DocumentMetrics.objects.select_for_update().filter(document_id=document_id).first()
    live = SegmentMetrics.objects.filter(segment__document=document_id, segment__removed_at=None)
    rows = {m.segment_id: m for m in live}
    fresh, created = [], set()
    for segment in Segment.objects.filter(document=document_id).only("pk", "mt", "target"):
        row = rows.get(segment.pk)
        if row is None or not _is_current(row, segment, lang):
            rows[segment.pk] = _measure(segment, row.reference if row else "", lang)
            fresh.append(rows[segment.pk])
            if row is None:
                created.add(segment.pk)
    _save(fresh, created)
    totals = empty_totals(lang)
    for row in rows.values():
        add_totals(totals, _row_totals(row))
    if locked is None:
        DocumentMetrics.objects.create(document_id=document_id, totals=totals)
    else:
        locked.totals = totals
        locked.save(update_fields=["totals"])
    return totals


# No savepoint: nothing here is retried, so a failure may as well undo the caller's
# whole transaction; a nested atomic would cost a SAVEPOINT and a RELEASE per save.
@transaction.atomic(savepoint=False)
def segments_measure(segments: Iterable[Segment], *, target_lang: str | None = None) -> None:
    """Store the metrics of segments whose texts may have changed, and move their
    documents' totals by the difference. Unchanged texts cost one query, no scoring.

    ``target_lang``, the language of the segments' project, saves a query when the
    segments do not carry their document and project already.
    """
    by_document: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        by_document[segment.document_id].append(segment)
    for document_id, group in by_document.items():
        lang = target_lang or _known_target_lang(group[0]) or _target_lang(document_id)
        old = _stored_metrics(group)
        changes = []
        for segment in group:
            row = old.get(segment.pk)
            if row is None or not _is_current(row, segment, lang):
                changes.append((row, _measure(segment, row.reference if row else "", lang)))
        if not changes:
            continue
        _save([new for _old, new in changes], {new.segment_id for old, new in changes if not old})
        by_id = {segment.pk: segment for segment in group}
        for _old, new in changes:  # what the segment objects carry stays the stored row
            Segment.metrics.related.set_cached_value(by_id[new.segment_id], new)
        locked = DocumentMetrics.objects.select_for_update().filter(document_id=document_id).first()
        if locked is None or not totals_are_current(locked.totals, lang):
            # No running sums to move: the next read rebuilds them (document_totals).
            # A write never pays for measuring a whole document.
            continue
        try:
            for row, new in changes:
                if row is not None:
                    add_totals(locked.totals, _row_totals(row), -1)
                add_totals(locked.totals, _row_totals(new))
        except metrics.StaleStatsError:
            locked.totals = {}  # stale: the next read rebuilds from the rows
        locked.save(update_fields=["totals"])


@transaction.atomic(savepoint=False)
def document_totals_move(
    *, document_id: int, leaving: list[Segment], returning: list[Segment]
) -> None:
    """Take segments out of their document's totals, or put them back: a new version of
    its file removes the segments of the units it dropped (their rows stay, for a later
    version that brings them back) and brings back removed ones. Call it before the
    returning ones are measured again: ``segments_measure`` moves the totals from their
    stored rows."""
    if not leaving and not returning:
        return
    locked = DocumentMetrics.objects.select_for_update().filter(document_id=document_id).first()
    if locked is None or not totals_are_current(locked.totals, _target_lang(document_id)):
        return  # no running sums to move: the next read rebuilds them from the live rows
    signs = {segment.pk: -1 for segment in leaving} | {segment.pk: 1 for segment in returning}
    ids = list(signs)
    try:
        for start in range(0, len(ids), 2000):
            for row in SegmentMetrics.objects.filter(segment_id__in=ids[start : start + 2000]):
                add_totals(locked.totals, _row_totals(row), signs[row.segment_id])
    except metrics.StaleStatsError:
        locked.totals = {}  # stale: the next read rebuilds from the rows
    locked.save(update_fields=["totals"])


def _stored_metrics(group: list[Segment]) -> dict[int, SegmentMetrics]:
    """The segments' metrics rows: those read with them (select_related("metrics"),
    as a save's locked read does) cost no query."""
    cached = Segment.metrics.related
    if all(Segment.metrics.is_cached(segment) for segment in group):
        rows = (cached.get_cached_value(segment) for segment in group)
        return {row.segment_id: row for row in rows if row is not None}
    return {m.segment_id: m for m in SegmentMetrics.objects.filter(segment__in=group)}


def document_totals(*, document: Document) -> dict[str, Any]:
    """The document's current totals; rebuilt and stored first if missing or stale
    (after a sacrebleu upgrade, say), so this read may write."""
    stored = DocumentMetrics.objects.filter(document=document).values_list("totals", flat=True)
    totals = stored.first()
    if totals_are_current(totals, document.project.target_lang):
        return totals
    return document_totals_rebuild(document_id=document.pk)


def project_totals(*, project: Project) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The project's totals, and each document's (by id)."""
    per_document = {
        document.pk: document_totals(document=document)
        for document in project.documents.defer("skeleton").select_related("project")
    }
    totals = empty_totals(project.target_lang)
    for document_totals_ in per_document.values():
        add_totals(totals, document_totals_)
    return totals, per_document


# ---------------------------------------------------------------------------------------
# Reference translations


def _reference_lines(data: bytes, filename: str, expected: int) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(filename, f"not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise ImportFailed(filename, "this looks like a binary file, not plain text")
    lines = text.splitlines()
    if len(lines) != expected:
        raise ImportFailed(
            filename,
            f"{len(lines):,} lines for {expected:,} segments: give one reference per segment, "
            "in order, one per line (an empty line for a segment without one)",
        )
    return [line.strip() for line in lines]


@transaction.atomic
def document_reference_set(*, document: Document, user, data: bytes, filename: str) -> int:
    """Store a reference translation, one line per segment by position, and score the
    MT and the current translation against it. Returns how many segments got one."""
    if not can_review(role_in_project(user=user, project_id=document.project_id)):
        raise NotAllowed("Only editors and managers can upload a reference translation")
    policy.ensure_writable(document)
    segments = list(document.segments.order_by("position").only("pk", "mt", "target"))
    lines = _reference_lines(data, filename, len(segments))
    document_totals_rebuild(document_id=document.pk)  # every segment has its row now
    lang = document.project.target_lang
    rows = [_measure(s, line, lang) for s, line in zip(segments, lines, strict=True)]
    _save(rows, created=set())
    document_totals_rebuild(document_id=document.pk)
    return sum(1 for line in lines if line)
