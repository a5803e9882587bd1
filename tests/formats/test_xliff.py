"""XLIFF 1.2: schema-valid exports, the CONTRACT state mapping, structure kept, refusals."""

import re

import pytest

from reviews.formats import ExportUnit, FormatError, format_by_name
from tests.formats.support import (
    as_export,
    assert_valid,
    parse,
    render,
    round_trip,
    xliff_schema,
)

XLIFF = format_by_name("xliff")
NS = "urn:oasis:names:tc:xliff:document:1.2"

TITLE_TARGET = (
    '<target xml:lang="en" state="needs-review-translation">'
    'Zhejiang <g id="b1" ctype="bold">two sessions</g> open<x id="br"/></target>'
)
ITALIC_TARGET = (
    '<target state="translated">'
    'Deputies <bpt id="5">&lt;i&gt;</bpt>spoke<ept id="5">&lt;/i&gt;</ept></target>'
)
BIN_UNIT = (
    '<bin-unit id="logo" mime-type="image/png">'
    '<bin-source><external-file href="a.png"/></bin-source></bin-unit>'
)
RICH = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{NS}">
  <file original="news.html" source-language="zh-CN" target-language="en" datatype="html">
    <header>
      <tool tool-id="mt" tool-name="Engine"/>
      <note>File note</note>
    </header>
    <body>
      <group id="g1" resname="intro">
        <note>Group note</note>
        <trans-unit id="title" resname="title">
          <source>浙江<g id="b1" ctype="bold">两会</g>开幕<x id="br"/></source>
          {TITLE_TARGET}
          <note from="translator">check the name</note>
          <alt-trans match-quality="80" tool-id="mt"><target>Old MT</target></alt-trans>
        </trans-unit>
        <trans-unit id="agency" translate="no">
          <source>新华社</source>
          <target state="final">Xinhua</target>
        </trans-unit>
      </group>
      <trans-unit id="3" approved="yes">
        <source>代表<bpt id="5">&lt;i&gt;</bpt>发言<ept id="5">&lt;/i&gt;</ept></source>
        {ITALIC_TARGET}
      </trans-unit>
      <trans-unit id="4">
        <source>没有译文</source>
      </trans-unit>
      {BIN_UNIT}
    </body>
  </file>
  <file original="b.txt" source-language="zh" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>你好</source><target state="needs-translation"/></trans-unit>
      <trans-unit id="2"><source>再见</source><target>Goodbye</target></trans-unit>
    </body>
  </file>
