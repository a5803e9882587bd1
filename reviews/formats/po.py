"""Gettext PO files, read with polib after a strict line scan of our own, written as
polib writes them.

The usual file is read in one pass by po_fast (the same entries), and entries are
written by po_write (polib's text, faster); polib writes the header and reads the rest.

polib is lenient (it accepts an unterminated string and reads ``msgstr[12]`` as index 1),
so ``scan`` checks every line first and refuses, with its line number,
anything polib would misread. Each active entry is one unit: ``source`` is the msgid,
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polib

from . import inline, po_fast, po_write
from .base import (
    ExportOptions,
    ExportUnit,
    Format,
    FormatError,
    ParsedFile,
    Unit,
    UnitStream,
    decode_text,
    encode_text,
    text_codec,
    utf16_without_bom,
)

_REJECTED = "Rejected:"
_MT = "MT: "
_CHARSET = re.compile(rb"charset=([-\w.:]+)", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PLURAL_FORMS = {
    "nplurals=1; plural=0;": "zh ja ko vi th id ms lo km my yue",
    "nplurals=2; plural=(n != 1);": "en de nl sv da nb nn no fi et el it es ca eu gl hu bg "
    "tr he af sq az hy ka kk ky mn ne ta te ur ml mr sw",
    "nplurals=2; plural=(n > 1);": "fr oc ln mg tg ti wa fil",
}


def plural_forms(lang: str) -> str | None:
    """A simple Plural-Forms header value for ``lang``, if it has a simple one."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    if lang.replace("_", "-").lower() == "pt-br":
        primary = "fr"
    return next((rule for rule, langs in _PLURAL_FORMS.items() if primary in langs.split()), None)


def _decode(data: bytes) -> tuple[str, str, bool]:
    """The text, its codec and whether it had a BOM: a BOM, or UTF-16 without one,
    decides; otherwise the header's charset (a text encoding: ``text_codec``)."""
    if data[:4].startswith(_BOMS) or utf16_without_bom(data):
        decoded = decode_text(data)
        return decoded.text, decoded.encoding, decoded.bom
    match = _CHARSET.search(data[: 1 << 16])
    if match is None or match.group(1).lower() == b"charset":  # a template's placeholder
        decoded = decode_text(data)
        return decoded.text, decoded.encoding, decoded.bom
    charset = match.group(1).decode("ascii")
    line = data.count(b"\n", 0, match.start()) + 1
    codec = text_codec(charset, what="charset", line=line)
    if codec.startswith(("utf-16", "utf-32")):  # the header itself was read as ASCII
        raise FormatError(
            f'the header says charset "{charset}" but the file is not in {charset} (no '
            "byte-order mark, 8-bit characters): fix the header or save it as UTF-8",
            line=line,
        )
    if codec == "utf-8":
        decoded = decode_text(data)
        return decoded.text, decoded.encoding, decoded.bom
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise FormatError("the file is empty")
    try:
        return data.decode(codec), codec, False
    except UnicodeError as exc:  # some codecs (punycode, utf-7) raise it without a place
        start = getattr(exc, "start", None)
        line = None if start is None else data[:start].count(b"\n") + 1
        raise FormatError(f"bytes that are not valid {charset}", line=line) from None


