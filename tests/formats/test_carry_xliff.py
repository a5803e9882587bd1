"""PO and TMX documents exported as XLIFF carry their units' data (issue 17, point 6):
plural forms as translate-toolkit's <group restype="x-gettext-plurals">, comments as
notes, msgctxt as resname and context, references and flags as context groups; a TMX
unit's tuid as id and resname, its notes as notes, its props as <note from="prop:TYPE">,
its attributes as an x-tmx context group. What XLIFF cannot carry is listed in the
header. Every such export is strictly valid, and translate-toolkit reads the same units."""

import pytest
from lxml import etree

from tests.formats.support import DJANGO, PO_FILES, REALDATA, as_export, parse, render
from tests.formats.test_xliff import NS
from tests.formats.test_xliff_validity import valid

tt_poxliff = pytest.importorskip("translate.storage.poxliff", reason="needs translate-toolkit")
tt_xliff = pytest.importorskip("translate.storage.xliff")

Q = f"{{{NS}}}"
PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"

# Keep it short
#. Shown in the file menu
#: views.py:12 models.py
#, python-format
msgctxt "menu"
msgid "%(n)s file"
msgid_plural "%(n)s files"
msgstr[0] "%(n)s plik"
msgstr[1] "%(n)s pliki"
msgstr[2] "%(n)s plików"

#, fuzzy
#| msgid "Opened"
msgid "Open"
msgstr "Otwórz"
""".encode()

# Six units with the same source, told apart by tuid, a prop and a note; provenance too.
SAME_SOURCE = "\n".join(
    f'<tu tuid="menu.{n}" creationdate="2002052{n}T091200Z" changeid="ys">'
    f'<prop type="x-screen">screen {n}</prop><note>context {n}</note>'
    f'<tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="pl"><seg>Otwórz {n}</seg></tuv></tu>'
    for n in range(1, 7)
)
TMX = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
{SAME_SOURCE}
<tu tuid="multi"><tuv xml:lang="en" creationid="anna"><note>source side</note><seg>Save</seg></tuv>
<tuv xml:lang="pl"><prop type="x-reviewed">yes</prop><seg>Zapisz</seg></tuv>
<tuv xml:lang="de"><seg>Speichern</seg></tuv></tu>
</body></tmx>
""".encode()


def xliff_from(name, data, source_lang, target_lang, filename):
    parsed = parse(name, data, source_lang, target_lang)
    out = render("xliff", {}, as_export(parsed), source_lang, target_lang, filename=filename)
    return parsed, out, valid(out)


def test_a_po_plural_entry_becomes_a_gettext_plurals_group_with_every_form():
    _, out, document = xliff_from("po", PO, "en", "pl", "app.po")
    group = document.find(f".//{Q}group")
    assert (group.get("restype"), group.get("resname")) == ("x-gettext-plurals", "menu")
    units = group.findall(f"{Q}trans-unit")
    assert [u.get("id") for u in units] == [f"menu|%(n)s file[{n}]" for n in range(3)]
    assert [(u.findtext(f"{Q}source"), u.findtext(f"{Q}target")) for u in units] == [
        ("%(n)s file", "%(n)s plik"),
        ("%(n)s files", "%(n)s pliki"),
        ("%(n)s files", "%(n)s plików"),
    ]
    notes = [(n.get("from"), n.text) for n in group.findall(f"{Q}note")]
    assert notes == [("po-translator", "Keep it short"), ("developer", "Shown in the file menu")]
    contexts = {
        (g.get("name"), c.get("context-type")): c.text
        for g in group.findall(f"{Q}context-group")
        for c in g
    }
    assert contexts[("po-entry", "x-po-msgctxt")] == "menu"
    assert contexts[("po-entry", "x-po-flags")] == "python-format"
    assert contexts[("po-reference", "sourcefile")] == "views.py"
    assert contexts[("po-reference", "linenumber")] == "12"
    assert contexts[("po-reference-2", "sourcefile")] == "models.py"
    second = document.findall(f".//{Q}body/{Q}trans-unit")[-1]
    assert second.find(f"{Q}target").get("state") == "needs-review-translation"  # fuzzy
    assert b'context-type="x-po-previous-msgid">Opened<' in out


