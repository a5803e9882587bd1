"""One portable view of a unit's data, for exports into another format than the import's.

Each importer keeps what its format says of a unit in the unit's meta, in its own terms
(PO comments and flags, TMX ``<prop>``s and ``<note>``s, XLIFF attributes and children).
``view`` maps any of those metas to ``Carried``: notes with their author (``from``) and
what they annotate, typed properties, the context (msgctxt, an XLIFF ``x-po-msgctxt`` or
``resname``), the unit's name in its file (tuid, resname, id), flags, occurrences, plural
forms, previous msgids and the unit's other attributes; and, in ``uncarried``, what even
this view cannot hold (an ``<alt-trans>``, variants in other languages, other namespaces'
elements). The writers take their foreign units' data from it (``po_fields``,
``tmx_children``, ``xliff_children`` say how each format carries it) and list in their
export's header what the target cannot carry (``dropped_summary``): nothing is left out
silently.

The conventions are those other tools read: translate-toolkit's for PO in XLIFF (notes
``from="po-translator"``/``"developer"``, ``context-group`` ``po-entry`` and
``po-reference``, plural forms as ``<group restype="x-gettext-plurals">``), and ``x-``
props for what TMX has no element for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .base import ExportUnit
from .xmlsafe import XML_NS, local_name, parse_fragment, xml_text

TRANSLATOR, DEVELOPER = "po-translator", "developer"  # translate-toolkit's note authors
_DEVELOPER_AUTHORS = frozenset({DEVELOPER, "programmer", "source code", "extracted"})
_XML_LANG = f"{{{XML_NS}}}lang"
NOTE_FROM = "x-note-from:"  # a TMX prop holding a note with an author: x-note-from:AUTHOR
PROP_FROM = "prop:"  # an XLIFF note holding a TMX prop: <note from="prop:TYPE">
TMX_CONTEXT = "x-tmx"  # the XLIFF context-group holding a <tu>'s attributes
TMX_ATTRIBUTE = "tmx:"  # an attribute of a <tu> that travelled through XLIFF
# <tu> attributes a TMX writer may set from a foreign unit (the 1.4b DTD's).
TU_ATTRIBUTES = frozenset({
    "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
    "creationtoolversion", "creationdate", "creationid", "changedate", "segtype", "changeid",
    "o-tmf", "srclang",
})  # fmt: skip


@dataclass(frozen=True)
class Note:
    text: str
    author: str = ""  # XLIFF from; PO: po-translator (#) or developer (#.)
    annotates: str = ""  # XLIFF annotates / TMX variant: source, target, general
    lang: str = ""


@dataclass
class Plural:
    msgid_plural: str
    forms: list[str]  # every msgstr[n], n = 0, 1, ...


@dataclass
class Carried:
    origin: str  # the format the unit was imported from
    name: str = ""  # tuid, trans-unit id or resname, msgctxt|msgid
    context: str | None = None
    resname: str = ""
    notes: list[Note] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)  # (type, value), in order
    flags: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    plural: Plural | None = None
    previous: dict[str, str] = field(default_factory=dict)  # previous_msgid ...: value
    attributes: dict[str, str] = field(default_factory=dict)  # the origin's unit attributes
    uncarried: list[str] = field(default_factory=list)  # what no view holds
    codes: bool = False  # the unit has inline codes (meta["tags"], meta["source_tags"])

    def empty(self) -> bool:
        return not (
            self.context is not None or self.resname or self.notes or self.props
            or self.flags or self.occurrences or self.plural or self.previous
            or self.attributes or self.uncarried
        )  # fmt: skip


def view(unit: ExportUnit) -> Carried:
    """The portable view of a unit's meta, whichever importer wrote it."""
    meta = unit.meta
    origin = meta.get("format", "")
    reader = {"po": _from_po, "tmx": _from_tmx, "xliff": _from_xliff}.get(origin)
    carried = Carried(origin=origin, name=unit.key)
    if reader is not None:
        reader(meta, carried)
    carried.codes = bool(meta.get("tags") or meta.get("source_tags"))
    if origin == "xliff" and _edited(unit):  # its state attributes described the old one
        for name in ("state", "state-qualifier", "approved"):
            carried.attributes.pop(name, None)
    return carried