# Only "\n" ends a line in a PO file; polib splits at every str.splitlines() boundary.
_SPLITTERS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _shield(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with the other line boundaries swapped for unused private-use characters."""
    text = text.replace("\r\n", "\n")
    found = [char for char in _SPLITTERS if char in text]
    shielded: dict[str, str] = {}
    candidate = 0xF0000
    for char in found:
        while chr(candidate) in text:
            candidate += 1
        shielded[chr(candidate)] = char
        text = text.replace(char, chr(candidate))
    return text, shielded


def _restore(value, shielded: dict[str, str]):
    if isinstance(value, str):
        for stand_in, char in shielded.items():
            value = value.replace(stand_in, char)
        return value
    if isinstance(value, list | tuple):
        return type(value)(_restore(v, shielded) for v in value)
    if isinstance(value, dict):
        return {k: _restore(v, shielded) for k, v in value.items()}
    return value


_BOUNDARY_NAMES = {
    "\r": "a bare carriage return (\\r)",
    "\x0b": "a vertical tab (\\x0b)",
    "\x0c": "a form feed (\\x0c)",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def _quoted(text: str, shielded: dict[str, str]) -> str:
    """``text`` as an error message quotes it: the characters the stand-ins hold, escaped."""
    return repr(_restore(text, shielded))


def _told_line_boundaries(exc: FormatError, text: str, shielded: dict[str, str]) -> FormatError:
    """``exc``, saying so when its line holds a character that ends lines elsewhere but
    not in a PO file (where the text after it is on the same line)."""
    problem = exc.problem
    for stand_in, char in shielded.items():  # one a message has as it is (an escape's)
        problem = problem.replace(stand_in, repr(char)[1:-1])
    lines = text.split("\n") if exc.line is not None else []
    line = lines[exc.line - 1] if lines and 0 < exc.line <= len(lines) else ""
    found = [char for stand_in, char in shielded.items() if stand_in in line]
    if found:
        names = " and ".join(_BOUNDARY_NAMES.get(char, f"the character {char!r}") for char in found)
        problem += (
            f"; the line holds {names}, which does not end a line in a PO file (only \\n does)"
        )
    if problem == exc.problem:
        return exc
    return FormatError(problem, line=exc.line, element=exc.element)


def _unshield(po: polib.POFile, shielded: dict[str, str]) -> None:
    po.header = _restore(po.header, shielded)
    for key, value in list(po.metadata.items()):
        po.metadata[key] = _restore(value, shielded)
    fields = ("msgid", "msgstr", "msgctxt", "msgid_plural", "tcomment", "comment", "flags",
              "occurrences", "msgstr_plural", "previous_msgid", "previous_msgctxt",
              "previous_msgid_plural")  # fmt: skip
    for entry in po:
        for name in fields:
            setattr(entry, name, _restore(getattr(entry, name), shielded))


def _split_tail(text: str, marker: str) -> tuple[str, str | None]:
    """(text before the first line starting with ``marker``, the rest without it)."""
    if marker.rstrip() not in text:  # the usual comment: no such line
        return text, None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(marker) or line == marker.rstrip():
            rest = "\n".join([line[len(marker) :], *lines[index + 1 :]])
            return "\n".join(lines[:index]), rest
    return text, None


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
        entries, skeleton = _entries(data)
        return ParsedFile(units=[_read_entry(e) for e in entries], skeleton=skeleton)

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
        text, encoding, bom = _decode(data)
        text, shielded = _shield(text)
        if shielded:
            entries, skeleton = _read_thoroughly(text, shielded, encoding, bom)
            units = map(_read_entry, entries)
            return UnitStream(units=units, skeleton=skeleton, total=len(entries))
        reader = po_fast.Reader(text)
        skeleton: dict[str, Any] = {}
        size = max(1, len(text))
        units = _units(reader, encoding, bom, skeleton)
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
        po = polib.POFile(wrapwidth=78)
        if own:
            po.header = skeleton.get("header_comment", "")
            po.metadata = dict(skeleton.get("metadata", []))
            po.metadata_is_fuzzy = skeleton.get("header_fuzzy", False)
        else:
            po.header = "Exported by Translation Workbench."
            po.metadata = _fresh_metadata(target_lang)
        seen: set[tuple[str | None, str]] = set()
        body = []  # each entry's text, as polib writes it (po_write)
        for position, unit in enumerate(units):
            entry = _write_entry(unit, options)
            base, suffix = unit.key or str(position + 1), 1
            while (entry.msgctxt, entry.msgid) in seen:  # units from a text or XML import
                entry.msgctxt = base if suffix == 1 else f"{base}-{suffix}"
                suffix += 1
            seen.add((entry.msgctxt, entry.msgid))
            body.append(po_write.entry_text(entry))
        layout = skeleton if own else {}
        try:
            return encode_text(
                _text(po, body, layout), layout.get("encoding", "utf-8"), layout.get("bom", False)
            )
        except UnicodeEncodeError:  # an edit the old charset cannot hold: switch to UTF-8
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            return encode_text(_text(po, body, layout), "utf-8", False)


def _entries(data: bytes) -> tuple[list, dict[str, Any]]:
    """The file's active entries (po_fast's or polib's) and its skeleton."""
    text, encoding, bom = _decode(data)
    text, shielded = _shield(text)
    fast = None if shielded else po_fast.read(text)
    if fast is not None:  # the usual file: read in one pass (po_fast.py)
        return fast.entries, _fast_skeleton(fast, encoding, bom)
    return _read_thoroughly(text, shielded, encoding, bom)


def _fast_skeleton(fast: po_fast.FastPo | po_fast.Reader, encoding: str, bom: bool) -> dict:
    return {
        "format": "po",
        "encoding": encoding,
        "bom": bom,
        "header_comment": fast.header,
        "metadata": fast.metadata,
        "header_fuzzy": fast.header_fuzzy,
        "obsolete": [],
        "trailing": "",
    }


def _units(reader: po_fast.Reader, encoding: str, bom: bool, skeleton: dict) -> Iterator[Unit]:
    """The units of ``reader`` as it reads; from where the file stops being simple,
    the thorough reader's (the entries before are the same in both: test_po_fast).
    ``skeleton`` is filled once the units are exhausted."""
    taken = 0
    try:
        for entry in reader:
            taken += 1
            yield _read_entry(entry)
    except po_fast.NotSimple:
        entries, thorough = _read_thoroughly(reader.text, {}, encoding, bom)  # not shielded
        skeleton.update(thorough)
        yield from map(_read_entry, entries[taken:])
        return
    skeleton.update(_fast_skeleton(reader, encoding, bom))


def _read_thoroughly(text: str, shielded: dict[str, str], encoding: str, bom: bool):
    """The entries and skeleton by the line scan and polib: any file, and its errors."""
    try:
        syntax = scan(text, shielded)
    except FormatError as exc:
        raise _told_line_boundaries(exc, text, shielded) from None
    try:
        po = polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError, KeyError, IndexError) as exc:  # the scan should prevent it
        raise FormatError(f"unreadable PO file: {exc}") from None
    if shielded:
        _unshield(po, shielded)
        syntax.obsolete = [_restore(block, shielded) for block in syntax.obsolete]
        syntax.trailing = _restore(syntax.trailing, shielded)
    entries = [e for e in po if not e.obsolete]
    if len(entries) != syntax.active:
        raise FormatError(f"found {syntax.active} entries but could read {len(entries)}")
    if not entries:
        raise FormatError("the PO file has no messages, only a header")
    skeleton = {
        "format": "po",
        "encoding": encoding,
        "bom": bom,
        "header_comment": po.header,
        "metadata": list(po.metadata.items()),
        "header_fuzzy": bool(po.metadata_is_fuzzy),
        "obsolete": syntax.obsolete,
        "trailing": syntax.trailing,
    }
    return entries, skeleton


