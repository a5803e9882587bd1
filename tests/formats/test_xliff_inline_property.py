"""The inline-code property for XLIFF 1.2 (issue 17): generated <source>/<target>
content with random numberings of g, x, bx, ex, bpt, ept, ph, it and mrk (an id repeated,
gaps, nesting, codes inside <sub>): import then export gives every trans-unit back
(C14N), or the import is refused naming a line; never a silently changed code.
(test_xliff_property.py generates the trans-units' attributes and notes.)"""

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from reviews.formats import FormatError
from tests.formats.canonical import xliff_units
from tests.formats.support import as_export, parse, render
from tests.formats.test_xliff import NS
from tests.formats.test_xliff_property import text

ID = st.sampled_from(["1", "2", "3", "9", "a"])


def code(tag: str, attrs: dict, content=()) -> tuple:
    return (tag, {k: v for k, v in attrs.items() if v is not None}, list(content))


def codes(inner) -> st.SearchStrategy:
    native = st.lists(st.one_of(text, st.builds(lambda c: code("sub", {}, c), inner)), max_size=2)
    return st.one_of(
        st.builds(lambda i, r: code("x", {"id": i, "ctype": r}), ID, st.none() | st.just("lb")),
        st.builds(lambda i, r: code("bx", {"id": i, "rid": r}), ID, st.none() | ID),
        st.builds(lambda i, r: code("ex", {"id": i, "rid": r}), ID, st.none() | ID),
        st.builds(lambda i, r, c: code("bpt", {"id": i, "rid": r}, c), ID, st.none() | ID, native),
        st.builds(lambda i, r, c: code("ept", {"id": i, "rid": r}, c), ID, st.none() | ID, native),
        st.builds(lambda i, c: code("ph", {"id": i}, c), ID, native),
        st.builds(
            lambda i, p, c: code("it", {"id": i, "pos": p}, c),
            ID,
            st.sampled_from(["open", "close"]),
            native,
        ),
    )


CONTENT = st.recursive(
    st.lists(st.one_of(text, codes(st.lists(text, max_size=2))), max_size=5),
    lambda inner: st.lists(
        st.one_of(
            text,
            codes(inner),
            st.builds(lambda i, c: code("g", {"id": i, "ctype": "bold"}, c), ID, inner),
            st.builds(lambda c: code("mrk", {"mtype": "term"}, c), inner),
        ),
        max_size=5,
    ),
    max_leaves=12,
)


def build(parent: etree._Element, children) -> None:
    for child in children:
        if isinstance(child, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            tag, attrs, content = child
            build(etree.SubElement(parent, f"{{{NS}}}{tag}", attrs), content)


def document(units) -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", version="1.2", nsmap={None: NS})
    file_element = etree.SubElement(
        root,
        f"{{{NS}}}file",
        {"original": "a", "source-language": "zh-CN", "target-language": "en",
         "datatype": "html"},
    )  # fmt: skip
    body = etree.SubElement(file_element, f"{{{NS}}}body")
    for number, (source, target) in enumerate(units, start=1):
        unit = etree.SubElement(body, f"{{{NS}}}trans-unit", {"id": f"t{number}"})
        build(etree.SubElement(unit, f"{{{NS}}}source"), source)
        if target is not None:
            build(etree.SubElement(unit, f"{{{NS}}}target", state="translated"), target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CONTENT, st.none() | CONTENT), min_size=1, max_size=3))
def test_inline_codes_come_back_exactly_or_the_file_is_refused_with_a_line(units):
    data = document(units)
    try:
        parsed = parse("xliff", data)
    except FormatError as refused:
        event("refused")
        assert refused.line is not None, refused.describe()
        return
    event("round trip")
    out = render("xliff", parsed.skeleton, as_export(parsed))
    assert xliff_units(out) == xliff_units(data)
