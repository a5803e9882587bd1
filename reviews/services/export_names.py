"""The name a download of a document is saved under: never the imported file's own name,
so a download does not overwrite the original MT on the user's disk (issue 19)."""

from __future__ import annotations

import re
import unicodedata

from .. import formats
from ..models import Document
from .uploads import upload_filename

_SEPARATORS = re.compile(r"[/\\]+")
NAME_BYTES = 255  # what file systems take for one name (ext4, APFS: bytes of UTF-8)


def export_filename(*, document: Document, format_name: str, approved_only: bool = False) -> str:
    """``<title>.<target-lang>.reviewed.<ext>``, or ``.approved.<ext>`` for an
    approved-only export. A title that is a file name (the default) loses its
    extension, path separators become hyphens, and what a header cannot carry goes
    (``upload_filename``); non-ASCII stays, for Content-Disposition's ``filename*``."""
    adapter = formats.format_by_name(format_name)
    # Line and paragraph separators (U+2028, U+2029) are no control characters, but
    # they break a name as a newline does; leading dots would hide the file.
    title = "".join(
        " " if unicodedata.category(ch) in ("Zl", "Zp") else ch for ch in document.title
    )
    title = _SEPARATORS.sub("-", title).strip().lstrip(".").strip()
    known = tuple(ext for fmt in formats.FORMATS.values() for ext in fmt.extensions)
    stem, dot, extension = title.rpartition(".")
    if dot and stem and f".{extension.lower()}" in known:
        title = stem
    kind = "approved" if approved_only else "reviewed"
    suffix = f".{document.project.target_lang}.{kind}{adapter.extensions[0]}"
    title = upload_filename(title) if title else f"document-{document.pk}"
    # At most NAME_BYTES bytes in UTF-8, the suffix kept whole: a long title in Chinese
    # is three bytes a character, and a name over the limit cannot be saved.
    room = NAME_BYTES - len(suffix.encode())
    title = title.encode()[:room].decode(errors="ignore").rstrip(" .") or f"document-{document.pk}"
    return f"{title}{suffix}"
