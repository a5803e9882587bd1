"""Issue 17, the property (TMX): generated units with random inline-code numberings
(an ``i`` repeated, gaps, nesting, codes inside <sub>), <tu>/<tuv> attributes, notes and
props; import then export gives every <tu> back (C14N, one by one), or the file is
refused naming a line, never changed silently."""

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from reviews.formats import FormatError
from tests.formats.canonical import tmx_units
from tests.formats.support import as_export, parse, render

TEXT = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x2FFF),
        st.sampled_from(["⟨1⟩", "⟨/2⟩", "⟨3/⟩", "&", "<", "\n"]),  # literal tokens too
    ),
    max_size=6,
).map("".join)
NUMBER = st.sampled_from(["1", "2", "3", "7", "12"])
TYPES = st.sampled_from(["bold", "struct", "link", "x-odd"])
SEGTYPES = st.sampled_from(["block", "paragraph", "sentence", "phrase"])
DATE = st.sampled_from(["20020523T091200Z", "19991231T235959Z", "20260101T000000Z"])
WORD = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=8)


def element(tag: str, attrs: dict, children: list) -> tuple:
    return (tag, {k: v for k, v in attrs.items() if v is not None}, children)


def code_with(content) -> st.SearchStrategy:
    """A code whose native text may hold a <sub> with codes of its own."""
    native = st.lists(
        st.one_of(TEXT, st.builds(lambda c: element("sub", {}, c), content)), max_size=2
    )
    return st.one_of(
        st.builds(
            lambda i, t, c: element("bpt", {"i": i, "type": t}, c),
            NUMBER,
            st.none() | TYPES,
            native,
        ),
        st.builds(lambda i, c: element("ept", {"i": i}, c), NUMBER, native),
        st.builds(lambda x, c: element("ph", {"x": x}, c), st.none() | NUMBER, native),
        st.builds(
            lambda p, x, c: element("it", {"pos": p, "x": x}, c),
            st.sampled_from(["begin", "end"]),
            st.none() | NUMBER,
            native,
        ),
        st.builds(lambda x: element("ut", {"x": x}, ["&lt;u&gt;"]), st.none() | NUMBER),
    )


CONTENT = st.recursive(
    st.lists(st.one_of(TEXT, code_with(st.lists(TEXT, max_size=2))), max_size=6),
    lambda inner: st.lists(
        st.one_of(
            TEXT,
            code_with(inner),
            st.builds(
                lambda x, c: element("hi", {"x": x, "type": "b"}, c), st.none() | NUMBER, inner
            ),
        ),
        max_size=6,
    ),
    max_leaves=12,
)
EXTRAS = st.lists(
    st.one_of(
        st.builds(lambda t: element("note", {}, [t]), TEXT),
        st.builds(lambda k, t: element("prop", {"type": f"x-{k}"}, [t]), WORD, TEXT),
    ),
    max_size=3,
)
TU_ATTRS = st.fixed_dictionaries(
    {},
    optional={
        "creationdate": DATE,
        "creationid": WORD,
        "changedate": DATE,
        "changeid": WORD,
        "usagecount": st.integers(0, 99).map(str),
        "lastusagedate": DATE,
        "o-tmf": WORD,
        "datatype": st.sampled_from(["html", "plaintext", "xml"]),
        "segtype": SEGTYPES,
        "o-encoding": st.sampled_from(["iso-8859-1", "utf-8"]),
    },
)
UNIT = st.tuples(TU_ATTRS, EXTRAS, TU_ATTRS, EXTRAS, CONTENT, TU_ATTRS, EXTRAS, CONTENT)


def build(parent: etree._Element, children: list) -> None:
    for child in children:
        if isinstance(child, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            tag, attrs, content = child
            build(etree.SubElement(parent, tag, attrs), content)


def tmx_file(units) -> bytes:
    root = etree.Element("tmx", version="1.4")
    header = {"creationtool": "t", "creationtoolversion": "1", "segtype": "sentence"}
    header |= {"o-tmf": "t", "adminlang": "en", "srclang": "zh-CN", "datatype": "plaintext"}
    etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    for n, (tu_attrs, tu_extra, s_attrs, s_extra, source, t_attrs, t_extra, target) in enumerate(
        units
    ):
        tu = etree.SubElement(body, "tu", {"tuid": f"u{n}", **tu_attrs})
        build(tu, tu_extra)
        for lang, attrs, extra, content in (
            ("zh-CN", s_attrs, s_extra, source),
            ("en", t_attrs, t_extra, target),
        ):
            attrs = {k: v for k, v in attrs.items() if k != "segtype"}  # not on a <tuv>
            tuv = etree.SubElement(
                tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang, **attrs}
            )
            build(tuv, extra)
            build(etree.SubElement(tuv, "seg"), content)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(UNIT, min_size=1, max_size=3))
def test_import_then_export_gives_every_unit_back_or_refuses_with_a_line(units):
    data = tmx_file(units)
    try:
        parsed = parse("tmx", data)
    except FormatError as refused:
        event("refused")
        assert refused.line is not None  # a refusal says where
        return
    event("round trip")
    out = render("tmx", parsed.skeleton, as_export(parsed))
    assert tmx_units(out) == tmx_units(data)
