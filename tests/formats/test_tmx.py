"""TMX 1.4b: the LISA kit files round-trip DTD-valid; languages, states, edits, refusals."""

import re
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from reviews.formats import ExportUnit, FormatError, format_by_name
from reviews.formats.tmx import _pick_variants, lang_score
from tests.formats.support import (
    REALDATA,
    TMX_FILES,
    as_export,
    assert_valid,
    parse,
    render,
    round_trip,
    tmx_dtd,
)

TMX = format_by_name("tmx")
PAIRS = {
    "1C": ("en-US", "fr-CA", 3),
    "1G": ("en-US", "en-GB", 3),
    "1K": ("de-DE", "en-GB", 1),
    "1L": ("en-US", "fr", 1),
    "2A": ("en-US", "fr-CA", 7),
    "2C": ("en-US", "fr", 1),
}


def kit(name: str) -> bytes:
    return (REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx").read_bytes()


def squeeze(skipped) -> list:
    return [(position, re.sub(r">\s+<", "><", xml)) for position, xml in skipped]


def unit_view(parsed):
    return [
        (u.source, u.target, u.state, u.meta.get("source_tags"), u.meta.get("tags"))
        for u in parsed.units
    ]


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.stem.split("ImportTest")[1])
def test_kit_file_round_trips_valid_with_the_same_units(path):
    source_lang, target_lang, count = PAIRS[path.stem.split("ImportTest")[1]]
    data = path.read_bytes()
    assert TMX.sniff(data)
    parsed, out, again = round_trip("tmx", data, source_lang, target_lang)
    assert len(parsed.units) == count
    assert all(u.source and u.target for u in parsed.units)
    assert_valid(tmx_dtd(), out)
    assert unit_view(again) == unit_view(parsed)
    # a <tu> keeps its tuid, and one without a tuid gets none (its attributes are kept as read)
    assert [u.key for u in again.units] == [u.key for u in parsed.units]
    assert squeeze(again.skeleton["skipped"]) == squeeze(parsed.skeleton["skipped"])
    assert again.skeleton["encoding"] == parsed.skeleton["encoding"]
    # every variant of every language is written back
    assert out.decode(parsed.skeleton["encoding"]).count("<tuv") == data.decode(
        parsed.skeleton["encoding"]
    ).count("<tuv")


def test_five_languages_in_varying_order_keep_the_pair_and_the_rest():
    parsed, out, _ = round_trip("tmx", kit("1C"), "en-US", "ja-JP")
    assert [(u.source, u.target) for u in parsed.units] == [
        (f"{n} entry in US English", f"{n} entry in Japanese") for n in ("First", "Second", "Third")
    ]
    written = out.decode()
    tu = written[written.index("<tu") : written.index("</tu>")]
    assert re.findall(r'xml:lang="([^"]+)"', tu) == ["en-us", "en-gb", "ja-jp", "fr-ca", "es-es"]


def test_utf16_be_with_character_references_round_trips_in_utf16():
    data = kit("1G")
    assert data.startswith(b"\xfe\xff")
    parsed, out, _ = round_trip("tmx", data, "en-US", "en-GB")
    assert parsed.units[0].source == "à=agrave, é=eacute, æ=aelig"
    assert parsed.units[1].target == "ÿ=U+00FF, ™=U+2122, ’=U+2019"
    assert out.startswith(b"\xfe\xff\x00<\x00?")


def test_units_without_the_source_language_are_kept_aside_and_written_back():
    parsed, out, again = round_trip("tmx", kit("1K"), "de-DE", "en-GB")
    assert [u.source for u in parsed.units] == ["First Entry - German"]
    assert [position for position, _ in parsed.skeleton["skipped"]] == [1]
    assert "Second Entry - French Canadian" in out.decode()
    approved_only = render(
        "tmx", parsed.skeleton, as_export(parsed), "de-DE", "en-GB", approved_only=True
    )
    assert "Second Entry" not in approved_only.decode()
    # per-unit srclang picks the source when both languages fit the project
    french = parse("tmx", kit("1K"), "fr", "en")
    assert [(u.source, u.target) for u in french.units] == [
        ("Second Entry - French Canadian", "Second Entry - UK English")
    ]


def test_no_unit_in_the_source_language_is_refused_naming_the_languages():
    with pytest.raises(FormatError, match="source language zh-CN.*de-de, en-gb, fr-ca"):
        parse("tmx", kit("1K"), "zh-CN", "en")


def test_notes_props_and_attributes_at_every_level_are_kept():
    parsed, out, _ = round_trip("tmx", kit("1L"), "en-US", "fr")
    written = out.decode("utf-8-sig")
    for text in (
        "Text of header note 1",
        "Text of header note 2",
        '<ude name="MacRoman" base="Macintosh">',
        "Text of tu note 2",
        "Text of tuv en note 1",
        "Text of tuv fr note 1",
        'usagecount="100"',
        'o-encoding="iso-8859-1"',
    ):
        assert text in written
    assert written.count('<prop type="myPropeType"') == 7
    assert out.startswith(b"\xef\xbb\xbf")


