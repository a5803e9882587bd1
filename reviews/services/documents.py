"""Documents in and out: every import and export goes through an adapter here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from itertools import chain, islice

from django.db import connection, transaction
from django.utils import timezone

from .. import formats, policy
from ..errors import ImportFailed, InvalidInput, NoSource, NotAllowed
from ..models import Document, Project, Revision, Segment
from ..repeat_keys import repeat_key
from ..selectors import export_rows, glossary_for_checks, rejection_reasons, role_in_project
from ..states import Action, QaLevel, State, can_manage
from .bulk_store import column_names, db_datetime, db_json, insert_rows
from .check_jobs import job_enqueue_check
from .memory import memory_sync
from .qa import QA_INLINE_MAX, names_approved_for, segments_assign_qa
from .scoring import document_totals_rebuild
from .uploads import PARSE_SHARE, ProgressReport, naming_the_file, stream_upload, upload_filename
from .webhooks import webhooks_document_imported


def segment_from_unit(
    unit: formats.Unit, *, document: Document, position: int, user=None, at=None
) -> Segment:
    """A new segment for a unit read from a file: the file's translation is its MT."""
    at = at or timezone.now()
    return Segment(
        document=document,
        position=position,
        key=unit.key,
        source=unit.source,
        mt=unit.target,
        source_key=repeat_key(unit.source),
        mt_key=repeat_key(unit.target),
        target=unit.target,
        state=unit.state or (State.NEW if unit.target else State.UNTRANSLATED),
        read_only=unit.read_only,
        meta=unit.meta,
        created_at=at,
        created_by=user,
        changed_at=at,
        changed_by=user,
    )


def import_revision(segment: Segment, *, note: str) -> Revision:
    """The first revision of a segment that came from a file (its creation stamps)."""
    return Revision(
        segment=segment,
        version=segment.version,
        author=segment.created_by,
        created_at=segment.created_at,
        action=Action.IMPORT,
        after_target=segment.target,
        after_state=segment.state,
        note=note,
    )


# Scoring costs about a millisecond a segment; a bigger import leaves it to the check
# job (or the first read of the metrics).
MEASURE_ON_IMPORT_MAX = 5_000
EXPORT_CHUNK = 2000  # segments per fetch while exporting, and between progress reports

SEGMENT_FIELDS = (
    "document", "position", "key", "source", "mt", "source_key", "mt_key", "target",
    "state", "version", "read_only", "meta", "qa", "qa_level", "qa_checks",
    "created_at", "created_by", "changed_at", "changed_by",
)  # fmt: skip


def document_import(
    *,
    project: Project,
    data: bytes,
    filename: str,
    user=None,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    title: str = "",
    progress: ProgressReport | None = None,
    on_stored: Callable[[Document], None] | None = None,
) -> Document:
    """Parse a file and store it as a document; nothing is stored if anything fails.

    ``on_stored(document)`` runs in the same transaction, last: a job records its
    document there, so it commits with the document or not at all.

    Units are stored as the adapter reads them (a streaming adapter never holds the
    file's units all at once), below the ORM (``bulk_store``), and their import
    revisions are written by an INSERT … SELECT after each batch. QA runs here for
    files of up to ``QA_INLINE_MAX`` segments; a bigger file's are stored QA-pending.
    """
    if user is not None:
        policy.ensure_may_create_documents(role_in_project(user=user, project_id=project.pk))
    adapter, stream = stream_upload(
        project=project,
        data=data,
        filename=filename,
        source_data=source_data,
        source_filename=source_filename,
        format_name=format_name,
        progress=progress,
        in_helper=True,
    )
    name = upload_filename(filename)
    with closing(stream):  # a helper process reading the file ends with the import
        if progress is not None:
            if stream.total:
                progress(PARSE_SHARE, f"Storing {stream.total:,} segments")
            else:
                progress(0, f"Storing the segments of {name}")
        with transaction.atomic(), naming_the_file(filename, source_filename):
            document = Document.objects.create(
                project=project,
                title=title or name,
                format=adapter.name,
                filename=name,
                created_by=user,
            )
            units = iter(stream.units)
            head = list(islice(units, QA_INLINE_MAX + 1))
            glossary, names = None, frozenset()  # QA pending
            if len(head) <= QA_INLINE_MAX:
                glossary = glossary_for_checks(project_id=project.pk)
                # Read before the COPY starts: no query can run on its connection then.
                names = names_approved_for(head, project=project)
            rows = _segment_rows(document, chain(head, units), user, glossary, names)
            report = None if progress is None else _stored_report(stream, progress, name)
            with _checked_as_stored():
                count = _store_with_revisions(document, rows, f"imported from {name}", report)
            if not count:
                raise ImportFailed(filename, "the file holds no text to translate")
            document.skeleton = stream.skeleton  # complete now that every unit is read
            document.has_source = has_any_source(document)
            document.save(update_fields=["skeleton", "has_source"])
            _remember_approved(document)
            if count <= MEASURE_ON_IMPORT_MAX:
                document_totals_rebuild(document_id=document.pk)  # measures every new segment
            if glossary is None:  # QA pending: a check job runs the checks once this commits
                enqueue = lambda: job_enqueue_check(document=document, reason="import")  # noqa: E731
                transaction.on_commit(enqueue, robust=True)  # a queue failure loses no import
            webhooks_document_imported(document=document, user=user)  # sent once committed
            if on_stored is not None:
                on_stored(document)
    return document


