"""Gettext PO: Django's own catalogues round-trip; states, plurals, syntax refusals."""

import shutil
import subprocess

import polib
import pytest

from reviews.formats import ExportUnit, FormatError, format_by_name
from tests.formats.support import DJANGO, PO_FILES, as_export, parse, render, round_trip

PO = format_by_name("po")
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")
# Transifex wrote msgstr[2] into these although their header says nplurals=2: msgfmt -c
# refuses them, and so does the importer.
TOO_MANY_FORMS = {
    f"contrib/admin/locale/{lang}/LC_MESSAGES/djangojs.po" for lang in ("es", "es_AR", "it", "pt")
}


def file_id(path) -> str:
    return str(path.relative_to(DJANGO))


def entry_view(entry: polib.POEntry) -> tuple:
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        dict(entry.msgstr_plural),
        sorted(entry.flags),
        entry.tcomment,
        entry.comment,
        entry.occurrences,
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        entry.obsolete,
    )


def same_catalogue(a: bytes, b: bytes) -> None:
    first, second = polib.pofile(a.decode("utf-8-sig")), polib.pofile(b.decode("utf-8-sig"))
    assert [entry_view(e) for e in second] == [entry_view(e) for e in first]
    assert second.metadata == first.metadata
    assert second.header == first.header


