"""The usual ``<tu>`` written as text, without building its tree.

A 100,000-unit export spends most of its time making lxml elements. Units in the usual
shape (the file's own TMX meta with nothing but language tags and inline codes, or
plain units from another format; no container codes, no token the markup does not
know) are serialised here directly, exactly as lxml writes the tree that
``tmx._write_tu`` builds for them: tests/formats/test_tmx_fast.py proves the two equal
on the LISA kit, the benchmark memory and generated units. Any other unit gets None
and goes through ``_write_tu``.

The stored code markup (``meta["tags"]``) was written by lxml itself on import, so it
is inserted as it is; text and attribute values are escaped the way libxml2 escapes
them, after ``xml_text`` drops what XML cannot carry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from .base import ExportOptions, ExportUnit
from .inline import _NAME, TOKEN
from .xmlsafe import xml_text

# The indentation of a <tu> written at level 2.
P2, P3, P4 = "\n    ", "\n      ", "\n        "
MT_PREFIX = "MT: "
_FAST_META = frozenset(
    {"format", "langs", "source_tags", "tags", "mt", "rejection_reason", "x_state"}
)
_FAST_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})  # TMX codes that are not containers


@lru_cache(maxsize=4096)  # a document's segments share few timestamps
def tmx_date(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def edited(unit: ExportUnit) -> bool:
    """A unit of the file's own whose target or state a user changed since it was read:
    only such a unit gets our changedate and changeid; the others keep their
    attributes as read (the file's translation is the segment's MT, its state the
    ``x-state`` prop it had, else new or untranslated)."""
    read_as = unit.meta.get("x_state") or ("new" if unit.mt else "untranslated")
    return unit.target != unit.mt or unit.state != read_as


def stamps(unit: ExportUnit, own: bool) -> list[tuple[str, str | None]]:
    """The <tu> stamps to set (a value) or drop (None), in order. A unit from another
    format gets all four of ours; a unit of the file's own keeps its attributes as
    read, and an edited one gets the date and author of its last change."""
    if own and not edited(unit):
        return []
    changed = [
        ("changedate", unit.changed_at and tmx_date(unit.changed_at)),
        ("changeid", unit.changed_by or None),
    ]
    if own:
        return changed
    created = [
        ("creationdate", unit.created_at and tmx_date(unit.created_at)),
        ("creationid", unit.created_by or None),
    ]
    return [(name, value) for name, value in created + changed if value]


def rejection_reason(unit: ExportUnit) -> str:
    """The reason a rejected unit is written with: its latest rejection's, else the one
    the file carried (a rejected unit read back from one of our exports)."""
    if unit.state != "rejected":
        return ""
    return unit.note or unit.meta.get("rejection_reason", "")


def mt_note(unit: ExportUnit, options: ExportOptions, own: bool) -> str:
    """The MT note's text: the imported MT with ``include_mt``, else the one the file
    carried (never dropped)."""
    if options.include_mt and unit.mt and unit.mt != unit.target:
        return unit.mt
    return unit.meta.get("mt", "") if own else ""


def escape_text(value: str) -> str:
    """Character data as libxml2 writes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def escape_attr(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes."""
    value = escape_text(value)
    for char, ref in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if char in value:
            value = value.replace(char, ref)
    return value


def seg_xml(text: str, tags: dict[str, str], fallback: dict[str, str]) -> str | None:
    """What ``inline.restore`` puts inside a <seg>, as text; None when a token needs its
    general handling (unknown, a container, a literal ⟨/n/⟩)."""
    text = xml_text(text)
    if "⟨" not in text:
        return escape_text(text)
    out, cursor = [], 0
    for match in TOKEN.finditer(text):
        if match.group(1) and match.group(3):
            return None
        xml = tags.get(match.group()) or fallback.get(match.group())
        name = _NAME.match(xml) if xml is not None else None
        if name is None or name.group(1) not in _FAST_CODES:
            return None
        out.append(escape_text(text[cursor : match.start()]))
        out.append(xml)
        cursor = match.end()
    out.append(escape_text(text[cursor:]))
    return "".join(out)


@lru_cache(maxsize=256)
def _state_prop(state: str) -> str:
    return f'<prop type="x-state">{escape_text(xml_text(state))}</prop>'


@lru_cache(maxsize=256)
def _lang_attr(lang: str) -> str:
    return f' xml:lang="{escape_attr(xml_text(lang))}"'


def _element(name: str, attrs: str, content: str | None) -> str:
    if content is None:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{content}</{name}>"


def tu_xml(
    unit: ExportUnit, position: int, source_lang: str, target_lang: str, options: ExportOptions
) -> str | None:
    """The serialised <tu> of a unit in the usual shape, or None."""
    own = unit.meta.get("format") == "tmx"
    if own and not unit.meta.keys() <= _FAST_META:
        return None
    source_tags = unit.meta.get("source_tags", {})
    tags = unit.meta.get("tags", {})
    if not own and (tags or source_tags):
        return None  # another format's codes: converted by kind in _write_tu
    source = seg_xml(unit.source, source_tags, {})
    target = seg_xml(unit.target, tags, source_tags)
    if source is None or target is None:
        return None
    key = unit.key or ("" if own else str(position + 1))  # no tuid read, none written
    attrs = f' tuid="{escape_attr(xml_text(key))}"' if key else ""
    for name, value in stamps(unit, own):
        if value:  # dates are digits and letters, ids are escaped
            attrs += f' {name}="{escape_attr(xml_text(value))}"'
    children = [_state_prop(unit.state)]
    if reason := rejection_reason(unit):
        children.append(f'<prop type="x-rejection-reason">{escape_text(xml_text(reason))}</prop>')
    if mt := mt_note(unit, options, own):
        children.append(f"<note>{escape_text(xml_text(MT_PREFIX + mt))}</note>")
    langs = (unit.meta.get("langs") if own else None) or [source_lang]
    variants = list(zip(("source", "target"), langs, strict=False))
    if unit.target and not any(role == "target" for role, _lang in variants):
        variants.append(("target", target_lang))
    for role, lang in variants:
        seg = _element("seg", "", (source if role == "source" else target) or None)
        children.append(f"<tuv{_lang_attr(lang)}>{P4}{seg}{P3}</tuv>")
    return f"<tu{attrs}>{P3}{P3.join(children)}{P2}</tu>"
