"""Units compared as canonical XML (C14N), one by one: what "the export equals the input
unit by unit and attribute by attribute" means for TMX and XLIFF in the tests."""

from __future__ import annotations

import copy

from lxml import etree

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
# Elements whose content is only elements: the whitespace between their children is
# layout (the export indents), not text. Segments, notes, props and codes keep theirs.
_ELEMENT_ONLY = frozenset({"tu", "tuv", "trans-unit", "alt-trans", "group", "header"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def canonical(element: etree._Element, *, drop_state_prop: bool = True) -> bytes:
    """C14N of ``element`` without layout whitespace; ``drop_state_prop``: without the
    ``<prop type="x-state">`` every TMX export writes (CONTRACT: the state travels there)."""
    element = copy.deepcopy(element)
    element.tail = None
    for node in list(element.iter()):
        if not isinstance(node.tag, str):
            continue
        if drop_state_prop and node.tag == "prop" and node.get("type") == "x-state":
            node.getparent().remove(node)
            continue
        if _local(node.tag) in _ELEMENT_ONLY:
            if node.text is not None and not node.text.strip():
                node.text = None
            for child in node:
                if child.tail is not None and not child.tail.strip():
                    child.tail = None
    return etree.tostring(element, method="c14n")


def _root(data: bytes) -> etree._Element:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, remove_comments=True)
    return etree.fromstring(data, parser)


def tmx_units(data: bytes) -> list[bytes]:
    return [canonical(tu) for tu in _root(data).iter("tu")]


def xliff_units(data: bytes) -> list[bytes]:
    return [canonical(unit) for unit in _root(data).iter(f"{{{XLIFF_NS}}}trans-unit")]