def test_translate_toolkit_reads_the_po_units_back_from_our_xliff():
    parsed, out, _ = xliff_from("po", PO, "en", "pl", "app.po")
    store = tt_poxliff.PoXliffFile.parsestring(out)
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == len(parsed.units)
    plural = units[0]
    assert plural.hasplural()
    assert plural.source.strings == ["%(n)s file", "%(n)s files", "%(n)s files"]
    assert plural.target.strings == ["%(n)s plik", "%(n)s pliki", "%(n)s plików"]
    assert plural.getnotes("translator") == "Keep it short"
    assert plural.getnotes("developer") == "Shown in the file menu"
    # strict XLIFF wants each context-group name once in a file: translate-toolkit finds
    # the first reference by its name (po-reference), and every one by its purpose
    assert plural.getlocations() == ["views.py:12"]
    assert tt_xliff.xliffunit.getlocations(plural) == ["views.py:12", "models.py"]
    assert (str(units[1].source), str(units[1].target), units[1].isfuzzy()) == (
        "Open",
        "Otwórz",
        True,
    )


@pytest.mark.parametrize("path", PO_FILES[:3], ids=lambda p: str(p.relative_to(DJANGO)))
def test_django_catalogues_carry_every_plural_form_and_comment_into_xliff(path):
    parsed, out, document = xliff_from("po", path.read_bytes(), "en", "xx", "django.po")
    groups = document.findall(f".//{Q}group[@restype='x-gettext-plurals']")
    plurals = [u for u in parsed.units if "plural" in u.meta]
    assert len(groups) == len(plurals)
    for unit, group in zip(plurals, groups, strict=True):
        forms = unit.meta["plural"]["forms"]
        written = [u.findtext(f"{Q}target") or "" for u in group.findall(f"{Q}trans-unit")]
        assert written == [forms[str(n)] for n in range(len(forms))]
    store = tt_poxliff.PoXliffFile.parsestring(out)
    theirs = [u for u in store.units if not u.isheader()]
    assert len(theirs) == len(parsed.units)
    for ours, their in zip(parsed.units, theirs, strict=True):
        forms = ours.meta.get("plural", {}).get("forms")
        target = their.target.strings if forms else [str(their.target or "")]
        assert target == (list(forms.values()) if forms else [ours.target])
        if ours.meta.get("comment"):
            assert their.getnotes("developer") == ours.meta["comment"]


def test_six_tmx_units_with_one_source_stay_distinguishable_in_xliff():
    _, out, document = xliff_from("tmx", TMX, "en", "pl", "menu.tmx")
    units = document.findall(f".//{Q}trans-unit")
    same = [u for u in units if u.findtext(f"{Q}source") == "Open"]
    assert [(u.get("id"), u.get("resname")) for u in same] == [
        (f"menu.{n}", f"menu.{n}") for n in range(1, 7)
    ]
    for n, unit in enumerate(same, start=1):
        notes = [(note.get("from"), note.text) for note in unit.findall(f"{Q}note")]
        assert notes == [(None, f"context {n}"), ("prop:x-screen", f"screen {n}")]
        contexts = {c.get("context-type"): c.text for c in unit.iter(f"{Q}context")}
        assert contexts == {"x-tmx-creationdate": f"2002052{n}T091200Z", "x-tmx-changeid": "ys"}
    multi = units[-1]
    assert [(n.get("annotates"), n.get("from"), n.text) for n in multi.findall(f"{Q}note")] == [
        ("source", None, "source side"),
        (None, "prop:target:x-reviewed", "yes"),
    ]
    assert {c.get("context-type"): c.text for c in multi.iter(f"{Q}context")} == {
        "x-tmx-source-creationid": "anna"
    }
    header = document.find(f".//{Q}header/{Q}note[@from='workbench']")
    assert (
        header.text
        == "Not carried over into this format: TMX variants in other languages (de) (1 unit)"
    )
    store = tt_xliff.xlifffile(out)
    assert [u.getid() for u in store.units][:6] == [f"menu.tmx\x04menu.{n}" for n in range(1, 7)]
    assert store.units[0].getnotes() == "context 1\nscreen 1"


