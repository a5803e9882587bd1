"""Issue 17, point 2: an unedited <tu> keeps every attribute and child as read (dates,
ids, counts, o-tmf, datatype, segtype, the xml:lang spelling, its props and notes in
order); only a unit a user changed gets a new changedate and changeid, and the text path
(tmx_fast) writes exactly what the lxml path writes."""

from datetime import UTC, datetime

import pytest
from lxml import etree

from reviews import services
from reviews.formats import ExportOptions, tmx_fast
from reviews.formats import tmx as tmx_module
from tests.formats.canonical import canonical, tmx_units
from tests.formats.support import (
    TMX_FILES,
    as_export,
    assert_valid,
    parse,
    render,
    tmx_dtd,
)
from tests.formats.test_tmx import PAIRS

ATTRS = (
    'creationdate="20020523T091200Z" creationid="ANNA" changedate="20030101T120000Z" '
    'changeid="BOB" usagecount="7" lastusagedate="20040202T020202Z" o-tmf="ABCTransMem" '
    'datatype="html" segtype="sentence" o-encoding="iso-8859-1"'
)
ODD = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="ABC" creationtoolversion="1.0" segtype="sentence" o-tmf="ABC"
 adminlang="en-US" srclang="zh-CN" datatype="html" creationdate="20020101T000000Z">
<note>header note</note><prop type="x-domain">news</prop>
</header>
<body>
<tu tuid="a" {ATTRS}><note>first tu note</note><prop type="x-client">Z</prop>\
<note>second tu note</note>\
<tuv xml:lang="ZH-cn" creationdate="20020523T091200Z" changeid="CAROL"><prop type="x-q">1</prop>\
<note>tuv note</note><seg>浙江两会开幕。</seg></tuv>\
<tuv xml:lang="en-us" changedate="20030101T120000Z" changeid="DAVE" usagecount="2">\
<note>target note</note><seg>Zhejiang's two sessions open.</seg></tuv></tu>
<tu tuid="b" creationdate="20020523T091200Z" creationid="ANNA">\
<tuv xml:lang="zh-CN"><seg>第二句。</seg></tuv><tuv xml:lang="en"><seg>Second.</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="zh-CN"><seg>第三句。</seg></tuv>\
<tuv xml:lang="en"><seg>Third.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>无编号。</seg></tuv><tuv xml:lang="en"><seg>No id.</seg></tuv></tu>
</body>
</tmx>
""".encode()
NOW = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def exported(data, langs=("zh-CN", "en"), **edits):
    parsed = parse("tmx", data, *langs)
    units = as_export(parsed, **edits, changed_at=NOW, changed_by="editor")
    return parsed, render("tmx", parsed.skeleton, units, *langs)


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.stem.split("ImportTest")[1])
def test_kit_files_come_back_unit_by_unit(path):
    source_lang, target_lang, _ = PAIRS[path.stem.split("ImportTest")[1]]
    _, out = exported(path.read_bytes(), (source_lang, target_lang))
    assert_valid(tmx_dtd(), out)
    assert tmx_units(out) == tmx_units(path.read_bytes())


def test_an_unedited_file_keeps_every_attribute_note_and_prop_in_order():
    _, out = exported(ODD)
    assert_valid(tmx_dtd(), out)
    assert tmx_units(out) == tmx_units(ODD)
    assert 'xml:lang="ZH-cn"' in out.decode() and "20261206" not in out.decode()


def test_only_the_changed_units_get_a_new_changedate_and_changeid():
    _, out = exported(ODD, targets={0: "The two sessions open."}, states={1: "approved"})
    assert_valid(tmx_dtd(), out)
    before, after = tmx_units(ODD), tmx_units(out)
    assert after[2:] == before[2:]  # untouched units: as read
    first, second, *_ = etree.fromstring(out).iter("tu")
    assert (first.get("changedate"), first.get("changeid")) == ("20261206T093000Z", "editor")
    assert (first.get("creationdate"), first.get("creationid")) == ("20020523T091200Z", "ANNA")
    assert first.get("usagecount") == "7" and first.get("o-tmf") == "ABCTransMem"
    target = first.findall("tuv")[1]  # the target variant's own stamps describe the change
    assert (target.get("changedate"), target.get("changeid")) == ("20261206T093000Z", "editor")
    assert first.findall("tuv")[0].get("changeid") == "CAROL"  # the source was not changed
    assert [c.text for c in first if c.tag == "note"] == ["first tu note", "second tu note"]
    # an approval alone is a change too; the new date and author, nothing else
    assert (second.get("changedate"), second.get("changeid")) == ("20261206T093000Z", "editor")
    assert second.get("creationdate") == "20020523T091200Z"


def test_a_unit_changed_back_and_its_state_as_read_is_unedited_again():
    parsed, _ = exported(ODD)
    _, out = exported(ODD, targets={2: "Third."}, states={2: "new"})
    assert tmx_units(out) == tmx_units(ODD)
    # our own export read back keeps its x-state: unedited at that state, stamps as read
    approved, again = exported(ODD, states={2: "approved"})
    reread = parse("tmx", again)
    assert reread.units[2].state == "approved"
    out = render("tmx", reread.skeleton, as_export(reread, changed_at=NOW, changed_by="x"))
    assert canonical(etree.fromstring(out).findall("body/tu")[2], drop_state_prop=False) == (
        canonical(etree.fromstring(again).findall("body/tu")[2], drop_state_prop=False)
    )


@pytest.mark.django_db
def test_through_the_services_the_author_of_the_last_change_is_the_changeid(project, users):
    document = services.document_import(
        project=project, data=ODD, filename="odd.tmx", user=users["manager"]
    )
    segment = document.segments.get(key="c")
    services.segment_edit(
        segment=segment, user=users["translator"], target="The third.", version=segment.version
    )
    out = services.document_export(document=document, format_name="tmx")
    before, after = tmx_units(ODD), tmx_units(out)
    assert after[:2] == before[:2] and after[3:] == before[3:]
    third = etree.fromstring(out).findall("body/tu")[2]
    assert third.get("changeid") == "translator" and third.get("changedate").startswith("20")
    assert third.get("creationdate") is None  # the file gave none; we add none


OPTIONS = (ExportOptions(), ExportOptions(include_mt=True), ExportOptions(approved_only=True))


@pytest.mark.parametrize("data", [ODD, *(p.read_bytes() for p in TMX_FILES)])
def test_the_text_path_writes_what_the_tree_path_writes(data):
    langs = ("zh-CN", "en") if data is ODD else ("en-US", "fr-CA")
    try:
        parsed = parse("tmx", data, *langs)
    except Exception:  # a kit file without this pair: the kit test covers it
        pytest.skip("no unit in this pair")
    edits = {"targets": {0: "edited"}, "states": {1: "approved"}}
    for units in (as_export(parsed), as_export(parsed, **edits, changed_at=NOW, changed_by="e")):
        for options in OPTIONS:
            for position, unit in enumerate(units):
                fast = tmx_fast.tu_xml(unit, position, *langs, options)
                tree = tmx_module._write_tu(unit, position, *langs, options)
                if fast is not None:
                    assert fast == etree.tostring(tree, encoding="unicode")
    plain = [u for u in as_export(parsed) if tmx_fast.tu_xml(u, 0, *langs, OPTIONS[0])]
    assert plain or data is not ODD  # the usual units of the odd file take the text path
