"""PO entries and the header nobody changed come back as the file had them (issue 17,
point 5): other tools wrap at 79 columns, keep a long ``#.`` comment on one line, order
the header's fields their way and wrap its long lines; only entries we changed are
written anew (as polib writes them). On files written here and on Django's catalogues:
the same bytes, the same polib entries and header, ``msgfmt -c`` and translate-toolkit."""

import subprocess

import polib
import pytest

from reviews.formats import format_by_name, po_fast
from reviews.formats.po_read import file_entries
from tests.formats.support import DJANGO, as_export, parse, render
from tests.formats.test_po import MSGFMT, entry_view, needs_msgfmt

PO = format_by_name("po")

LONG_COMMENT = (
    "Translators: this extracted comment is longer than the wrap width and stays on one "
    "line, as xgettext wrote it"
)
WRITTEN = f"""\
# Catalogue of a test.
# Copyright (C) 2026
#
msgid ""
msgstr ""
"Project-Id-Version: test 1.0\\n"
"Language: fr\\n"
"X-Generator: Weblate 5.0\\n"
"Language-Team: French (http://app.transifex.com/django/django/language/"
"fr/)\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#. {LONG_COMMENT}
#: app/views.py:12
#: app/templates/a-very-long-directory-name/with-hyphens/and-a-template-name.html:7
msgid "Hello"
msgstr "Bonjour"

#: app/forms.py:3
#, python-format, fuzzy
msgid "%(count)s items"
msgstr "%(count)s éléments"

#, python-format
msgid ""
"Enter a valid «slug» consisting of Unicode letters, numbers, underscores, or "
"hyphens."
msgstr ""
"Ce champ ne doit contenir que des lettres Unicode, des nombres, des tirets "
"bas ou des traits d'union."

msgid "Edited here"
msgstr "Édité ici"

#| msgid "Old text"
msgid "New text"
msgid_plural "New texts"
msgstr[0] "Nouveau texte"
msgstr[1] "Nouveaux textes"

#~ msgid "Gone"
#~ msgstr "Parti"
"""


def unedited(data: bytes, lang: str = "fr") -> bytes:
    parsed = parse("po", data, "en", lang)
    return render("po", parsed.skeleton, as_export(parsed), "en", lang)


def as_written(data: bytes) -> dict[tuple, str]:
    """Each active entry's lines as the file has them, by (msgctxt, msgid)."""
    entries, skeleton = file_entries(data)
    texts = {(e.msgctxt, e.msgid): e.as_written for e in entries}
    return {("header", ""): skeleton["header_written"], **texts}


def test_an_unedited_file_comes_back_byte_for_byte():
    data = WRITTEN.encode()
    assert unedited(data) == data


def test_both_readers_keep_the_layout():
    data = WRITTEN.encode()
    units = parse("po", data, "en", "fr").units  # the thorough reader: #| and #~ lines
    kept = [u.meta["po_layout"].get("text", "unwrapped") for u in units]
    written = list(as_written(data).values())[1:]
    assert kept == [*written[:3], "unwrapped", "unwrapped"]  # the last two: one-line strings
    assert units[0].meta["po_layout"]["text"].startswith(f"#. {LONG_COMMENT}\n#: ")
    simple = data.split(b"#| ")[0].rstrip() + b'\n\nmsgid "New text"\nmsgstr ""\n'
    fast = po_fast.read(simple.decode())
    assert fast is not None and fast.header_written.startswith("# Catalogue")
    assert unedited(simple) == simple


def test_only_the_edited_entry_is_written_anew():
    data = WRITTEN.encode()
    parsed = parse("po", data, "en", "fr")
    edited = [u.source for u in parsed.units].index("Edited here")
    out = render("po", parsed.skeleton, as_export(parsed, targets={edited: "Modifié"}), "en", "fr")
    before, after = as_written(data), as_written(out)
    assert after.pop((None, "Edited here")) == 'msgid "Edited here"\nmsgstr "Modifié"\n'
    before.pop((None, "Edited here"))
    assert after == before  # the header and every other entry: the same lines
    assert f"#. {LONG_COMMENT}\n" in out.decode()


