"""What a document says of itself, outside its units, for an export into another format.

``carry.py`` carries each unit's data; this is the same for the document: a PO file's
header comment and metadata, a TMX header's attributes, notes and props, an XLIFF
``<file>``'s attributes and its header's and groups' notes. ``header_view`` maps the
imported document's skeleton to notes and typed properties that the writers put in their
own header (an XLIFF ``<header>``'s notes, a TMX ``<header>``'s ``<note>``s and
``<prop>``s, PO header comment lines), and names in ``dropped`` what no header can hold
(obsolete PO entries, TMX units without the source language, XLIFF ``<bin-unit>``s), so
the export's header lists it rather than losing it silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .carry import Note
from .xmlsafe import XML_NS, parse_fragment

_XML_LANG = f"{{{XML_NS}}}lang"
_XLIFF = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass
class HeaderView:
    origin: str
    notes: list[Note] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def header_view(skeleton: dict[str, Any], own: str) -> HeaderView | None:
    """The document-level data of a skeleton another format wrote (None for ``own``'s
    skeleton, or none at all)."""
    origin = skeleton.get("format", "")
    reader = {"po": _from_po, "tmx": _from_tmx, "xliff": _from_xliff}.get(origin)
    if origin == own or reader is None:
        return None
    view = HeaderView(origin)
    reader(skeleton, view)
    return view


def _from_po(skeleton: dict[str, Any], view: HeaderView) -> None:
    if skeleton.get("header_comment"):
        view.notes.append(Note(skeleton["header_comment"], "po-header"))
    for name, value in skeleton.get("metadata", []):
        view.props.append((f"x-po-header:{name}", value))
    if skeleton.get("header_fuzzy"):
        view.props.append(("x-po-header-flags", "fuzzy"))
    if skeleton.get("obsolete"):
        view.dropped.append(f"{len(skeleton['obsolete'])} obsolete PO entries (#~)")
    if skeleton.get("trailing"):
        view.notes.append(Note(skeleton["trailing"], "po-trailing-comments"))


def _from_tmx(skeleton: dict[str, Any], view: HeaderView) -> None:
    for name, value in skeleton.get("header", {}).items():
        view.props.append((f"x-tmx-header:{name}", value))
    for xml in skeleton.get("header_extra", []):
        element = parse_fragment(xml)
        text = "".join(element.itertext())
        if element.tag == "note":
            view.notes.append(Note(text, "tmx-header", lang=element.get(_XML_LANG, "")))
        elif element.tag == "prop":
            view.props.append((element.get("type", ""), text))
        else:
            view.dropped.append(f"the TMX header's <{element.tag}>")
    if skeleton.get("skipped"):
        count = len(skeleton["skipped"])
        view.dropped.append(f"{count} TMX unit{'s' * (count != 1)} without the source language")


def _from_xliff(skeleton: dict[str, Any], view: HeaderView) -> None:
    root = parse_fragment(skeleton["document"])
    q = f"{{{_XLIFF}}}".__add__
    for number, file_element in enumerate(root.iter(q("file")), start=1):
        where = f"xliff-file-{number}"
        for name, value in file_element.attrib.items():
            view.props.append((f"x-{where}:{etree.QName(name).localname}", value))
        header = file_element.find(q("header"))
        for child in header if header is not None else ():
            if child.tag == q("note"):
                view.notes.append(_note(child, child.get("from") or where))
            elif isinstance(child.tag, str):
                view.dropped.append(f"the XLIFF header's <{etree.QName(child).localname}>")
        for group in file_element.iter(q("group")):
            name = group.get("resname") or group.get("id") or ""
            for note in group.iterfind(q("note")):
                view.notes.append(_note(note, f"{where}:group {name}".rstrip()))
        bins = len(list(file_element.iter(q("bin-unit"))))
        if bins:
            view.dropped.append(f"{bins} XLIFF <bin-unit>{'s' * (bins != 1)}")


def _note(element: etree._Element, author: str) -> Note:
    return Note("".join(element.itertext()), author, lang=element.get(_XML_LANG, ""))
