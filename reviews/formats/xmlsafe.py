"""Safe XML reading and writing shared by the TMX and XLIFF adapters.

Reading refuses, before lxml sees the body, anything that could make a parser fetch,
expand or loop: a document type declaration with an internal subset that declares
entities (billion laughs, XXE) or uses parameter entities. A plain external
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted and never loaded (no DTD loading, no
network, no entity resolution, no huge trees). Entity references left unresolved are
refused where they occur. Every parser error becomes a ``FormatError`` with its line.

Writing drops the characters XML 1.0 cannot carry (C0 controls other than tab, line
feed and carriage return, lone surrogates, U+FFFE and U+FFFF): they are never meaningful
in translated prose, and an escape such as ``<ph>`` would show up as a tag to reviewers.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from .base import FormatError, text_codec, utf16_without_bom

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_DECL = re.compile(r"<\?xml\s[^>]*?\?>")
_DECL_ENCODING = re.compile(r"""encoding\s*=\s*["']([^"']*)["']""")
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")
_HEAD = 1 << 16
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# lxml reads an element's attributes (attrib.items(), dict(attrib)) in time quadratic in
# their number: one element with 120,000 of them keeps a worker busy for a minute. An
# element with more than MAX_ATTRIBUTES (TMX and XLIFF use a handful) is refused before
# lxml sees the file, in one linear pass: _ROOMY finds the start tags followed by room
# for that many attributes (each takes at least 5 characters, ' a=""', none of them a
# "<"), a tight loop over the bytes; _CROWDED, at those only, counts the attributes.
# Every part of either pattern is possessive or stops at "<", so each attempt ends at the
# next "<". White space is XML's (a str pattern's \s is Unicode's, and U+1680 may be in
# a name). (libxml2 limits the rest without huge_tree: depth 256, names 50,000 chars.)
MAX_ATTRIBUTES = 256
_ROOMY = rf"<[^ \t\r\n<>/!?][^<]{{{5 * (MAX_ATTRIBUTES + 1) - 1}}}"
_ATTRIBUTE = r"""[ \t\r\n]++[^ \t\r\n=<>/]++[ \t\r\n]*+=[ \t\r\n]*+(?:"[^"<]*+"|'[^'<]*+')"""
_CROWDED = rf"<([^ \t\r\n<>/!?]++)(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES + 1}}}"
_BYTES_PATTERNS = re.compile(_ROOMY.encode()), re.compile(_CROWDED.encode())
_TEXT_PATTERNS = re.compile(_ROOMY), re.compile(_CROWDED)


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot represent."""
    return _ILLEGAL_XML.sub("", value) if _ILLEGAL_XML.search(value) else value


def local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass(frozen=True)
class Prolog:
    encoding: str  # what the bytes are: utf-8, utf-16-le, utf-16-be, or the declared 8-bit one
    bom: bool
    root: str  # the root element's name as written (prefix included)
    doctype: str  # the DOCTYPE declaration as written, "" if none


def _byte_family(data: bytes) -> tuple[str, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", True
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FormatError("UTF-32 XML files are not supported; save the file as UTF-8", line=1)
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", True
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", True
    if wide := _bomless_utf16(data):
        return wide, False
    if b"\x00" in data[:4096]:
        raise FormatError("this is a binary file, not XML (it contains NUL bytes)")
    return "", False  # some 8-bit encoding: the declaration tells which


def _bomless_utf16(data: bytes) -> str | None:
    """The UTF-16 codec of a file without a byte-order mark: one that starts with "<"
    in UTF-16, or looks like UTF-16 (``utf16_without_bom``: after a line end, say)."""
    if data.startswith(b"<\x00"):
        return "utf-16-le"
    if data.startswith(b"\x00<"):
        return "utf-16-be"
    return utf16_without_bom(data)


def _decode_head(data: bytes, family: str, size: int) -> str:
    codec = family or "latin-1"  # ASCII-compatible: enough to read the markup of a prolog
    return data[:size].decode(codec, errors="replace").lstrip("\ufeff")


def _skip_doctype(text: str, start: int) -> int:
    """Index just past the DOCTYPE at ``start`` (-1 if cut off); refuses entity declarations."""
    i, quote, subset = start + len("<!DOCTYPE"), "", -1  # subset: where "[" was, -2 once closed
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif subset >= 0 and text.startswith("<!--", i):
            end = text.find("-->", i)
            if end < 0:
                return -1
            i = end + 2
        elif char == "[" and subset == -1:
            subset = i
        elif char == "]" and subset >= 0:
            if re.search(r"<!ENTITY|%\s*[\w.\-:]+;", text[subset:i]):
                raise FormatError(
                    "the document type declaration defines entities (<!ENTITY>), which are "
                    "refused: they can expand without limit or read other files",
                    line=text.count("\n", 0, start) + 1,
                    element="!DOCTYPE",
                )
            subset = -2
        elif char == ">" and subset < 0:
            return i + 1
        i += 1
    return -1


def has_root(data: bytes, name: str) -> bool:
    """For sniffing: whether the file's root element is ``name`` (any prefix)."""
    try:
        return read_prolog(data[: 1 << 16]).root.split(":")[-1] == name
    except FormatError:
        return False


