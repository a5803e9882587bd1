"""Inline codes as placeholder tokens: numbering, restoring, edits, literal tokens."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reviews.formats import inline
from reviews.formats.tmx import _DIALECT as TMX
from reviews.formats.xliff import _DIALECT as XLIFF
from reviews.formats.xliff import NS
from reviews.formats.xmlsafe import xml_text


def seg(xml: str, ns: str = "") -> etree._Element:
    attr = f' xmlns="{ns}"' if ns else ""
    return etree.fromstring(f"<seg{attr}>{xml}</seg>")


def restored(text, tags, dialect=TMX, **kwargs) -> str:
    if dialect.namespace:
        parent = etree.Element(f"{{{NS}}}target", nsmap={None: NS})
    else:
        parent = etree.Element("seg")
    inline.restore(parent, text, tags, dialect, **kwargs)
    xml = etree.tostring(parent, encoding="unicode")
    return xml[xml.index(">") + 1 : xml.rindex("<")]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("plain {1} text with %s and <b>", []),
        ("⟨1⟩bold⟨/1⟩ and ⟨2/⟩", ["⟨1⟩", "⟨/1⟩", "⟨2/⟩"]),
        ("⟨/1/⟩ is not a token, ⟨0⟩ neither, ⟨12⟩ is", ["⟨12⟩"]),
    ],
)
def test_inline_tokens(text, tokens):
    assert inline.inline_tokens(text) == tokens


def test_target_codes_take_the_numbers_of_the_source_codes_they_match():
    source = seg('a <bpt i="1" x="1">&lt;b></bpt>b<ept i="1">&lt;/b></ept> <ph x="2">&lt;br/></ph>')
    target = seg('<ph x="2">&lt;br/></ph> B<bpt i="1" x="1">&lt;b></bpt>A<ept i="1">&lt;/b></ept>')
    s_text, s_tags, t_text, t_tags = inline.tokenize_pair(source, target, TMX)
    assert s_text == "a ⟨1⟩b⟨/1⟩ ⟨2/⟩"
    assert t_text == "⟨2/⟩ B⟨1⟩A⟨/1⟩"
    assert s_tags["⟨1⟩"] == '<bpt i="1" x="1">&lt;b&gt;</bpt>'
    assert sorted(inline.inline_tokens(s_text)) == sorted(inline.inline_tokens(t_text))
    assert restored(t_text, t_tags) == etree.tostring(target, encoding="unicode")[5:-6]


def test_containers_keep_their_text_editable_and_nest():
    source = seg('x <hi x="1" type="b">big <ph x="2">&lt;i/></ph> deal</hi>!')
    text, tags, _, _ = inline.tokenize_pair(source, None, TMX)
    assert text == "x ⟨1⟩big ⟨2/⟩ deal⟨/1⟩!"
    assert tags["⟨1⟩"] == '<hi x="1" type="b"/>'
    edited = "⟨1⟩huge ⟨2/⟩ news⟨/1⟩ x!"
    assert restored(edited, tags) == (
        '<hi x="1" type="b">huge <ph x="2">&lt;i/&gt;</ph> news</hi> x!'
    )


def test_deleted_unknown_and_orphan_tokens():
    source = seg('<hi x="1">a</hi> <bpt i="2">[</bpt>b<ept i="2">]</ept>')
    _, tags, _, _ = inline.tokenize_pair(source, None, TMX)
    # ⟨1⟩ deleted (its closing token dropped), ⟨9/⟩ unknown (kept as text), ⟨/2⟩ deleted
    assert restored("a⟨/1⟩ ⟨2⟩b ⟨9/⟩", tags) == 'a <bpt i="2">[</bpt>b ⟨9/⟩'
    # an unclosed container ends with the segment
    assert restored("⟨1⟩open", tags) == '<hi x="1">open</hi>'


def test_target_may_reuse_source_codes():
    source = seg('<ph x="1">&lt;br/></ph>text')
    _, source_tags, _, target_tags = inline.tokenize_pair(source, seg("texte"), TMX)
    assert target_tags == {}
    assert restored("⟨1/⟩texte", target_tags, fallback=source_tags) == (
        '<ph x="1">&lt;br/&gt;</ph>texte'
    )


def test_literal_tokens_in_the_text_are_not_reused_as_numbers():
    source = seg('says ⟨1⟩ <ph x="9">&lt;br/></ph>')
    text, tags, _, _ = inline.tokenize_pair(source, None, TMX)
    assert text == "says ⟨1⟩ ⟨2/⟩"
    assert restored(text, tags) == 'says ⟨1⟩ <ph x="9">&lt;br/&gt;</ph>'


def test_xliff_codes_are_stored_without_namespace_and_restored_with_it():
    source = seg(
        'a<g id="1" ctype="bold">b</g><x id="2"/><bpt id="3">&lt;i></bpt>c<ept id="3">'
        "&lt;/i></ept>",
        NS,
    )
    text, tags, _, _ = inline.tokenize_pair(source, None, XLIFF)
    assert text == "a⟨1⟩b⟨/1⟩⟨2/⟩⟨3⟩c⟨/3⟩"
    assert tags["⟨2/⟩"] == '<x id="2"/>'
    assert restored(text, tags, XLIFF) == (
        'a<g id="1" ctype="bold">b</g><x id="2"/><bpt id="3">&lt;i&gt;</bpt>c'
        '<ept id="3">&lt;/i&gt;</ept>'
    )


def test_codes_from_another_format_are_converted_by_kind():
    source = seg('<g id="1">b</g><x id="2"/><bpt id="3">&lt;i></bpt>c<ept id="3">&lt;/i></ept>', NS)
    text, tags, _, _ = inline.tokenize_pair(source, None, XLIFF)
    assert restored(text, tags, TMX, foreign=True) == (
        '<hi x="1">b</hi><ph x="2"/><bpt i="3">&lt;i&gt;</bpt>c<ept i="3">&lt;/i&gt;</ept>'
    )


def test_plain_text_uses_native_code():
    source = seg('<bpt i="1">&lt;b></bpt>bold<ept i="1">&lt;/b></ept><hi x="2">hi</hi><ph x="3"/>')
    text, tags, _, _ = inline.tokenize_pair(source, None, TMX)
    assert inline.plain_text(text, tags) == "<b>bold</b>hi"
    assert inline.plain_text("no tokens ⟨7/⟩", tags) == "no tokens ⟨7/⟩"


def test_restore_drops_characters_xml_cannot_carry():
    assert restored("a\x00b\x0bc\ud800d\ufffe", {}) == "abcd"


PAIRED_SOURCE = seg(
    'A <bpt i="1" x="1">&lt;b></bpt>b<ept i="1">&lt;/b></ept> <ph x="2">&lt;br/></ph> '
    '<it pos="begin" x="3">&lt;i></it>c <bpt i="4">&lt;u></bpt>d<ept i="4">&lt;/u></ept>'
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["⟨1⟩", "⟨/1⟩", "⟨2/⟩", "⟨3/⟩", "⟨4⟩", "⟨/4⟩"]),
            st.text(st.characters(blacklist_characters="⟨⟩", blacklist_categories=("Cs",))),
        ),
        max_size=12,
    )
)
def test_any_edit_of_codes_and_text_reads_back_the_same(pieces):
    """Codes moved, repeated or deleted, any text around them: tokens survive a round trip."""
    _, source_tags, _, _ = inline.tokenize_pair(PAIRED_SOURCE, None, TMX)
    edited = "".join(pieces)
    target = etree.Element("seg")
    inline.restore(target, edited, {}, TMX, fallback=source_tags)
    _, _, text, _ = inline.tokenize_pair(PAIRED_SOURCE, target, TMX)
    expected = xml_text(edited)
    tokens = inline.inline_tokens(expected)
    in_order = all(
        tokens.index(f"⟨{n}⟩") < tokens.index(f"⟨/{n}⟩")
        for n in (1, 4)
        if f"⟨{n}⟩" in tokens and f"⟨/{n}⟩" in tokens
    )
    if len(set(tokens)) == len(tokens) and in_order:  # repeats get their own numbers
        assert text == expected
    assert len(inline.inline_tokens(text)) == len(tokens)
    # whatever the numbering, the codes are written back as they were
    again = etree.Element("seg")
    _, source_tags, text, tags = inline.tokenize_pair(PAIRED_SOURCE, target, TMX)
    inline.restore(again, text, tags, TMX, fallback=source_tags)
    assert etree.tostring(again, method="c14n") == etree.tostring(target, method="c14n")
