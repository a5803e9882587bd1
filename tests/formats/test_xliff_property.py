"""A property of the XLIFF adapter (issue 17): for generated trans-units with random
attributes (state, state-qualifier, approved, resname, translate, attributes of other
namespaces) and notes, import then unedited export gives every trans-unit back as it was
(C14N of each), or the import is refused naming a line; never a silent change."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reviews.formats import FormatError
from tests.formats.support import as_export, assert_valid, parse, render, xliff_schema
from tests.formats.test_xliff import NS
from tests.formats.test_xliff_validity import unit_c14n

OTHER = "urn:example:tool"
STATES = ["new", "needs-translation", "needs-review-translation", "needs-adaptation",
          "needs-l10n", "needs-review-adaptation", "needs-review-l10n", "translated",
          "signed-off", "final", "x-checked", "x-mt"]  # fmt: skip
QUALIFIERS = ["exact-match", "fuzzy-match", "id-match", "leveraged-glossary", "mt-suggestion",
              "rejected-inaccurate", "tm-suggestion", "x-house"]  # fmt: skip

# Text XML can carry, with the characters markup and tokens are made of.
text = st.lists(
    st.sampled_from(list("ab 浙江&<>\"'⟨⟩/1\t\né😀") + ["⟨1⟩", "⟨/2⟩", "⟨3/⟩"]), max_size=12
).map("".join)
word = st.text(alphabet=st.sampled_from(list('abcxyz-_.:19 &<"')), min_size=1, max_size=8)


@st.composite
def notes(draw):
    attrs = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "from": word,
                "annotates": st.sampled_from(["source", "target", "general"]),
                "priority": st.sampled_from([str(n) for n in range(1, 11)]),
            },
        )
    )
    return attrs, draw(text)


@st.composite
def trans_units(draw):
    unit_attrs = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "resname": word,
                "translate": st.sampled_from(["yes", "no"]),
                "approved": st.sampled_from(["yes", "no"]),
                "restype": st.sampled_from(["string", "x-label"]),
                "extradata": word,
                f"{{{OTHER}}}status": word,
                f"{{{OTHER}}}score": st.sampled_from(["0", "100"]),
            },
        )
    )
    target = draw(
        st.none()
        | st.fixed_dictionaries(
            {"text": text},
            optional={
                "state": st.sampled_from(STATES),
                "state-qualifier": st.sampled_from(QUALIFIERS),
                f"{{{OTHER}}}origin": word,
            },
        )
    )
    return unit_attrs, draw(text), target, draw(st.lists(notes(), max_size=3))


def document(units) -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", version="1.2", nsmap={None: NS, "t": OTHER})
    file_element = etree.SubElement(
        root,
        f"{{{NS}}}file",
        {"original": "a", "source-language": "zh-CN", "target-language": "en",
         "datatype": "plaintext"},
    )  # fmt: skip
    body = etree.SubElement(file_element, f"{{{NS}}}body")
    for number, (unit_attrs, source, target, unit_notes) in enumerate(units, start=1):
        unit = etree.SubElement(body, f"{{{NS}}}trans-unit", {"id": str(number), **unit_attrs})
        etree.SubElement(unit, f"{{{NS}}}source").text = source
        if target is not None:
            attrs = {k: v for k, v in target.items() if k != "text"}
            etree.SubElement(unit, f"{{{NS}}}target", attrs).text = target["text"] or None
        for attrs, note_text in unit_notes:
            etree.SubElement(unit, f"{{{NS}}}note", attrs).text = note_text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trans_units(), min_size=1, max_size=4))
def test_import_then_export_gives_every_trans_unit_back_or_refuses_with_a_line(units):
    data = document(units)
    try:
        parsed = parse("xliff", data)
    except FormatError as exc:
        assert exc.line is not None, exc.describe()
        return
    out = render("xliff", parsed.skeleton, as_export(parsed))
    assert unit_c14n(out) == unit_c14n(data)
    assert_valid(xliff_schema("transitional"), out)
    again = parse("xliff", out)
    assert [(u.key, u.source, u.target, u.state, u.read_only) for u in again.units] == [
        (u.key, u.source, u.target, u.state, u.read_only) for u in parsed.units
    ]


def test_a_namespace_declared_on_the_trans_unit_keeps_its_prefix():
    data = (
        f'<xliff version="1.2" xmlns="{NS}"><file original="a" source-language="zh-CN" '
        'datatype="plaintext"><body><trans-unit id="a" xmlns:q="urn:q" q:x="1">'
        '<source q:y="2">源</source><q:ext q:z="3"/></trans-unit></body></file></xliff>'
    ).encode()
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    assert unit_c14n(out) == unit_c14n(data)
    assert b'q:x="1"' in out and b'q:y="2"' in out


def test_approved_without_a_target_stays_without_one():
    data = document([({"approved": "yes"}, "源", None, [])])
    parsed = parse("xliff", data)
    assert unit_c14n(render("xliff", parsed.skeleton, as_export(parsed))) == unit_c14n(data)