def _text(po: polib.POFile, body: list[str], skeleton: dict[str, Any]) -> str:
    """The file: polib writes the header and metadata (``po`` holds no entries), and
    the entries' texts follow, joined as polib joins them."""
    out = "\n".join([str(po), *body])
    if not po.header and out.startswith("#\n"):  # polib's mark for an empty header comment
        out = out[2:]
    if skeleton.get("obsolete"):
        out = out.rstrip("\n") + "\n\n" + "\n\n".join(skeleton["obsolete"]) + "\n"
    if skeleton.get("trailing"):
        out = out.rstrip("\n") + "\n\n" + skeleton["trailing"] + "\n"
    return out


def _fresh_metadata(target_lang: str) -> dict[str, str]:
    metadata = {
        "Project-Id-Version": "Translation Workbench export",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": target_lang.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    rule = plural_forms(target_lang)
    if rule:
        metadata["Plural-Forms"] = rule
    return metadata


def _read_entry(entry: polib.POEntry | po_fast.Entry) -> Unit:
    flags = [f for f in entry.flags if f != "fuzzy"]
    fuzzy = "fuzzy" in entry.flags
    meta: dict[str, Any] = {"format": "po"}
    if entry.msgctxt is not None:
        meta["msgctxt"] = entry.msgctxt
    tcomment, reason = _split_tail(entry.tcomment or "", _REJECTED)
    if not fuzzy or reason is None:
        tcomment, reason = entry.tcomment or "", None
    comment, mt = _split_tail(entry.comment or "", _MT)
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
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}|{entry.msgid}"
    return Unit(source=entry.msgid, target=target, state=state, key=key, meta=meta)