def test_a_changed_state_rewrites_that_entry_and_keeps_its_fields():
    data = WRITTEN.encode()
    parsed = parse("po", data, "en", "fr")
    fuzzy = [u.source for u in parsed.units].index("%(count)s items")
    assert parsed.units[fuzzy].state == "new"
    out = render(
        "po", parsed.skeleton, as_export(parsed, states={fuzzy: "approved"}), "en", "fr"
    ).decode()
    assert '#: app/forms.py:3\n#, python-format\nmsgid "%(count)s items"' in out
    assert f"#. {LONG_COMMENT}\n" in out  # the others as they were


def test_the_header_keeps_its_fields_order_and_wrapping_when_the_charset_must_change():
    data = WRITTEN.replace("charset=UTF-8", "charset=ISO-8859-1").encode("latin-1")
    parsed = parse("po", data, "en", "fr")
    assert unedited(data) == data
    edited = [u.source for u in parsed.units].index("Edited here")
    out = render("po", parsed.skeleton, as_export(parsed, targets={edited: "编辑"}), "en", "fr")
    header = out.decode("utf-8").split("\n\n")[0]
    assert header == WRITTEN.split("\n\n")[0]  # the same lines, now saying UTF-8


def test_a_header_imported_before_its_lines_were_kept_keeps_the_order_read():
    parsed = parse("po", WRITTEN.encode(), "en", "fr")
    skeleton = {k: v for k, v in parsed.skeleton.items() if k != "header_written"}
    out = polib.pofile(render("po", skeleton, as_export(parsed), "en", "fr").decode())
    assert list(out.metadata) == [k for k, _v in parsed.skeleton["metadata"]]
    assert list(out.metadata)[:3] == ["Project-Id-Version", "Language", "X-Generator"]


# Django's catalogues: several languages, django.po and djangojs.po.
CATALOGUES = [
    DJANGO / f"{part}/locale/{lang}/LC_MESSAGES/{name}.po"
    for part, lang, name in [
        ("conf", "zh_Hans", "django"),
        ("conf", "ar", "django"),
        ("conf", "ja", "django"),
        ("conf", "ru", "django"),
        ("conf", "de", "django"),
        ("contrib/admin", "fr", "djangojs"),
        ("contrib/admin", "zh_Hant", "djangojs"),
        ("contrib/admin", "uk", "django"),
        ("contrib/gis", "sr", "django"),
    ]
]


def polib_view(data: bytes) -> tuple:
    po = polib.pofile(data.decode("utf-8-sig"))
    return po.header, list(po.metadata.items()), [entry_view(e) for e in po]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-4:-2]))
