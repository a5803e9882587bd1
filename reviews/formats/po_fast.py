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
from collections.abc import Iterator
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
    as_written: str = ""  # the entry's lines in the file read, its comments first


@dataclass
class FastPo:
    entries: list[Entry]
    header: str  # polib's POFile.header
    metadata: list[tuple[str, str]]  # polib's POFile.metadata, in order
    header_fuzzy: bool
    header_written: str | None  # the header entry's lines, if the file has one


class NotSimple(Exception):
    """The file is not of the simple shape: read it the thorough way."""


def read(text: str) -> FastPo | None:
    """The file's entries, header and metadata, or None when it is not of the simple
    shape (the caller then reads it with the scan and polib)."""
    reader = Reader(text)
    try:
        entries = list(reader)
    except NotSimple:
        return None
    return FastPo(
        entries=entries,
        header=reader.header,
        metadata=reader.metadata,
        header_fuzzy=reader.header_fuzzy,
        header_written=reader.header_written,
    )


class Reader:
    """The entries of a simple file, one at a time as they are read.

    ``header``, ``metadata``, ``header_fuzzy`` and ``header_written`` are set before the
    first entry comes out; ``pos`` is how far the text is read. Iterating raises
    NotSimple where the file stops being of the simple shape, having given only entries
    that the scan and polib read the same way up to there."""

    def __init__(self, text: str):
        self.text = text
        self.pos = len(text) - len(text.lstrip("\n"))
        self.header = ""
        self.metadata: list[tuple[str, str]] = []
        self.header_fuzzy = False
        self.header_written: str | None = None

    def __iter__(self) -> Iterator[Entry]:
        text, match = self.text, _ENTRY.match
        if "#~" in text or "#|" in text:
            raise NotSimple
        header_lines: list[str] | None = []
        nplurals, seen = 10, set()
        while self.pos < len(text):
            found = match(text, self.pos)
            if found is None:
                raise NotSimple
            entry = _entry(found, header_lines)
            self.pos = found.end()
            written = text[found.start() : self.pos].rstrip("\n") + "\n"
            if header_lines is not None:  # the first entry: the header comes first
                self.header, header_lines = _joined(header_lines), None
                if entry.msgid == "" and entry.msgctxt is None:
                    self.metadata, self.header_fuzzy = _metadata(entry.msgstr), bool(entry.flags)
                    self.header_written = written
                    found_nplurals = _NPLURALS.search(entry.msgstr)
                    if found_nplurals:
                        nplurals = int(found_nplurals.group(1))
                    if not 1 <= nplurals <= 10:
                        raise NotSimple
                    continue
            key = (entry.msgctxt, entry.msgid)
            if entry.msgid == "" or key in seen or len(entry.msgstr_plural) > nplurals:
                raise NotSimple  # the thorough path names the line
            if seen or self.header_written is not None:  # else polib's header has its comments
                entry.as_written = written
            seen.add(key)
            yield entry
        if not seen:
            raise NotSimple


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
                raise NotSimple
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
            raise NotSimple  # polib splits at any whitespace: leave it to polib
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
            raise NotSimple
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
