"""Inline markup as protected placeholder tokens in the text an editor edits.

Token syntax (U+27E8 and U+27E9, mathematical angle brackets, which news prose does not
use, unlike ``{1}`` or ``%1``)::

    ⟨1⟩ … ⟨/1⟩   a paired code: <bpt>…<ept> (TMX, XLIFF), or a container whose content is
                  translatable text: <hi> (TMX), <g> and <mrk> (XLIFF)
    ⟨2/⟩          a standalone code: <ph>, <it>, <ut> (TMX); <x>, <bx>, <ex>, <ph>, <it>

Numbers start at 1 in the source; a target code gets the number of the source code it
corresponds to (the n-th code of the same ``x``/``id``, of the same pair ``i``/``rid``,
else of the same element name), so ``inline_tokens`` of source and target can be
compared even when the target reorders its codes. A closing code takes the number of the
innermost open code of its pair id, so two pairs sharing one ``i`` in a segment (invalid,
but real tools write it) stay two pairs; no two codes of one side ever share a token,
so every code is written back exactly as it came. A number whose token appears literally
in the text is skipped. An element that is not one of the format's inline codes (a
``<b>`` in a TMX ``<seg>``) is refused with its line: written back it would be invalid,
and converted it would be a silently changed code.

Each side keeps its original markup in the unit's meta, token → XML of the element
(``meta["tags"]`` for the target, ``meta["source_tags"]`` for the source); a container
is stored empty (its content is the text between its tokens). On export every token is
restored from the target's markup, else from the source's (a code the translator copied
into an empty target); a deleted token is simply absent; a token known to neither side is
written as literal text; a closing token whose opening was deleted is dropped, and an
unclosed container ends with its segment. Markup stored by another format is converted
by kind (paired, standalone, container) keeping its native code text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from .base import FormatError
from .xmlsafe import local_name, parse_fragment, to_string, xml_text

_NAME = re.compile(r"<([A-Za-z_][\w.\-]*)[\s/>]")  # an unprefixed element name
TOKEN = re.compile(r"⟨(/?)([1-9][0-9]{0,5})(/?)⟩")
PAIR_OPEN, PAIR_CLOSE, CONTAINER, STANDALONE = "open", "close", "container", "standalone"
_KINDS = {"bpt": PAIR_OPEN, "ept": PAIR_CLOSE, "hi": CONTAINER, "g": CONTAINER, "mrk": CONTAINER}


def inline_tokens(text: str) -> list[str]:
    """Every placeholder token in ``text``, in order (for missing/extra tag checks)."""
    return [m.group() for m in TOKEN.finditer(text) if not (m.group(1) and m.group(3))]


def tag_kind(name: str) -> str:
    return _KINDS.get(name, STANDALONE)


@dataclass(frozen=True)
class Dialect:
    """How one format names its codes: what identifies a code across source and target."""

    namespace: str  # "" for TMX
    id_attr: str  # TMX "x", XLIFF "id"
    pair_attrs: tuple[str, ...]  # TMX ("i",), XLIFF ("rid", "id")
    allowed: frozenset[str]  # inline element names this format writes
    make: Callable[[str, int, str], etree._Element]  # (kind, number, native code) → element

    def identity(self, element: etree._Element) -> tuple[str, str]:
        name = element.tag if element.tag[0] != "{" else local_name(element.tag)
        if name == "bpt" or name == "ept":
            for attr in self.pair_attrs:
                if element.get(attr) is not None:
                    return ("pair", element.get(attr))
        if element.get(self.id_attr) is not None:
            return ("id", element.get(self.id_attr))
        return (name, "")


@dataclass
class _Numbering:
    """Numbers shared by the two sides of a unit (``known``: identity → number), and
    per side the pairs still open (pair id → numbers, innermost last) and the tokens
    given out, so that no two codes of one side ever share a token."""

    reserved: set[int]
    known: dict[tuple, int] = field(default_factory=dict)
    next_free: int = 1

    def _fresh(self) -> int:
        while self.next_free in self.reserved:
            self.next_free += 1
        self.next_free += 1
        return self.next_free - 1

    def number(self, identity: tuple, kind: str, side: _Side) -> int:
        """The number of a code: a closing pair code takes the number of the innermost
        open code of its pair id (real files repeat an ``i`` within one segment); the
        n-th code of an identity takes the number the other side's n-th one has."""
        side.codes += 1
        if kind == PAIR_CLOSE and identity[0] == "pair":
            n = side.open[identity[1]].pop() if side.open.get(identity[1]) else None
            n = self._orphan(identity[1], side) if n is None else n
            side.closing.add(n)
            return n
        occurrence = side.seen[identity] = side.seen.get(identity, 0) + 1
        n = self.known.get((*identity, occurrence))
        if n is None or n in side.used or n in side.closing:  # one token, one code
            n = self._fresh()
            self.known.setdefault((*identity, occurrence), n)
        side.used.add(n)
        if kind == PAIR_OPEN and identity[0] == "pair":
            side.open.setdefault(identity[1], []).append(n)
        return n

    def _orphan(self, pair: str, side: _Side) -> int:
        """A closing code whose opening one is not before it in its segment (deleted by
        the translator, or opened in another segment): the number of a pair of that id
        the other side has, if this side does not use it, else a number of its own."""
        occurrence = 1
        while (n := self.known.get(("pair", pair, occurrence))) is not None:
            if n not in side.used and n not in side.closing:
                return n
            occurrence += 1
        return self._fresh()