def read_prolog_of(data: bytes, name: str, label: str) -> Prolog:
    """The prolog of a file that must have the root element ``name`` (any prefix)."""
    prolog = read_prolog(data)
    if prolog.root.split(":")[-1] != name:
        raise FormatError(f"not {label} file: the root element is <{prolog.root}>", line=1)
    return prolog


def read_prolog(data: bytes) -> Prolog:
    """Encoding, root element name and DOCTYPE of an XML file; refuses unsafe prologs."""
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise FormatError("the file is empty")
    family, bom = _byte_family(data)
    size = _HEAD
    while True:
        text = _decode_head(data, family, size)
        pos, encoding, doctype = 0, family or "utf-8", ""
        decl = _XML_DECL.match(text)
        if decl:
            declared = _DECL_ENCODING.search(decl.group())
            if declared:
                encoding = _check_declared(declared.group(1), family)
            pos = decl.end()
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if text.startswith("<!--", pos):
                end = text.find("-->", pos)
                pos = end + 3 if end >= 0 else -1
            elif text.startswith("<?", pos):
                end = text.find("?>", pos)
                pos = end + 2 if end >= 0 else -1
            elif text.startswith("<!DOCTYPE", pos):
                end = _skip_doctype(text, pos)
                doctype = text[pos:end] if end >= 0 else ""
                pos = end
            else:
                break
            if pos < 0:
                break
        root = _ROOT.match(text, pos) if pos >= 0 else None
        if root:
            return Prolog(encoding, bom, root.group(1), doctype)
        if size >= len(data):
            line = text.count("\n", 0, pos) + 1 if pos >= 0 else None
            raise FormatError("not an XML document: no root element found", line=line)
        size *= 4


def _check_declared(declared: str, family: str) -> str:
    name = text_codec(declared, what="encoding", line=1)  # the declaration is on line 1
    wide = name.startswith(("utf-16", "utf-32"))
    if wide and not family.startswith("utf-16"):
        raise FormatError(
            f"the XML declaration says encoding={declared!r} but the bytes are not "
            f"{declared} (no byte-order mark, 8-bit characters): fix the declaration",
            line=1,
        )
    if family:
        return family
    return "utf-8" if name == "utf-8" else name


def xml_buffer(data: bytes) -> io.BytesIO:
    """The bytes as libxml2 reads them (UTF-16 without a byte-order mark gets one); its
    ``tell()`` says how far a parser reading it has got."""
    wide = None if data.startswith(_BOMS) else _bomless_utf16(data)
    if wide:
        data = (codecs.BOM_UTF16_LE if wide == "utf-16-le" else codecs.BOM_UTF16_BE) + data
    return io.BytesIO(data)


def refuse_crowded_elements(data: bytes, encoding: str) -> None:
    """FormatError naming the first element with more than MAX_ATTRIBUTES attributes.

    UTF-8 (almost every file) is scanned as it is; any other encoding (UTF-16, 8-bit
    ones, UTF-7 whose "<" may be written "+ADw-") is decoded first, so that no encoding
    hides the markup from the scan. ``encoding`` is the prolog's."""
    if encoding == "utf-8":
        found = _first_crowded(data, *_BYTES_PATTERNS)
        line = found and data.count(b"\n", 0, found.start()) + 1
    else:
        text = data.decode(encoding, errors="replace")
        found = _first_crowded(text, *_TEXT_PATTERNS)
        line = found and text.count("\n", 0, found.start()) + 1
    if found:
        raise FormatError(
            f"element <{_shown(found.group(1))}> has more than {MAX_ATTRIBUTES} attributes",
            line=line,
        )


