"""PO and XLIFF documents exported as TMX, and TMX and XLIFF ones exported as PO, carry
their units' data (issue 17, point 6): a PO plural entry becomes one <tu> per form linked
by tuid and props, flags and comments become x- props; XLIFF notes, resname and state
become notes and props (TMX) or comments and msgctxt (PO); TMX notes, props and tuids
become PO comments. What the target cannot carry is listed in the export's header
(TMX <prop type="x-dropped">, a PO header comment), never left out silently."""

import shutil
import subprocess

import polib
import pytest
from lxml import etree

from tests.formats.support import (
    DJANGO,
    PO_FILES,
    REALDATA,
    as_export,
    assert_valid,
    parse,
    render,
    tmx_dtd,
)
from tests.formats.test_carry_xliff import PO, TMX
from tests.formats.test_xliff import NS, RICH

tt_tmx = pytest.importorskip("translate.storage.tmx", reason="needs translate-toolkit")
tt_po = pytest.importorskip("translate.storage.po")


def tmx_valid(data: bytes) -> etree._Element:
    document = assert_valid(tmx_dtd(), data)
    if shutil.which("xmllint"):
        dtd = REALDATA / "dtd" / "tmx14.dtd"
        done = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--dtdvalid", str(dtd), "-"],
            input=data,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")[:2000]
    return document


def po_valid(data: bytes, tmp_path) -> polib.POFile:
    path = tmp_path / "out.po"
    path.write_bytes(data)
    if shutil.which("msgfmt"):
        done = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    return polib.pofile(str(path))


def props(tu) -> list[tuple[str, str]]:
    return [(p.get("type"), p.text) for p in tu.findall("prop")]


def header_dropped(document) -> str | None:
    prop = document.find("header/prop[@type='x-dropped']")
    return None if prop is None else prop.text


def test_a_po_plural_entry_becomes_one_tu_per_form_linked_by_id():
    parsed = parse("po", PO, "en", "pl")
    out = render("tmx", {}, as_export(parsed), "en", "pl")
    tus = tmx_valid(out).findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [
        "menu|%(n)s file",
        "menu|%(n)s file[1]",
        "menu|%(n)s file[2]",
        "Open",
    ]
    segs = [[seg.text for seg in tu.iter("seg")] for tu in tus[:3]]
    assert segs == [
        ["%(n)s file", "%(n)s plik"],
        ["%(n)s files", "%(n)s pliki"],
        ["%(n)s files", "%(n)s plików"],
    ]
    first = props(tus[0])
    for carried in (
        ("x-context", "menu"),
        ("x-note-from:po-translator", "Keep it short"),
        ("x-note-from:developer", "Shown in the file menu"),
        ("x-po-flags", "python-format"),
        ("x-po-reference", "views.py:12"),
        ("x-po-reference", "models.py"),
        ("x-po-msgid-plural", "%(n)s files"),
        ("x-po-plural-forms", "3"),
    ):
        assert carried in first
    for number, tu in enumerate(tus[1:3], start=1):
        assert ("x-po-plural-of", "menu|%(n)s file") in props(tu)
        assert ("x-po-plural-form", str(number)) in props(tu)
    assert ("x-po-previous-msgid", "Opened") in props(tus[3])
    assert header_dropped(tmx_valid(out)) is None  # TMX carried everything
    store = tt_tmx.tmxfile(out, "en", "pl")
    assert [(str(u.source), str(u.target)) for u in store.units][:3] == [
        ("%(n)s file", "%(n)s plik"),
        ("%(n)s files", "%(n)s pliki"),
        ("%(n)s files", "%(n)s plików"),
    ]


@pytest.mark.parametrize("path", PO_FILES[:3], ids=lambda p: str(p.relative_to(DJANGO)))
def test_django_catalogues_keep_every_plural_form_flag_and_comment_in_tmx(path):
    parsed = parse("po", path.read_bytes(), "en", "xx")
    tus = {
        tu.get("tuid"): tu
        for tu in tmx_valid(render("tmx", {}, as_export(parsed), "en", "xx")).iter("tu")
    }
    for unit in parsed.units:
        tu = tus[unit.key]
        if unit.meta.get("flags"):
            assert ("x-po-flags", ", ".join(unit.meta["flags"])) in props(tu)
        if unit.meta.get("comment"):
            assert ("x-note-from:developer", unit.meta["comment"]) in props(tu)
        forms = unit.meta.get("plural", {}).get("forms", {})
        for number in range(1, len(forms)):
            form = tus[f"{unit.key}[{number}]"]
            assert [seg.text or "" for seg in form.iter("seg")][-1] == forms[str(number)]
            assert ("x-po-plural-of", unit.key) in props(form)