@dataclass
class _Side:
    seen: dict[tuple, int] = field(default_factory=dict)
    open: dict[str, list[int]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # numbers of opening and standalone codes
    closing: set[int] = field(default_factory=set)  # numbers of closing codes
    codes: int = 0


def store(element: etree._Element, namespace: str = "", *, empty: bool = False) -> str:
    """The element as XML text, without ``namespace`` (readable meta); ``empty``: no content."""
    prefix = "{" + namespace + "}"
    if empty:
        tag = element.tag[len(prefix) :] if namespace and element.tag.startswith(prefix) else None
        return to_string(etree.Element(tag or element.tag, dict(element.attrib)))
    xml = to_string(element)
    if not namespace:
        return xml
    declaration = f' xmlns="{namespace}"'
    if xml.count("xmlns") == 1 and declaration in xml:  # the usual case, without reparsing
        return xml.replace(declaration, "", 1)
    copy = parse_fragment(xml)
    for node in copy.iter():
        if isinstance(node.tag, str) and node.tag.startswith(prefix):
            node.tag = node.tag[len(prefix) :]
    etree.cleanup_namespaces(copy)
    return to_string(copy)


def load(xml: str, namespace: str = "") -> etree._Element:
    """The element ``store`` wrote, with ``namespace`` back on its unqualified elements:
    a new copy each time (the caller puts it in a tree)."""
    return copy.deepcopy(_loaded(xml, namespace))


@lru_cache(maxsize=4096)  # a file's codes repeat (the same <bpt> in thousands of units)
def _loaded(xml: str, namespace: str) -> etree._Element:
    element = parse_fragment(xml)
    if namespace:
        for node in element.iter():
            if isinstance(node.tag, str) and not node.tag.startswith("{"):
                node.tag = f"{{{namespace}}}{node.tag}"
    return element


def _reserved(*elements: etree._Element | None) -> set[int]:
    found = set()
    for element in elements:
        if element is None:
            continue
        # The subtree's text, as "".join(itertext()) gives it, in one call to libxml2.
        text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        if "⟨" in text:
            found.update(int(m.group(2)) for m in TOKEN.finditer(text))
    return found


def tokenize_pair(
    source: etree._Element | None, target: etree._Element | None, dialect: Dialect
) -> tuple[str, dict[str, str], str, dict[str, str]]:
    """(source text, source tags, target text, target tags) of two segment elements."""
    if (source is None or len(source) == 0) and (target is None or len(target) == 0):
        return (
            source.text or "" if source is not None else "",
            {},
            target.text or "" if target is not None else "",
            {},
        )
    numbering = _Numbering(_reserved(source, target))
    source_text, source_tags = _tokenize(source, dialect, numbering)
    target_text, target_tags = _tokenize(target, dialect, numbering)
    return source_text, source_tags, target_text, target_tags


def _tokenize(
    element: etree._Element | None, dialect: Dialect, numbering: _Numbering
) -> tuple[str, dict[str, str]]:
    if element is None:
        return "", {}
    parts: list[str] = []
    tags: dict[str, str] = {}
    side = _Side()
    _walk(element, dialect, numbering, parts, tags, side)
    if len(tags) != side.codes:  # a code lost: never silently
        raise FormatError(
            "two inline codes of this segment cannot be told apart",
            line=element.sourceline,
            element=local_name(element.tag),
        )
    return "".join(parts), tags


def _walk(node, dialect: Dialect, numbering: _Numbering, parts, tags, side) -> None:
    """Append ``node``'s text with its codes as tokens to ``parts``, the codes to
    ``tags`` (the hot loop of a big TMX or XLIFF import: no closure, no empty parts)."""
    if node.text:
        parts.append(node.text)
    namespace = dialect.namespace
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            name = tag if tag[0] != "{" else local_name(tag)
            if name not in dialect.allowed:  # written back as it came, it would be invalid
                raise FormatError(
                    f"<{name}> is not an inline code of this format; a segment holds text "
                    f"and {', '.join(f'<{n}>' for n in sorted(dialect.allowed))}",
                    line=child.sourceline,
                    element=name,
                )
            kind = _KINDS.get(name, STANDALONE)
            n = numbering.number(dialect.identity(child), kind, side)
            if kind == CONTAINER:
                tags[f"⟨{n}⟩"] = store(child, namespace, empty=True)
                parts.append(f"⟨{n}⟩")
                _walk(child, dialect, numbering, parts, tags, side)
                parts.append(f"⟨/{n}⟩")
            else:
                if kind == PAIR_OPEN:
                    token = f"⟨{n}⟩"
                elif kind == PAIR_CLOSE:
                    token = f"⟨/{n}⟩"
                else:
                    token = f"⟨{n}/⟩"
                tags[token] = store(child, namespace) if namespace else to_string(child)
                parts.append(token)
        if child.tail:
            parts.append(child.tail)


def plain_text(text: str, tags: dict[str, str], fallback: dict[str, str] | None = None) -> str:
    """``text`` with every known token replaced by its native code (for formats without tags)."""
    if "⟨" not in text:
        return text

    def native(match: re.Match) -> str:
        token = match.group()
        xml = tags.get(token) or (fallback or {}).get(token)
        if xml is None:
            opening = f"⟨{match.group(2)}⟩"
            return "" if match.group(1) and opening in {**(fallback or {}), **tags} else token
        element = parse_fragment(xml)
        return "" if tag_kind(local_name(element.tag)) == CONTAINER else "".join(element.itertext())

    return TOKEN.sub(native, text)


def restore(
    parent: etree._Element,
    text: str,
    tags: dict[str, str],
    dialect: Dialect,
    *,
    fallback: dict[str, str] | None = None,
    foreign: bool = False,
) -> None:
    """Fill the empty ``parent`` with ``text``, turning known tokens back into markup.

    ``foreign``: the stored markup comes from another format and is converted by kind.
    """
    text = xml_text(text)
    if "⟨" not in text:  # no token: the usual segment
        _append_text(parent, text)
        return
    fallback = fallback or {}
    stack = [(parent, 0)]  # (element, container number)
    cursor = 0
    for match in TOKEN.finditer(text):
        _append_text(stack[-1][0], text[cursor : match.start()])
        cursor = match.end()
        token, closing, number = match.group(), bool(match.group(1)), int(match.group(2))
        xml = tags.get(token) or fallback.get(token)
        opening = tags.get(f"⟨{number}⟩") or fallback.get(f"⟨{number}⟩")
        if xml is None and closing and opening is not None and _is_container(opening):
            numbers = [n for _, n in stack]
            if number in numbers:  # close it, and anything still open inside it
                del stack[numbers.index(number) :]
            continue  # else its opening token was deleted: drop the closing one too
        if xml is None or (match.group(1) and match.group(3)):
            _append_text(stack[-1][0], token)
            continue
        element = _element(xml, number, dialect, foreign)
        stack[-1][0].append(element)
        if tag_kind(local_name(element.tag)) == CONTAINER:
            stack.append((element, number))
    _append_text(stack[-1][0], text[cursor:])


def _element(xml: str, number: int, dialect: Dialect, foreign: bool) -> etree._Element:
    named = _NAME.match(xml)
    name = named.group(1) if named else ""
    if foreign or name not in dialect.allowed:
        stored = parse_fragment(xml)
        kind = tag_kind(local_name(stored.tag))
        code = "" if kind == CONTAINER else "".join(stored.itertext())
        return dialect.make(kind, number, xml_text(code))
    return load(xml, dialect.namespace)


def _is_container(xml: str) -> bool:
    name = _NAME.match(xml)
    return tag_kind(name.group(1) if name else local_name(parse_fragment(xml).tag)) == CONTAINER


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
