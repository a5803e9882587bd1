"""What a document says outside its units reaches the header of an export into another
format (issue 17, point 6): a PO header comment and metadata, a TMX header's attributes,
notes and props, an XLIFF file's attributes and its header's and groups' notes; what no
header holds (obsolete entries, units without the source language, <bin-unit>s) is
listed there. Every such export stays valid."""

import pytest
from lxml import etree

from tests.formats.support import (
    DJANGO,
    REALDATA,
    as_export,
    assert_valid,
    parse,
    render,
    tmx_dtd,
)
from tests.formats.test_carry_tmx_po import po_valid
from tests.formats.test_xliff import NS, RICH
from tests.formats.test_xliff_validity import valid

AR = (DJANGO / "conf/locale/ar/LC_MESSAGES/django.po").read_bytes()
LISA_1L = (REALDATA / "tmx/lisa-kit__ImportTest1L.tmx").read_bytes()
Q = f"{{{NS}}}"


def xliff_header(out: bytes) -> list[tuple[str | None, str]]:
    return [(n.get("from"), n.text or "") for n in valid(out).iterfind(f".//{Q}header/{Q}note")]


def tmx_header(out: bytes) -> list[tuple[str, str]]:
    header = assert_valid(tmx_dtd(), out).find("header")
    return [(e.get("type") or e.tag, e.text or "") for e in header]


def test_a_po_header_reaches_tmx_and_xliff_headers():
    parsed = parse("po", AR, "en", "ar")
    tmx = tmx_header(render("tmx", parsed.skeleton, as_export(parsed), "en", "ar"))
    assert (
        "x-po-header:Language-Team",
        "Arabic (http://app.transifex.com/django/django/language/ar/)",
    ) in tmx
    assert any(kind == "x-po-header:Plural-Forms" and "nplurals=6" in v for kind, v in tmx)
    comment = next(v for kind, v in tmx if kind == "x-note-from:po-header")
    assert "This file is distributed under the same license as the Django package." in comment
    xliff = xliff_header(render("xliff", parsed.skeleton, as_export(parsed), "en", "ar"))
    assert ("prop:x-po-header:Project-Id-Version", "django") in xliff
    assert any(author == "po-header" and "Translators:" in text for author, text in xliff)


def test_obsolete_po_entries_are_listed_in_the_tmx_header():
    data = AR + b'\n#~ msgid "Gone"\n#~ msgstr "\xd8\xb0\xd9\x87\xd8\xa8"\n'
    parsed = parse("po", data, "en", "ar")
    tmx = tmx_header(render("tmx", parsed.skeleton, as_export(parsed), "en", "ar"))
    assert ("x-dropped", "Not carried over into this format: 1 obsolete PO entries (#~)") in tmx


def test_a_tmx_header_reaches_po_and_xliff_headers(tmp_path):
    parsed = parse("tmx", LISA_1L, "en-US", "fr-FR")
    po = po_valid(render("po", parsed.skeleton, as_export(parsed), "en-US", "fr-FR"), tmp_path)
    for line in (
        "tmx-header: Text of header note 1",
        "x-tmx-header:creationtool: myTool",
        "myPropeType: Data",
    ):
        assert line in po.header.split("\n")
    assert "the TMX header's <ude>" in po.header
    xliff = xliff_header(render("xliff", parsed.skeleton, as_export(parsed), "en-US", "fr-FR"))
    assert ("tmx-header", "Text of header note 2") in xliff
    assert ("prop:x-tmx-header:o-tmf", "Text") in xliff
    assert xliff[-1][1].startswith("Not carried over into this format: the TMX header's <ude>")


def test_tmx_units_without_the_source_language_are_listed():
    data = LISA_1L.replace(
        b"</body>", b'<tu><tuv xml:lang="de"><seg>Nur Deutsch</seg></tuv></tu></body>'
    )
    parsed = parse("tmx", data, "en-US", "fr-FR")
    assert parsed.skeleton["skipped"]
    xliff = xliff_header(render("xliff", parsed.skeleton, as_export(parsed), "en-US", "fr-FR"))
    assert "1 TMX unit without the source language" in xliff[-1][1]


def test_an_xliff_file_header_and_group_notes_reach_tmx_and_po(tmp_path):
    parsed = parse("xliff", RICH)
    tmx = tmx_header(render("tmx", parsed.skeleton, as_export(parsed)))
    assert ("x-note-from:xliff-file-1", "File note") in tmx
    assert ("x-note-from:xliff-file-1:group intro", "Group note") in tmx
    assert ("x-xliff-file-1:original", "news.html") in tmx
    assert ("x-xliff-file-2:original", "b.txt") in tmx
    dropped = dict(tmx)["x-dropped"]
    assert "1 XLIFF <bin-unit>" in dropped and "the XLIFF header's <tool>" in dropped
    po = po_valid(render("po", parsed.skeleton, as_export(parsed)), tmp_path)
    assert "xliff-file-1:group intro: Group note" in po.header.split("\n")


@pytest.mark.parametrize("target", ["po", "xliff"])
def test_a_utf16_memory_exported_into_another_format_is_utf8(target):
    data = (REALDATA / "tmx/lisa-kit__ImportTest1G.tmx").read_bytes()
    parsed = parse("tmx", data, "en-US", "ja")
    out = render(target, parsed.skeleton, as_export(parsed), "en-US", "ja")
    out.decode("utf-8")
    if target == "xliff":
        assert etree.fromstring(out).get("version") == "1.2"
