"""Every XLIFF export validates (issue 17, point 4): against the strict XLIFF 1.2 schema
where the input did, against the transitional one otherwise (other namespaces' attributes
and elements are kept, and only the transitional schema lets them through). An XLIFF
1.0/1.1 file without what 1.2 requires of a <file> is repaired, never exported invalid."""

import copy

import pytest
from lxml import etree

from reviews.formats import ExportUnit, FormatError
from tests.formats.support import (
    DJANGO,
    PO_FILES,
    REALDATA,
    as_export,
    assert_valid,
    parse,
    render,
    xliff_schema,
    xmllint_schema,
)
from tests.formats.test_xliff import NS, RICH

V11 = "urn:oasis:names:tc:xliff:document:1.1"
SAFE = etree.XMLParser(no_network=True, resolve_entities=False)

XLIFF_11 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.1" xmlns="{V11}">
  <file target-language="en">
    <body>
      <trans-unit id="1" resname="title">
        <source>浙江两会开幕</source>
        <target state="translated">Zhejiang's two sessions open</target>
        <note from="developer">headline</note>
      </trans-unit>
      <trans-unit id="2" approved="yes">
        <source>代表发言</source>
        <target state="final">Deputies speak</target>
      </trans-unit>
    </body>
  </file>
</xliff>
""".encode()

OTHER_NAMESPACES = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{NS}" xmlns:mq="urn:example:memoq">
  <file original="a.docx" source-language="zh-CN" target-language="en" datatype="x-docx"
        mq:flavour="word">
    <body>
      <trans-unit id="1" mq:status="ManuallyConfirmed" mq:percent="100">
        <source>浙江两会开幕</source>
        <target state="translated">Zhejiang's two sessions open</target>
        <mq:history><mq:entry who="anna">checked</mq:entry></mq:history>
      </trans-unit>
    </body>
  </file>
</xliff>
""".encode()


def valid(data: bytes, kind: str = "strict") -> etree._Element:
    """Valid by lxml's validator and by xmllint --schema."""
    document = assert_valid(xliff_schema(kind), data)
    xmllint_schema(data, kind)
    return document


def invalid(data: bytes, kind: str = "strict") -> bool:
    return not xliff_schema(kind).validate(etree.fromstring(data, SAFE))


def unit_c14n(data: bytes, namespace: str = NS) -> list[bytes]:
    """Each <trans-unit> canonicalised (C14N), in the 1.2 namespace, with the whitespace
    between its child elements (its layout, not its content) left out."""
    units = []
    data = data.replace(f'"{namespace}"'.encode(), f'"{NS}"'.encode())
    for unit in etree.fromstring(data, SAFE).iter(f"{{{NS}}}trans-unit"):
        unit = copy.deepcopy(unit)
        unit.text = None
        for child in unit:
            child.tail = None
        etree.cleanup_namespaces(unit)
        units.append(etree.tostring(unit, method="c14n"))
    return units


def test_an_xliff_11_file_is_repaired_to_valid_xliff_12():
    assert invalid(XLIFF_11.replace(V11.encode(), NS.encode()))  # as 1.2 it lacks three
    parsed = parse("xliff", XLIFF_11)
    out = render("xliff", parsed.skeleton, as_export(parsed), filename="uploads/news.xlf")
    document = valid(out)
    assert document.get("version") == "1.2"
    file_element = document.find(f"{{{NS}}}file")
    assert dict(file_element.attrib) == {
        "target-language": "en",
        "original": "news.xlf",  # the file's name
        "source-language": "zh-CN",  # the project's
        "datatype": "x-undeclared",
    }
    note = file_element.find(f"{{{NS}}}header/{{{NS}}}note")
    assert note.get("from") == "workbench"
    assert note.text == "Filled in for XLIFF 1.2: original, source-language, datatype"
    # every unit as it was, attribute by attribute, note by note
    assert unit_c14n(out) == unit_c14n(XLIFF_11, V11)
    again = parse("xliff", out)
    assert [(u.key, u.source, u.target, u.state) for u in again.units] == [
        (u.key, u.source, u.target, u.state) for u in parsed.units
    ]
    # a second round trip has nothing left to repair and changes nothing
    assert render("xliff", again.skeleton, as_export(again), filename="news.xlf") == out


def test_without_a_file_name_original_is_still_filled():
    parsed = parse("xliff", XLIFF_11)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    assert valid(out).find(f"{{{NS}}}file").get("original") == "document"


@pytest.mark.parametrize(
    ("datatype", "written"),
    [("Plain Text", "x-Plain-Text"), ("docx", "x-docx"), ("x-", "x-x-"), ("html", "html")],
)
def test_a_datatype_xliff_12_does_not_know_becomes_an_extension_value(datatype, written):
    data = RICH.replace(b'datatype="html"', f'datatype="{datatype}"'.encode())
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    file_element = valid(out).find(f"{{{NS}}}file")
    assert file_element.get("datatype") == written
    notes = file_element.findall(f"{{{NS}}}header/{{{NS}}}note")
    assert [n.text for n in notes][-1] == (
        "File note"
        if datatype == written
        else f'Filled in for XLIFF 1.2: datatype (was "{datatype}")'
    )


