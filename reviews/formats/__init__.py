"""The format registry: every adapter the workbench reads and writes."""

from __future__ import annotations

from pathlib import PurePath

from .base import (
    ExportOptions,
    ExportUnit,
    Format,
    FormatError,
    ParsedFile,
    ProgressCallback,
    Unit,
    UnitStream,
)
from .po import PoFormat
from .text import TextFormat
from .tmx import TmxFormat
from .xliff import XliffFormat

FORMATS: dict[str, Format] = {
    fmt.name: fmt for fmt in (TextFormat(), PoFormat(), TmxFormat(), XliffFormat())
}

__all__ = [
    "FORMATS",
    "ExportOptions",
    "ExportUnit",
    "Format",
    "FormatError",
    "ParsedFile",
    "ProgressCallback",
    "Unit",
    "UnitStream",
    "format_by_name",
    "format_for_file",
]


def format_by_name(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise FormatError(f"unknown format {name!r} (known: {known})") from None


def format_for_file(filename: str, data: bytes) -> Format:
    """Pick a format by content first (XML root, PO header), then by extension."""
    suffix = PurePath(filename).suffix.lower()
    for fmt in FORMATS.values():
        if fmt.name != "text" and fmt.sniff(data):
            return fmt
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return FORMATS["text"]
