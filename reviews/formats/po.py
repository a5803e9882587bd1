"""Gettext PO files, read with polib after a strict line scan of our own, written as
polib writes them.

The parts: po_decode (bytes to text, and the line boundaries polib sees where a PO
file has none), po_scan (the strict line scan), po_fast (the usual file in one pass:
the same entries), po_read (entries to units), po_write (entries as polib writes them,
faster), po_header (a fresh file's metadata, the file around its entries); this module
is the adapter and the mapping of units back to entries.

Each active entry is one unit: ``source`` is the msgid,
``target`` the msgstr (msgstr[0] for a plural entry, whose every form is kept in
``meta["plural"]``), the key is ``msgctxt|msgid`` (the msgid alone without a context).
Flags, comments, references and previous msgids are kept in the meta; the header
comment, metadata and BOM, the obsolete entries (verbatim) and trailing comments in the
skeleton.

States (CONTRACT): empty msgstr → untranslated, ``#, fuzzy`` → new, otherwise translated;
on export translated and approved are plain, new is fuzzy, rejected is fuzzy with a
``# Rejected: reason`` translator comment, which is read back as rejected. With
``include_mt`` the MT is the last extracted comment, ``#. MT: …``; it is read back into
``meta["mt"]`` instead of being kept as a comment, so it is never written twice.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from . import carry, carry_header, inline, po_fast, po_write
from .base import (
    ExportOptions,
    ExportUnit,
    Format,
    ParsedFile,
    UnitStream,
    encode_text,
    utf16_without_bom,
)
from .po_decode import decode, shield
from .po_header import file_text, fresh_metadata, header_text, plural_forms, polib_header
from .po_read import MT, REJECTED, file_entries, read_entry, read_thoroughly, stream_units

__all__ = ["PoFormat", "plural_forms"]


class PoFormat(Format):
    name = "po"
    label = "Gettext PO"
    extensions = (".po", ".pot")
    media_type = "text/x-gettext-translation"
    supports_plural = True
    supports_context = True
    supports_notes = True

    def sniff(self, data: bytes) -> bool:
        head = data[: 1 << 16]
        for bom, codec in (
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ):
            if head.startswith(bom):
                text = head[len(bom) :].decode(codec, errors="replace")
                break
        else:
            wide = utf16_without_bom(data)
            if wide is None and b"\x00" in head:
                return False
            text = head.decode(wide or "utf-8", errors="replace")
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                return bool(re.match(r'(msgctxt|msgid)\s+"', line))
        return False

    def parse(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
    ) -> ParsedFile:
        entries, skeleton = file_entries(data)
        return ParsedFile(units=[read_entry(e) for e in entries], skeleton=skeleton)

    def stream(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
        progress=None,
    ) -> UnitStream:
        """The usual file is read as its units are taken (po_fast.Reader), so storing
        starts at once. Where it stops being of the simple shape, the scan and polib
        read the whole file and the units go on from theirs: the same units up to
        there, then theirs, or their error with its line."""
        text, encoding, bom = decode(data)
        text, shielded = shield(text)
        if shielded:
            entries, skeleton = read_thoroughly(text, shielded, encoding, bom)
            units = map(read_entry, entries)
            return UnitStream(units=units, skeleton=skeleton, total=len(entries))
        reader = po_fast.Reader(text)
        skeleton: dict[str, Any] = {}
        size = max(1, len(text))
        units = stream_units(reader, encoding, bom, skeleton)
        return UnitStream(units=units, skeleton=skeleton, done=lambda: reader.pos / size)

    def render(
        self,
        skeleton: dict[str, Any],
        units: Iterable[ExportUnit],
        *,
        source_lang: str,
        target_lang: str,
        options: ExportOptions,
    ) -> bytes:
        own = skeleton.get("format") == "po"
        seen: set[tuple[str | None, str]] = set()
        body = []  # each entry's text: as read if unchanged, else as polib writes it
        dropped: Counter[str] = Counter()  # what TMX and XLIFF units had that PO cannot carry
        for position, unit in enumerate(units):
            entry = _write_entry(unit, options, dropped)
            base, suffix = unit.key or str(position + 1), 1
            while (entry.msgctxt, entry.msgid) in seen:  # units from a text or XML import
                entry.msgctxt = base if suffix == 1 else f"{base}-{suffix}"
                suffix += 1
            seen.add((entry.msgctxt, entry.msgid))
            body.append(_as_read(unit, entry) or _entry_text(unit, entry))
        lines = []  # more header comment lines: another format's header, what PO cannot carry
        document = carry_header.header_view(skeleton, "po")  # another format's header
        for note in document.notes if document else ():
            lines.append(f"{note.author}: {note.text}" if note.author else note.text)
        for kind, value in document.props if document else ():
            lines.append(f"{kind}: {value}")
        if dropped or (document and document.dropped):
            lines.append(carry.dropped_summary(dropped, document.dropped if document else ()))
        comment = "\n".join(lines)
        if not own:
            comment = "\n".join(["Exported by Translation Workbench.", *lines])
            fresh = polib_header(comment, fresh_metadata(target_lang))
            return encode_text(file_text(fresh, body, {}), "utf-8", False)
        encoding, bom = skeleton.get("encoding", "utf-8"), skeleton.get("bom", False)
        try:
            header = header_text(skeleton, comment=comment)
            return encode_text(file_text(header, body, skeleton), encoding, bom)
        except UnicodeEncodeError:  # an edit the old charset cannot hold: switch to UTF-8
            header = header_text(skeleton, utf8=True, comment=comment)
            return encode_text(file_text(header, body, skeleton), "utf-8", False)


def _as_read(unit: ExportUnit, entry: po_fast.Entry) -> str | None:
    """The entry's lines as the file had them (``meta["po_layout"]``, kept at import),
    while it is written as it was imported: the same entry as its imported text
    (``mt``), state and rejection reason give with no export option. Other tools wrap at
    79 columns, keep a long comment on one line, order flags their way: an entry nobody
    changed keeps all that; a changed one is written as polib writes it."""
    layout = unit.meta.get("po_layout")
    if not layout or "text" not in layout or unit.meta.get("format") != "po":
        return None  # a file that wraps nothing: _entry_text writes it as read
    imported = replace(
        unit,
        target=unit.mt,
        state=layout["state"],
        note=unit.meta.get("rejection_reason", ""),
    )
    return layout["text"] if _write_entry(imported, _AS_IMPORTED) == entry else None


_AS_IMPORTED = ExportOptions()


def _entry_text(unit: ExportUnit, entry: po_fast.Entry) -> str:
    """A changed entry's text: in a file that wraps nothing, unwrapped too (the file's
    own shape); otherwise as polib writes it."""
    layout = unit.meta.get("po_layout") if unit.meta.get("format") == "po" else None
    if layout and layout.get("wrap") == 0:
        return po_write.unwrapped_text(entry) or po_write.entry_text(entry)
    return po_write.entry_text(entry)


def _write_entry(
    unit: ExportUnit, options: ExportOptions, dropped: Counter[str] | None = None
) -> po_fast.Entry:
    own = unit.meta.get("format") == "po"
    meta = unit.meta
    if not own:  # another format's unit: its comments, context and flags (carry.py)
        meta, lost = carry.po_fields(carry.view(unit))
        if dropped is not None:
            dropped.update(set(lost))
    source_tags = {} if own else unit.meta.get("source_tags", {})
    source = inline.plain_text(unit.source, source_tags)
    target = inline.plain_text(unit.target, {} if own else unit.meta.get("tags", {}), source_tags)
    msgid = source if own else (source or unit.mt or target or "(empty)")
    publish = not options.approved_only or unit.state == "approved"
    if not publish:
        target = ""
    if unit.state == "untranslated" and not target:
        fuzzy = bool(meta.get("fuzzy"))
    else:
        fuzzy = unit.state in ("new", "rejected", "untranslated") and bool(target)
    tcomment = meta.get("tcomment", "")
    if publish and unit.state == "rejected":
        reason = f"{REJECTED} {unit.note}".rstrip()
        tcomment = f"{tcomment}\n{reason}" if tcomment else reason
    comment = meta.get("comment", "")
    if options.include_mt and unit.mt and unit.mt != unit.target:
        note = MT + unit.mt
        comment = f"{comment}\n{note}" if comment else note
    entry = po_fast.Entry(
        msgid=msgid,
        msgctxt=meta.get("msgctxt"),
        tcomment=tcomment,
        comment=comment,
        occurrences=[tuple(o) for o in meta.get("occurrences", [])],
        flags=(["fuzzy"] if fuzzy else []) + list(meta.get("flags", [])),
        previous_msgctxt=meta.get("previous_msgctxt"),
        previous_msgid=meta.get("previous_msgid"),
        previous_msgid_plural=meta.get("previous_msgid_plural"),
    )
    plural = meta.get("plural")
    if plural:
        forms = {int(k): (v if publish else "") for k, v in plural["forms"].items()}
        forms[0] = target
        entry.msgid_plural = plural["msgid_plural"]
        entry.msgstr_plural = dict(sorted(forms.items()))
    else:
        entry.msgstr = target
    return entry