def _edited(unit: ExportUnit) -> bool:
    from .xliff import unedited  # xliff.py writes with this module

    return not unedited(unit, unit.meta)


def _from_po(meta: dict[str, Any], carried: Carried) -> None:
    carried.context = meta.get("msgctxt")
    if meta.get("tcomment"):
        carried.notes.append(Note(meta["tcomment"], TRANSLATOR))
    if meta.get("comment"):
        carried.notes.append(Note(meta["comment"], DEVELOPER))
    carried.flags = list(meta.get("flags", []))
    occurrences = meta.get("occurrences", [])
    carried.occurrences = [(str(path), str(line or "")) for path, line in occurrences]
    plural = meta.get("plural")
    if plural:
        forms = plural.get("forms", {})
        carried.plural = Plural(
            plural["msgid_plural"], [forms.get(str(n), "") for n in range(len(forms))]
        )
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        if meta.get(name) is not None:
            carried.previous[name] = meta[name]


def _from_tmx(meta: dict[str, Any], carried: Carried) -> None:
    carried.attributes = {k: v for k, v in meta.get("tu", {}).items() if k != "tuid"}
    _tmx_children(meta.get("tu_extra", ()), carried, "")
    for variant in meta.get("tuvs", ()):
        if variant["role"] == "other":
            lang = variant["xml"].split('lang="', 1)[-1].split('"', 1)[0]
            carried.uncarried.append(f"TMX variants in other languages ({lang})")
            continue
        _tmx_children(variant.get("extra", ()), carried, variant["role"])
        for name, value in variant["attrib"].items():
            if name != "xml:lang":  # the variant's own provenance: source-creationdate ...
                carried.attributes[f"{variant['role']}-{name}"] = value


def _tmx_children(fragments, carried: Carried, annotates: str) -> None:
    for xml in fragments:
        element = parse_fragment(xml)
        text = "".join(element.itertext())
        if element.tag == "note":
            carried.notes.append(Note(text, "", annotates, element.get(_XML_LANG, "")))
        elif element.tag == "prop" and element.get("type", "").startswith(NOTE_FROM):
            author, _, on = element.get("type")[len(NOTE_FROM) :].partition("@")
            lang = element.get(_XML_LANG, "")
            carried.notes.append(Note(text, author, on or annotates, lang))
        elif element.tag == "prop":
            kind = element.get("type", "")
            carried.props.append((f"{annotates}:{kind}" if annotates else kind, text))
        else:
            carried.uncarried.append(f"TMX <{element.tag}> elements")


def _from_xliff(meta: dict[str, Any], carried: Carried) -> None:
    attrib = dict(meta.get("attrib", {}))
    attrib.pop("id", None)
    carried.resname = attrib.pop("resname", "")
    for name, value in meta.get("target_attrib", {}).items():
        if name != "xml:lang":
            attrib[name if name in ("state", "state-qualifier") else f"target-{name}"] = value
    carried.attributes = attrib
    if "seg_source" in meta:
        carried.uncarried.append("XLIFF <seg-source>")
    for xml in meta.get("extra", ()):
        element = parse_fragment(xml)
        tag = element.tag if element.tag[0] != "{" else ""
        if tag == "note":
            author = element.get("from", "")
            text = "".join(element.itertext())
            if author.startswith(PROP_FROM):
                carried.props.append((author[len(PROP_FROM) :], text))
            else:
                annotates = element.get("annotates", "")
                note = Note(text, author, annotates, element.get(_XML_LANG, ""))
                carried.notes.append(note)
        elif tag == "context-group":
            _xliff_contexts(element, carried)
        else:
            name = tag or f"{{{etree.QName(element).namespace}}}{local_name(element.tag)}"
            carried.uncarried.append(f"XLIFF <{name}> elements")
    if carried.context is None and carried.resname:
        carried.context = carried.resname


