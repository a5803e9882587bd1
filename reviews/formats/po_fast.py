"""A fast reader for the PO files most tools write, giving what polib gives.

The strict line scan and polib each walk a file line by line in Python; together they
cost twice polib's time before anything is stored. Most files have one simple shape:
entries of ``#`` comment lines, an optional msgctxt, msgid, and msgstr (or msgid_plural
and msgstr[0..n]), strings with only the escapes polib knows, blank lines between
entries. One regular expression reads such an entry at a time, and the entry's fields
are made the way polib makes them (its comment, flag and occurrence rules, its header
and metadata rules) from the same text. Anything else, obsolete entries (``#~``),
previous msgids (``#|``), odd spacing, anything the scan would refuse, makes ``read``
return None, and the file goes through the scan and polib as before: that path alone
reports errors. tests/formats/test_po_fast.py compares both readers on Django's
catalogues and the test files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

# Only the escapes polib unescapes; written as "normal* (escape normal*)*" for speed.
_STRING = r'"[^"\\\n]*(?:\\[\\"ntrvbf][^"\\\n]*)*"'
_STRINGS = rf"{_STRING}(?:\n{_STRING})*"
_ENTRY = re.compile(
    rf"""(?P<comments>(?:\#[^\n]*\n)*)
    (?:msgctxt\ (?P<ctxt>{_STRINGS})\n)?
    msgid\ (?P<id>{_STRINGS})\n
    (?:msgid_plural\ (?P<plural>{_STRINGS})\n
       (?P<forms>(?:msgstr\[[0-9]\]\ {_STRINGS}(?:\n|\Z))+)
     |msgstr\ (?P<str>{_STRINGS})(?:\n|\Z))
    \n*""",
    re.X,
)
_FORM = re.compile(rf"msgstr\[([0-9])\] ({_STRINGS})(?:\n|\Z)")
_NPLURALS = re.compile(r"nplurals\s*=\s*([0-9]+)")


@dataclass
class Entry:
    """The fields of a polib.POEntry that the PO adapter reads."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    tcomment: str = ""
    comment: str = ""
    flags: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False


@dataclass
class FastPo:
    entries: list[Entry]
    header: str  # polib's POFile.header
    metadata: list[tuple[str, str]]  # polib's POFile.metadata, in order
    header_fuzzy: bool


class _NotSimple(Exception):
    """The file is not of the simple shape: read it the thorough way."""


def read(text: str) -> FastPo | None:
    """The file's entries, header and metadata, or None when it is not of the simple
    shape (the caller then reads it with the scan and polib)."""
    if "#~" in text or "#|" in text:
        return None
    try:
        return _read(text)
    except _NotSimple:
        return None


def _read(text: str) -> FastPo:
    pos = len(text) - len(text.lstrip("\n"))
    entries: list[Entry] = []
    header_lines: list[str] = []
    match = _ENTRY.match
    while pos < len(text):
        found = match(text, pos)
        if found is None:
            raise _NotSimple
        entries.append(_entry(found, header_lines if not entries else None))
        pos = found.end()
    header, metadata, fuzzy, nplurals = "", [], False, 10
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        first = entries.pop(0)
        metadata, fuzzy = _metadata(first.msgstr), bool(first.flags)
        found_nplurals = _NPLURALS.search(first.msgstr)
        if found_nplurals:
            nplurals = int(found_nplurals.group(1))
    header = _joined(header_lines)
    if not entries or not 1 <= nplurals <= 10:
        raise _NotSimple
    seen = set()
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if entry.msgid == "" or key in seen or len(entry.msgstr_plural) > nplurals:
            raise _NotSimple  # the thorough path names the line
        seen.add(key)
    return FastPo(entries=entries, header=header, metadata=metadata, header_fuzzy=fuzzy)


def _string(group: str) -> str:
    """The value of quoted lines, as polib unescapes each of them."""
    if "\n" not in group:
        value = group[1:-1]
    else:
        value = "".join(piece[1:-1] for piece in group.split("\n"))
    return polib.unescape(value) if "\\" in value else value


def _joined(pieces: list[str]) -> str:
    """polib's way of adding comment lines: a newline only after a non-empty start."""
    joined = ""
    for piece in pieces:
        if joined != "":
            joined += "\n"
        joined += piece
    return joined


def _entry(found: re.Match, header_lines: list[str] | None) -> Entry:
    comments, ctxt, msgid, plural, forms, msgstr = found.groups()
    entry = Entry(msgid=_string(msgid))
    if ctxt is not None:
        entry.msgctxt = _string(ctxt)
    if plural is not None:
        entry.msgid_plural = _string(plural)
        for expected, form in enumerate(_FORM.finditer(forms)):
            if int(form.group(1)) != expected:
                raise _NotSimple
            entry.msgstr_plural[expected] = _string(form.group(2))
    else:
        entry.msgstr = _string(msgstr)
    if comments:
        _comments(entry, comments, header_lines)
    return entry


def _comments(entry: Entry, block: str, header_lines: list[str] | None) -> None:
    """polib's handling of each comment line (its parse(): tc, gc, oc and fl)."""
    translator, extracted = [], []
    for line in block.split("\n")[:-1]:
        written = line.strip()
        marker, _, rest = written.partition(" ")
        if "\t" in marker:
            raise _NotSimple  # polib splits at any whitespace: leave it to polib
        if marker == "#" or marker.startswith("##"):
            if written == "#":
                written = "# "
            if header_lines is not None:  # before anything else of the first entry
                header_lines.append(written[2:])
                continue
            comment = written.lstrip("#")
            translator.append(comment[1:] if comment.startswith(" ") else comment)
        elif marker in ("#.", "#:", "#,"):
            if not rest.strip():
                continue  # polib skips a marker with nothing after it
            header_lines = None
            if marker == "#.":
                extracted.append(written[3:])
            elif marker == "#:":
                entry.occurrences.extend(_occurrences(written[3:]))
            else:
                entry.flags += [flag.strip() for flag in written[3:].split(",")]
        else:
            raise _NotSimple
    entry.tcomment, entry.comment = _joined(translator), _joined(extracted)


def _occurrences(text: str) -> list[tuple[str, str]]:
    found = []
    for occurrence in text.split():
        name, colon, line = occurrence.rpartition(":")
        if not colon or not line.isdigit():
            found.append((occurrence, ""))
        else:
            found.append((name, line))
    return found


def _metadata(msgstr: str) -> list[tuple[str, str]]:
    """polib's reading of the header entry's msgstr."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            metadata[key] = value.strip()
        except ValueError:
            if key is not None:
                metadata[key] += "\n" + line.strip()
    return list(metadata.items())