def test_inline_codes_reordered_nested_and_inverted_variants():
    parsed = parse("tmx", kit("2A"), "en-US", "fr-CA")
    first, _, nested, *_, picture, inverted = parsed.units
    assert first.source == "The big ⟨1⟩black⟨/1⟩ ⟨2⟩cat⟨/2⟩ sleeps."
    assert first.target == "Le gros ⟨2⟩chat⟨/2⟩ ⟨1⟩noir⟨/1⟩ dors."
    assert nested.target.startswith("Format en gigogne = ⟨1⟩⟨2⟩⟨3⟩gras")
    assert picture.source == "Picture: ⟨1/⟩"
    assert inverted.source == "Some text with ⟨1⟩a part highlighted⟨/1⟩."
    assert inverted.meta["tuvs"][0]["role"] == "target"


def test_sub_inside_ph_stays_in_the_protected_code():
    parsed = parse("tmx", kit("2C"), "en-US", "fr")
    unit = parsed.units[0]
    assert unit.target == "⟨1/⟩⟨2⟩Cliquez ⟨3/⟩ pour ⟨4⟩commencer⟨/4⟩.⟨/2⟩"
    assert "<sub>Commencez ici !</sub>" in unit.meta["tags"]["⟨3/⟩"]


def test_edited_target_with_moved_and_deleted_codes_exports_valid():
    parsed = parse("tmx", kit("2A"), "en-US", "fr-CA")
    edited = "Le ⟨1⟩noir⟨/1⟩ gros chat dort ⟨7/⟩."
    out = render("tmx", parsed.skeleton, as_export(parsed, targets={0: edited}), "en-US", "fr-CA")
    assert_valid(tmx_dtd(), out)
    written = out.decode("utf-16")
    assert (
        'Le <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>noir<ept i="1">&lt;/b&gt;</ept> '
        "gros chat dort ⟨7/⟩." in written
    )


@pytest.mark.parametrize(
    ("candidate", "wanted", "score"),
    [
        ("zh-CN", "zh-CN", 3),
        ("zh_CN", "zh-CN", 3),
        ("ZH-cn", "zh-CN", 3),
        ("zh-Hans", "zh-CN", 2),
        ("zh-Hans-CN", "zh-CN", 2),
        ("zh-SG", "zh-CN", 2),
        ("ZH", "zh-CN", 1),
        ("zh-TW", "zh-CN", 1),
        ("zh-Hant", "zh-TW", 2),
        ("en-US", "en", 1),
        ("EN-us", "en", 1),
        ("en", "en", 3),
        ("en-GB", "en-US", 1),
        ("fr-CA", "en", 0),
        ("", "en", 0),
        ("*all*", "en", 0),
    ],
)
def test_language_matching(candidate, wanted, score):
    assert lang_score(candidate, wanted) == score


@pytest.mark.parametrize(
    ("langs", "srclang", "pair", "expected"),
    [
        (["en-us", "zh-cn"], "", ("zh-CN", "en"), (1, 0)),
        (["zh", "zh-Hans", "en"], "", ("zh-CN", "en"), (1, 2)),  # same script beats bare zh
        (["en-GB", "en-US"], "en-US", ("en", "en"), (1, 0)),  # srclang breaks the tie
        (["en-GB", "en-US"], "*all*", ("en", "en"), (0, 1)),  # else document order
        (["en-GB"], "", ("en-US", "en-GB"), (None, None)),  # it is the target, not a source
        (["zh-CN"], "", ("zh-CN", "en"), (0, None)),
    ],
)
def test_variant_choice(langs, srclang, pair, expected):
    assert _pick_variants(tuple(langs), *pair, srclang) == expected


def tmx_doc(body: str, header: str = 'srclang="zh-CN"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"'
        f' o-tmf="t" adminlang="en" datatype="plaintext" {header}/>\n<body>\n{body}\n</body></tmx>'
    ).encode()


TU = '<tu tuid="a1">{props}<tuv xml:lang="zh-CN"><seg>你好</seg></tuv>{target}</tu>'


@pytest.mark.parametrize("state", ["untranslated", "new", "translated", "rejected", "approved"])
def test_state_travels_as_x_state_prop(state):
    target = "" if state == "untranslated" else '<tuv xml:lang="en"><seg>Hello</seg></tuv>'
    parsed = parse("tmx", tmx_doc(TU.format(props="", target=target)))
    assert parsed.units[0].state == ("untranslated" if state == "untranslated" else "new")
    units = as_export(parsed, states={0: state}, note="too literal")
    out = render("tmx", parsed.skeleton, units)
    assert_valid(tmx_dtd(), out)
    assert f'<prop type="x-state">{state}</prop>' in out.decode()
    again = parse("tmx", out)
    assert again.units[0].state == state
    assert again.units[0].meta.get("rejection_reason") == (
        "too literal" if state == "rejected" else None
    )
    assert "x-state" not in str(again.units[0].meta)
    assert render("tmx", again.skeleton, as_export(again, note="too literal")) == out