def _xliff_contexts(group: etree._Element, carried: Carried) -> None:
    contexts = [(c.get("context-type", ""), "".join(c.itertext())) for c in group]
    # a file's context-group names are unique: the writer numbers them (po-entry-2 ...)
    name = group.get("name", "").rstrip("0123456789").removesuffix("-") or group.get("name", "")
    purpose = group.get("purpose", "")
    if name == "po-reference" or purpose == "location":
        found = dict(contexts)
        if "sourcefile" in found:
            carried.occurrences.append((found["sourcefile"], found.get("linenumber", "")))
            return
    for kind, text in contexts:
        if kind == "x-po-msgctxt":
            carried.context = text
        elif kind == "x-po-flags":
            carried.flags += [f.strip() for f in text.split(",") if f.strip()]
        elif kind.startswith("x-po-previous-"):
            carried.previous["previous_" + kind[len("x-po-previous-") :]] = text
        elif kind in ("x-po-trancomment", "x-po-autocomment"):
            continue  # translate-toolkit writes the same text as a note too
        elif name == TMX_CONTEXT and kind.startswith("x-tmx-"):
            carried.attributes[TMX_ATTRIBUTE + kind[len("x-tmx-") :]] = text
        else:
            carried.props.append((f"context:{name}:{kind}" if name else f"context:{kind}", text))


# What each format makes of the view. ---------------------------------------------------


_ID_NAMES = {"tmx": "tuid", "xliff": "id"}  # how a unit is named in its file


def po_fields(carried: Carried) -> tuple[dict[str, Any], list[str]]:
    """A PO meta (the adapter's own keys) for the view, and what PO cannot carry."""
    translator = [n.text for n in carried.notes if n.author not in _DEVELOPER_AUTHORS]
    developer = [n.text for n in carried.notes if n.author in _DEVELOPER_AUTHORS]
    if carried.origin in _ID_NAMES and carried.name and carried.name != carried.context:
        developer.append(f"{_ID_NAMES[carried.origin]}: {carried.name}")
    developer += [f"{kind}: {value}" for kind, value in carried.props]
    fields: dict[str, Any] = {}
    if carried.context is not None:
        fields["msgctxt"] = carried.context
    if translator:
        fields["tcomment"] = "\n".join(translator)
    if developer:
        fields["comment"] = "\n".join(developer)
    flags = [f for f in carried.flags if f and f != "fuzzy" and not set(f) & set(", \n")]
    if flags:
        fields["flags"] = flags
    if carried.occurrences:
        fields["occurrences"] = [list(o) for o in carried.occurrences]
    fields.update(carried.previous)
    dropped = list(carried.uncarried)
    if carried.codes:  # PO has no inline codes: each is written as its native text
        dropped.append(f"{carried.origin.upper()} inline codes (written as their text)")
    dropped += [f"{carried.origin.upper()} attribute {name}" for name in carried.attributes]
    authors = {n.author for n in carried.notes} - {"", "translator", TRANSLATOR}
    authors -= _DEVELOPER_AUTHORS
    if authors:
        dropped.append(f"note authors ({', '.join(sorted(authors))})")
    return fields, dropped


