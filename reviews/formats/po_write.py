"""Writing PO entries as polib writes them, without its per-field overhead, except that
comments are never wrapped.

polib's writer (``POEntry.__unicode__``) spends most of an export in generic work on
every field: eight ``count`` calls to size it, a ``textwrap.wrap`` for each string over
the line width (its regular expression handles hyphenation and em-dashes), list pops,
and the object itself. ``entry_text`` makes the same text with the same rules:

- a string with no line break that fits on its line is written as it is, escaped;
- a longer one is wrapped by ``wrap``, which is textwrap's greedy fill, made simple for
  the text it gets (escaped text holds no whitespace but spaces): a string with a hyphen
  goes to textwrap itself, because textwrap may break after one;
- a string with a line break, and occurrences over the width, go to polib's own code;
- a comment line is written as it is, however long, as GNU gettext writes it: polib
  wraps it, and the lines it makes read back as a comment of several lines (a long
  ``#.`` note of an edited entry would come back changed).

An entry nobody changed is written back as the file had it (po.py): its lines as read,
or, in a file that wraps nothing, ``unwrapped_text`` (which edited entries of such a
file get too). The header and metadata of a fresh file are still polib's
(``POFile``), and so is every reading.
tests/formats/test_po_write.py compares the output with polib's (its comments
unwrapped), byte for byte, on Django's catalogues and on generated strings.
"""

from __future__ import annotations

import re
import textwrap

import polib

WRAPWIDTH = 78  # polib's default, which the adapter uses

# Where str.splitlines() breaks a line: polib writes such a string over several lines.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHUNK = re.compile(r" +|[^ ]+")
_NEEDS_ESCAPE = re.compile('[\\\\\t\r\n\x0b\x08\x0c"]')  # what polib.escape changes
_OTHER_SPACE = re.compile("[\t\n\x0b\x0c\r]")  # textwrap's whitespace, spaces apart
_str_field = polib._BaseEntry._str_field  # polib's own writer of one field  # noqa: SLF001


def escape(text: str) -> str:
    """polib.escape, skipped for the usual text that has nothing to escape."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return polib.escape(text)


def wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)``.

    For escaped text (spaces are its only whitespace) without hyphens, textwrap's
    chunks are the runs of spaces and of other characters, and its lines are filled
    greedily; a chunk longer than the width sits alone on its line."""
    if "-" in text or _OTHER_SPACE.search(text):
        return textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for chunk in _CHUNK.findall(text):
        size = len(chunk)
        if length + size <= width:
            line.append(chunk)
            length += size
            continue
        if line:
            lines.append("".join(line))
        if size > width:
            lines.append(chunk)
            line, length = [], 0
        else:
            line, length = [chunk], size
    if line:
        lines.append("".join(line))
    return lines


def field_lines(name: str, value: str, prefix: str = "", index: str = "") -> list[str]:
    """polib's lines for one string field (``_BaseEntry._str_field``)."""
    if _LINE_BREAK.search(value) is not None:
        return _str_field(None, name, prefix, index, value, WRAPWIDTH)
    escaped = escape(value)
    label = name[9:] if name.startswith("previous_") else name
    # polib wraps when len(value) > width - (len(name) + 3 + len(index)) + escapes (the
    # full name, "previous_" and all); each escape adds one character to the text.
    escapes = len(escaped) - len(value)
    if len(value) - escapes <= WRAPWIDTH - len(name) - 3 - len(index):
        return [f'{prefix}{label}{index} "{escaped}"']
    lines = [f'{prefix}{label}{index} ""']
    for item in wrap(escaped, WRAPWIDTH - 2):
        if "\\" in item:
            item = polib.escape(polib.unescape(item))
        lines.append(f'{prefix}"{item}"')
    return lines


def _comment_lines(text: str, marker: str) -> list[str]:
    return [marker + comment for comment in text.split("\n")]


def _occurrence_lines(occurrences) -> list[str]:
    files = " ".join(f"{path}:{line}" if line else path for path, line in occurrences)
    if len(files) + 3 <= WRAPWIDTH:
        return ["#: " + files]
    # polib's own trick: textwrap must not break file names at their hyphens.
    wrapped = textwrap.wrap(
        files.replace("-", "*"),
        WRAPWIDTH,
        initial_indent="#: ",
        subsequent_indent="#: ",
        break_long_words=False,
    )
    return [line.replace("*", "-") for line in wrapped]


def entry_text(entry) -> str:
    """What ``str(polib.POEntry(...))`` gives for an active entry with these fields
    (a po_fast.Entry, a polib.POEntry, anything with polib's attribute names)."""
    lines: list[str] = []
    if entry.tcomment:
        lines += _comment_lines(entry.tcomment, "# ")
    if entry.comment:
        lines += _comment_lines(entry.comment, "#. ")
    if entry.occurrences:
        lines += _occurrence_lines(entry.occurrences)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        value = getattr(entry, name)
        if value is not None:
            lines += field_lines(name, value, "#| ")
    if entry.msgctxt is not None:
        lines += field_lines("msgctxt", entry.msgctxt)
    lines += field_lines("msgid", entry.msgid)
    if entry.msgid_plural:
        lines += field_lines("msgid_plural", entry.msgid_plural)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            lines += field_lines("msgstr", entry.msgstr_plural[index], index=f"[{index}]")
    else:
        lines += field_lines("msgstr", entry.msgstr)
    lines.append("")
    return "\n".join(lines)


def unwrapped_text(entry) -> str | None:
    """The entry as a file that wraps nothing writes it (``msgcat --no-wrap``, many
    tools' exports): every string and all references on one line. None when a string
    holds a line break (such files break it there: not this writer's shape)."""
    lines: list[str] = []
    if entry.tcomment:
        lines += _comment_lines(entry.tcomment, "# ")
    if entry.comment:
        lines += _comment_lines(entry.comment, "#. ")
    if entry.occurrences:
        lines.append("#: " + " ".join(f"{p}:{n}" if n else p for p, n in entry.occurrences))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    fields = [
        ("#| msgctxt", entry.previous_msgctxt),
        ("#| msgid", entry.previous_msgid),
        ("#| msgid_plural", entry.previous_msgid_plural),
        ("msgctxt", entry.msgctxt),
        ("msgid", entry.msgid),
        ("msgid_plural", entry.msgid_plural or None),
    ]
    if entry.msgstr_plural:
        fields += [(f"msgstr[{i}]", entry.msgstr_plural[i]) for i in sorted(entry.msgstr_plural)]
    else:
        fields.append(("msgstr", entry.msgstr))
    for label, value in fields:
        if value is None:
            continue
        if _LINE_BREAK.search(value) is not None:
            return None
        lines.append(f'{label} "{escape(value)}"')
    lines.append("")
    return "\n".join(lines)
