"""XLIFF 1.2 (1.0 and 1.1 read too): every ``<trans-unit>`` of every ``<file>`` is a unit.

The skeleton is the document itself with each ``<trans-unit>`` emptied to a marker:
files, headers, groups, ``<bin-unit>``s and the whitespace between them come back as they
were, and units are written into the markers in order. A unit keeps its attributes, its
``<source>``/``<target>`` attributes, ``<seg-source>`` and, in order, its other children
(notes, ``<alt-trans>``, context and count groups, extensions) in its meta. Elements of
XLIFF 1.0/1.1 or of no namespace are moved to the 1.2 namespace; exports are XLIFF 1.2,
valid against its strict schema when the input was, otherwise against the transitional one
(which lets other namespaces' attributes through): a ``<file>`` without ``original``,
``source-language`` or ``datatype`` (XLIFF 1.1) gets the file's name, the project's source
language and ``x-undeclared``, said in a ``<note from="workbench">`` of its header.

States (CONTRACT), on ``<target state>``: needs-translation ↔ untranslated;
needs-review-translation ↔ new, or rejected with a ``<note from="rejection">`` holding the
reason; translated ↔ translated; final ↔ approved (``approved="yes"`` too). Also read:
``approved="yes"`` and signed-off → approved; new, needs-adaptation, needs-l10n,
needs-review-adaptation, needs-review-l10n → new; a target without a state → translated
(like a plain PO msgstr), no target or an empty one → untranslated. ``translate="no"``
units are read-only. A unit exported unedited (its state still the one its attributes were
read as, its target the imported one) keeps its ``state``, ``state-qualifier`` and
``approved`` as they were; only a unit whose state or target changed is written with the
mapped state (and loses a ``state-qualifier`` that described the replaced target). With
``include_mt`` the MT goes in ``<note from="mt">``; notes from
"mt" and "rejection" are read back into ``meta["mt"]``/``meta["rejection_reason"]``.
A file whose source-language (or target-language) is not the project's is refused.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from lxml import etree

from . import carry, carry_header, inline, xliff_codes
from .base import ExportOptions, ExportUnit, Format, FormatError, ParsedFile, Unit
from .tmx import TOOL, lang_score
from .xliff_repair import header_note, original_name, repair_files
from .xmlsafe import (
    XML_NS,
    attrs_json,
    encode_document,
    has_root,
    iterparse,
    local_name,
    read_prolog_of,
    set_attrs,
    to_string,
    xml_text,
)

NS = "urn:oasis:names:tc:xliff:document:1.2"
_OLD_NS = {"", "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0"}
_STATE_OUT = {
    "untranslated": "needs-translation",
    "new": "needs-review-translation",
    "translated": "translated",
    "rejected": "needs-review-translation",
    "approved": "final",
}
_STATE_IN = {
    "needs-translation": "untranslated",
    "needs-review-translation": "new",
    "translated": "translated",
    "final": "approved",
    "signed-off": "approved",
    "new": "new",
    "needs-adaptation": "new",
    "needs-l10n": "new",
    "needs-review-adaptation": "new",
    "needs-review-l10n": "new",
}
_DIALECT = inline.Dialect(
    namespace=NS,
    id_attr="id",
    pair_attrs=("rid", "id"),
    allowed=frozenset({"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk"}),
    make=lambda kind, n, code: _make_code(kind, n, code),
)


XML_SPACE = f"{{{XML_NS}}}space"
_SPACES = re.compile(r"\s\s|[^\S ]")  # two whitespace characters, or one other than a space


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _make_code(kind: str, number: int, code: str) -> etree._Element:
    name = {inline.PAIR_OPEN: "bpt", inline.PAIR_CLOSE: "ept", inline.CONTAINER: "g"}
    element = etree.Element(_q(name.get(kind, "ph")), id=str(number))
    element.text = code or None
    return element


def _namespace(element: etree._Element) -> str:
    return element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""


def _to_v12(element: etree._Element) -> None:
    for node in element.iter():
        if isinstance(node.tag, str) and _namespace(node) in _OLD_NS:
            node.tag = _q(local_name(node.tag))


def _as_v12(root: etree._Element) -> etree._Element:
    """The document in the XLIFF 1.2 namespace, declared once as the default one."""
    _to_v12(root)
    root.set("version", "1.2")
    if root.nsmap.get(None) != NS:
        kept = {k: v for k, v in root.nsmap.items() if k and v != NS and v not in _OLD_NS}
        new_root = etree.Element(root.tag, dict(root.attrib), nsmap={**kept, None: NS})
        new_root.text = root.text
        new_root.extend(list(root))
        root = new_root
    etree.cleanup_namespaces(root)
    return root


class XliffFormat(Format):
    name = "xliff"
    label = "XLIFF 1.2"
    extensions = (".xlf", ".xliff")
    media_type = "application/x-xliff+xml"
    supports_context = True
    supports_notes = True
    supports_inline_tags = True
    needs_source = True

    def sniff(self, data: bytes) -> bool:
        return has_root(data, "xliff")

    def parse(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
    ) -> ParsedFile:
        prolog = read_prolog_of(data, "xliff", "an XLIFF")
        units: list[Unit] = []
        root = file_element = None
        tags = ("{*}xliff", "{*}file", "{*}trans-unit")
        for event, element in iterparse(data, ("start", "end"), tags, encoding=prolog.encoding):
            name = local_name(element.tag)
            if event == "start":
                if name == "xliff" and root is None:
                    root = element
                elif name == "file":
                    file_element = element
                    _check_languages(element, source_lang, target_lang)
                continue
            if name != "trans-unit":
                continue
            if file_element is None:
                raise FormatError("a <trans-unit> outside any <file>", line=element.sourceline)
            if _namespace(element) != NS:
                _to_v12(element)
            units.append(_read_unit(element, len(units)))
            tail = element.tail
            element.clear()
            element.tail = tail
        if root is None or not units:
            raise FormatError("the XLIFF file has no <trans-unit>", element="body")
        root = _as_v12(root)
        skeleton = {
            "format": "xliff",
            "encoding": prolog.encoding,
            "bom": prolog.bom,
            "document": to_string(root),
        }
        return ParsedFile(units=units, skeleton=skeleton)

    def render(
        self,
        skeleton: dict[str, Any],
        units: Iterable[ExportUnit],
        *,
        source_lang: str,
        target_lang: str,
        options: ExportOptions,
    ) -> bytes:
        own_document = skeleton.get("format") == "xliff"
        if own_document:
            root = inline.parse_fragment(skeleton["document"])
        else:
            root = _fresh_document(source_lang, target_lang, original_name(options.filename))
        document = carry_header.header_view(skeleton, "xliff")  # another format's header
        repair_files(root, source_lang, options.filename)
        markers = list(root.iter(_q("trans-unit")))
        placed: set[int] = set()
        extra: list[etree._Element] = []
        dropped: Counter[str] = Counter()  # what foreign units had that XLIFF cannot carry
        for position, unit in enumerate(units):
            own = unit.meta.get("format") == "xliff"
            n = unit.meta.get("n") if own else None
            fits = isinstance(n, int) and 0 <= n < len(markers) and n not in placed
            element = _write_unit(unit, position, options, own, dropped)
            if fits:
                placed.add(n)
                element.tail = markers[n].tail
                _indent(element, len(list(markers[n].iterancestors())))
                markers[n].getparent().replace(markers[n], element)
            else:
                extra.append(element)
        for n, marker in enumerate(markers):
            if n not in placed:
                marker.getparent().remove(marker)
        if extra:
            body = root.find(f"{_q('file')}/{_q('body')}")
            last = body[-1] if len(body) else None  # len() walks the children: ask once
            for element in extra:
                _indent(element, 3)
                if last is None:
                    body.text = "\n      "
                else:
                    last.tail = "\n      "
                element.tail = "\n    "
                body.append(element)
                last = element
        file_element = root.find(_q("file"))
        for note in document.notes if document else ():
            header_note(file_element, note.text, note.author)
        for kind, value in document.props if document else ():
            header_note(file_element, value, carry.PROP_FROM + kind)
        if dropped or (document and document.dropped):
            summary = carry.dropped_summary(dropped, document.dropped if document else ())
            header_note(file_element, summary)
        _unique_ids(root)
        text = to_string(root) + "\n"
        layout = skeleton if own_document else {}
        return encode_document(text, layout.get("encoding", "utf-8"), layout.get("bom", False))


def _check_languages(file_element, source_lang: str, target_lang: str) -> None:
    for attr, wanted in (("source-language", source_lang), ("target-language", target_lang)):
        found = file_element.get(attr)
        if found and not lang_score(found, wanted):
            raise FormatError(
                f"the file's {attr} is {found}, but the project translates "
                f"{source_lang} into {target_lang}",
                line=file_element.sourceline,
                element="file",
            )


def _read_unit(element: etree._Element, n: int) -> Unit:
    unit_id = element.get("id")
    if not unit_id:
        raise FormatError("a <trans-unit> has no id", line=element.sourceline, element="trans-unit")
    source_el = element.find(_q("source"))
    if source_el is None:
        raise FormatError(
            f"trans-unit {unit_id!r} has no <source>", line=element.sourceline, element="source"
        )
    target_el = element.find(_q("target"))
    meta: dict[str, Any] = {"format": "xliff", "n": n, "attrib": attrs_json(element)}
    if prefixes := _attribute_prefixes(element, source_el, target_el):
        meta["nsmap"] = prefixes
    extra, mt, reason = [], "", ""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in (_q("source"), _q("target")):
            continue
        if child.tag == _q("note") and child.get("from") == "mt" and not mt:
            mt = child.text or ""
        elif child.tag == _q("note") and child.get("from") == "rejection" and not reason:
            reason = child.text or ""
        elif child.tag == _q("seg-source"):
            meta["seg_source"] = inline.store(child, NS)
        else:
            extra.append(inline.store(child, NS))
    source, source_tags, target, tags = inline.tokenize_pair(source_el, target_el, _DIALECT)
    meta["source_attrib"] = attrs_json(source_el)
    if target_el is not None:
        meta["target_attrib"] = attrs_json(target_el)
    for key, value in (
        ("extra", extra),
        ("source_tags", source_tags),
        ("tags", tags),
        ("mt", mt),
        ("rejection_reason", reason),
    ):
        if value:
            meta[key] = value
    state_attr = target_el.get("state") if target_el is not None else None
    if element.get("approved") == "yes":
        state = "approved"
    elif state_attr in _STATE_IN:
        state = _STATE_IN[state_attr]
        if state == "new" and state_attr == "needs-review-translation" and reason:
            state = "rejected"
    else:
        state = "translated" if target.strip() else "untranslated"
    meta["imported"] = {"state": state, "target": _digest(target)}
    return Unit(
        source=source,
        target=target,
        state=state,
        key=unit_id,
        meta=meta,
        read_only=element.get("translate") == "no",
    )


def _attribute_prefixes(*elements: etree._Element | None) -> dict[str, str]:
    """The prefixes of the other namespaces the elements' attributes are in (prefix →
    URI): written back with them, so ``t:status`` is not renamed ``ns0:status``."""
    found = {}
    for element in elements:
        if element is None:
            continue
        for name in element.attrib:
            if name[0] == "{" and not name.startswith("{" + XML_NS):
                uri = name[1:].split("}", 1)[0]
                prefix = next((p for p, u in element.nsmap.items() if u == uri and p), None)
                if prefix:
                    found[prefix] = uri
    return found


def _write_unit(
    unit: ExportUnit, position: int, options: ExportOptions, own: bool, dropped: Counter[str]
) -> etree._Element:
    meta = unit.meta if own else {}
    carried = None if own else carry.view(unit)
    foreign = not own and bool(unit.meta.get("tags") or unit.meta.get("source_tags"))
    element = etree.Element(_q("trans-unit"), nsmap=meta.get("nsmap"))
    set_attrs(element, meta.get("attrib", {}))
    element.set("id", xml_text(unit.key or meta.get("attrib", {}).get("id", "")) or "")
    if carried is not None and (carried.context or carried.origin == "tmx" and unit.key):
        element.set("resname", xml_text(carried.context or unit.key))  # msgctxt, tuid
    publish = not options.approved_only or unit.state == "approved"
    kept = publish and unedited(unit, meta)
    if kept:
        pass  # the unit's own approved="..." (or none) stays as it was read
    elif unit.state == "approved" and publish:
        element.set("approved", "yes")
    elif "approved" in element.attrib:
        del element.attrib["approved"]
    source = etree.SubElement(element, _q("source"))
    set_attrs(source, meta.get("source_attrib", {}))
    source_tags, tags = unit.meta.get("source_tags", {}), unit.meta.get("tags", {})
    if foreign and carried is not None and carried.origin == "tmx":  # XLIFF has TMX's codes
        source_tags, tags = xliff_codes.from_tmx(source_tags), xliff_codes.from_tmx(tags)
        foreign = False
    inline.restore(source, unit.source, source_tags, _DIALECT, foreign=foreign)
    if "seg_source" in meta:
        element.append(inline.load(meta["seg_source"], NS))
    had_target = "target_attrib" in meta
    # An unedited unit has a <target> if it had one (approved="yes" without one stays so).
    wanted = had_target or (not kept and (unit.target or unit.state != "untranslated"))
    if publish and wanted:
        target = etree.SubElement(element, _q("target"))
        set_attrs(target, meta.get("target_attrib", {}))
        if not kept:
            target.set("state", _STATE_OUT.get(unit.state, "needs-review-translation"))
            if _target_edited(unit, meta):
                target.attrib.pop("state-qualifier", None)
        inline.restore(target, unit.target, tags, _DIALECT, fallback=source_tags, foreign=foreign)
    extras = [inline.load(xml, NS) for xml in meta.get("extra", [])]
    if carried is not None:
        extras, lost = carry.xliff_children(carried, NS)
        dropped.update(set(lost))
    notes = []
    if unit.state == "rejected" and unit.note and publish:
        notes.append(("rejection", unit.note))
    if options.include_mt and unit.mt and unit.mt != unit.target:
        notes.append(("mt", unit.mt))
    for child in extras:  # XLIFF children first, then ours, then other namespaces
        if _namespace(child) == NS:
            element.append(child)
    for author, text in notes:
        etree.SubElement(element, _q("note"), {"from": author}).text = xml_text(text)
    for child in extras:
        if _namespace(child) != NS:
            element.append(child)
    if carried is not None and carried.plural is not None:
        element = _plural_group(element, carried.plural, publish)
    if carried is not None and _needs_preserve(element):
        element.set(XML_SPACE, "preserve")  # else readers may normalise it (translate-toolkit)
    return element


def _needs_preserve(element: etree._Element) -> bool:
    """Whether the whitespace of a text in ``element`` is more than one space between
    words (an XLIFF without ``xml:space="preserve"`` lets readers collapse it)."""
    for node in element.iter():
        text = node.text if isinstance(node.tag, str) and len(node) == 0 else None
        if text and (text != text.strip() or _SPACES.search(text)):
            return True
    return False


def _plural_group(first: etree._Element, plural: carry.Plural, publish: bool) -> etree._Element:
    """A PO entry's plural forms as translate-toolkit writes them: a <group
    restype="x-gettext-plurals"> holding one trans-unit per form (``id[n]``), its
    contexts and notes on the group; the forms after the first have msgid_plural as
    their source."""
    group = etree.Element(_q("group"), {"restype": "x-gettext-plurals"})
    for name in ("id", "resname"):
        if first.get(name):
            group.set(name, first.get(name))
    for child in list(first):
        if child.tag not in (_q("source"), _q("target")):
            group.append(child)
    group.append(first)
    first.set("id", f"{group.get('id', '')}[0]")
    target = first.find(_q("target"))
    for number, form in enumerate(plural.forms[1:], start=1):
        unit = etree.SubElement(group, _q("trans-unit"), dict(first.attrib))
        unit.set("id", f"{group.get('id', '')}[{number}]")
        etree.SubElement(unit, _q("source")).text = xml_text(plural.msgid_plural) or None
        if target is not None:
            form_target = etree.SubElement(unit, _q("target"), dict(target.attrib))
            form_target.text = (xml_text(form) if publish else "") or None
    for unit in group.iter(_q("trans-unit")):
        _indent(unit, 4)
    return group


def _digest(target: str) -> str:
    """A short fingerprint of the imported target: enough to tell an edit, small in meta."""
    return hashlib.blake2b(target.encode("utf-8"), digest_size=8).hexdigest()


def _target_edited(unit: ExportUnit, meta: dict[str, Any]) -> bool:
    imported = meta.get("imported")
    return isinstance(imported, dict) and imported.get("target") != _digest(unit.target)


def unedited(unit: ExportUnit, meta: dict[str, Any]) -> bool:
    """Our state is still the one the unit's attributes were read as, and the target the
    imported one: its ``state``/``state-qualifier``/``approved`` are written as read.
    Units imported before ``meta["imported"]`` existed get the mapped state, as before."""
    imported = meta.get("imported")
    return (
        isinstance(imported, dict)
        and imported.get("state") == unit.state
        and not _target_edited(unit, meta)
    )


def _unique_ids(root: etree._Element) -> None:
    """Trans-unit ids must be present and unique in each <file>, and so must the names
    of its context-groups (a "po-reference" of every unit becomes "po-reference-2"...)."""
    for file_element in root.iter(_q("file")):
        names: set[str] = set()
        last: dict[str, int] = {}  # the last suffix given to each name: no rescans
        for group in file_element.iter(_q("context-group")):
            base = name = group.get("name")
            if base is None:
                continue
            while name in names:
                last[base] = last.get(base, 1) + 1
                name = f"{base}-{last[base]}"
            names.add(name)
            if name != base:
                group.set("name", name)
        seen: set[str] = {b.get("id") for b in file_element.iter(_q("bin-unit"))}
        given: dict[str, int] = {}
        for number, unit in enumerate(file_element.iter(_q("trans-unit")), start=1):
            unit_id = unit.get("id") or str(number)
            candidate = unit_id
            while candidate in seen:
                given[unit_id] = given.get(unit_id, 1) + 1
                candidate = f"{unit_id}-{given[unit_id]}"
            seen.add(candidate)
            unit.set("id", candidate)


def _fresh_document(source_lang: str, target_lang: str, original: str) -> etree._Element:
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})
    root.text = "\n  "
    file_element = etree.SubElement(
        root,
        _q("file"),
        {
            "original": xml_text(original),
            "source-language": source_lang,
            "target-language": target_lang,
            "datatype": "plaintext",
        },
    )
    file_element.text, file_element.tail = "\n    ", "\n"
    header = etree.SubElement(file_element, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "workbench", "tool-name": TOOL})
    header.text, header.tail, header[0].tail = "\n      ", "\n    ", "\n    "
    body = etree.SubElement(file_element, _q("body"))
    body.tail = "\n  "
    return root


def _indent(element: etree._Element, level: int) -> None:
    """Line up a written trans-unit's children (their insides are kept as they were)."""
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        child.tail = pad
    element[-1].tail = "\n" + "  " * level