def tmx_children(carried: Carried) -> tuple[dict[str, str], list[etree._Element], list[str]]:
    """The <tu> attributes, its <note>s and <prop>s for the view, and what TMX cannot carry."""
    attributes: dict[str, str] = {}
    children: list[etree._Element] = []
    dropped = list(carried.uncarried)
    if carried.codes and carried.origin == "xliff":  # inline.restore converts them by kind
        dropped.append("XLIFF inline code names and attributes (converted by kind)")

    def prop(kind: str, value: str) -> None:
        children.append(_element("prop", value, type=kind))

    for name, value in carried.attributes.items():
        if name.startswith(TMX_ATTRIBUTE) and name[len(TMX_ATTRIBUTE) :] in TU_ATTRIBUTES:
            attributes[name[len(TMX_ATTRIBUTE) :]] = value
        else:  # XLIFF's unit attributes (state, resname ...); TMX ones came back as props
            prop(f"x-{carried.origin}-{name.removeprefix(TMX_ATTRIBUTE)}", value)
    if carried.context is not None and carried.context != carried.resname:
        prop("x-context", carried.context)
    if carried.resname:
        prop("x-resname", carried.resname)
    for note in carried.notes:
        lang = {f"{{{XML_NS}}}lang": note.lang} if note.lang else {}
        if note.author or note.annotates:
            kind = NOTE_FROM + (note.author or "") + (f"@{note.annotates}" * bool(note.annotates))
            children.append(_element("prop", note.text, type=kind, **lang))
        else:
            children.append(_element("note", note.text, **lang))
    for kind, value in carried.props:
        prop(kind, value)
    if carried.flags:
        prop("x-po-flags", ", ".join(carried.flags))
    for path, line in carried.occurrences:
        prop("x-po-reference", f"{path}:{line}" if line else path)
    for name, value in carried.previous.items():
        prop(f"x-po-{name.replace('_', '-')}", value)
    if carried.plural:
        prop("x-po-msgid-plural", carried.plural.msgid_plural)
        prop("x-po-plural-forms", str(len(carried.plural.forms)))
    return attributes, children, dropped


def xliff_children(carried: Carried, ns: str) -> tuple[list[etree._Element], list[str]]:
    """The context-groups and notes for the view (in the order XLIFF 1.2 wants them after
    <target>), and what XLIFF cannot carry."""
    q = f"{{{ns}}}".__add__
    children: list[etree._Element] = []
    entry = []
    if carried.context is not None and carried.origin == "po":
        entry.append(("x-po-msgctxt", carried.context))
    if carried.flags:
        entry.append(("x-po-flags", ", ".join(carried.flags)))
    entry += [(f"x-po-previous-{k[len('previous_') :]}", v) for k, v in carried.previous.items()]
    for note in carried.notes:
        if note.author == TRANSLATOR:
            entry.append(("x-po-trancomment", note.text))
        elif note.author == DEVELOPER and carried.origin == "po":
            entry.append(("x-po-autocomment", note.text))
    if entry:
        children.append(_context_group(q, "po-entry", "information", entry))
    for path, line in carried.occurrences:
        found = [("sourcefile", path)] + [("linenumber", line)] * bool(line)
        children.append(_context_group(q, "po-reference", "location", found))
    attrs = [(f"x-tmx-{k}", v) for k, v in carried.attributes.items()]
    if attrs and carried.origin == "tmx":
        children.append(_context_group(q, TMX_CONTEXT, "information", attrs))
    for note in carried.notes:
        extra = {"from": note.author} if note.author else {}
        if note.annotates in ("source", "target", "general"):
            extra["annotates"] = note.annotates
        if note.lang:
            extra[_XML_LANG] = note.lang
        children.append(_element(q("note"), note.text, **extra))
    for kind, value in carried.props:
        children.append(_element(q("note"), value, **{"from": PROP_FROM + kind}))
    dropped = list(carried.uncarried)
    if carried.origin != "tmx":
        dropped += [f"{carried.origin.upper()} attribute {name}" for name in carried.attributes]
    return children, dropped


def _context_group(q, name: str, purpose: str, contexts) -> etree._Element:
    group = etree.Element(q("context-group"), name=name, purpose=purpose)
    for kind, text in contexts:
        group.append(_element(q("context"), text, **{"context-type": kind}))
    return group


def _element(tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.Element(tag, {k: xml_text(v) for k, v in attrs.items()})
    element.text = xml_text(text) or None
    return element


def dropped_summary(dropped: Counter, document: Iterable[str] = ()) -> str:
    """One line listing what an export could not carry: the document's (``document``),
    then the units' with how many units had it."""
    parts = list(document)
    parts += [f"{what} ({n} unit{'s' * (n != 1)})" for what, n in sorted(dropped.items())]
    return "Not carried over into this format: " + "; ".join(parts)