def _write_entry(unit: ExportUnit, options: ExportOptions) -> po_fast.Entry:
    own = unit.meta.get("format") == "po"
    meta = unit.meta if own else {}
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
        reason = f"{_REJECTED} {unit.note}".rstrip()
        tcomment = f"{tcomment}\n{reason}" if tcomment else reason
    comment = meta.get("comment", "")
    if options.include_mt and unit.mt and unit.mt != unit.target:
        note = _MT + unit.mt
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


# The line scan. ------------------------------------------------------------------------

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?(?:\s+(.*))?$")
_GOOD = r'"([^"\\]*(?:\\[\\"ntrvbf][^"\\]*)*)"'  # only escapes polib knows
_GOOD_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?\s+" + _GOOD + "$")
_GOOD_STRING = re.compile(_GOOD + "$")
_LITERAL = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_NPLURALS = re.compile(r"nplurals\s*=\s*([0-9]+)")
_COMMENTS = ("#", "#,", "#.", "#:", "#~|")
_COMPLETE = ("start", "str", "strn")  # states in which an entry may end


@dataclass
class Syntax:
    active: int  # entries other than the header and the obsolete ones
    obsolete: list[str]  # obsolete entries as written, with their comments
    trailing: str  # comments after the last entry, which polib drops


@dataclass
class _Entry:
    start: int
    line: int
    obsolete: bool
    values: dict[str, list[str]] = field(default_factory=dict)
    last: str = ""
    forms: int = 0
    end: int = 0

    def text(self, keyword: str) -> str | None:
        pieces = self.values.get(keyword)
        if pieces is None:
            return None
        joined = "".join(pieces)
        return polib.unescape(joined) if "\\" in joined else joined


def _literal(rest: str, line: int) -> str:
    rest = rest.strip()
    if not rest.startswith('"'):
        raise FormatError("expected a quoted string", line=line)
    match = _LITERAL.match(rest)
    if not match:
        raise FormatError("unterminated string: the closing quote is missing", line=line)
    if rest[match.end() :].strip():
        raise FormatError('unexpected text after a string (an unescaped " inside it?)', line=line)
    for escape in re.finditer(r"\\(.)", match.group(1)):
        if escape.group(1) not in '\\"ntrvbf':
            raise FormatError(f"unsupported escape sequence \\{escape.group(1)}", line=line)
    return match.group(1)


def _check_comment(line: str, lineno: int, shielded: dict[str, str]) -> None:
    marker = line.split(None, 1)[0]
    if marker in _COMMENTS or marker.startswith("##"):
        return
    if marker == "#|":
        rest = line[2:].strip()
        keyword = re.match(r"(msgctxt|msgid_plural|msgid)\s", rest)
        _literal(rest[keyword.end() :] if keyword else rest, lineno)
        return
    raise FormatError(
        f"unknown comment marker {_quoted(marker[:12], shielded)} (write '# ' for a comment)",
        line=lineno,
    )


