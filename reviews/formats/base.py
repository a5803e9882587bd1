"""What every format adapter provides, and the plain data passed in and out.

Adapters are pure: bytes in, plain data out (and back). They import no models; only
services call them. Capabilities are declared as class attributes so nothing else
branches on a format's name.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

# progress(done, total): called by adapters that declare ``reports_progress`` while they
# parse, every so many units of work (paragraphs, entries), so a long import can show it.
ProgressCallback = Callable[[int, int], None]

# JSON text as the database stores a JSONField value: one encoder for every call
# (json.dumps builds a new one per call for non-default options).
json_text = json.JSONEncoder(ensure_ascii=False).encode


class FormatError(ValueError):
    """A file that cannot be imported; says where (line or element) and what."""

    def __init__(self, problem: str, *, line: int | None = None, element: str | None = None):
        self.problem = problem
        self.line = line
        self.element = element
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.element:
            where.append(f"element <{self.element}>")
        return f"{', '.join(where)}: {self.problem}" if where else self.problem


@dataclass
class Unit:
    """One translatable unit read from a file."""

    source: str
    target: str
    state: str | None = None  # a CONTRACT state, or None: "new" if target else "untranslated"
    key: str = ""  # msgctxt, tuid, trans-unit id: what identifies the unit in its file
    meta: dict[str, Any] = field(default_factory=dict)  # format-specific, JSON-serialisable
    read_only: bool = False

    def encoded_meta(self) -> str:
        """The meta as the JSON text its row stores (helper.EncodedUnit has it ready)."""
        return json_text(self.meta)


@dataclass
class ParsedFile:
    units: list[Unit]
    skeleton: dict[str, Any]  # JSON-serialisable: what is needed to rebuild the file exactly


@dataclass
class UnitStream:
    """Units as an adapter reads them, for an import that stores them as they come.

    ``skeleton`` is complete once ``units`` is exhausted; iterating may raise
    ``FormatError`` (a bad element further down the file). ``done()`` tells how much of
    the input has been read, from 0 to 1; ``total`` is the number of units when the
    adapter knows it before they are taken (it parsed the whole file first).
    """

    units: Iterator[Unit]
    skeleton: dict[str, Any]
    done: Callable[[], float] = lambda: 1.0
    total: int | None = None

    def close(self) -> None:
        """Stop reading: a helper process reading the file ends (helper.py)."""
        close = getattr(self.units, "close", None)
        if close is not None:
            close()


@dataclass
class ExportUnit:
    """One segment as stored, handed to an adapter to write. ``meta`` may be shared by
    many units of one export: adapters read it and never change it."""

    source: str
    target: str
    mt: str
    state: str
    key: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    note: str = ""  # the latest rejection reason, if any
    created_at: datetime | None = None
    changed_at: datetime | None = None
    created_by: str = ""
    changed_by: str = ""


@dataclass(frozen=True)
class ExportOptions:
    approved_only: bool = False
    include_mt: bool = False  # write the imported MT as a note where the format has notes
    filename: str = ""  # the imported file's name, for formats that record it (XLIFF original)


class Format:
    name: ClassVar[str]
    label: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    media_type: ClassVar[str] = "application/octet-stream"
    supports_source_file: ClassVar[bool] = False  # a separate source file may accompany it
    supports_plural: ClassVar[bool] = False
    supports_context: ClassVar[bool] = False
    supports_notes: ClassVar[bool] = False
    supports_inline_tags: ClassVar[bool] = False
    reports_progress: ClassVar[bool] = False  # parse() takes a ``progress`` callback
    writes_change_stamps: ClassVar[bool] = False  # render() uses created/changed at/by
    needs_source: ClassVar[bool] = False  # a bilingual file: each unit's source is written
    progress_unit: ClassVar[str] = "units"  # what progress(done, total) counts

    def sniff(self, data: bytes) -> bool:
        """True when the bytes look like this format (for --format auto)."""
        return False

    def export_refusal(self, *, has_source: bool) -> str:
        """Why a document cannot be written in this format, or "" when it can. A
        bilingual file of empty sources (``<seg/>``, ``<source/>``) is a memory nobody
        can use, so a format that ``needs_source`` refuses a document without one."""
        if self.needs_source and not has_source:
            return (
                f"{self.label} pairs each translation with its source, and this document "
                "has no source text (it was imported without one): export it as plain "
                "text or PO instead"
            )
        return ""

    def parse(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
    ) -> ParsedFile:
        """Adapters with ``reports_progress`` also take ``progress: ProgressCallback``."""
        raise NotImplementedError

    def stream(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> UnitStream:
        """The units one at a time. Adapters that can read incrementally override this;
        the others parse the whole file first (reporting ``progress`` if they can)."""
        extra = {"progress": progress} if progress is not None and self.reports_progress else {}
        parsed = self.parse(
            data,
            source_data=source_data,
            source_lang=source_lang,
            target_lang=target_lang,
            **extra,
        )
        units = parsed.units
        return UnitStream(units=iter(units), skeleton=parsed.skeleton, total=len(units))

    def render(
        self,
        skeleton: dict[str, Any],
        units: Iterable[ExportUnit],
        *,
        source_lang: str,
        target_lang: str,
        options: ExportOptions,
    ) -> bytes:
        raise NotImplementedError


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # a Python codec name
    bom: bool


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Python codecs that decode bytes to text but are no character set a file is written in:
# they read escapes or domain names, or refuse everything.
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SNIFF = 4096  # bytes looked at to tell UTF-16 without a byte-order mark from binary


def text_codec(declared: str, *, what: str, line: int | None = None) -> str:
    """The Python codec of a character set a file declares (a PO header's ``charset``, an
    XML declaration's ``encoding``). Refuses, as a FormatError at ``line``, unknown names
    and codecs that are not text encodings: ``bytes.decode`` raises LookupError for
    base64, rot13, zlib and the other bytes-to-bytes codecs (``_is_text_encoding`` is
    what it checks)."""
    try:
        info = codecs.lookup(declared)
    except LookupError:
        raise FormatError(f'unknown {what} "{declared}"', line=line) from None
    if not info._is_text_encoding:
        raise FormatError(f'{what} "{declared}" is not a text encoding', line=line)
    if info.name in _NOT_CHARSETS:
        raise FormatError(
            f'{what} "{declared}" is not a character set files are written in', line=line
        )
    return info.name


def utf16_without_bom(data: bytes) -> str | None:
    """The codec, utf-16-le or utf-16-be, when ``data`` looks like UTF-16 without a
    byte-order mark, else None. Such text has NUL bytes at alternate positions only
    (the high bytes of ASCII: markup, line ends, Latin letters), in at least half of
    its first characters, which decode without control characters; binary files have
    NULs at both positions or decode to controls."""
    if len(data) % 2:
        return None
    head = data[:_SNIFF]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if others or zeros * 4 < len(head):  # NULs in fewer than half the characters
            continue
        try:  # incrementally: a surrogate pair cut at the end of the head is no error
            text = codecs.getincrementaldecoder(codec)().decode(head)
        except UnicodeDecodeError:
            return None
        return None if _CONTROL.search(text) else codec
    return None


def decode_text(data: bytes) -> DecodedText:
    """Decode a text file: a BOM decides the encoding, then UTF-16 without one (see
    ``utf16_without_bom``), otherwise strict UTF-8.

    Refuses empty, binary (NUL bytes, not UTF-16) and undecodable files, naming the
    line of the first bad byte.
    """
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise FormatError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return DecodedText(body.decode(encoding), encoding, True)
            except UnicodeDecodeError as exc:
                raise _undecodable(body, exc, encoding, len(bom)) from None
    if wide := utf16_without_bom(data):
        try:
            return DecodedText(data.decode(wide), wide, False)
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc, wide, 0) from None
    if b"\x00" in data:
        raise FormatError("this is a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"bytes that are not valid UTF-8 at byte {exc.start} (save the file as UTF-8)",
            line=line,
        ) from None
    return DecodedText(text, "utf-8", False)


def _undecodable(body: bytes, exc: UnicodeDecodeError, encoding: str, offset: int):
    if "8" in encoding:
        line = body[: exc.start].count(b"\n") + 1
    else:  # the line ends of UTF-16 and UTF-32 are not b"\n"
        line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
    return FormatError(
        f"bytes that are not valid {encoding.upper()} at byte {exc.start + offset}", line=line
    )


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    body = text.encode(encoding)
    if not bom:
        return body
    return dict((enc, b) for b, enc in _BOMS)[encoding] + body