def test_a_strictly_valid_file_stays_strictly_valid_and_unchanged():
    valid(RICH)
    parsed = parse("xliff", RICH)
    out = render("xliff", parsed.skeleton, as_export(parsed), filename="other-name.xlf")
    valid(out)
    assert b'original="news.html"' in out and b"workbench" not in out.split(b"<body>")[0]
    assert unit_c14n(out) == unit_c14n(RICH)


def test_other_namespaces_are_kept_and_the_export_is_transitionally_valid():
    assert invalid(OTHER_NAMESPACES) and not invalid(OTHER_NAMESPACES, "transitional")
    parsed = parse("xliff", OTHER_NAMESPACES)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    valid(out, "transitional")
    assert unit_c14n(out) == unit_c14n(OTHER_NAMESPACES)
    assert b'mq:flavour="word"' in out
    edited = render("xliff", parsed.skeleton, as_export(parsed, targets={0: "Edited"}))
    unit = valid(edited, "transitional").find(f".//{{{NS}}}trans-unit")
    assert unit.get("{urn:example:memoq}status") == "ManuallyConfirmed"
    assert unit.find("{urn:example:memoq}history") is not None


def test_a_1_0_file_of_no_namespace_is_written_as_valid_1_2():
    data = XLIFF_11.replace(f' xmlns="{V11}"'.encode(), b"").replace(b'"1.1"', b'"1.0"')
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed), filename="a.xlf")
    valid(out)
    assert unit_c14n(out) == unit_c14n(XLIFF_11, V11)


PAIRS = {"2A": ("en-US", "fr-CA"), "2C": ("en-US", "fr"), "1C": ("en-US", "ja-JP"),
         "1L": ("en-US", "fr-FR"), "1K": ("en", "fr"), "1G": ("en-US", "ja")}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_lisa_kit_memories_exported_as_xliff_are_strictly_valid(name):
    data = (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()
    parsed = parse("tmx", data, *PAIRS[name])
    valid(render("xliff", {}, as_export(parsed), *PAIRS[name], filename=f"{name}.tmx"))


@pytest.mark.parametrize("path", PO_FILES[:4], ids=lambda p: str(p.relative_to(DJANGO)))
def test_django_catalogues_exported_as_xliff_are_strictly_valid(path):
    parsed = parse("po", path.read_bytes(), "en", "zh-Hans")
    valid(render("xliff", {}, as_export(parsed), "en", "zh-Hans", filename="django.po"))


def test_a_text_document_exported_as_xliff_is_strictly_valid():
    parsed = parse("text", "浙江两会开幕。代表发言。\n\n记者报道。\n".encode())
    units = [
        ExportUnit(source=u.target, target="", mt="", state="untranslated") for u in parsed.units
    ]
    document = valid(render("xliff", {}, units, filename="seed.txt"))
    assert document.find(f"{{{NS}}}file").get("original") == "seed.txt"


def test_a_file_that_cannot_be_repaired_is_refused_with_its_line():
    data = XLIFF_11.replace(b'<trans-unit id="2"', b"<trans-unit")
    with pytest.raises(FormatError, match="line 10"):
        parse("xliff", data)


def test_translate_toolkit_reads_the_repaired_file_with_the_same_units():
    tt_xliff = pytest.importorskip("translate.storage.xliff", reason="needs translate-toolkit")
    parsed = parse("xliff", XLIFF_11)
    out = render("xliff", parsed.skeleton, as_export(parsed), filename="news.xlf")
    units = tt_xliff.xlifffile(out).getunits()
    assert [(u.getid(), str(u.source), str(u.target)) for u in units] == [
        (f"news.xlf\x04{u.key}", u.source, u.target) for u in parsed.units
    ]
    assert [u.isapproved() for u in units] == [False, True]


CROSS = [
    ("tmx", (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx"), PAIRS[name])
    for name in ("1C", "1L", "2A", "2C")
] + [("po", path, ("en", "xx")) for path in PO_FILES[:3]]


@pytest.mark.parametrize(("name", "path", "pair"), CROSS, ids=lambda v: getattr(v, "name", None))
def test_an_xliff_made_from_another_format_round_trips_unit_by_unit(name, path, pair):
    parsed = parse(name, path.read_bytes(), *pair)
    first = render("xliff", parsed.skeleton, as_export(parsed), *pair, filename=path.name)
    valid(first)
    again = parse("xliff", first, *pair)
    second = render("xliff", again.skeleton, as_export(again), *pair, filename=path.name)
    valid(second)
    assert unit_c14n(second) == unit_c14n(first)
