"""Issue 17, point 4 (TMX): every export validates against the TMX 1.4b DTD, by lxml and
by xmllint --dtdvalid, also of files that are not valid themselves; what the DTD does not
take is carried in x- props or notes, never dropped; translate-toolkit reads the exports
with the same units."""

import shutil
import subprocess

import pytest
from lxml import etree

from reviews.formats import FormatError, inline
from tests.formats.canonical import tmx_units
from tests.formats.support import REALDATA, TMX_FILES, as_export, parse, render, tmx_dtd
from tests.formats.test_tmx import PAIRS

tt_tmx = pytest.importorskip("translate.storage.tmx")

ODD = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="ABC" creationtoolversion="1" segtype="sentences" o-tmf="ABC"
 adminlang="en" srclang="zh-CN" datatype="plaintext" x-project="Z">
<prop type="x-domain" source="client">news</prop>
<note vendor="v">header note</note>
<ude name="MacRoman" base="Macintosh" flavour="old"><map unicode="#xF8FF" code="#xF0" /></ude>
</header>
<body>
<tu tuid="a" tool-id="77" segtype="sentence"><prop>untyped</prop>\
<note>kept</note><x-review by="ann">ok</x-review>\
<tuv xml:lang="zh-CN" quality="high"><seg>\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82</seg></tuv>\
<tuv xml:lang="en"><note who="me">target note</note><seg>Hello.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="zh-CN"><seg>\xe5\x86\x8d\xe8\xa7\x81\xe3\x80\x82</seg></tuv>\
<tuv xml:lang="en"><seg>Bye.</seg></tuv></tu>
<tu tuid="c" odd="1"><tuv xml:lang="fr" tag="x"><seg>Sans source.</seg></tuv></tu>
</body>
</tmx>
"""


def dtd_valid(data: bytes) -> bool:
    return tmx_dtd().validate(etree.fromstring(data))


def xmllint_dtd(data: bytes) -> None:
    """``xmllint --dtdvalid`` passes ``data`` (skipped where libxml2-utils is missing)."""
    if shutil.which("xmllint") is None:
        pytest.skip("libxml2's xmllint is not installed (scripts/ensure-system-packages)")
    dtd = REALDATA / "dtd" / "tmx14.dtd"
    done = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--dtdvalid", str(dtd), "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[:2000]


def test_an_invalid_file_is_exported_valid_with_everything_carried():
    assert not dtd_valid(ODD)
    parsed = parse("tmx", ODD)
    out = render("tmx", parsed.skeleton, as_export(parsed))
    assert dtd_valid(out)
    xmllint_dtd(out)
    root = etree.fromstring(out)
    header = root.find("header")
    props = {p.get("type"): p.text for p in header.iter("prop")}
    assert props == {
        "x-domain": "news",
        "x-segtype": "sentences",
        "x-x-project": "Z",
        "x-prop-source": "client",
        "x-note-vendor": "v",
        "x-ude-flavour": "old",
    }
    assert header.get("segtype") == "sentence"  # what the DTD requires, the value read kept
    first, second, aside = root.iter("tu")
    assert [(p.get("type"), p.text) for p in first.findall("prop")] == [
        ("x-untyped", "untyped"),  # a <prop> without its type
        ("x-state", "new"),
        ("x-tool-id", "77"),  # an attribute of the <tu>
    ]
    assert [n.text for n in first.findall("note")] == [
        "kept",
        '<x-review by="ann">ok</x-review>',
    ]
    source, target = first.findall("tuv")
    assert source.findtext("prop[@type='x-quality']") == "high"
    assert target.findtext("prop[@type='x-note-who']") == "me"
    assert aside.findtext("prop[@type='x-odd']") == "1"  # a unit kept aside is repaired too
    assert tmx_units(out)[1] == tmx_units(ODD)[1]  # a valid unit is untouched
    # read back, the repaired export is written again as it is
    again = parse("tmx", out)
    assert tmx_units(render("tmx", again.skeleton, as_export(again))) == tmx_units(out)


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.stem.split("ImportTest")[1])
def test_kit_exports_validate_by_xmllint_and_translate_toolkit_reads_them(path):
    source_lang, target_lang, _ = PAIRS[path.stem.split("ImportTest")[1]]
    parsed = parse("tmx", path.read_bytes(), source_lang, target_lang)
    out = render("tmx", parsed.skeleton, as_export(parsed), source_lang, target_lang)
    xmllint_dtd(out)
    store = tt_tmx.tmxfile(out, source_lang, target_lang)
    assert len(store.units) >= len(parsed.units)
    by_id = {u.getid(): u for u in store.units}
    for ours in parsed.units:
        if ours.key not in by_id:
            continue  # translate-toolkit names a unit without a tuid by its text
        theirs = by_id[ours.key]
        assert theirs.source == inline.plain_text(ours.source, ours.meta.get("source_tags", {}))


def test_translate_toolkit_reads_the_repaired_file_with_the_same_units():
    parsed = parse("tmx", ODD)
    out = render("tmx", parsed.skeleton, as_export(parsed))
    store = tt_tmx.tmxfile(out, "zh-CN", "en")
    pairs = [(u.source, u.target) for u in store.units if u.target]
    assert pairs == [(u.source, u.target) for u in parsed.units]


def with_target_seg(seg: str) -> bytes:
    return ODD.replace(b"<seg>Bye.</seg>", f"<seg>{seg}</seg>".encode())


@pytest.mark.parametrize(
    ("seg", "element", "problem"),
    [
        ('<ph x="1" style="b">&lt;br/&gt;</ph>Bye.', "ph", "has style=, which TMX 1.4b"),
        ("<bpt>&lt;b&gt;</bpt>Bye.<ept i='1'>&lt;/b&gt;</ept>", "bpt", "has no i=, which"),
        ("<it>&lt;i&gt;</it>Bye.", "it", "has no pos="),
        ('<it pos="open">&lt;i&gt;</it>Bye.', "it", 'must be "begin" or "end"'),
        ('<bpt i="1">&lt;a <ph>x</ph>&gt;</bpt>Bye.', "ph", "<ph> cannot be inside <bpt>"),
        ("<ph>&lt;img <sub>alt <sub>x</sub></sub>&gt;</ph>", "sub", "<sub> cannot be inside"),
    ],
)
def test_a_code_the_dtd_does_not_take_is_refused_with_its_line(seg, element, problem):
    with pytest.raises(FormatError) as caught:
        parse("tmx", with_target_seg(seg))
    assert (caught.value.line, caught.value.element) == (11, element)  # the second <tu>
    assert problem in caught.value.problem