def msgfmt_check(data: bytes, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "out.po"
    path.write_bytes(data)
    return subprocess.run(
        [MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("path", PO_FILES, ids=file_id)
def test_django_catalogue_round_trips_with_the_same_entries(path, tmp_path):
    data = path.read_bytes()
    assert PO.sniff(data)
    if file_id(path) in TOO_MANY_FORMS:
        with pytest.raises(FormatError, match=r"line \d+: msgstr\[2\] but the header says"):
            parse("po", data)
        return
    parsed, out, again = round_trip("po", data, "en", "xx")
    same_catalogue(data, out)
    assert [(u.key, u.source, u.target, u.state) for u in again.units] == [
        (u.key, u.source, u.target, u.state) for u in parsed.units
    ]
    if MSGFMT:  # without it, test_msgfmt_* below say they were skipped and why
        result = msgfmt_check(out, tmp_path)
        assert result.returncode == 0, result.stderr


@needs_msgfmt
def test_msgfmt_refuses_exactly_the_files_the_importer_refuses(tmp_path):
    refused = {
        file_id(path) for path in PO_FILES if msgfmt_check(path.read_bytes(), tmp_path).returncode
    }
    assert refused == TOO_MANY_FORMS


def test_arabic_six_plural_forms_keep_every_form_and_take_the_edit():
    data = (DJANGO / "conf/locale/ar/LC_MESSAGES/django.po").read_bytes()
    parsed = parse("po", data, "en", "ar")
    index, unit = next((i, u) for i, u in enumerate(parsed.units) if "plural" in u.meta)
    forms = unit.meta["plural"]["forms"]
    assert sorted(forms) == ["0", "1", "2", "3", "4", "5"] and unit.target == forms["0"]
    out = render("po", parsed.skeleton, as_export(parsed, targets={index: "صفر"}), "en", "ar")
    entry = next(e for e in polib.pofile(out.decode()) if e.msgid == unit.source)
    assert entry.msgstr_plural == {0: "صفر", **{int(k): v for k, v in forms.items() if k != "0"}}


def po_doc(*entries: str, header: str = "") -> bytes:
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n' + header
    )
    return "\n".join([head, *entries]).encode()


@pytest.mark.parametrize(
    ("entry", "state"),
    [
        ('msgid "a"\nmsgstr ""\n', "untranslated"),
        ('#, fuzzy\nmsgid "a"\nmsgstr ""\n', "untranslated"),
        ('#, fuzzy, python-format\nmsgid "a"\nmsgstr "b"\n', "new"),
        ('msgid "a"\nmsgstr "b"\n', "translated"),
        ('# Rejected: too literal\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n', "rejected"),
        ('# Rejected: not fuzzy, so a comment\nmsgid "a"\nmsgstr "b"\n', "translated"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] ""\n', "untranslated"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] "bs"\n', "translated"),
    ],
)
def test_state_import_mapping(entry, state):
    assert parse("po", po_doc(entry)).units[0].state == state


@pytest.mark.parametrize(
    ("state", "flags", "comment"),
    [
        ("untranslated", ["python-format"], ""),
        ("new", ["fuzzy", "python-format"], ""),
        ("translated", ["python-format"], ""),
        ("rejected", ["fuzzy", "python-format"], "Rejected: too literal"),
        ("approved", ["python-format"], ""),
    ],
)
def test_state_export_mapping_round_trips(state, flags, comment):
    parsed = parse("po", po_doc('#, python-format\nmsgid "%(n)s a"\nmsgstr "%(n)s b"\n'))
    target = "" if state == "untranslated" else "%(n)s b"
    units = as_export(parsed, targets={0: target}, states={0: state}, note="too literal")
    out = render("po", parsed.skeleton, units)
    entry = polib.pofile(out.decode())[0]
    assert (entry.flags, entry.tcomment, entry.msgstr) == (flags, comment, target)
    again = parse("po", out).units[0]
    assert again.state == ("translated" if state == "approved" else state)  # both plain
    assert again.meta.get("rejection_reason") == ("too literal" if state == "rejected" else None)


def test_edited_rejected_entry_keeps_its_other_comments():
    parsed = parse("po", po_doc('# keep me\n#. extracted\n#: a.py:1\nmsgid "a"\nmsgstr "b"\n'))
    units = as_export(parsed, targets={0: "c"}, states={0: "rejected"}, note="wrong term")
    entry = polib.pofile(render("po", parsed.skeleton, units).decode())[0]
    assert entry.tcomment == "keep me\nRejected: wrong term"
    assert (entry.comment, entry.occurrences, entry.msgstr) == ("extracted", [("a.py", "1")], "c")
    assert entry.flags == ["fuzzy"]


def test_approved_only_and_include_mt():
    parsed = parse("po", po_doc('msgid "a"\nmsgstr "A"\n', 'msgid "b"\nmsgstr "B"\n'))
    units = as_export(parsed, targets={0: "A2"}, states={0: "approved", 1: "new"})
    out = render("po", parsed.skeleton, units, approved_only=True, include_mt=True)
    first, second = polib.pofile(out.decode())
    assert (first.msgstr, first.comment, first.flags) == ("A2", "MT: A", [])
    assert (second.msgstr, second.comment, second.flags) == ("", "", [])
    again = parse("po", out)
    assert again.units[0].meta["mt"] == "A" and "comment" not in again.units[0].meta


def test_obsolete_previous_header_comment_bom_and_trailing_comments_are_kept():
    data = (
        "\ufeff# Header comment\n#\n"
        + po_doc(
            '#| msgctxt "old"\n#| msgid "olde"\nmsgctxt "menu"\nmsgid "a"\nmsgstr "b"\n',
            '# gone\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "alt"\n',
        ).decode()
        + "\n# the end\n"
    ).encode()
    parsed, out, again = round_trip("po", data)
    assert out.startswith(b"\xef\xbb\xbf# Header comment\n")
    same_catalogue(data, out)
    written = out.decode("utf-8-sig")
    assert written.endswith(
        '# gone\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "alt"\n\n# the end\n'
    )
    unit = parsed.units[0]
    assert (unit.key, unit.meta["previous_msgid"], unit.meta["previous_msgctxt"]) == (
        "menu|a",
        "olde",
        "old",
    )


def test_other_charsets_are_kept_or_upgraded_to_utf8():
    data = po_doc('msgid "caf\xe9"\nmsgstr "caf\xe9"\n').decode().replace("UTF-8", "ISO-8859-1")
    data = data.encode("latin-1")
    parsed, out, _ = round_trip("po", data)
    assert parsed.units[0].source == "café"
    assert b"charset=ISO-8859-1" in out and b'msgstr "caf\xe9"' in out
    edited = render("po", parsed.skeleton, as_export(parsed, targets={0: "咖啡"}))
    assert "charset=UTF-8" in edited.decode() and "咖啡" in edited.decode()


def test_only_line_feeds_end_lines_crlf_files_and_odd_separators_inside_strings():
    text = po_doc('# c\u2028omment\nmsgid "a\u2028b\rc"\nmsgstr "x\x0cy\x85z"\n').decode()
    parsed, out, again = round_trip("po", text.replace("\n", "\r\n").encode())
    unit = parsed.units[0]
    assert (unit.source, unit.target, unit.meta["tcomment"]) == (
        "a\u2028b\rc",
        "x\x0cy\x85z",
        "c\u2028omment",
    )
    assert [(u.source, u.target) for u in again.units] == [(unit.source, unit.target)]


@needs_msgfmt
def test_fresh_export_from_text_units_passes_msgfmt(tmp_path):
    units = [
        ExportUnit(
            source="浙江两会开幕。", target="Sessions open.", mt="Sessions open.", state="approved"
        ),
        ExportUnit(source="浙江两会开幕。", target="Again.", mt="x", state="rejected", note="no"),
        ExportUnit(source="", target="Target only.", mt="Target only.", state="new"),
        ExportUnit(source="新", target="", mt="", state="untranslated", meta={"paragraph": 3}),
        ExportUnit(
            source="⟨1⟩粗⟨/1⟩",
            target="⟨1⟩bold⟨/1⟩",
            mt="",
            state="translated",
            meta={
                "format": "tmx",
                "source_tags": {
                    "⟨1⟩": "<bpt i='1'>&lt;b></bpt>",
                    "⟨/1⟩": "<ept i='1'>&lt;/b></ept>",
                },
            },
        ),
    ]
    out = render("po", {}, units, include_mt=True)
    assert msgfmt_check(out, tmp_path).returncode == 0, msgfmt_check(out, tmp_path).stderr
    po = polib.pofile(out.decode())
    assert po.metadata["Language"] == "en" and "nplurals=2" in po.metadata["Plural-Forms"]
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [
        (None, "浙江两会开幕。", "Sessions open."),
        ("2", "浙江两会开幕。", "Again."),
        (None, "Target only.", "Target only."),
        (None, "新", ""),
        (None, "<b>粗</b>", "<b>bold</b>"),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('msgid "a\nmsgstr "b"\n', "line 1: unterminated string"),
        ('msgid "a"\nmsgstr "b\\qc"\n', "line 2: unsupported escape sequence \\q"),
        ('msgid "a"\nmsgstr "b"c"\n', "line 2: unexpected text after a string"),
        ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', "line 3: duplicate message"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[12] "d"\n', "line 4: msgstr[12]"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', "line 3: msgstr here: a plural entry"),
        ('msgid "a"\nmsgstr[0] "c"\n', "line 2: msgstr[0] without msgid_plural"),
        ('msgid "a"\nmsgstr "b"\nmsgtext "x"\n', "line 3: unknown keyword"),
        ('msgid "a"\nmsgstr "b"\nstray words\n', "line 3: unknown keyword or stray text"),
        ('msgid "a"\n"continued"\n', "line 1: the entry has no msgstr"),
        ('"orphan"\nmsgid "a"\nmsgstr "b"\n', "line 1: a string with no keyword"),
        ('msgid "a"\n# comment\nmsgstr "b"\n', "line 2: a comment inside an entry"),
        ('#x odd\nmsgid "a"\nmsgstr "b"\n', "line 1: unknown comment marker"),
        ('msgctxt "c"\nmsgid ""\nmsgstr "b"\n', "line 2: an empty msgid"),
        ('msgid "a"\nmsgstr "b"\n#~ msgid "o"\n#~ "x"\nmsgstr "y"\n', "line 5: an entry mixes"),
        ('msgid "a"\nmsgstr "b"\n#~msgid "o"\n', "line 3: '#~' must be followed"),
    ],
)
def test_syntax_errors_are_refused_with_their_line(text, problem):
    with pytest.raises(FormatError) as caught:
        parse("po", text.encode())
    assert problem in str(caught.value)
    if text.startswith('"'):  # after a header it would continue the header's msgstr
        return
    with pytest.raises(FormatError) as caught:  # the same after a header, 5 lines down
        parse("po", po_doc(text))
    line = int(problem.split(":")[0].split()[1])
    assert f"line {line + 5}:" in str(caught.value)


def test_more_plural_forms_than_the_header_allows_are_refused():
    entry = 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\nmsgstr[2] "e"\n'
    with pytest.raises(FormatError, match=r"line 6: msgstr\[2\] but the header says nplurals=2"):
        parse("po", po_doc(entry))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b'msgid "a"\nmsgstr "\xff"\n', "line 2: bytes that are not valid UTF-8"),
        (po_doc().replace(b"UTF-8", b"klingon"), "unknown charset"),
        (po_doc(), "no messages"),
    ],
)
def test_bad_files_are_refused(data, problem):
    with pytest.raises(FormatError, match=problem):
        parse("po", data)


def test_sniff():
    assert PO.sniff(b'# comment\n\nmsgid ""\nmsgstr ""\n')
    assert PO.sniff('msgctxt "a"\nmsgid "b"\nmsgstr ""\n'.encode("utf-16"))
    assert not PO.sniff(b'A plain text file.\nmsgid "x"\n')
    assert not PO.sniff(b"<?xml version='1.0'?><tmx/>")
