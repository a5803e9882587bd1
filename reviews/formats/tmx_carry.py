"""A PO or XLIFF unit written into TMX with its data (issue 17, point 6; carry.py).

A foreign unit's ``<tu>`` (as ``tmx_fast`` or ``tmx._write_tu`` writes it) gets the view's
``<note>``s and ``<prop>``s (before its variants, as the DTD orders them) and the ``<tu>``
attributes that travelled through XLIFF. A PO plural entry becomes one ``<tu>`` per form, linked by
id: the entry's own (tuid ``msgctxt|msgid``, with ``x-po-msgid-plural`` and
``x-po-plural-forms``) and then tuid ``msgctxt|msgid[n]`` for form n, whose source is the
msgid_plural and whose props ``x-po-plural-of`` and ``x-po-plural-form`` name the entry
and the form. What TMX cannot carry is counted for the header's ``<prop type="x-dropped">``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable

from lxml import etree

from . import carry, tmx_fast
from .base import ExportOptions, ExportUnit
from .carry_header import HeaderView
from .xmlsafe import XML_NS, xml_text

DROPPED = "x-dropped"
_XML_LANG = f"{{{XML_NS}}}lang"
_P3 = tmx_fast.P3  # a <tu>'s children, as tmx_fast indents them
_PLURAL_PROPS = ("x-po-msgid-plural", "x-po-plural-forms")  # the entry's own, not a form's


def carried_xml(
    unit: ExportUnit,
    position: int,
    source_lang: str,
    target_lang: str,
    options: ExportOptions,
    dropped: Counter[str],
    write_tu: Callable[..., etree._Element],
) -> list[str]:
    """The serialised <tu> of a foreign unit with its carried data, then one per further
    plural form. The usual unit (no codes, no <tu> attributes to set) is written as text
    by tmx_fast with the carried props spliced in before its variants; any other goes
    through ``write_tu`` (tmx._write_tu) and gets them as elements."""
    carried = carry.view(unit)
    attributes, children, lost = carry.tmx_children(carried)
    dropped.update(set(lost))
    plural = carried.plural
    key = unit.key or str(position + 1)
    forms = [(unit, children)]
    for number, form in enumerate(plural.forms[1:] if plural else (), start=1):
        form_unit = dataclasses.replace(
            unit, source=plural.msgid_plural, target=form, mt="", key=f"{key}[{number}]"
        )
        linked = [c for c in children if not c.get("type", "").startswith(_PLURAL_PROPS)]
        linked += [_prop("x-po-plural-of", key), _prop("x-po-plural-form", str(number))]
        forms.append((form_unit, linked))
    out = []
    for each, props in forms:
        fast = (
            None
            if attributes
            else tmx_fast.tu_xml(each, position, source_lang, target_lang, options)
        )
        if fast is not None:
            spliced = "".join(_text_of(c) + _P3 for c in props)
            at = fast.index("<tuv")
            out.append(fast[:at] + spliced + fast[at:])
            continue
        tu = write_tu(each, position, source_lang, target_lang, options)
        for name, value in attributes.items():
            if tu.get(name) is None:  # our own stamps (an edit's changedate) come first
                tu.set(name, xml_text(value))
        first_tuv = tu.find("tuv")
        for child in props:
            child.tail = _P3
            first_tuv.addprevious(child)
        out.append(etree.tostring(tu, encoding="unicode"))
    return out


def _text_of(element: etree._Element) -> str:
    """A <prop> or <note> (attributes and text, no children) as lxml writes it."""
    attrs = "".join(
        f' {"xml:lang" if name == _XML_LANG else name}="{tmx_fast.escape_attr(value)}"'
        for name, value in element.attrib.items()
    )
    if element.text is None:
        return f"<{element.tag}{attrs}/>"
    return f"<{element.tag}{attrs}>{tmx_fast.escape_text(element.text)}</{element.tag}>"


def _prop(kind: str, value: str) -> etree._Element:
    prop = etree.Element("prop", type=kind)
    prop.text = xml_text(value) or None
    return prop


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
