"""A PO or XLIFF unit written into TMX with its data (issue 17, point 6; carry.py).

The ``<tu>`` that ``tmx._write_tu`` builds for a foreign unit gets the view's ``<note>``s
and ``<prop>``s (before its variants, as the DTD orders them) and the ``<tu>`` attributes
that travelled through XLIFF. A PO plural entry becomes one ``<tu>`` per form, linked by
id: the entry's own (tuid ``msgctxt|msgid``, with ``x-po-msgid-plural`` and
``x-po-plural-forms``) and then tuid ``msgctxt|msgid[n]`` for form n, whose source is the
msgid_plural and whose props ``x-po-plural-of`` and ``x-po-plural-form`` name the entry
and the form. What TMX cannot carry is counted for the header's ``<prop type="x-dropped">``.
"""

from __future__ import annotations

import copy
from collections import Counter

from lxml import etree

from . import carry
from .base import ExportOptions, ExportUnit
from .carry_header import HeaderView
from .xmlsafe import XML_NS, xml_text

DROPPED = "x-dropped"
_P3 = "\n      "  # a <tu>'s children, as tmx_fast indents them


def carried_tus(
    tu: etree._Element, unit: ExportUnit, options: ExportOptions, dropped: Counter[str]
) -> list[etree._Element]:
    """``tu`` with the unit's carried data, then a <tu> per further plural form."""
    carried = carry.view(unit)
    attributes, children, lost = carry.tmx_children(carried)
    dropped.update(set(lost))
    for name, value in attributes.items():
        if tu.get(name) is None:  # our own stamps (an edit's changedate) come first
            tu.set(name, xml_text(value))
    first_tuv = tu.find("tuv")
    for child in children:
        child.tail = _P3
        first_tuv.addprevious(child)
    if carried.plural is None:
        return [tu]
    tus = [tu]
    key = tu.get("tuid", "")
    publish = not options.approved_only or unit.state == "approved"
    for number, form in enumerate(carried.plural.forms[1:], start=1):
        form_tu = copy.deepcopy(tu)
        form_tu.set("tuid", xml_text(f"{key}[{number}]"))
        for prop in form_tu.findall("prop"):
            if prop.get("type", "").startswith("x-po-plural") or prop.get("type") == (
                "x-po-msgid-plural"
            ):
                form_tu.remove(prop)
        tuvs = form_tu.findall("tuv")
        _set_seg(tuvs[0], carried.plural.msgid_plural)
        if len(tuvs) > 1:
            _set_seg(tuvs[1], form if publish else "")
        marker = tuvs[0]
        for kind, value in (("x-po-plural-of", key), ("x-po-plural-form", str(number))):
            prop = etree.Element("prop", type=kind)
            prop.text, prop.tail = xml_text(value), _P3
            marker.addprevious(prop)
        tus.append(form_tu)
    return tus


def _set_seg(tuv: etree._Element, text: str) -> None:
    seg = tuv.find("seg")
    for child in list(seg):
        seg.remove(child)
    seg.text = xml_text(text) or None


def header_children(document: HeaderView | None) -> list[etree._Element]:
    """Another format's document-level notes and props as the <header>'s (carry_header)."""
    children = []
    for note in document.notes if document else ():
        kind = carry.NOTE_FROM + note.author
        lang = {f"{{{XML_NS}}}lang": note.lang} if note.lang else {}
        children.append(_element("prop", note.text, type=kind, **lang))
    for kind, value in document.props if document else ():
        children.append(_element("prop", value, type=kind))
    return children


def _element(tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.Element(tag, {k: xml_text(v) for k, v in attrs.items()})
    element.text = xml_text(text) or None
    return element


def with_dropped(head: str, dropped: Counter[str], document: HeaderView | None = None) -> str:
    """The file's head (``<tmx>`` and its ``<header>``, as lxml wrote them) with a
    ``<prop type="x-dropped">`` in the header listing what the document and its units
    could not carry."""
    start = head.index("<header")
    close = head.find("</header>", start)
    prop = etree.Element("prop", type=DROPPED)
    prop.text = xml_text(carry.dropped_summary(dropped, document.dropped if document else ()))
    xml = etree.tostring(prop, encoding="unicode")
    if close < 0:  # <header .../>: a fresh file's
        end = head.index("/>", start)
        return f"{head[:end]}>\n    {xml}\n  </header>{head[end + 2 :]}"
    return f"{head[:close]}  {xml}\n  {head[close:]}"
