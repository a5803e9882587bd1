"""Documents in and out: every import and export goes through an adapter here."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import formats
from ..errors import FileTooLarge, ImportFailed, InvalidInput, NotAllowed
from ..models import Document, Project, Revision, Segment
from ..selectors import export_segments, role_in_project
from ..states import Action, State, can_manage
from .check_jobs import job_enqueue_check
from .derived import segments_text_changed
from .memory import memory_sync
from .qa import QA_INLINE_MAX, segments_assign_qa, segments_mark_pending
from .scoring import document_totals_rebuild

# Scoring costs about a millisecond a segment; a larger import leaves it to the first
# read of the metrics (which rebuilds missing figures) or to a background job.
MEASURE_ON_IMPORT_MAX = 5_000

# report(percent, message): how far a long import or export is (a job's row, a CLI bar).
ProgressReport = Callable[[int, str], None]
PARSE_SHARE = 80  # percent of an import spent parsing; storing the segments is the rest
EXPORT_CHUNK = 2000  # segments read per query while exporting, and between reports


def _parse_progress(
    report: ProgressReport, adapter: formats.Format, filename: str
) -> formats.ProgressCallback:
    name = filename.rsplit("/", 1)[-1]

    def progress(done: int, total: int) -> None:
        if total:
            message = f"Reading {name}: {done:,} of {total:,} {adapter.progress_unit}"
            report(PARSE_SHARE * done // total, message)

    return progress


def parse_upload(
    *,
    project: Project,
    data: bytes,
    filename: str,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    progress: ProgressReport | None = None,
) -> tuple[formats.Format, formats.ParsedFile]:
    """Size-check and parse a file for a project; every refusal names the file.

    ``progress`` hears from adapters that report it, from 0 to PARSE_SHARE percent.
    """
    limit = settings.MAX_UPLOAD_BYTES
    for name, blob in ((filename, data), (source_filename or "source", source_data)):
        if blob is not None and len(blob) > limit:
            raise FileTooLarge(name, f"the file is {len(blob):,} bytes; the limit is {limit:,}")
    try:
        if format_name == "auto":
            adapter = formats.format_for_file(filename, data)
        else:
            adapter = formats.format_by_name(format_name)
        if source_data is not None and not adapter.supports_source_file:
            raise formats.FormatError(f"the {adapter.label} format takes no separate source file")
        extra = {}
        if progress is not None and adapter.reports_progress:
            extra["progress"] = _parse_progress(progress, adapter, filename)
        parsed = adapter.parse(
            data,
            source_data=source_data,
            source_lang=project.source_lang,
            target_lang=project.target_lang,
            **extra,
        )
    except formats.FormatError as exc:
        problem = exc.describe()
        if problem.startswith("source file: ") and source_filename:
            raise ImportFailed(source_filename, problem.removeprefix("source file: ")) from None
        raise ImportFailed(filename, problem) from None
    if not parsed.units:
        raise ImportFailed(filename, "the file holds no text to translate")
    return adapter, parsed


def segment_from_unit(unit: formats.Unit, *, document: Document, position: int) -> Segment:
    """A new segment for a unit read from a file: the file's translation is its MT."""
    return Segment(
        document=document,
        position=position,
        key=unit.key,
        source=unit.source,
        mt=unit.target,
        target=unit.target,
        state=unit.state or (State.NEW if unit.target else State.UNTRANSLATED),
        read_only=unit.read_only,
        meta=unit.meta,
    )


def import_revision(segment: Segment, *, user, note: str) -> Revision:
    """The first revision of a segment that came from a file."""
    return Revision(
        segment=segment,
        version=segment.version,
        author=user,
        action=Action.IMPORT,
        after_target=segment.target,
        after_state=segment.state,
        note=note,
    )


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
) -> Document:
    """Parse a file and store it as a document; nothing is stored if anything fails."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can import documents")
    adapter, parsed = parse_upload(
        project=project,
        data=data,
        filename=filename,
        source_data=source_data,
        source_filename=source_filename,
        format_name=format_name,
        progress=progress,
    )
    if progress is not None:
        # Stored in one transaction: nobody outside it could see finer progress anyway.
        progress(PARSE_SHARE, f"Storing {len(parsed.units):,} segments")
    with transaction.atomic():
        document = Document.objects.create(
            project=project,
            title=title or filename.rsplit("/", 1)[-1],
            format=adapter.name,
            filename=filename.rsplit("/", 1)[-1],
            skeleton=parsed.skeleton,
            created_by=user,
        )
        segments = [
            segment_from_unit(unit, document=document, position=position)
            for position, unit in enumerate(parsed.units)
        ]
        # jobs: above QA_INLINE_MAX the checks run in a check job, once this commits
        if len(segments) <= QA_INLINE_MAX:
            segments_assign_qa(segments, project=project)  # before the INSERT: no extra UPDATE
        else:
            segments_mark_pending(segments)
            enqueue = lambda: job_enqueue_check(document=document, reason="import")  # noqa: E731
            transaction.on_commit(enqueue, robust=True)  # a queue failure loses no import
        Segment.objects.bulk_create(segments, batch_size=2000)
        if not all(s.pk for s in segments):  # backends that return no ids from bulk_create
            segments = list(document.segments.order_by("position"))
        memory_sync([s for s in segments if s.state == State.APPROVED], project_id=project.pk)
        Revision.objects.bulk_create(
            [
                import_revision(s, user=user, note=f"imported from {document.filename}")
                for s in segments
            ],
            batch_size=2000,
        )
        if len(segments) <= MEASURE_ON_IMPORT_MAX:
            segments_text_changed(segments)
            document_totals_rebuild(document_id=document.pk)  # sums the rows just stored
    return document


def document_export(
    *,
    document: Document,
    format_name: str | None = None,
    approved_only: bool = False,
    include_mt: bool = False,
    progress: ProgressReport | None = None,
) -> bytes:
    """The document as a file of the given format (its own format by default)."""
    adapter = formats.format_by_name(format_name or document.format)
    if adapter.name != document.format and adapter.name == "text":
        raise InvalidInput("Only documents imported as text can be exported as text")
    total = document.segments.count() if progress is not None else 0
    units = []
    for s in export_segments(document=document).iterator(chunk_size=EXPORT_CHUNK):
        if progress is not None and len(units) % EXPORT_CHUNK == 0:
            progress(
                90 * len(units) // max(total, 1), f"Reading segment {len(units):,} of {total:,}"
            )
        units.append(_export_unit(s))
    if progress is not None:
        progress(90, f"Writing the {adapter.label} file")
    skeleton = document.skeleton if adapter.name == document.format else {}
    return adapter.render(
        skeleton,
        units,
        source_lang=document.project.source_lang,
        target_lang=document.project.target_lang,
        options=formats.ExportOptions(approved_only=approved_only, include_mt=include_mt),
    )


def _export_unit(s: Segment) -> formats.ExportUnit:
    return formats.ExportUnit(
        source=s.source,
        target=s.target,
        mt=s.mt,
        state=s.state,
        key=s.key,
        meta=s.meta,
        note=s.rejection_reason or "",
        created_at=s.created_at,
        changed_at=s.changed_at,
        created_by=s.created_by or "",
        changed_by=s.changed_by or "",
    )


@transaction.atomic
def document_archive(*, document: Document, user, archived: bool = True) -> Document:
    """Archive (or restore) a document: hidden from work lists, kept with its history."""
    if not can_manage(role_in_project(user=user, project_id=document.project_id)):
        raise NotAllowed("Only project managers can archive documents")
    document.archived_at = timezone.now() if archived else None
    document.save(update_fields=["archived_at"])
    return document