</xliff>
""".encode()


def xliff_doc(units: str, version: str = "1.2", ns: str = NS) -> bytes:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (
        f'<?xml version="1.0"?>\n<xliff version="{version}"{xmlns}>\n'
        '<file original="a" source-language="zh-CN" target-language="en" datatype="plaintext">'
        f"\n<body>\n{units}\n</body>\n</file>\n</xliff>\n"
    ).encode()


def test_rich_document_reads_every_unit_with_its_state():
    assert_valid(xliff_schema(), RICH)
    assert XLIFF.sniff(RICH)
    parsed = parse("xliff", RICH)
    assert [(u.key, u.source, u.target, u.state, u.read_only) for u in parsed.units] == [
        ("title", "浙江⟨1⟩两会⟨/1⟩开幕⟨2/⟩", "Zhejiang ⟨1⟩two sessions⟨/1⟩ open⟨2/⟩", "new", False),
        ("agency", "新华社", "Xinhua", "approved", True),
        ("3", "代表⟨1⟩发言⟨/1⟩", "Deputies ⟨1⟩spoke⟨/1⟩", "approved", False),
        ("4", "没有译文", "", "untranslated", False),
        ("1", "你好", "", "untranslated", False),
        ("2", "再见", "Goodbye", "translated", False),
    ]
    assert parsed.units[0].meta["tags"]["⟨1⟩"] == '<g id="b1" ctype="bold"/>'


def test_rich_document_round_trips_valid_with_its_structure():
    parsed, out, again = round_trip("xliff", RICH)
    assert_valid(xliff_schema(), out)

    def view(parsed):
        return [
            (u.key, u.source, u.target, u.state, u.read_only)
            + tuple(u.meta.get(k) for k in ("source_tags", "tags", "extra", "n"))
            for u in parsed.units
        ]

    assert view(again) == view(parsed)
    written = out.decode()
    for kept in (
        '<group id="g1" resname="intro">',
        "<note>Group note</note>",
        "<note>File note</note>",
        '<bin-unit id="logo" mime-type="image/png">',
        '<alt-trans match-quality="80" tool-id="mt"><target>Old MT</target></alt-trans>',
        '<note from="translator">check the name</note>',
        'translate="no"',
        '<file original="b.txt" source-language="zh" datatype="plaintext">',
    ):
        assert kept in written
    assert written.index("Group note") < written.index('id="title"') < written.index("</group>")
    assert render("xliff", again.skeleton, as_export(again)) == out


@pytest.mark.parametrize(
    ("unit_attrs", "target", "state"),
    [
        ("", '<target state="needs-translation"/>', "untranslated"),
        ("", "", "untranslated"),
        ("", '<target state="needs-review-translation">x</target>', "new"),
        ("", '<target state="new">x</target>', "new"),
        ("", '<target state="needs-adaptation">x</target>', "new"),
        ("", '<target state="needs-l10n">x</target>', "new"),
        ("", '<target state="needs-review-adaptation">x</target>', "new"),
        ("", '<target state="needs-review-l10n">x</target>', "new"),
        ("", '<target state="translated">x</target>', "translated"),
        ("", "<target>x</target>", "translated"),
        ("", '<target state="final">x</target>', "approved"),
        ("", '<target state="signed-off">x</target>', "approved"),
        (' approved="yes"', '<target state="needs-review-translation">x</target>', "approved"),
        (
            "",
            '<target state="needs-review-translation">x</target><note from="rejection">no</note>',
            "rejected",
        ),
    ],
)
def test_state_import_mapping(unit_attrs, target, state):
    data = xliff_doc(f'<trans-unit id="u"{unit_attrs}><source>s</source>{target}</trans-unit>')
    assert parse("xliff", data).units[0].state == state


@pytest.mark.parametrize(
    ("state", "attribute", "approved"),
    [
        ("untranslated", "needs-translation", False),
        ("new", "needs-review-translation", False),
        ("translated", "translated", False),
        ("rejected", "needs-review-translation", False),
        ("approved", "final", True),
    ],
)
def test_state_export_mapping_round_trips(state, attribute, approved):
    data = xliff_doc('<trans-unit id="u"><source>s</source><target>t</target></trans-unit>')
    parsed = parse("xliff", data)
    # edited: an unedited unit keeps the attributes it was read with (test_xliff_states.py)
    edited = as_export(parsed, targets={0: "edited"}, states={0: state}, note="off")
    out = render("xliff", parsed.skeleton, edited)
    document = assert_valid(xliff_schema(), out)
    unit = document.find(f".//{{{NS}}}trans-unit")
    assert unit.find(f"{{{NS}}}target").get("state") == attribute
    assert (unit.get("approved") == "yes") is approved
    notes = [(n.get("from"), n.text) for n in unit.findall(f"{{{NS}}}note")]
    assert notes == ([("rejection", "off")] if state == "rejected" else [])
    again = parse("xliff", out).units[0]
    assert again.state == state
    assert again.meta.get("rejection_reason") == ("off" if state == "rejected" else None)


def test_approved_only_drops_unapproved_targets_and_include_mt_adds_notes():
    parsed = parse("xliff", RICH)
    units = as_export(parsed, targets={0: "Zhejiang ⟨1⟩NPC⟨/1⟩ opens⟨2/⟩"})
    out = render("xliff", parsed.skeleton, units, approved_only=True, include_mt=True)
    document = assert_valid(xliff_schema(), out)
    units_out = document.findall(f".//{{{NS}}}trans-unit")
    with_target = [u.get("id") for u in units_out if u.find(f"{{{NS}}}target") is not None]
    assert with_target == ["agency", "3"]
    mt_notes = [u.get("id") for u in units_out if u.find(f"{{{NS}}}note[@from='mt']") is not None]
    assert mt_notes == ["title"]
    assert "two sessions" in out.decode()  # the MT note
    assert parse("xliff", out).units[0].meta["mt"] == units[0].mt


def test_edited_target_restores_codes_even_reordered_or_copied_from_the_source():
    data = xliff_doc('<trans-unit id="u"><source>a<g id="1">b</g><x id="2"/></source></trans-unit>')
    parsed = parse("xliff", data)
    assert parsed.units[0].source == "a⟨1⟩b⟨/1⟩⟨2/⟩"
    units = as_export(parsed, targets={0: "⟨2/⟩A ⟨1⟩B⟨/1⟩ ⟨5/⟩"}, states={0: "translated"})
    out = render("xliff", parsed.skeleton, units)
    assert_valid(xliff_schema(), out)
    assert '<target state="translated"><x id="2"/>A <g id="1">B</g> ⟨5/⟩</target>' in out.decode()


def test_fresh_export_from_units_of_other_formats_is_valid():
    tmx = parse(
        "tmx",
        (
            '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="block"'
            ' o-tmf="t" adminlang="en" srclang="zh-CN" datatype="html"/><body><tu tuid="t1">'
            '<tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b></bpt>好<ept i="1">&lt;/b></ept>'
            '<ph x="2">&lt;br></ph><hi x="3">高</hi></seg></tuv>'
            '<tuv xml:lang="en"><seg><bpt i="1">&lt;b></bpt>good<ept i="1">&lt;/b></ept>'
            "</seg></tuv></tu></body></tmx>"
        ).encode(),
    )
    units = [
        *as_export(tmx),
        ExportUnit(source="浙江。", target="Zhejiang.", mt="Zhejiang.", state="approved"),
        ExportUnit(source="", target="Only target.", mt="", state="new", key="t1"),
    ]
    out = render("xliff", {}, units)
    document = assert_valid(xliff_schema(), out)
    assert [u.get("id") for u in document.iter(f"{{{NS}}}trans-unit")] == ["t1", "2", "t1-2"]
    written = out.decode()
    assert '<source><bpt id="1">&lt;b&gt;</bpt>好<ept id="1">&lt;/b&gt;</ept>' in written
    assert '<ph id="2">&lt;br&gt;</ph><g id="3">高</g></source>' in written
    assert [u.target for u in parse("xliff", out).units] == [
        "⟨1⟩good⟨/1⟩",
        "Zhejiang.",
        "Only target.",
    ]


@pytest.mark.parametrize(
    ("version", "ns"),
    [("1.1", "urn:oasis:names:tc:xliff:document:1.1"), ("1.0", ""), ("1.2", NS)],
)
def test_older_versions_are_read_and_written_as_1_2(version, ns):
    data = xliff_doc(
        '<trans-unit id="u"><source>你<x id="1"/></source>'
        '<target state="translated">you<x id="1"/></target><note>n</note></trans-unit>',
        version,
        ns,
    )
    parsed, out, again = round_trip("xliff", data)
    assert parsed.units[0].target == "you⟨1/⟩"
    assert_valid(xliff_schema(), out)
    assert f'<xliff xmlns="{NS}" version="1.2">' in out.decode()
    assert [(u.source, u.target, u.state) for u in again.units] == [
        ("你⟨1/⟩", "you⟨1/⟩", "translated")
    ]


def test_extension_elements_and_utf16_are_kept():
    data = xliff_doc(
        '<trans-unit id="u" xmlns:my="urn:my"><source>s</source><target>t</target>'
        '<my:info a="1">kept</my:info></trans-unit>'
    )
    data = data.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    parsed, out, again = round_trip("xliff", data.encode("utf-16"), include_mt=False)
    assert out.startswith(b"\xff\xfe")
    assert '<my:info xmlns:my="urn:my" a="1">kept</my:info>' in out.decode("utf-16")
    assert again.units[0].meta["extra"] == parsed.units[0].meta["extra"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (xliff_doc("<trans-unit><source>s</source></trans-unit>"), "line 5, element <trans-unit>"),
        (xliff_doc('<trans-unit id="u"><target>t</target></trans-unit>'), "has no <source>"),
        (xliff_doc(""), "no <trans-unit>"),
        (xliff_doc('<trans-unit id="u"><source>s</source>')[:-40], "malformed XML"),
        (
            xliff_doc('<trans-unit id="u"><source>s</source></trans-unit>').replace(
                b'source-language="zh-CN"', b'source-language="de"'
            ),
            "line 3, element <file>: the file's source-language is de",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'\n<xliff version="1.2"><file><body><trans-unit id="1"><source>&xxe;</source>'
            b"</trans-unit></body></file></xliff>",
            "defines entities",
        ),
        (b'<?xml version="1.0"?>\n<tmx version="1.4"/>', "not an XLIFF file"),
        (b'<?xml version="1.0" encoding="UTF-16"?><xliff/>', "line 1"),
        (b"", "empty"),
    ],
)
def test_bad_files_are_refused_saying_where(data, problem):
    with pytest.raises(FormatError) as caught:
        parse("xliff", data)
    assert problem in str(caught.value)


def test_ids_stay_unique_per_file():
    units = [
        ExportUnit(source=f"s{n}", target="", mt="", state="untranslated", key=key)
        for n, key in enumerate(["a", "a", "", "3"])
    ]
    document = assert_valid(xliff_schema(), render("xliff", {}, units))
    assert re.findall(
        r'id="([^"]+)"',
        "".join(f'id="{u.get("id")}"' for u in document.iter(f"{{{NS}}}trans-unit")),
    ) == ["a", "a-2", "3", "3-2"]