@pytest.mark.parametrize(
    ("name", "pair"),
    [("1L", ("en-US", "fr-FR")), ("2A", ("en-US", "fr-CA")), ("1C", ("en-US", "ja-JP"))],
)
def test_every_note_and_prop_of_the_lisa_kit_reaches_the_xliff(name, pair):
    data = (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()
    parsed, out, document = xliff_from("tmx", data, *pair, f"{name}.tmx")
    units = document.findall(f".//{Q}trans-unit")
    assert len(units) == len(parsed.units)
    for ours, unit in zip(parsed.units, units, strict=True):
        assert unit.get("resname") == (ours.key or None)
        written = {n.text for n in unit.findall(f"{Q}note")}
        fragments = list(ours.meta.get("tu_extra", []))
        for variant in ours.meta.get("tuvs", []):
            fragments += variant.get("extra", [])
        for xml in fragments:
            element = etree.fromstring(xml)
            if element.tag in ("note", "prop"):
                assert "".join(element.itertext()) in written


CODES = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en" datatype="html"/>
<body><tu tuid="codes">
<tuv xml:lang="en"><seg>Bold<it pos="end" x="7" type="bold">&lt;/b&gt;</it> and <ph x="2"
 type="image" assoc="b">&lt;img alt="<sub datatype="html">A <bpt i="1">&lt;i&gt;</bpt>cat<ept
 i="1">&lt;/i&gt;</ept></sub>"&gt;</ph> <hi x="3" type="ulined">here</hi>.</seg></tuv>
<tuv xml:lang="pl"><seg>Grube<it pos="end" x="7" type="bold">&lt;/b&gt;</it> i <ph x="2"
 type="image" assoc="b">&lt;img alt="<sub datatype="html">Kot</sub>"&gt;</ph> <hi x="3"
 type="ulined">tutaj</hi>.</seg></tuv></tu></body></tmx>
"""


def test_tmx_codes_stay_themselves_in_xliff_it_as_it_and_sub_as_sub():
    parsed, out, document = xliff_from("tmx", CODES, "en", "pl", "codes.tmx")
    source = document.find(f".//{Q}source")
    assert [(etree.QName(e).localname, dict(e.attrib)) for e in source.iter()][1:] == [
        ("it", {"id": "7", "pos": "close", "ctype": "bold"}),
        ("ph", {"id": "2", "assoc": "both", "ctype": "image"}),
        ("sub", {"datatype": "html"}),
        ("bpt", {"id": "1"}),
        ("ept", {"id": "1"}),
        ("g", {"id": "3", "ctype": "underlined"}),
    ]
    assert "".join(source.find(f"{Q}ph").itertext()) == '<img alt="A <i>cat</i>">'
    target = document.find(f".//{Q}target")
    assert target.find(f"{Q}ph/{Q}sub").text == "Kot"
    assert target.find(f"{Q}it").get("pos") == "close"
    # read back as XLIFF: the same text, the same codes in the same places
    again = parse("xliff", out, "en", "pl")
    assert [(u.source, u.target) for u in again.units] == [
        (u.source, u.target) for u in parsed.units
    ]


@pytest.mark.parametrize(("name", "pair"), [("2A", ("en-US", "fr-CA")), ("2C", ("en-US", "fr"))])
def test_lisa_kit_codes_reach_xliff_as_the_same_codes(name, pair):
    data = (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()
    parsed, out, document = xliff_from("tmx", data, *pair, f"{name}.tmx")
    tmx_names = {
        etree.fromstring(xml).tag
        for u in parsed.units
        for xml in u.meta.get("source_tags", {}).values()
    }
    xliff_names = {etree.QName(e).localname for e in document.iter() if e.getparent() is not None}
    expected = {"bpt": "bpt", "ept": "ept", "it": "it", "ph": "ph", "hi": "g"}
    assert {expected[n] for n in tmx_names} <= xliff_names
    again = parse("xliff", out, *pair)
    assert [u.source for u in again.units] == [u.source for u in parsed.units]