def test_approved_only_and_include_mt():
    body = "\n".join(
        TU.format(props="", target=f'<tuv xml:lang="en"><seg>Hi {n}</seg></tuv>').replace(
            "a1", f"u{n}"
        )
        for n in range(3)
    )
    parsed = parse("tmx", tmx_doc(body))
    units = as_export(parsed, targets={0: "Hello 0"}, states={0: "approved", 1: "approved"})
    out = render("tmx", parsed.skeleton, units, approved_only=True, include_mt=True).decode()
    assert re.findall(r'tuid="(\w+)"', out) == ["u0", "u1"]
    assert out.count("<note>MT: Hi 0</note>") == 1 and "MT: Hi 1" not in out
    again = parse("tmx", out.encode())
    assert again.units[0].meta["mt"] == "Hi 0"
    assert "tu_extra" not in again.units[0].meta


def test_fresh_export_from_plain_units_has_a_full_header_dates_and_ids():
    created = datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    units = [
        ExportUnit(
            source="浙江两会开幕。",
            target="Zhejiang's two sessions open\x0b.",
            mt="Zhejiang two sessions opening.",
            state="translated",
            meta={"paragraph": 0},
            created_at=created,
            changed_at=datetime(2024, 3, 2, 1, 2, 3, tzinfo=UTC),
            created_by="mt",
            changed_by="editor",
        ),
        ExportUnit(source="第二句。", target="", mt="", state="untranslated"),
    ]
    out = render("tmx", {}, units, include_mt=True)
    document = assert_valid(tmx_dtd(), out)
    header = document.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang"):
        assert header.get(attr)
    assert header.get("srclang") == "zh-CN" and header.get("datatype") == "plaintext"
    first, second = document.iter("tu")
    assert first.get("tuid") == "1" and second.get("tuid") == "2"
    assert first.get("creationdate") == "20240301T013000Z"
    assert first.get("changedate") == "20240302T010203Z"
    assert (first.get("creationid"), first.get("changeid")) == ("mt", "editor")
    assert first.findtext("tuv[2]/seg") == "Zhejiang's two sessions open."  # \x0b dropped
    assert len(second.findall("tuv")) == 1  # no empty target variant
    again = parse("tmx", out)
    assert [(u.source, u.target, u.state) for u in again.units] == [
        ("浙江两会开幕。", "Zhejiang's two sessions open.", "translated"),
        ("第二句。", "", "untranslated"),
    ]


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        b' <!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">\n' % ((c,) + (c - 1,) * 10)
        for c in range(ord("b"), ord("k"))
    )
    + b"]>\n<tmx><body><tu><tuv xml:lang='zh'><seg>&j;</seg></tuv></tu></body></tmx>"
)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"just some text", "no root element"),
        (tmx_doc(TU.format(props="", target=""))[:-30], "line 5: malformed XML"),
        (b'<?xml version="1.0" encoding="UTF-16"?>\n<tmx/>', "line 1: the XML declaration says"),
        (b'<?xml version="1.0" encoding="nope"?>\n<tmx/>', "unknown encoding"),
        (b"<?xml version='1.0'?>\n<xliff version='1.2'/>", "not a TMX file"),
        (BILLION_LAUGHS, "defines entities"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<tmx><body><tu><tuv xml:lang='zh'><seg>&x;</seg></tuv></tu></body></tmx>",
            "defines entities",
        ),
        (
            b'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]><tmx/>',
            "defines entities",
        ),
        (tmx_doc("<tu><tuv xml:lang='zh-CN'><seg>&nbsp;</seg></tuv></tu>"), "entity"),
        (tmx_doc("<tu><tuv><seg>x</seg></tuv></tu>"), "line 5, element <tuv>: a <tuv> has no xml"),
        (tmx_doc("<tu><tuv xml:lang='zh-CN'/></tu>"), "has no <seg>"),
        (tmx_doc("<tu><tuv xml:lang='zh-CN'><seg>a<b>c</seg></tuv></tu>"), "line 5"),
        (tmx_doc(""), "no translation unit"),
        ("<tmx>\n<body>\n<tu>é".encode("utf-16-le"), "line 3"),
        (b"<tmx>\n<body>\xff\xfe</body></tmx>", "line 2"),
    ],
)
def test_bad_files_are_refused_quickly_saying_where(data, problem):
    started = time.monotonic()
    with pytest.raises(FormatError) as caught:
        parse("tmx", data)
    assert time.monotonic() - started < 1
    assert problem in str(caught.value)


def test_sniff():
    assert TMX.sniff(kit("2A"))  # UTF-16LE
    assert not TMX.sniff(b"<?xml version='1.0'?><xliff/>")
    assert not TMX.sniff(b'msgid ""\nmsgstr ""\n')
    assert not TMX.sniff(b"\x00\x01\x02")