def has_any_source(document: Document) -> bool:
    """One look when the import ends: stops at the first segment with a source."""
    return document.segments.exclude(source="").exists()


def _segment_rows(document: Document, units, user, glossary, names=frozenset()):
    """Database rows of new segments (SEGMENT_FIELDS), with QA computed against
    ``glossary`` and the romanized ``names`` the project approved, or QA pending when
    ``glossary`` is None. No queries: rows are taken while the COPY of earlier ones is
    under way on the same connection."""
    now = db_datetime(timezone.now())
    author = user.pk if user is not None else None
    checked = glossary is not None
    pending = (db_json([]), QaLevel.PENDING, "")
    for position, unit in enumerate(units):
        state = unit.state or (State.NEW if unit.target else State.UNTRANSLATED)
        qa = pending
        if checked:
            segment = Segment(
                source=unit.source, target=unit.target, mt=unit.target, meta=unit.meta
            )
            segments_assign_qa([segment], project=document.project, glossary=glossary, names=names)
            qa = (db_json(segment.qa), segment.qa_level, segment.qa_checks)
        yield (
            document.pk, position, unit.key, unit.source, unit.target,
            repeat_key(unit.source), repeat_key(unit.target), unit.target, state, 1,
            unit.read_only, unit.encoded_meta(), *qa, now, author, now, author,
        )  # fmt: skip


def _stored_report(stream: formats.UnitStream, progress: ProgressReport, name: str):
    """How far the import is, after each batch: by the input read (a streaming
    adapter), or past the parse by the share of the units stored. These reports are
    made inside the import's transaction: a reporter that can write them where others
    see them offers ``aside`` (JobProgress does)."""
    report = getattr(progress, "aside", progress)

    def stored(count: int) -> None:
        if stream.total:
            percent = PARSE_SHARE + (99 - PARSE_SHARE) * count // stream.total
        else:
            percent = int(99 * stream.done())
        report(min(99, percent), f"Storing the segments of {name}: {count:,} so far")

    return stored


def _remember_approved(document: Document) -> None:
    """Units imported as approved go into the memory, as approvals do."""
    batch: list[Segment] = []
    for segment in document.segments.filter(state=State.APPROVED).iterator(chunk_size=2000):
        batch.append(segment)
        if len(batch) == 2000:
            memory_sync(batch, project_id=document.project_id)
            batch = []
    memory_sync(batch, project_id=document.project_id)


def _store_with_revisions(document: Document, rows, note: str, report) -> int:
    """Store the segment rows and each one's import revision, batch by batch: a batch's
    revisions are written (by the database, from the rows) while the helper reads on,
    instead of all of them after the last unit."""
    revised = 0

    def stored(count: int) -> None:
        nonlocal revised
        _insert_import_revisions(document, note=note, start=revised, stop=count)
        revised = count
        if report is not None:
            report(count)

    count = insert_rows(Segment, SEGMENT_FIELDS, rows, after_batch=stored)
    if count > revised:
        _insert_import_revisions(document, note=note, start=revised, stop=count)
    _refresh_statistics(count)
    return count


# A document this big changes the segments' statistics: PostgreSQL plans the next
# lookups (a save's repetitions by their keys) from them, not from its defaults.
ANALYZE_AFTER = 10_000


