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

from .base import FormatError
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


# Inline codes cannot hold props: a code the DTD does not take is refused on import (its
# line named) rather than written back invalid or changed. Attributes allowed, required.
_CODES = {
    "bpt": (frozenset({"i", "x", "type"}), ("i",)),
    "ept": (frozenset({"i"}), ("i",)),
    "it": (frozenset({"pos", "x", "type"}), ("pos",)),
    "ph": (frozenset({"x", "assoc", "type"}), ()),
    "hi": (frozenset({"x", "type"}), ()),
    "ut": (frozenset({"x"}), ()),
    "sub": (frozenset({"datatype", "type"}), ()),
}
_CODE_NAMES = frozenset({"bpt", "ept", "it", "ph", "hi", "ut"})
_INSIDE = {"seg": _CODE_NAMES, "sub": _CODE_NAMES, "hi": _CODE_NAMES}  # else only <sub>


def check_codes(seg: etree._Element) -> None:
    """Refuse (FormatError, with the line) a code in ``seg`` that the DTD does not take:
    an attribute it does not declare, a required one missing, an element where it
    cannot be (a <ph> straight inside a <bpt>, outside a <sub>). On every segment with
    codes of a big import: the usual code (a childless <bpt>, <ept> or <ph> with its
    declared attributes) costs two set lookups."""
    for code in seg:
        if _valid(code) and len(code):
            for element in code.iterdescendants():
                _valid(element, element.getparent().tag)


def _valid(element: etree._Element, parent: str = "seg") -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False  # a comment or processing instruction: no code
    rule = _CODES.get(tag)
    if (
        rule is not None
        and tag in _INSIDE.get(parent, ("sub",))
        and rule[0].issuperset(element.attrib)
        and all(element.get(a) is not None for a in rule[1])
        and (tag != "it" or element.get("pos") in ("begin", "end"))
    ):
        return True
    if tag not in _INSIDE.get(parent, ("sub",)):
        problem = f"<{tag}> cannot be inside <{parent}> in TMX 1.4b"
    elif unknown := [_name(a) for a in element.attrib if _name(a) not in rule[0]]:
        problem = f"the inline code <{tag}> has {unknown[0]}=, which TMX 1.4b does not allow"
    elif missing := [a for a in rule[1] if element.get(a) is None]:
        problem = f"the inline code <{tag}> has no {missing[0]}=, which TMX 1.4b requires"
    else:
        problem = '<it pos=""> must be "begin" or "end"'
    raise FormatError(
        f"{problem}; it could be neither written back as it is nor changed",
        line=element.sourceline,
        element=tag,
    )
