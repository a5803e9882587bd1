"""The name a download of a document is saved under: never the imported file's own name,
so a download does not overwrite the original MT on the user's disk (issue 19)."""

from __future__ import annotations

import re

from .. import formats
from ..models import Document
from .uploads import upload_filename

_SEPARATORS = re.compile(r"[/\\]+")


def export_filename(*, document: Document, format_name: str, approved_only: bool = False) -> str:
    """``<title>.<target-lang>.reviewed.<ext>``, or ``.approved.<ext>`` for an
    approved-only export. A title that is a file name (the default) loses its
    extension, path separators become hyphens, and what a header cannot carry goes
    (``upload_filename``); non-ASCII stays, for Content-Disposition's ``filename*``."""
    adapter = formats.format_by_name(format_name)
    title = _SEPARATORS.sub("-", document.title).strip()
    known = tuple(ext for fmt in formats.FORMATS.values() for ext in fmt.extensions)
    stem, dot, extension = title.rpartition(".")
    if dot and stem and f".{extension.lower()}" in known:
        title = stem
    kind = "approved" if approved_only else "reviewed"
    suffix = f".{document.project.target_lang}.{kind}{adapter.extensions[0]}"
    title = upload_filename(title) if title else f"document-{document.pk}"
    return f"{title[: 255 - len(suffix)]}{suffix}"