def _refresh_statistics(stored: int) -> None:
    """ANALYZE the segments after a big import on PostgreSQL (the memory import does the
    same), as autovacuum would a minute later: without statistics the planner rates
    "this document's segments" as few as "this key's" and may read all 100,000 of them
    for a save's repetition count (166 ms against 10 ms in a fresh 100,000-segment
    project). Only the columns those plans weigh: a fixed sample of rows, 0.4 s on this
    loaded machine at 100,000 segments, where every column took 1.8 s."""
    if connection.vendor == "postgresql" and stored >= ANALYZE_AFTER:
        quote = connection.ops.quote_name
        columns = ", ".join(
            quote(c) for c in column_names(Segment, ["document", "source_key", "mt_key"])
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {quote(Segment._meta.db_table)} ({columns})")


@contextmanager
def _checked_as_stored():
    """On PostgreSQL, the foreign keys of the rows stored in this block are checked
    at the end of each statement instead of at COMMIT (Django makes them deferred):
    a 100,000-segment import's 200,000 checks then run batch by batch while the file
    is still being read, not all at once after it. Rows are stored parents first.
    (Every deferrable constraint here is Django's INITIALLY DEFERRED foreign key.)"""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _insert_import_revisions(document: Document, *, note: str, start: int, stop: int) -> None:
    """The first revision of each new segment at positions start to stop - 1, built from
    its row by the database itself."""
    quote = connection.ops.quote_name
    into = ", ".join(
        quote(c)
        for c in column_names(
            Revision,
            ["segment", "version", "author", "created_at", "action", "before_target"]
            + ["after_target", "before_state", "after_state", "note"],
        )
    )
    seg = {
        f: quote(c)
        for f, c in zip(SEGMENT_FIELDS, column_names(Segment, SEGMENT_FIELDS), strict=True)
    }
    # Names come from the models (quoted); the values are parameters.
    sql = (
        f"INSERT INTO {quote(Revision._meta.db_table)} ({into}) "  # noqa: S608
        f"SELECT {quote(Segment._meta.pk.column)}, {seg['version']}, {seg['created_by']}, "
        f"{seg['created_at']}, %s, '', {seg['target']}, '', {seg['state']}, %s "
        f"FROM {quote(Segment._meta.db_table)} WHERE {seg['document']} = %s "
        f"AND {seg['position']} >= %s AND {seg['position']} < %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Action.IMPORT, note, document.pk, start, stop])


def document_export(
    *,
    document: Document,
    format_name: str | None = None,
    approved_only: bool = False,
    include_mt: bool = False,
    progress: ProgressReport | None = None,
) -> bytes:
    """The document as a file of the given format (its own format by default).

    Segments are streamed from the database into the adapter, which writes as it reads.
    """
    adapter = export_adapter(document=document, format_name=format_name)
    total = document.segments.count() if progress is not None else 0
    # Another format's skeleton too: writers check whose it is, and carry what its
    # header says into their own (carry_header.py).
    skeleton = document.skeleton
    data = adapter.render(
        skeleton,
        _export_units(document, progress, total, adapter),
        source_lang=document.project.source_lang,
        target_lang=document.project.target_lang,
        options=formats.ExportOptions(
            approved_only=approved_only, include_mt=include_mt, filename=document.filename
        ),
    )
    if progress is not None:
        progress(100, f"Wrote {total:,} segments")
    return data


def export_adapter(*, document: Document, format_name: str | None = None) -> formats.Format:
    """The adapter that writes ``document`` as ``format_name`` (its own format by
    default): every export, at once or in a job, asks here, and the page offers only
    the formats this accepts (``document_export_formats``)."""
    try:
        adapter = formats.format_by_name(format_name or document.format)
    except formats.FormatError as exc:
        raise InvalidInput(exc.describe()) from None
    if adapter.name != document.format and adapter.name == "text":
        raise InvalidInput("Only documents imported as text can be exported as text")
    if refusal := adapter.export_refusal(has_source=document.has_source):
        raise NoSource(refusal)
    return adapter


def document_export_formats(*, document: Document) -> list[tuple[str, str]]:
    """(name, label) of every format ``document`` can be exported as."""
    choices = []
    for name, adapter in formats.FORMATS.items():
        try:
            export_adapter(document=document, format_name=name)
        except (InvalidInput, NoSource):
            continue
        choices.append((name, adapter.label))
    return choices


def _export_units(
    document: Document, progress: ProgressReport | None, total: int, adapter: formats.Format
) -> Iterator[formats.ExportUnit]:
    reasons = rejection_reasons(document=document)
    # Reported while the rows are streamed on this connection (see JobProgress.aside).
    report = None if progress is None else getattr(progress, "aside", progress)
    unit = formats.ExportUnit
    stamps = adapter.writes_change_stamps
    rows = export_rows(document=document, stamps=stamps, chunk_size=EXPORT_CHUNK)
    for done, row in enumerate(rows):
        if report is not None and done % EXPORT_CHUNK == 0:
            report(99 * done // max(total, 1), f"Writing {adapter.label}: {done:,} of {total:,}")
        pk, source, target, mt, state, key, meta = row[:7]
        exported = unit(
            source=source,
            target=target,
            mt=mt,
            state=state,
            key=key,
            meta=meta,
            note=reasons.get(pk, ""),
        )
        if stamps:
            exported.created_at, exported.changed_at = row[7], row[8]
            exported.created_by, exported.changed_by = row[9] or "", row[10] or ""
        yield exported


@transaction.atomic
def document_archive(*, document: Document, user, archived: bool = True) -> Document:
    """Archive (or restore) a document: hidden from work lists, kept with its history."""
    if not can_manage(role_in_project(user=user, project_id=document.project_id)):
        raise NotAllowed("Only project managers can archive documents")
    document.archived_at = timezone.now() if archived else None
    document.save(update_fields=["archived_at"])
    return document