def test_xliff_notes_resname_and_state_reach_tmx_and_the_rest_is_listed():
    parsed = parse("xliff", RICH)
    out = render("tmx", {}, as_export(parsed))
    document = tmx_valid(out)
    tus = {tu.get("tuid"): tu for tu in document.iter("tu")}
    assert ("x-note-from:translator", "check the name") in props(tus["title"])
    assert ("x-resname", "title") in props(tus["title"])
    assert ("x-xliff-state", "needs-review-translation") in props(tus["title"])
    assert ("x-xliff-approved", "yes") in props(tus["3"])
    assert ("x-xliff-translate", "no") in props(tus["agency"])
    assert header_dropped(document) == (
        "Not carried over into this format: XLIFF <alt-trans> elements (1 unit); XLIFF "
        "inline code names and attributes (converted by kind) (2 units)"
    )
    # and back into XLIFF: the note's author comes back with it
    again = parse("tmx", out)
    back = render("xliff", {}, as_export(again))
    notes = etree.fromstring(back).findall(f".//{{{NS}}}note[@from='translator']")
    assert [n.text for n in notes] == ["check the name"]


def test_an_edited_xliff_unit_does_not_claim_its_old_state_in_tmx():
    parsed = parse("xliff", RICH)
    out = render("tmx", {}, as_export(parsed, targets={0: "Edited"}))
    title = next(tu for tu in tmx_valid(out).iter("tu") if tu.get("tuid") == "title")
    assert not any(kind == "x-xliff-state" for kind, _ in props(title))


def test_xliff_to_po_keeps_notes_as_comments_and_resname_as_msgctxt(tmp_path):
    parsed = parse("xliff", RICH)
    po = po_valid(render("po", {}, as_export(parsed)), tmp_path)
    title = po.find("浙江两会开幕")
    assert (title.msgctxt, title.tcomment) == ("title", "check the name")
    assert po.find("新华社").comment == "id: agency"
    assert "XLIFF <alt-trans> elements (1 unit)" in po.header
    assert "XLIFF attribute state (4 units)" in po.header
    assert "XLIFF inline codes (written as their text) (2 units)" in po.header
    store = tt_po.pofile(render("po", {}, as_export(parsed)))
    assert [u.getcontext() for u in store.units if not u.isheader()][0] == "title"


def test_tmx_to_po_keeps_notes_props_and_tuids_as_comments(tmp_path):
    parsed = parse("tmx", TMX, "en", "pl")
    po = po_valid(render("po", {}, as_export(parsed), "en", "pl"), tmp_path)
    entries = [e for e in po if e.msgid == "Open"]
    assert len(entries) == 6  # still six, told apart by msgctxt
    assert len({e.msgctxt for e in entries}) == 6
    for number, entry in enumerate(entries, start=1):
        assert entry.tcomment == f"context {number}"
        assert entry.comment == f"tuid: menu.{number}\nx-screen: screen {number}"
    assert "TMX attribute creationdate (6 units)" in po.header
    assert "TMX variants in other languages (de) (1 unit)" in po.header


@pytest.mark.parametrize(("name", "pair"), [("1L", ("en-US", "fr-FR")), ("2C", ("en-US", "fr"))])
def test_lisa_kit_memories_as_po_pass_msgfmt_and_list_what_they_lost(name, pair, tmp_path):
    data = (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()
    parsed = parse("tmx", data, *pair)
    po = po_valid(render("po", {}, as_export(parsed), *pair), tmp_path)
    assert len([e for e in po if not e.obsolete]) == len(parsed.units)
    if name == "1L":
        assert "TMX attribute usagecount" in po.header
        assert any("Text of tu note 1" in e.tcomment for e in po)
