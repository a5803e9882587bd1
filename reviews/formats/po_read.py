"""Reading a PO file's entries as units: po_fast for the usual file, otherwise the line
scan and polib (any file, and its errors), and each entry's fields as a unit's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polib

from . import po_fast, po_write
from .base import FormatError, Unit
from .po_decode import decode, restore, shield, told_line_boundaries, unshield
from .po_scan import scan

REJECTED = "Rejected:"
MT = "MT: "


def split_tail(text: str, marker: str) -> tuple[str, str | None]:
    """(text before the first line starting with ``marker``, the rest without it)."""
    if marker.rstrip() not in text:  # the usual comment: no such line
        return text, None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(marker) or line == marker.rstrip():
            rest = "\n".join([line[len(marker) :], *lines[index + 1 :]])
            return "\n".join(lines[:index]), rest
    return text, None


def file_entries(data: bytes) -> tuple[list, dict[str, Any]]:
    """The file's active entries (po_fast's or polib's) and its skeleton."""
    text, encoding, bom = decode(data)
    text, shielded = shield(text)
    fast = None if shielded else po_fast.read(text)
    if fast is not None:  # the usual file: read in one pass (po_fast.py)
        return fast.entries, fast_skeleton(fast, encoding, bom)
    return read_thoroughly(text, shielded, encoding, bom)


def fast_skeleton(fast: po_fast.FastPo | po_fast.Reader, encoding: str, bom: bool) -> dict:
    return {
        "format": "po",
        "encoding": encoding,
        "bom": bom,
        "header_comment": fast.header,
        "metadata": fast.metadata,
        "header_fuzzy": fast.header_fuzzy,
        "header_written": fast.header_written,
        "obsolete": [],
        "trailing": "",
    }


def stream_units(
    reader: po_fast.Reader, encoding: str, bom: bool, skeleton: dict
) -> Iterator[Unit]:
    """The units of ``reader`` as it reads; from where the file stops being simple,
    the thorough reader's (the entries before are the same in both: test_po_fast).
    ``skeleton`` is filled once the units are exhausted."""
    taken = 0
    try:
        for entry in reader:
            taken += 1
            yield read_entry(entry)
    except po_fast.NotSimple:
        entries, thorough = read_thoroughly(reader.text, {}, encoding, bom)  # not shielded
        skeleton.update(thorough)
        yield from map(read_entry, entries[taken:])
        return
    skeleton.update(fast_skeleton(reader, encoding, bom))


def read_thoroughly(text: str, shielded: dict[str, str], encoding: str, bom: bool):
    """The entries and skeleton by the line scan and polib: any file, and its errors."""
    try:
        syntax = scan(text, shielded)
    except FormatError as exc:
        raise told_line_boundaries(exc, text, shielded) from None
    try:
        po = polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError, KeyError, IndexError) as exc:  # the scan should prevent it
        raise FormatError(f"unreadable PO file: {exc}") from None
    if shielded:
        unshield(po, shielded)
        syntax.obsolete = [restore(block, shielded) for block in syntax.obsolete]
        syntax.trailing = restore(syntax.trailing, shielded)
        syntax.written = [restore(text, shielded) for text in syntax.written]
        syntax.header_written = restore(syntax.header_written, shielded)
    entries = [e for e in po if not e.obsolete]
    if len(entries) != syntax.active:
        raise FormatError(f"found {syntax.active} entries but could read {len(entries)}")
    for entry, written in zip(entries, syntax.written, strict=True):
        entry.as_written = written
    if not entries:
        raise FormatError("the PO file has no messages, only a header")
    skeleton = {
        "format": "po",
        "encoding": encoding,
        "bom": bom,
        "header_comment": po.header,
        "metadata": list(po.metadata.items()),
        "header_fuzzy": bool(po.metadata_is_fuzzy),
        "header_written": syntax.header_written,
        "obsolete": syntax.obsolete,
        "trailing": syntax.trailing,
    }
    return entries, skeleton


def read_entry(entry: polib.POEntry | po_fast.Entry) -> Unit:
    flags = [f for f in entry.flags if f != "fuzzy"]
    fuzzy = "fuzzy" in entry.flags
    meta: dict[str, Any] = {"format": "po"}
    if entry.msgctxt is not None:
        meta["msgctxt"] = entry.msgctxt
    tcomment, reason = split_tail(entry.tcomment or "", REJECTED)
    if not fuzzy or reason is None:
        tcomment, reason = entry.tcomment or "", None
    comment, mt = split_tail(entry.comment or "", MT)
    if entry.msgid_plural:
        forms = {str(k): v for k, v in sorted(entry.msgstr_plural.items())}
        meta["plural"] = {"msgid_plural": entry.msgid_plural, "forms": forms}
        target = forms.get("0", "")
        translated = any(forms.values())
    else:
        target = entry.msgstr
        translated = bool(target)
    for key, value in (
        ("flags", flags),
        ("tcomment", tcomment),
        ("comment", comment),
        ("occurrences", [list(o) for o in entry.occurrences]),
        ("previous_msgctxt", entry.previous_msgctxt),
        ("previous_msgid", entry.previous_msgid),
        ("previous_msgid_plural", entry.previous_msgid_plural),
        ("mt", mt),
        ("rejection_reason", (reason or "").strip() if reason is not None else None),
    ):
        if value:
            meta[key] = value
    if not translated:
        state = "untranslated"
        if fuzzy:
            meta["fuzzy"] = True
    elif fuzzy:
        state = "rejected" if reason is not None else "new"
    else:
        state = "translated"
    if written := getattr(entry, "as_written", ""):  # its lines, for an unchanged export
        meta["po_layout"] = _layout(entry, written, state, meta)
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}|{entry.msgid}"
    return Unit(source=entry.msgid, target=target, state=state, key=key, meta=meta)


def _layout(entry, written: str, state: str, meta: dict[str, Any]) -> dict[str, Any]:
    """How to write the entry back as read: ``{"wrap": 0}`` when the file wraps nothing
    (the export writes it so again: nothing more to store, and an edit keeps that
    shape), otherwise its lines, ``{"text": ...}``; and the state it was read in. Only an
    entry the export writes back field for field (``fuzzy`` first, no MT note, no
    rejection) goes without its lines."""
    flags = entry.flags
    plain = ("fuzzy" not in flags or flags[0] == "fuzzy") and "mt" not in meta
    if plain and state != "rejected" and written == po_write.unwrapped_text(entry):
        return {"wrap": 0, "state": state}
    return {"text": written, "state": state}
