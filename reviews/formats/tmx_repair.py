"""What the TMX 1.4b DTD does not take, moved to where it does, so every export
validates and nothing read is dropped.

Real files carry attributes the DTD does not declare (``<prop type="x" source="y">`` in
a header, a tool's own attribute on a ``<tu>``), a ``segtype`` outside its four values,
a ``<prop>`` without its type, elements of their own between the variants. Written back
as read they make the export invalid; dropped they would be lost. Each is carried in the
format's own extension point instead, in the nearest element that takes props (the
header, the ``<tu>``, the ``<tuv>``): an attribute ``a="v"`` of that element becomes
``<prop type="x-a">v</prop>``, one of a child ``<note>``, ``<prop>``, ``<ude>`` or
``<map>`` ``<prop type="x-note-a">v</prop>`` (and so on), and an element the DTD does
not know becomes a ``<note>`` holding its XML. Required attributes that are missing get
a value that says so (``x-untyped``, ``x-unnamed``). Files that are valid are untouched.
"""

from __future__ import annotations

from lxml import etree

from .xmlsafe import XML_NS, local_name, to_string

_XML = "{" + XML_NS + "}"
_STAMPS = ("creationdate", "creationid", "changedate", "changeid")
_USAGE = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool")
_USAGE += ("creationtoolversion", "o-tmf", *_STAMPS)
ALLOWED = {
    "header": frozenset(
        {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang"}
        | {"datatype", "o-encoding", *_STAMPS}
    ),
    "tu": frozenset({"tuid", "segtype", "srclang", *_USAGE}),
    "tuv": frozenset({"xml:lang", "lang", *_USAGE}),
    "note": frozenset({"o-encoding", "xml:lang", "lang"}),
    "prop": frozenset({"type", "o-encoding", "xml:lang", "lang"}),
    "ude": frozenset({"name", "base"}),
    "map": frozenset({"unicode", "code", "ent", "subst"}),
}
REQUIRED = {"prop": ("type", "x-untyped"), "ude": ("name", "x-unnamed")}
SEGTYPES = frozenset({"block", "paragraph", "sentence", "phrase"})
_CHILDREN = {"header": ("note", "prop", "ude"), "tu": ("note", "prop"), "tuv": ("note", "prop")}


def _name(key: str) -> str:
    return "xml:" + key[len(_XML) :] if key.startswith(_XML) else local_name(key)


def _strip(element: etree._Element, name: str) -> list[tuple[str, str]]:
    """Remove the attributes the DTD does not declare on ``element`` (or whose value it
    does not take); return them as (name, value)."""
    allowed = ALLOWED[name]
    carried = []
    for key, value in list(element.attrib.items()):
        attr = _name(key)
        if attr not in allowed or (attr == "segtype" and value not in SEGTYPES):
            carried.append((attr.replace(":", "-"), value))
            del element.attrib[key]
    if name in REQUIRED and element.get(REQUIRED[name][0]) is None:
        element.set(*REQUIRED[name])
    return carried


def repair(container: etree._Element) -> bool:
    """Make a <header>, <tu> or <tuv> (and what it holds) valid against the DTD in
    place; what it cannot hold goes in x- props or notes of its own. True when anything
    changed (the caller indents the element again)."""
    name = container.tag
    carried = _strip(container, name)
    changed = bool(carried)
    for child in list(container):
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag in _CHILDREN[name]:
            carried += [(f"{tag}-{a}", v) for a, v in _strip(child, tag)]
            for mapping in child.iter("map") if tag == "ude" else ():
                carried += [(f"map-{a}", v) for a, v in _strip(mapping, "map")]
        elif tag == "tuv" and name == "tu":
            changed = repair(child) or changed
        elif not (tag == "seg" and name == "tuv"):  # an element the DTD does not know
            note = etree.Element("note")
            note.text, note.tail = to_string(child).strip(), child.tail
            container.replace(child, note)
            changed = True
    if name == "header" and container.get("segtype") is None:
        container.set("segtype", "sentence")
    if carried:  # after the notes and props, before the variants or the segment
        at = next((i for i, c in enumerate(container) if c.tag in ("tuv", "seg")), len(container))
        for offset, (attr, value) in enumerate(carried):
            prop = etree.Element("prop", type=f"x-{attr}")
            prop.text = value
            container.insert(at + offset, prop)
    return changed or bool(carried)
