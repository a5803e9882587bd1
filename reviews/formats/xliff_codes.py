"""TMX inline codes as XLIFF 1.2 writes the same codes (a TMX unit exported as XLIFF).

``inline.restore`` converts another format's codes by kind only (a paired code, a
standalone one, a container), so an ``<it>`` would become a ``<ph>`` and a ``<sub>``
inside a code would be flattened into its text. XLIFF 1.2 has each TMX code: ``<bpt>``,
``<ept>`` and ``<ph>`` (``i``/``x`` become ``id``), ``<it>`` (``pos`` begin/end become
open/close), ``<sub>`` inside them (with the codes inside it converted too), ``<hi>`` as a
``<g>``; ``<ut>`` as a ``<ph>``. A TMX ``type`` becomes the ``ctype`` XLIFF lists for that
element or an ``x-`` one, so every export still validates strictly. The markup is
returned as ``inline.store`` keeps XLIFF markup (without the namespace), ready for
``inline.restore`` as the unit's own.
"""

from __future__ import annotations

from lxml import etree

from .inline import TOKEN
from .xmlsafe import parse_fragment, to_string

_DELIMITERS = frozenset({"bold", "italic", "underlined", "link"})  # bpt, it, g, sub
_PLACEHOLDERS = frozenset({"image", "pb", "lb"})  # ph
_TYPES = {"ulined": "underlined"}  # TMX's names where XLIFF's differ
_ASSOC = {"p": "preceding", "f": "following", "b": "both"}
_NAMES = {"bpt": "bpt", "ept": "ept", "ph": "ph", "it": "it", "ut": "ph", "hi": "g", "sub": "sub"}


def from_tmx(tags: dict[str, str]) -> dict[str, str]:
    """Each token's TMX markup as XLIFF markup (tokens of unknown markup as they are)."""
    converted = {}
    for token, xml in tags.items():
        element = parse_fragment(xml)
        if element.tag not in _NAMES:
            converted[token] = xml
            continue
        match = TOKEN.fullmatch(token)
        number = match.group(2) if match else str(len(converted) + 1)
        converted[token] = to_string(_convert(element, number, [0]))
    return converted


def _convert(element: etree._Element, number: str, inner: list[int]) -> etree._Element:
    name = _NAMES[element.tag]
    out = etree.Element(name)
    if name != "sub":
        # i pairs <bpt> and <ept>; x names the others: XLIFF has one id for both
        code_id = element.get("i") or element.get("x")
        if code_id is None:  # a code inside a <sub> without x: a number of its own
            inner[0] += 1
            code_id = f"{number}.{inner[0]}" if element.getparent() is not None else number
        out.set("id", code_id)
    if name == "it":
        out.set("pos", "close" if element.get("pos") == "end" else "open")
    if element.get("assoc") in _ASSOC and name == "ph":
        out.set("assoc", _ASSOC[element.get("assoc")])
    if element.get("datatype") and name == "sub":
        out.set("datatype", _extension(element.get("datatype"), frozenset({"html", "xml"})))
    kind = element.get("type")
    if kind and name != "ept":
        allowed = _PLACEHOLDERS if name == "ph" else _DELIMITERS
        out.set("ctype", _extension(_TYPES.get(kind, kind), allowed))
    out.text = element.text
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _NAMES:
            converted = _convert(child, number, inner)
        else:  # not a TMX code: its text stays
            converted = None
            text = "".join(child.itertext()) + (child.tail or "")
            if len(out):
                out[-1].tail = (out[-1].tail or "") + text
            else:
                out.text = (out.text or "") + text
            continue
        converted.tail = child.tail
        out.append(converted)
    return out


def _extension(value: str, allowed: frozenset[str]) -> str:
    value = "-".join(value.split())
    if value in allowed or (value.startswith("x-") and len(value) > 2):
        return value
    return f"x-{value}" if value else "x-unknown"
