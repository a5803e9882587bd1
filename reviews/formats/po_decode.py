"""Decoding a PO file, and the line boundaries polib would see where a PO file has none.

The bytes are decoded by their BOM, or UTF-16 without one, or the header's charset.
Only "\n" ends a line in a PO file, but polib splits at every ``str.splitlines()``
boundary: ``shield`` swaps the others for unused private-use characters before the
scan and polib read the text, and ``restore`` puts them back in what they read.
"""

from __future__ import annotations

import codecs
import re

import polib

from .base import FormatError, decode_text, text_codec, utf16_without_bom

_CHARSET = re.compile(rb"charset=([-\w.:]+)", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes) -> tuple[str, str, bool]:
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


# What str.splitlines() also takes for the end of a line ("\r\n" is read as "\n").
_SPLITTERS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def shield(text: str) -> tuple[str, dict[str, str]]:
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


def restore(value, shielded: dict[str, str]):
    if isinstance(value, str):
        for stand_in, char in shielded.items():
            value = value.replace(stand_in, char)
        return value
    if isinstance(value, list | tuple):
        return type(value)(restore(v, shielded) for v in value)
    if isinstance(value, dict):
        return {k: restore(v, shielded) for k, v in value.items()}
    return value


_BOUNDARY_NAMES = {
    "\r": "a bare carriage return (\\r)",
    "\x0b": "a vertical tab (\\x0b)",
    "\x0c": "a form feed (\\x0c)",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def quoted(text: str, shielded: dict[str, str]) -> str:
    """``text`` as an error message quotes it: the characters the stand-ins hold, escaped."""
    return repr(restore(text, shielded))


def told_line_boundaries(exc: FormatError, text: str, shielded: dict[str, str]) -> FormatError:
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


def unshield(po: polib.POFile, shielded: dict[str, str]) -> None:
    po.header = restore(po.header, shielded)
    for key, value in list(po.metadata.items()):
        po.metadata[key] = restore(value, shielded)
    fields = ("msgid", "msgstr", "msgctxt", "msgid_plural", "tcomment", "comment", "flags",
              "occurrences", "msgstr_plural", "previous_msgid", "previous_msgctxt",
              "previous_msgid_plural")  # fmt: skip
    for entry in po:
        for name in fields:
            setattr(entry, name, restore(getattr(entry, name), shielded))
