"""The one-pass PO reader (po_fast) gives exactly what the scan and polib give, on
Django's own catalogues and on the comment, header and string quirks of polib; files
it does not handle it leaves to them (None), and errors are theirs to report."""

import dataclasses

import pytest

from reviews.formats import FormatError, format_by_name, po_fast
from tests.formats.support import DJANGO

PO = format_by_name("po")
CATALOGUES = sorted(DJANGO.glob("**/LC_MESSAGES/*.po"))[::15]  # about 80 of them
READ = po_fast.read


def both_ways(monkeypatch, data: bytes):
    """(result with po_fast, result without, whether po_fast read it)."""
    used = []

    def spying(text):
        result = READ(text)
        used.append(result is not None)
        return result

    def parsed():
        try:
            result = PO.parse(data, source_lang="en", target_lang="zh")
        except FormatError as exc:
            return ("error", str(exc))
        return ([dataclasses.asdict(u) for u in result.units], result.skeleton)

    monkeypatch.setattr(po_fast, "read", spying)
    fast = parsed()
    monkeypatch.setattr(po_fast, "read", lambda text: None)
    thorough = parsed()
    return fast, thorough, bool(used and used[0])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-4:-2]))
def test_django_catalogues_read_the_same(monkeypatch, path):
    fast, thorough, _used = both_ways(monkeypatch, path.read_bytes())
    assert fast == thorough


def test_most_catalogues_take_the_one_pass_reader(monkeypatch):
    used = [both_ways(monkeypatch, path.read_bytes())[2] for path in CATALOGUES]
    assert sum(used) >= 0.9 * len(used)


HEADER = (
    '#\n# SOME TITLE\n##double\n#  two spaces\nmsgid ""\nmsgstr ""\n'
    '"Project-Id-Version: x\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    '"Language: zh\\n"\n"Continued line without colon\\n"\n\n'
)
SIMPLE = [
    HEADER + '#: a.py:1 b.py c.py:x d:\n#. extracted\n#.\n# translator\n#\nmsgid "a"\nmsgstr "b"\n',
    HEADER + '#, fuzzy, python-format\nmsgctxt "c"\nmsgid "x"\n"y"\nmsgstr ""\n"z"\n',
    HEADER + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "一"\nmsgstr[1] "多"',
    HEADER + 'msgid "esc \\" \\\\ \\n \\t"\nmsgstr "\\v\\b\\f"\n\n\n',
    '#, fuzzy\nmsgid ""\nmsgstr "Language: en\\n"\n\n#. MT: the mt\nmsgid "a"\nmsgstr ""\n',
    'msgid "no header"\nmsgstr "x"\n',
    HEADER + '# Rejected: names\n#, fuzzy\nmsgid "r"\nmsgstr "t"\n',
    (HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n"),  # Windows line ends
]
THOROUGH = [
    HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "alt"\n',  # obsolete
    HEADER + '#\ttabbed comment\nmsgid "a"\nmsgstr "b"\n',
    HEADER + '#| msgid "before"\nmsgid "a"\nmsgstr "b"\n',  # previous msgid
    HEADER + 'msgid "a"\nmsgstr "b"\n# trailing comment\n',
    HEADER + 'msgid "a"  \nmsgstr "b"\n',  # trailing spaces
]
BROKEN = [
    HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',  # duplicate
    HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
    HEADER + 'msgid "a"\nmsgstr "bad \\q escape"\n',
    HEADER + 'msgid "a"\nmsgstr "unterminated\n',
    HEADER + 'msgid ""\nmsgstr "second empty"\n',
    HEADER + '#,fuzzy\nmsgid "a"\nmsgstr "b"\n',
    HEADER,  # no messages
]


@pytest.mark.parametrize("text", SIMPLE)
def test_simple_files_are_read_in_one_pass_the_same(monkeypatch, text):
    fast, thorough, used = both_ways(monkeypatch, text.encode())
    assert used and fast == thorough and fast[0] != "error"


@pytest.mark.parametrize("text", THOROUGH)
def test_other_shapes_are_left_to_the_scan_and_polib(monkeypatch, text):
    fast, thorough, used = both_ways(monkeypatch, text.encode())
    assert not used and fast == thorough and fast[0] != "error"


@pytest.mark.parametrize("text", BROKEN)
def test_broken_files_get_the_scans_error(monkeypatch, text):
    fast, thorough, used = both_ways(monkeypatch, text.encode())
    assert not used and fast == thorough and fast[0] == "error"


def streamed(data: bytes):
    """(units, skeleton) as PoFormat.stream gives them, or ("error", message)."""
    try:
        stream = PO.stream(data, source_lang="en", target_lang="zh")
        units = [dataclasses.asdict(u) for u in stream.units]
    except FormatError as exc:
        return ("error", str(exc))
    return (units, stream.skeleton)


def never_simple(reader):
    raise po_fast.NotSimple
    yield


ODD = 'msgid  "two spaces: not the simple shape"\nmsgstr "x"\n'  # the scan takes it


@pytest.mark.parametrize("path", CATALOGUES[::4], ids=lambda p: "/".join(p.parts[-4:-2]))
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_file_that_stops_being_simple_streams_what_the_thorough_reader_reads(
    monkeypatch, path, where
):
    """The stream gives po_fast's units up to where the file stops being simple, then
    the thorough reader's from there: all of them the thorough reader's, in order."""
    text = path.read_bytes().decode()
    entries = text.split("\n\n")
    at = {"start": 1, "middle": len(entries) // 2, "end": len(entries)}[where]
    data = "\n\n".join([*entries[:at], ODD, *entries[at:]]).encode()
    fast = streamed(data)
    monkeypatch.setattr(po_fast, "read", lambda text: None)
    monkeypatch.setattr(po_fast.Reader, "__iter__", never_simple)
    assert fast == streamed(data)
    assert fast[0] != "error" and any(u["source"].startswith("two spaces") for u in fast[0])


def test_a_late_duplicate_is_the_thorough_reader_s_error_with_its_line():
    entries = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(50))
    data = (HEADER + entries + 'msgid "m3"\nmsgstr "again"\n').encode()
    stream = PO.stream(data, source_lang="en", target_lang="zh")
    taken = []
    with pytest.raises(FormatError, match=r"line 162: duplicate message, first defined at"):
        taken.extend(stream.units)
    assert len(taken) == 50  # po_fast's, before the duplicate


def test_the_stream_reads_as_units_are_taken():
    entries = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(1000))
    stream = PO.stream((HEADER + entries).encode(), source_lang="en", target_lang="zh")
    assert stream.done() < 0.01  # nothing read yet
    first = next(stream.units)
    assert first.source == "m0" and stream.done() < 0.05
    assert sum(1 for _ in stream.units) == 999 and stream.done() == 1.0
    assert stream.skeleton["metadata"][0] == ("Project-Id-Version", "x")