def _first_crowded(text: bytes | str, roomy: re.Pattern, crowded: re.Pattern) -> re.Match | None:
    for candidate in roomy.finditer(text):
        if found := crowded.match(text, candidate.start()):
            return found
    return None


def _shown(name: bytes | str) -> str:
    name = name.decode("utf-8", errors="replace") if isinstance(name, bytes) else name
    return name if len(name) <= 40 else name[:40] + "…"


def iterparse(
    data: bytes | io.BytesIO,
    events: tuple[str, ...] = ("start", "end"),
    tag: tuple[str, ...] | None = None,
    *,
    doctype: bool = True,
    encoding: str | None = None,
) -> Iterator:
    """lxml's iterparse made safe: refuses entities and crowded elements (before lxml
    reads anything: ``refuse_crowded_elements``), turns every error into FormatError.

    With ``tag``, only those elements are reported; unresolved entity references are
    looked for in the whole subtree of each element reported at its end. They can only
    occur under a DOCTYPE (without one libxml2 refuses an undefined entity itself), so
    ``doctype=False``, for a file whose prolog has none, skips that look. ``encoding``
    is the prolog's (``read_prolog``), read here when not given.
    """
    buffer = data if isinstance(data, io.BytesIO) else xml_buffer(data)
    raw = buffer.getvalue()  # the bytes it holds, not a copy (getbuffer() would copy them)
    if encoding is None:  # a caller without the prolog
        encoding = read_prolog(raw).encoding
    refuse_crowded_elements(raw, encoding)
    parser = etree.iterparse(
        buffer,
        events=events,
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, element in parser:
            if doctype and event == "end":
                entity = next(element.iter(etree.Entity), None)
                if entity is not None:
                    parent = entity.getparent()
                    raise FormatError(
                        f"undefined entity reference {entity.text}",
                        line=entity.sourceline or element.sourceline,
                        element=local_name(parent.tag if parent is not None else element.tag),
                    )
            yield event, element
    except etree.XMLSyntaxError as exc:
        errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
        last = errors[-1] if errors else None
        message = last.message if last else str(exc)
        line = (last.line if last else exc.lineno) or None
        raise FormatError(f"malformed XML: {message}", line=line) from None
    except (ValueError, LookupError, MemoryError) as exc:  # odd encodings, limits
        raise FormatError(f"unreadable XML: {exc}") from None


_FRAGMENT_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def parse_fragment(xml: str) -> etree._Element:
    """An element stored as text by an adapter (meta or skeleton)."""
    try:
        return etree.fromstring(xml.encode("utf-8"), _FRAGMENT_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"stored markup is not XML: {exc}") from None


def to_string(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


def sanitize_tree(element: etree._Element) -> None:
    """Drop XML-illegal characters from every text, tail and attribute (in place)."""
    for node in element.iter():
        if node.text:
            node.text = xml_text(node.text)
        if node.tail:
            node.tail = xml_text(node.tail)
        for key, value in node.attrib.items():
            node.attrib[key] = xml_text(value)


def encode_document(body: str, encoding: str, bom: bool) -> bytes:
    """An XML document (``body`` without declaration) in UTF-8 or UTF-16.

    Other 8-bit encodings are written as UTF-8: an edited target may hold characters the
    original encoding cannot represent.
    """
    if encoding.startswith("utf-16"):
        decl = '<?xml version="1.0" encoding="UTF-16"?>\n'
        codec = "utf-16-be" if encoding == "utf-16-be" else "utf-16-le"
        mark = codecs.BOM_UTF16_BE if codec == "utf-16-be" else codecs.BOM_UTF16_LE
        return mark + (decl + body).encode(codec)
    decl = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return (codecs.BOM_UTF8 if bom and encoding == "utf-8" else b"") + (decl + body).encode()


XML_NS = "http://www.w3.org/XML/1998/namespace"


def attrs_json(element: etree._Element) -> dict[str, str]:
    """Attributes as a JSON-friendly dict: ``xml:lang`` rather than its Clark name."""
    attrs = dict(element.attrib)
    if any(key[0] == "{" for key in attrs):
        prefix = "{" + XML_NS + "}"
        return {
            ("xml:" + key[len(prefix) :] if key.startswith(prefix) else key): value
            for key, value in attrs.items()
        }
    return attrs


def set_attrs(element: etree._Element, attrs: dict[str, str]) -> None:
    for key, value in attrs.items():
        name = "{" + XML_NS + "}" + key[4:] if key.startswith("xml:") else key
        element.set(name, xml_text(str(value)))
