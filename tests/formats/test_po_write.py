"""The PO entry writer (po_write) makes exactly polib's text, except that it never wraps
a comment (``polib_text``): on every entry of a tenth of Django's catalogues, on 6,000
generated entries with every field, escape, line break and wrapping edge, and its line
filler gives textwrap's lines. A wrapped comment would read back as another one."""

import random
import textwrap

import polib
import pytest

from reviews.formats import format_by_name, po_write
from reviews.formats.base import ExportOptions, ExportUnit
from reviews.formats.po_fast import Entry
from tests.formats.support import DJANGO

CATALOGUES = sorted(DJANGO.glob("**/LC_MESSAGES/*.po"))[::10]
FIELDS = (
    "msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "tcomment", "comment",
    "flags", "occurrences", "previous_msgctxt", "previous_msgid", "previous_msgid_plural",
)  # fmt: skip


def as_entry(entry: polib.POEntry) -> Entry:
    return Entry(**{name: getattr(entry, name) for name in FIELDS})


def polib_text(fields: dict) -> str:
    """polib's text of an entry with these fields, its comment lines unwrapped (polib
    writes the comments first: translator's, then extracted)."""
    rest = {k: v for k, v in fields.items() if k not in ("tcomment", "comment")}
    lines = [
        marker + line
        for name, marker in (("tcomment", "# "), ("comment", "#. "))
        if fields.get(name)
        for line in fields[name].split("\n")
    ]
    return "".join(line + "\n" for line in lines) + str(polib.POEntry(**rest))


def test_a_long_comment_stays_on_its_line_and_reads_back_the_same():
    comment = ("Translators: " + "a long note about this message " * 4).strip()
    text = po_write.entry_text(Entry(msgid="x", comment=comment, tcomment=comment))
    assert text.startswith(f"# {comment}\n#. {comment}\nmsgid")
    assert str(polib.POEntry(msgid="x", comment=comment)).count("#.") == 2  # polib wraps it
    (entry,) = polib.pofile('msgid ""\nmsgstr ""\n\n' + text)
    assert (entry.comment, entry.tcomment) == (comment, comment)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-4:-2]))
def test_django_catalogue_entries_are_written_as_polib_writes_them(path):
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    assert entries
    for entry in entries:
        fields = {name: getattr(entry, name) for name in FIELDS}
        assert po_write.entry_text(as_entry(entry)) == polib_text(fields), entry.msgid


PIECES = [
    *"abcdefghij   ---", '"', "\\", "\t", "\n", "\r", "\x0b", "\x0c", "\x08", "\x1c",
    "\x85", "\u2028", *"中文字，。", "word", "hyphen-ated", "--", "x" * 80, " " * 5, "\\n",
]  # fmt: skip
LENGTHS = [0, 1, 5, 30, 60, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 150, 400]


def generated(rng: random.Random, length: int | None = None) -> str:
    length = rng.choice(LENGTHS) if length is None else length
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append(rng.choice(PIECES))
    text = "".join(parts)
    return text[:length] if rng.random() < 0.5 else text


def generated_fields(rng: random.Random) -> dict:
    fields = {"msgid": generated(rng), "msgstr": generated(rng)}
    for name in ("tcomment", "comment", "msgctxt"):
        if rng.random() < 0.3:
            fields[name] = generated(rng)
    if rng.random() < 0.2:
        fields.pop("msgstr")
        fields["msgid_plural"] = generated(rng)
        fields["msgstr_plural"] = {i: generated(rng) for i in range(rng.randint(1, 4))}
    if rng.random() < 0.3:
        fields["flags"] = rng.sample(["fuzzy", "python-format", "c-format"], rng.randint(1, 2))
    if rng.random() < 0.3:
        paths = ["a.py", "some-dir/file-name.py", "x" * 40, "templates/a b.html"]
        fields["occurrences"] = [
            (rng.choice(paths), rng.choice(["", "12", "3"])) for _ in range(rng.randint(1, 6))
        ]
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        if rng.random() < 0.1:
            fields[name] = generated(rng)
    return fields


@pytest.mark.parametrize("seed", range(4))
def test_generated_entries_are_written_as_polib_writes_them(seed):
    rng = random.Random(seed)
    for _ in range(1500):
        fields = generated_fields(rng)
        assert po_write.entry_text(Entry(**fields)) == polib_text(fields), fields


@pytest.mark.parametrize(
    ("value", "wraps"),
    [
        ("x" * 70, False),  # msgid "…" is 78 characters
        ("x" * 71, True),
        ('"' * 60, False),  # polib's rule takes the escapes off the length: 128 characters
        ("a " * 50, True),
    ],
)
def test_the_wrapping_edge_is_polib_s(value, wraps):
    text = po_write.entry_text(Entry(msgid=value))
    assert text.startswith('msgid ""\n') is wraps
    assert text == str(polib.POEntry(msgid=value))


def test_the_line_filler_gives_textwrap_s_lines():
    rng = random.Random(7)
    words = ["a", "bb", "中文字", "x" * 30, "y" * 90, " ", "  ", "\\n", '\\"', "q-r", "--"]
    for _ in range(2000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        width = rng.choice([10, 40, 76])
        expected = textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
        assert po_write.wrap(text, width) == expected, text


def test_an_exported_file_is_the_text_polib_writes_for_the_same_entries():
    units = [
        ExportUnit(source="Hello", target="你好", mt="", state="translated"),
        ExportUnit(source="a " * 60, target="b " * 60, mt="", state="new", key="k"),
        ExportUnit(source="Line\none", target="", mt="", state="untranslated"),
        ExportUnit(source='Say "hi"', target="说", mt="", state="rejected", note="x"),
    ]
    data = format_by_name("po").render(
        {}, units, source_lang="en", target_lang="zh-CN", options=ExportOptions()
    )
    # polib reads it back and writes it again: the same bytes.
    assert str(polib.pofile(data.decode())).encode() == data
    assert data.count(b"\nmsgid ") == 1 + 4  # the header and the units
