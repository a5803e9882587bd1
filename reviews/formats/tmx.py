"""TMX 1.4b translation memories: streamed in, written out incrementally, DTD-valid.

Each ``<tu>`` holding a variant in the project's source language becomes a unit: the
best-matching source and target ``<tuv>`` (see ``lang_score``: exact tag, then same
language with the same region or script, then same language; the unit's ``srclang``, or
the header's, breaks ties) give source and target; everything else in the ``<tu>``
(attributes, notes, props, other languages' variants, in order) stays in the unit's meta
and is written back. A ``<tu>`` without the target language imports untranslated. A
``<tu>`` without the source language cannot be reviewed: it is left out of the units,
kept whole in the skeleton (``skipped``, with its position) and written back on export
(not with ``approved_only``). A file in which no ``<tu>`` has the source language is
refused, naming the languages it has.

The state travels as ``<prop type="x-state">`` (CONTRACT), a rejection's reason as
``<prop type="x-rejection-reason">``, the MT (with ``include_mt``) as ``<note>MT: …</note>``;
on import these are read back (state, ``meta["rejection_reason"]``, ``meta["mt"]``) rather
than kept as extra notes and props, so they are never written twice. Inline codes become
placeholder tokens (``inline.py``). UTF-8 and UTF-16 files are written back in their
encoding; other encodings as UTF-8.

Provenance: a unit of the file's own that no user changed (its target still the file's,
its state the one it was read as: ``meta["x_state"]``, else new or untranslated) is
written with its ``<tu>`` and ``<tuv>`` attributes exactly as read, a tuid only if it had
one; an edited unit keeps them too, but its ``changedate``/``changeid`` (and its target
variant's, where it has them) become the date and author of its last change. Units from
another format get all four stamps of ours.
"""

from __future__ import annotations

import io
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from lxml import etree

from . import carry_header, inline, tmx_carry, tmx_fast, tmx_repair
from .base import (
    ExportOptions,
    ExportUnit,
    Format,
    FormatError,
    ParsedFile,
    ProgressCallback,
    Unit,
    UnitStream,
)
from .xmlsafe import (
    XML_NS,
    attrs_json,
    encode_document,
    has_root,
    iterparse,
    parse_fragment,
    read_prolog_of,
    set_attrs,
    to_string,
    xml_buffer,
    xml_text,
)

XML_LANG = f"{{{XML_NS}}}lang"
STATES = ("untranslated", "new", "translated", "rejected", "approved")
TOOL, TOOL_VERSION = "Translation Workbench", "0.1.0"
_OWN_PROPS = ("x-state", "x-rejection-reason")
CARRIED_FROM = frozenset({"po", "xliff"})  # formats whose units' data tmx_carry writes
_MT = tmx_fast.MT_PREFIX
_ZH_SCRIPTS = {"cn": "hans", "sg": "hans", "my": "hans", "tw": "hant", "hk": "hant", "mo": "hant"}


def _subtags(tag: str) -> tuple[str, str, str]:
    parts = tag.strip().replace("_", "-").lower().split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p for p in parts[1:] if len(p) == 2 or (len(p) == 3 and p.isdigit())), "")
    if parts[0] == "zh" and not script:
        script = _ZH_SCRIPTS.get(region, "")
    return parts[0], script, region


def lang_score(candidate: str, wanted: str) -> int:
    """3 same tag, 2 same language and region or script, 1 same language, 0 no match.

    Case, ``_`` and ``-`` do not matter; zh-CN/zh-SG imply Hans, zh-TW/HK/MO imply Hant.
    """
    if not candidate or not wanted:
        return 0
    if candidate.replace("_", "-").lower() == wanted.replace("_", "-").lower():
        return 3
    c_lang, c_script, c_region = _subtags(candidate)
    w_lang, w_script, w_region = _subtags(wanted)
    if c_lang != w_lang:
        return 0
    if (c_region and c_region == w_region) or (c_script and c_script == w_script):
        return 2
    return 1


def _attrs(element: etree._Element) -> dict[str, str]:
    attrs = attrs_json(element)
    if "lang" in attrs:  # TMX 1.1
        attrs.setdefault("xml:lang", attrs.pop("lang"))
    return attrs


@lru_cache(maxsize=1024)
def _pick_variants(langs: tuple[str, ...], source_lang: str, target_lang: str, srclang: str):
    """Indexes of the source and target variants (either may be None)."""
    src = [lang_score(lang, source_lang) for lang in langs]
    tgt = [lang_score(lang, target_lang) for lang in langs]
    best, choice = None, (None, None)
    for a, lang in enumerate(langs):
        if not src[a] or src[a] < tgt[a]:
            continue
        preferred = int(srclang not in ("", "*all*") and lang_score(lang, srclang) == 3)
        options = [b for b in range(len(langs)) if b != a and tgt[b] and tgt[b] >= src[b]]
        for b in options or [None]:
            score = (src[a] + (tgt[b] if b is not None else 0), preferred, src[a], -a)
            if best is None or score > best:
                best, choice = score, (a, b)
    return choice


