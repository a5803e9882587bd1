"""Reading an uploaded file for a project: size limits, the format, and every refusal
as an ``ImportFailed`` that names the file (and the line or element)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings

from .. import formats
from ..errors import FileTooLarge, ImportFailed
from ..formats.helper import stream_in_helper
from ..models import Project

# report(percent, message): how far a long import or export is (a job's row, a CLI bar).
ProgressReport = Callable[[int, str], None]
PARSE_SHARE = 80  # percent of a re-import spent parsing; matching and storing is the rest


FILENAME_MAX = 255  # Document.filename
_HEADER_SYNTAX = str.maketrans("", "", "\"'`;")


def upload_filename(name: str) -> str:
    """The name an uploaded file is stored, shown and downloaded under: its last path
    part, without control or format characters (a right-to-left override disguises an
    extension), quotes or semicolons (a header's syntax), at most ``FILENAME_MAX``
    characters with its extension kept; "upload" if nothing is left. The browser sends
    the name, so it may say anything."""
    name = re.split(r"[/\\]", name or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.translate(_HEADER_SYNTAX).strip()
    if len(name) > FILENAME_MAX:
        stem, dot, extension = name.rpartition(".")
        keep = dot + extension if dot and len(extension) < 16 else ""
        name = name[: FILENAME_MAX - len(keep)] + keep
    return name or "upload"


@contextmanager
def naming_the_file(filename: str, source_filename: str = "") -> Iterator[None]:
    """FormatError inside becomes ImportFailed naming the file it is about."""
    try:
        yield
    except formats.FormatError as exc:
        problem = exc.describe()
        if problem.startswith("source file: ") and source_filename:
            raise ImportFailed(source_filename, problem.removeprefix("source file: ")) from None
        raise ImportFailed(filename, problem) from None


def _parse_progress(
    report: ProgressReport, adapter: formats.Format, filename: str, share: int
) -> formats.ProgressCallback:
    name = filename.rsplit("/", 1)[-1]

    def progress(done: int, total: int) -> None:
        if total:
            message = f"Reading {name}: {done:,} of {total:,} {adapter.progress_unit}"
            report(share * done // total, message)

    return progress


def _adapter(
    data: bytes, filename: str, format_name: str, source_data: bytes | None, source_filename: str
) -> formats.Format:
    limit = settings.MAX_UPLOAD_BYTES
    for name, blob in ((filename, data), (source_filename or "source", source_data)):
        if blob is not None and len(blob) > limit:
            raise FileTooLarge(name, f"the file is {len(blob):,} bytes; the limit is {limit:,}")
    if format_name == "auto":
        adapter = formats.format_for_file(filename, data)
    else:
        adapter = formats.format_by_name(format_name)
    if source_data is not None and not adapter.supports_source_file:
        raise formats.FormatError(f"the {adapter.label} format takes no separate source file")
    return adapter


def stream_upload(
    *,
    project: Project,
    data: bytes,
    filename: str,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    progress: ProgressReport | None = None,
    parse_share: int = PARSE_SHARE,
    in_helper: bool = False,
) -> tuple[formats.Format, formats.UnitStream]:
    """Size-check a file and start reading it. Adapters that stream read as the units
    are taken (iterate inside ``naming_the_file``); the others parse here, reporting
    ``progress`` from 0 to ``parse_share`` percent if they can.

    ``in_helper``: a caller that stores units as they come (an import) has a file of
    ``PARSE_HELPER_MIN_BYTES`` or more read in a helper process meanwhile
    (formats/helper.py), unless its adapter reports parse progress."""
    with naming_the_file(filename, source_filename):
        adapter = _adapter(data, filename, format_name, source_data, source_filename)
        size = len(data) + len(source_data or b"")
        minimum = settings.PARSE_HELPER_MIN_BYTES
        if in_helper and minimum and size >= minimum and not adapter.reports_progress:
            stream = stream_in_helper(
                adapter,
                data,
                source_data=source_data,
                source_lang=project.source_lang,
                target_lang=project.target_lang,
            )
            return adapter, stream
        report = None
        if progress is not None and adapter.reports_progress:
            report = _parse_progress(progress, adapter, filename, parse_share)
        stream = adapter.stream(
            data,
            source_data=source_data,
            source_lang=project.source_lang,
            target_lang=project.target_lang,
            progress=report,
        )
    return adapter, stream


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
    """The whole file parsed (a re-import compares every unit with the stored ones)."""
    adapter, stream = stream_upload(
        project=project,
        data=data,
        filename=filename,
        source_data=source_data,
        source_filename=source_filename,
        format_name=format_name,
        progress=progress,
    )
    with naming_the_file(filename, source_filename):
        units = list(stream.units)
    if not units:
        raise ImportFailed(filename, "the file holds no text to translate")
    return adapter, formats.ParsedFile(units=units, skeleton=stream.skeleton)
