"""Other tools read our exports: translate-toolkit (a test-only dependency); detection."""

import pytest

from reviews.formats import ExportUnit, format_for_file, inline
from tests.formats.support import DJANGO, REALDATA, as_export, parse, render
from tests.formats.test_xliff import RICH

tt_po = pytest.importorskip("translate.storage.po", reason="translate-toolkit is not installed")
tt_tmx = pytest.importorskip("translate.storage.tmx")
tt_xliff = pytest.importorskip("translate.storage.xliff")

PLAIN = [
    ExportUnit(source="浙江两会开幕。", target="Sessions open.", mt="Open.", state="approved"),
    ExportUnit(source="代表发言。", target="Deputies speak.", mt="Deputies speak.", state="new"),
    ExportUnit(source="没有译文。", target="", mt="", state="untranslated"),
    ExportUnit(source="记者", target="Reporter", mt="Reporter", state="translated"),
]


def test_translate_toolkit_reads_our_po_with_the_same_entries():
    data = (DJANGO / "conf/locale/zh_Hans/LC_MESSAGES/django.po").read_bytes()
    parsed = parse("po", data, "en", "zh-Hans")
    out = render("po", parsed.skeleton, as_export(parsed), "en", "zh-Hans")
    store = tt_po.pofile(out)
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == len(parsed.units)
    for ours, theirs in zip(parsed.units, units, strict=True):
        assert str(theirs.source) == ours.source
        plural = ours.meta.get("plural")
        target = theirs.target.strings if plural else [str(theirs.target)]
        assert target == (list(plural["forms"].values()) if plural else [ours.target])
        assert theirs.getcontext() == ours.meta.get("msgctxt", "")


def test_translate_toolkit_reads_our_fresh_po_states():
    store = tt_po.pofile(render("po", {}, PLAIN))
    units = [u for u in store.units if not u.isheader()]
    assert [(str(u.source), str(u.target), u.isfuzzy()) for u in units] == [
        ("浙江两会开幕。", "Sessions open.", False),
        ("代表发言。", "Deputies speak.", True),
        ("没有译文。", "", False),
        ("记者", "Reporter", False),
    ]


@pytest.mark.parametrize(
    ("name", "pair"),
    [("2A", ("en-US", "fr-CA")), ("2C", ("en-US", "fr")), ("1C", ("en-US", "ja-JP"))],
)
def test_translate_toolkit_reads_our_tmx_with_the_same_units(name, pair):
    data = (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()
    parsed = parse("tmx", data, *pair)
    out = render("tmx", parsed.skeleton, as_export(parsed), *pair)
    store = tt_tmx.tmxfile(out, *pair)
    assert len(store.units) == len(parsed.units)
    for ours, theirs in zip(parsed.units, store.units, strict=True):
        source_tags = ours.meta.get("source_tags", {})
        assert theirs.source == inline.plain_text(ours.source, source_tags)
        assert theirs.target == inline.plain_text(ours.target, ours.meta.get("tags", {}))


def test_translate_toolkit_reads_our_xliff_with_ids_texts_and_states():
    parsed = parse("xliff", RICH)
    store = tt_xliff.xlifffile(render("xliff", parsed.skeleton, as_export(parsed)))
    units = store.getunits()
    assert [u.getid().rsplit("\x04", 1)[-1] for u in units] == [u.key for u in parsed.units]
    # unedited units keep their own approved="..." (test_xliff_states.py)
    original = tt_xliff.xlifffile(RICH).getunits()
    assert [u.isapproved() for u in units] == [u.isapproved() for u in original]
    assert [u.get_state_n() for u in units] == [u.get_state_n() for u in original]
    assert [str(u.source) for u in units][-2:] == ["你好", "再见"]
    fresh = tt_xliff.xlifffile(render("xliff", {}, PLAIN)).getunits()
    statemap = tt_xliff.xliffunit.statemap  # translate-toolkit's numbers for XLIFF states
    assert [(str(u.source), str(u.target or ""), u.isapproved()) for u in fresh] == [
        ("浙江两会开幕。", "Sessions open.", True),
        ("代表发言。", "Deputies speak.", False),
        ("没有译文。", "", False),
        ("记者", "Reporter", False),
    ]
    assert [fresh[i].get_state_n() for i in (0, 1, 3)] == [
        statemap["final"],
        statemap["needs-review-translation"],
        statemap["translated"],
    ]


@pytest.mark.parametrize(
    ("filename", "data", "name"),
    [
        ("x.txt", (DJANGO / "conf/locale/ar/LC_MESSAGES/django.po").read_bytes(), "po"),
        ("upload.bin", (REALDATA / "tmx/lisa-kit__ImportTest2A.tmx").read_bytes(), "tmx"),
        ("upload.xml", RICH, "xliff"),
        ("notes.txt", "浙江两会开幕。\n".encode(), "text"),
        ("empty.po", b"", "po"),
    ],
)
def test_format_detection_by_content_then_extension(filename, data, name):
    assert format_for_file(filename, data).name == name