_DIALECT = inline.Dialect(
    namespace="",
    id_attr="x",
    pair_attrs=("i",),
    allowed=frozenset({"bpt", "ept", "it", "ph", "hi", "ut"}),
    make=lambda kind, n, code: _make_code(kind, n, code),
)


def _make_code(kind: str, number: int, code: str) -> etree._Element:
    name, attr = {
        inline.PAIR_OPEN: ("bpt", "i"),
        inline.PAIR_CLOSE: ("ept", "i"),
        inline.CONTAINER: ("hi", "x"),
    }.get(kind, ("ph", "x"))
    element = etree.Element(name, {attr: str(number)})
    element.text = code or None
    return element


class TmxFormat(Format):
    name = "tmx"
    label = "TMX 1.4b"
    extensions = (".tmx",)
    media_type = "application/x-tmx+xml"
    supports_notes = True
    supports_inline_tags = True
    writes_change_stamps = True
    needs_source = True

    def sniff(self, data: bytes) -> bool:
        return has_root(data, "tmx")

    def parse(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
    ) -> ParsedFile:
        stream = self.stream(data, source_lang=source_lang, target_lang=target_lang)
        units = list(stream.units)
        return ParsedFile(units=units, skeleton=stream.skeleton)

    def stream(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> UnitStream:
        """Units one ``<tu>`` at a time: the file is never held as a tree."""
        prolog = read_prolog_of(data, "tmx", "a TMX")
        skeleton: dict[str, Any] = {
            "format": "tmx",
            "encoding": prolog.encoding,
            "bom": prolog.bom,
            "header": {},
            "header_extra": [],
            "skipped": [],
        }
        buffer = xml_buffer(data)
        size = max(1, len(data))  # not buffer.getbuffer(): that would copy the bytes
        units = self._units(buffer, prolog, skeleton, source_lang, target_lang)
        return UnitStream(units=units, skeleton=skeleton, done=lambda: buffer.tell() / size)

    def _units(self, buffer, prolog, skeleton, source_lang, target_lang) -> Iterator[Unit]:
        languages: set[str] = set()
        default_srclang = ""
        count = 0
        elements = iterparse(
            buffer,
            ("end",),
            ("header", "tu"),
            doctype=bool(prolog.doctype),
            encoding=prolog.encoding,
        )
        for _, element in elements:
            if element.tag == "header":
                skeleton["header"] = _attrs(element)
                skeleton["header_extra"] = [to_string(c) for c in element if isinstance(c.tag, str)]
                default_srclang = element.get("srclang", "")
                continue
            unit = _read_tu(element, source_lang, target_lang, default_srclang, languages)
            if unit is None:
                skeleton["skipped"].append([count, to_string(element)])
            else:
                count += 1
                yield unit
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        if not count:
            found = ", ".join(sorted(languages)[:12]) or "none"
            raise FormatError(
                f"no translation unit has the source language {source_lang} "
                f"(languages in the file: {found})",
                element="tu",
            )

    def render(
        self,
        skeleton: dict[str, Any],
        units: Iterable[ExportUnit],
        *,
        source_lang: str,
        target_lang: str,
        options: ExportOptions,
    ) -> bytes:
        own = skeleton.get("format") == "tmx"
        header_attrs = {
            "creationtool": TOOL,
            "creationtoolversion": TOOL_VERSION,
            "segtype": "sentence",
            "o-tmf": "workbench",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
            **(skeleton.get("header", {}) if own else {}),
        }
        skipped = skeleton.get("skipped", []) if own and not options.approved_only else []
        # lxml writes the frame around a placeholder; the units go in its place, most as
        # text (tmx_fast), the rest as the trees _write_tu builds.
        placeholder = f"units-{uuid.uuid4().hex}"
        buffer = io.BytesIO()
        with etree.xmlfile(buffer, encoding="utf-8") as xf:
            xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
            with xf.element("tmx", version="1.4"):
                header = etree.Element("header")
                set_attrs(header, header_attrs)
                for xml in skeleton.get("header_extra", []) if own else []:
                    header.append(parse_fragment(xml))
                document = carry_header.header_view(skeleton, "tmx")  # another format's
                header.extend(tmx_carry.header_children(document))
                tmx_repair.repair(header)
                _indent(header, 1)
                xf.write("\n  ", header, "\n  ")
                with xf.element("body"):
                    xf.write(placeholder, "\n  ")
                xf.write("\n")
        head, tail = buffer.getvalue().decode("utf-8").split(placeholder)
        pieces = [head]
        next_skipped = 0
        dropped: Counter[str] = Counter()  # what PO and XLIFF units had that TMX cannot carry
        for position, unit in enumerate(units):
            while next_skipped < len(skipped) and skipped[next_skipped][0] <= position:
                pieces += (_P2, _serialized(_kept_whole(skipped[next_skipped][1])))
                next_skipped += 1
            if options.approved_only and unit.state != "approved":
                continue
            if unit.meta.get("format") in CARRIED_FROM:  # another format's unit: its data too
                for xml in tmx_carry.carried_xml(
                    unit, position, source_lang, target_lang, options, dropped, _write_tu
                ):
                    pieces += (_P2, xml)
                continue
            xml = tmx_fast.tu_xml(unit, position, source_lang, target_lang, options)
            if xml is None:
                xml = _serialized(_write_tu(unit, position, source_lang, target_lang, options))
            pieces += (_P2, xml)
        for _, xml in skipped[next_skipped:]:
            pieces += (_P2, _serialized(_kept_whole(xml)))
        pieces += (tail, "\n")
        if dropped or (document and document.dropped):
            pieces[0] = tmx_carry.with_dropped(head, dropped, document)
        body = "".join(pieces)
        if not own:
            return encode_document(body, "utf-8", False)
        return encode_document(body, skeleton.get("encoding", "utf-8"), skeleton.get("bom", False))


def _serialized(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


def _read_tu(tu, source_lang, target_lang, default_srclang, languages) -> Unit | None:
    # The hot loop of a big import: each element's attributes are read once, and the
    # usual unit (variants with only their language and their <seg>, a tuid and nothing
    # else on the <tu>) takes the short paths; other shapes go through _attrs/_layout.
    variants, langs, extras = [], [], []
    plain = True  # every variant has one attribute (its language) and one child (<seg>)
    state, mt, reason = None, "", ""
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            attrib = child.attrib
            lang = attrib.get(XML_LANG) or attrib.get("lang")
            if not lang:
                raise FormatError("a <tuv> has no xml:lang", line=child.sourceline, element="tuv")
            children = len(child)
            first = child[0] if children else None  # find() costs more than this
            seg = first if first is not None and first.tag == "seg" else child.find("seg")
            if seg is None:
                raise FormatError("a <tuv> has no <seg>", line=child.sourceline, element="tuv")
            plain = plain and children == 1 and len(attrib) == 1
            languages.add(lang)
            langs.append(lang)
            variants.append((lang, child, seg))
        elif tag == "prop" and child.get("type") == "x-state" and child.text in STATES:
            state = child.text
        elif tag == "prop" and child.get("type") == "x-rejection-reason":
            reason = child.text or ""
        elif tag == "note" and (child.text or "").startswith(_MT) and not mt:
            mt = child.text[len(_MT) :]
        elif isinstance(tag, str):
            extras.append(to_string(child))
    if not variants:
        raise FormatError("a <tu> has no <tuv>", line=tu.sourceline, element="tu")
    tu_attrib = tu.attrib
    srclang = tu_attrib.get("srclang") or default_srclang
    a, b = _pick_variants(tuple(langs), source_lang, target_lang, srclang)
    if a is None:
        return None
    target_seg = variants[b][2] if b is not None else None
    source, source_tags, target, tags = inline.tokenize_pair(variants[a][2], target_seg, _DIALECT)
    for seg in (variants[a][2], target_seg):
        if seg is not None and len(seg):  # codes: each one the DTD takes (tmx_repair)
            tmx_repair.check_codes(seg)
    meta: dict[str, Any] = {"format": "tmx"}
    if plain and a == 0 and len(variants) == (1 if b is None else 2):
        meta["langs"] = langs  # the source, then the target: keep the tags as written
    else:
        meta["tuvs"] = _layout(variants, a, b)
    if len(tu_attrib) != 1 or "tuid" not in tu_attrib:
        tu_attrs = _attrs(tu)
        tu_attrs.pop("tuid", None)  # it is the key
        if tu_attrs:
            meta["tu"] = tu_attrs
    if extras:
        meta["tu_extra"] = extras
    if source_tags:
        meta["source_tags"] = source_tags
    if tags:
        meta["tags"] = tags
    if mt:
        meta["mt"] = mt
    if reason:
        meta["rejection_reason"] = reason
    if state is not None:
        meta["x_state"] = state  # the state as read: an unedited unit keeps its stamps
    if state is None:
        state = "new" if target else "untranslated"
    return Unit(source=source, target=target, state=state, key=tu_attrib.get("tuid", ""), meta=meta)


def _layout(variants, a: int, b: int | None) -> list[dict[str, Any]]:
    """Every variant in order: the picked two by role with their attributes and extra
    children, the others whole."""
    layout = []
    for index, (_, tuv, _) in enumerate(variants):
        if index in (a, b):
            variant = {"role": "source" if index == a else "target", "attrib": _attrs(tuv)}
            if len(tuv) > 1:
                variant["extra"] = [to_string(c) for c in tuv if c.tag in ("note", "prop")]
            layout.append(variant)
        else:
            layout.append({"role": "other", "xml": to_string(tuv)})
    return layout


# The indentation of a <tu> written at level 2 (what _indent(tu, 2) would give), set as
# each element is made: a 100,000-unit export cannot afford a second walk over each tree.
_P2, _P3, _P4 = tmx_fast.P2, tmx_fast.P3, tmx_fast.P4


def _write_tu(unit: ExportUnit, position: int, source_lang, target_lang, options):
    meta = unit.meta if unit.meta.get("format") == "tmx" else {}
    foreign = not meta and bool(unit.meta.get("tags") or unit.meta.get("source_tags"))
    tu = etree.Element("tu")
    tu.text = _P3
    if meta.get("tu"):
        set_attrs(tu, meta["tu"])
    own = bool(meta)
    key = unit.key or ("" if own else str(position + 1))  # no tuid read, none written
    if key:
        tu.set("tuid", xml_text(key))
    edited = tmx_fast.edited(unit) if own else True
    for attr, value in tmx_fast.stamps(unit, own):
        if value:
            tu.set(attr, xml_text(value))
        else:
            tu.attrib.pop(attr, None)
    for xml in meta.get("tu_extra", ()):
        _append_fragment(tu, xml, 3, _P3)
    _child(tu, "prop", unit.state, type="x-state")
    if reason := tmx_fast.rejection_reason(unit):
        _child(tu, "prop", reason, type="x-rejection-reason")
    if mt := tmx_fast.mt_note(unit, options, own):
        _child(tu, "note", _MT + mt)
    source_tags = unit.meta.get("source_tags", {})
    langs = meta.get("langs") or [source_lang]
    layout = meta.get("tuvs") or [
        {"role": role, "attrib": {"xml:lang": lang}}
        for role, lang in zip(("source", "target"), langs, strict=False)
    ]
    if unit.target and not any(v["role"] == "target" for v in layout):
        layout = [*layout, {"role": "target", "attrib": {"xml:lang": target_lang}}]
    for variant in layout:
        if variant["role"] == "other":
            _append_fragment(tu, variant["xml"], 3, _P3)
            continue
        attrib = variant["attrib"]
        if len(attrib) == 1 and "xml:lang" in attrib:
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: xml_text(attrib["xml:lang"])})
        else:
            tuv = etree.SubElement(tu, "tuv")
            set_attrs(tuv, attrib)
        if variant["role"] == "target" and own and edited:  # the variant's stamps too
            for attr, value in tmx_fast.stamps(unit, own):
                if attr in tuv.attrib and value:
                    tuv.set(attr, xml_text(value))
                elif attr in tuv.attrib:
                    del tuv.attrib[attr]
        tuv.text, tuv.tail = _P4, _P3
        for xml in variant.get("extra", ()):
            _append_fragment(tuv, xml, 4, _P4)
        seg = etree.SubElement(tuv, "seg")
        seg.tail = _P3
        if variant["role"] == "source":
            inline.restore(seg, unit.source, source_tags, _DIALECT, foreign=foreign)
        else:
            tags = unit.meta.get("tags", {})
            inline.restore(seg, unit.target, tags, _DIALECT, fallback=source_tags, foreign=foreign)
    if tmx_repair.repair(tu):  # what the DTD does not take, carried in x- props
        _indent(tu, 2)
    tu[-1].tail = _P2
    return tu


def _kept_whole(xml: str) -> etree._Element:
    """A <tu> kept as read (no variant in the source language), made valid."""
    tu = parse_fragment(xml)
    tmx_repair.repair(tu)
    return _indented(tu)


def _append_fragment(parent: etree._Element, xml: str, level: int, tail: str) -> None:
    element = parse_fragment(xml)
    _indent(element, level)
    element.tail = tail
    parent.append(element)


def _child(parent: etree._Element, tag: str, text: str, **attrs: str) -> None:
    element = etree.SubElement(parent, tag, attrs)
    element.text, element.tail = xml_text(text), _P3


def _indented(tu: etree._Element) -> etree._Element:
    _indent(tu, 2)
    return tu


def _indent(element: etree._Element, level: int) -> None:
    """Pretty-print the element-only structure; never touches the inside of a <seg>."""
    if element.tag in ("seg", "note", "prop") or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level
