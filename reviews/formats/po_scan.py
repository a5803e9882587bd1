"""The strict line scan of a PO file: polib is lenient (it accepts an unterminated
string and reads ``msgstr[12]`` as index 1), so ``scan`` checks every line first and
refuses, with its line number, anything polib would misread. It also keeps what polib
drops or rewrites: the obsolete entries as written and the comments after the last entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

from .base import FormatError
from .po_decode import quoted

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
    written: list[str] = field(default_factory=list)  # each active entry as written
    header_written: str | None = None  # the header entry as written, if there is one


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
        f"unknown comment marker {quoted(marker[:12], shielded)} (write '# ' for a comment)",
        line=lineno,
    )


def scan(text: str, shielded: dict[str, str] | None = None) -> Syntax:
    """Check the syntax of a whole PO file; FormatError with the line of the first problem.
    ``shielded``: the stand-ins ``shield`` put in ``text``, shown as what they hold."""
    shielded = shielded or {}
    lines = text.split("\n")  # shield left no other line boundary
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
            stray = quoted(line[:24], shielded)
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
    header_written = None
    if active and active[0].text("msgid") == "" and active[0].text("msgctxt") is None:
        header = active.pop(0)
        header_written = _as_written(header, lines)
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
    written = [_as_written(e, lines) for e in active]
    if header_written is None and written:  # polib takes its comments for the header's
        written[0] = ""
    return Syntax(
        active=len(active),
        obsolete=obsolete,
        trailing=trailing,
        written=written,
        header_written=header_written,
    )


def _as_written(entry: _Entry, lines: list[str]) -> str:
    """The entry's lines, its comments first, as the file has them."""
    return "\n".join(lines[entry.start - 1 : entry.end]) + "\n"