def scan(text: str, shielded: dict[str, str] | None = None) -> Syntax:
    """Check the syntax of a whole PO file; FormatError with the line of the first problem.
    ``shielded``: the stand-ins ``_shield`` put in ``text``, shown as what they hold."""
    shielded = shielded or {}
    lines = text.split("\n")  # _shield left no other line boundary
    entries: list[_Entry] = []
    current: _Entry | None = None
    state, comments_from = "start", 0
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~") and not line.startswith("#~|")
        if line[0] == "#" and not obsolete:
            if not (line[1:2] in ("", " ", "\t") or line[1] in ",.:" and line[2:3] in ("", " ")):
                _check_comment(line, lineno, shielded)
            if state not in _COMPLETE:
                raise FormatError("a comment inside an entry, before its msgstr", line=lineno)
            state, comments_from = "start", comments_from or lineno
            continue
        if obsolete:
            if not line[2:3].isspace():
                raise FormatError("'#~' must be followed by a space and a PO line", line=lineno)
            line = line[2:].strip()
        if current is not None and state not in _COMPLETE and current.obsolete != obsolete:
            raise FormatError("an entry mixes obsolete (#~) and active lines", line=lineno)
        if line.startswith('"'):
            if current is None or state == "start":
                raise FormatError("a string with no keyword before it", line=lineno)
            if current.obsolete != obsolete:
                raise FormatError("an entry mixes obsolete (#~) and active lines", line=lineno)
            good = _GOOD_STRING.match(line)
            current.values[current.last].append(good.group(1) if good else _literal(line, lineno))
            current.end = lineno
            continue
        match = _GOOD_KEYWORD.match(line) or _KEYWORD.match(line)
        if not match:
            stray = _quoted(line[:24], shielded)
            raise FormatError(f"unknown keyword or stray text {stray}", line=lineno)
        keyword, index = match.group(1), match.group(2)
        value = (
            match.group(3) if match.re is _GOOD_KEYWORD else _literal(match.group(3) or "", lineno)
        )
        if index is not None and keyword != "msgstr":
            raise FormatError(f"{keyword} cannot have an index", line=lineno)
        if keyword in ("msgctxt", "msgid"):
            allowed = _COMPLETE if keyword == "msgctxt" else (*_COMPLETE, "ctxt")
            if state not in allowed:
                raise FormatError(f"unexpected {keyword}: the entry is incomplete", line=lineno)
            if state != "ctxt":
                current = _Entry(start=comments_from or lineno, line=lineno, obsolete=obsolete)
                entries.append(current)
                comments_from = 0
            current.line = lineno
            state = "ctxt" if keyword == "msgctxt" else "id"
        elif keyword == "msgid_plural":
            if state != "id":
                raise FormatError("msgid_plural must follow msgid", line=lineno)
            state = "plural"
        elif index is None:
            if state != "id":
                problem = "a plural entry needs msgstr[0]" if state == "plural" else "no msgid"
                raise FormatError(f"msgstr here: {problem}", line=lineno)
            state = "str"
        else:
            expected = {"plural": 0, "strn": current.forms if current else 0}.get(state)
            if expected is None:
                raise FormatError(f"msgstr[{index}] without msgid_plural", line=lineno)
            if int(index) != expected:
                raise FormatError(f"msgstr[{index}] out of order: expected {expected}", line=lineno)
            current.forms, state = expected + 1, "strn"
        key = f"msgstr[{index}]" if index is not None else keyword
        current.values[key], current.last, current.end = [value], key, lineno
    if current is not None and state not in _COMPLETE:
        raise FormatError("the entry has no msgstr", line=current.line)
    return _check_entries(entries, lines, comments_from)


def _check_entries(entries: list[_Entry], lines: list[str], trailing_from: int) -> Syntax:
    active = [e for e in entries if not e.obsolete]
    nplurals = 10  # polib reads one digit of the index
    if active and active[0].text("msgid") == "" and active[0].text("msgctxt") is None:
        header = active.pop(0)
        found = _NPLURALS.search(header.text("msgstr") or "")
        if found:
            nplurals = int(found.group(1))
            if not 1 <= nplurals <= 10:
                raise FormatError(f"nplurals={nplurals} is not supported", line=header.line)
    seen: dict[tuple[str | None, str], int] = {}
    for entry in active:
        msgid, msgctxt = entry.text("msgid") or "", entry.text("msgctxt")
        if msgid == "":
            raise FormatError("an empty msgid (only the header, first, has one)", line=entry.line)
        if (msgctxt, msgid) in seen:
            first = seen[(msgctxt, msgid)]
            raise FormatError(f"duplicate message, first defined at line {first}", line=entry.line)
        seen[(msgctxt, msgid)] = entry.line
        if entry.forms > nplurals:
            raise FormatError(
                f"msgstr[{entry.forms - 1}] but the header says nplurals={nplurals}",
                line=entry.line,
            )
    obsolete = ["\n".join(lines[e.start - 1 : e.end]).strip("\n") for e in entries if e.obsolete]
    trailing = "\n".join(lines[trailing_from - 1 :]).strip() if trailing_from else ""
    return Syntax(active=len(active), obsolete=obsolete, trailing=trailing)