def test_django_catalogues_come_back_byte_for_byte(path):
    data = path.read_bytes()
    out = unedited(data, path.parts[-3])
    assert polib_view(out) == polib_view(data)  # entries, comments, flags, header
    assert out == data


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-4:-2]))
def test_edited_django_catalogues_change_only_the_edited_entries(path, tmp_path):
    data, lang = path.read_bytes(), path.parts[-3]
    parsed = parse("po", data, "en", lang)
    translated = [i for i, u in enumerate(parsed.units) if u.state == "translated"]
    edits = {i: f"{parsed.units[i].target} (revu)" for i in translated[3::7]}
    assert edits
    out = render("po", parsed.skeleton, as_export(parsed, targets=edits), "en", lang)
    keys = [(u.meta.get("msgctxt"), u.source) for u in parsed.units]
    before, after = as_written(data), as_written(out)
    for i in edits:
        assert after.pop(keys[i]) != before.pop(keys[i])
    assert after == before  # every other entry and the header: byte-identical lines
    theirs = polib.pofile(out.decode())
    ours = polib.pofile(data.decode())
    assert list(theirs.metadata.items()) == list(ours.metadata.items())
    changed = {keys[i] for i in edits}
    for old, new in zip(ours, theirs, strict=True):
        if (old.msgctxt, old.msgid) not in changed:
            assert entry_view(new) == entry_view(old)
        else:  # only the first form of a plural entry is the segment's target
            assert (new.msgstr or new.msgstr_plural[0]).endswith(" (revu)")
            assert entry_view(new)[5:] == entry_view(old)[5:]  # flags, comments, references
    if MSGFMT:
        check = tmp_path / "out.po"
        check.write_bytes(out)
        result = subprocess.run(
            [MSGFMT, "-c", "-o", "/dev/null", str(check)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


@needs_msgfmt
def test_msgfmt_accepts_the_written_file_unedited_and_edited(tmp_path):
    data = WRITTEN.encode()
    parsed = parse("po", data, "en", "fr")
    out = render("po", parsed.skeleton, as_export(parsed, targets={0: "Salut"}), "en", "fr")
    for name, blob in (("unedited.po", unedited(data)), ("edited.po", out)):
        (tmp_path / name).write_bytes(blob)
        result = subprocess.run(
            [MSGFMT, "-c", "-o", "/dev/null", str(tmp_path / name)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGUES[:4], ids=lambda p: "/".join(p.parts[-4:-2]))
def test_translate_toolkit_reads_the_same_units(path):
    tt_po = pytest.importorskip("translate.storage.po")
    data, lang = path.read_bytes(), path.parts[-3]
    parsed = parse("po", data, "en", lang)
    out = render("po", parsed.skeleton, as_export(parsed, targets={5: "edited"}), "en", lang)

    def units(blob: bytes) -> list[tuple]:
        store = tt_po.pofile(blob)
        return [
            (u.getcontext(), str(u.source), u.target, u.isfuzzy(), u.getlocations(), u.getnotes())
            for u in store.units
            if not u.isheader()
        ]

    expected = units(data)
    expected[5] = (*expected[5][:2], "edited", *expected[5][3:])
    got = units(out)
    assert got == expected


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*CATALOGUES[:2], "written"], ids=["zh_Hans", "ar", "written"])
def test_the_command_line_round_trip_through_the_database_is_byte_for_byte(path, tmp_path):
    from tests.commands.test_cli_formats import cli_round_trip

    if path == "written":
        path = tmp_path / "written.po"
        path.write_text(WRITTEN)
    _document, out = cli_round_trip(path, "en", "fr", "po", tmp_path)
    assert out == path.read_bytes()


@pytest.mark.django_db
def test_edits_through_the_services_rewrite_only_their_entries(project, users):
    from reviews import services

    path = CATALOGUES[0]
    data = path.read_bytes()
    document = services.document_import(
        project=project, data=data, filename="django.po", user=users["manager"]
    )
    segments = list(document.segments.filter(state="translated").order_by("position")[:3])
    edited, approved, rejected = segments
    services.segment_edit(
        segment=edited, user=users["translator"], target="Edited", version=edited.version
    )
    services.segment_approve(segment=approved, reviewer=users["editor"], version=approved.version)
    services.segment_reject(
        segment=rejected, reviewer=users["editor"], reason="Wrong term", version=rejected.version
    )
    out = services.document_export(document=document)
    before, after = as_written(data), as_written(out)
    changed = {(s.meta.get("msgctxt"), s.source) for s in (edited, rejected)}
    for key in changed:
        assert after.pop(key) != before.pop(key)
    assert after == before  # the approved one says what it said: its lines as read
    text = out.decode()
    assert 'msgstr "Edited"\n' in text and "# Rejected: Wrong term\n#, fuzzy\n" in text


def test_an_edited_entry_keeps_its_long_comment_on_one_line():
    data = WRITTEN.encode()
    parsed = parse("po", data, "en", "fr")
    out = render("po", parsed.skeleton, as_export(parsed, targets={0: "Salut"}), "en", "fr")
    text = out.decode()
    assert f"#. {LONG_COMMENT}\n#: app/views.py:12" in text and 'msgstr "Salut"\n' in text
    again = parse("po", out, "en", "fr").units[0]
    assert (again.target, again.meta["comment"]) == ("Salut", LONG_COMMENT)


UNWRAPPED = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: src/a.py:1 src/b.py:2 src/templates/a-long-directory-name/with-a-template-name.html:30
#, fuzzy, python-format
msgid "A message longer than the wrap width of polib, written on one line by msgcat"
msgstr "Un message plus long que la largeur de polib, écrit sur une seule ligne comme msgcat"

msgid "Short"
msgstr "Court"
"""


def test_a_file_that_wraps_nothing_keeps_that_shape_without_storing_its_lines():
    data = UNWRAPPED.encode()
    parsed = parse("po", data, "en", "fr")
    assert [u.meta["po_layout"] for u in parsed.units] == [
        {"wrap": 0, "state": "new"},
        {"wrap": 0, "state": "translated"},
    ]
    assert unedited(data) == data
    long_target = "Un message modifié, toujours plus long que la largeur de polib, sur une ligne"
    out = render("po", parsed.skeleton, as_export(parsed, targets={0: long_target}), "en", "fr")
    assert out == data.replace(parsed.units[0].target.encode(), long_target.encode())
