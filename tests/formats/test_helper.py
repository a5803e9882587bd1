"""A file read in the helper process gives what the adapter gives in this one: the same
units, meta and skeleton; the same errors with their lines; and the helper ends
whenever the reading does, however it ends."""

from __future__ import annotations

import os

import pytest

from reviews.formats import FORMATS, FormatError, helper
from reviews.formats.base import json_text

from .support import PO_FILES, TMX_FILES

XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
    'adminlang="en" creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="t" datatype="plaintext"/><body>\n'
)


def tmx(count: int, tail: str = "</body></tmx>") -> bytes:
    body = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>浙江{i}。'
        f'<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en"><seg>Zhejiang {i}.</seg>'
        "</tuv></tu>\n"
        for i in range(count)
    )
    return (XML_HEAD + body + tail).encode()


def fields(unit) -> tuple:
    return (unit.source, unit.target, unit.state, unit.key, unit.meta, unit.read_only)


def read_both(name: str, data: bytes, source_lang="zh-CN", target_lang="en"):
    adapter = FORMATS[name]
    here = adapter.stream(data, source_lang=source_lang, target_lang=target_lang)
    there = helper.stream_in_helper(
        adapter, data, source_data=None, source_lang=source_lang, target_lang=target_lang
    )
    assert there.total == here.total
    return (here, list(here.units)), (there, list(there.units))


@pytest.mark.parametrize(
    ("name", "path", "langs"),
    [("tmx", p, ("en-US", "fr-FR")) for p in TMX_FILES[:6]]
    + [("po", p, ("en", "zh-Hans")) for p in PO_FILES[:2]],
    ids=lambda value: getattr(value, "name", None),
)
def test_real_files_read_there_as_here(helpers_started, name, path, langs):
    data = path.read_bytes()
    try:
        (here, mine), (there, theirs) = read_both(name, data, *langs)
    except FormatError as exc:  # a kit file refused here is refused there with the same words
        with pytest.raises(FormatError) as caught:
            list(helper.stream_in_helper(
                FORMATS[name], data, source_data=None, source_lang=langs[0],
                target_lang=langs[1]).units)  # fmt: skip
        assert str(caught.value) == str(exc)
        return
    assert [fields(u) for u in theirs] == [fields(u) for u in mine]
    assert [u.encoded_meta() for u in theirs] == [json_text(u.meta) for u in mine]
    assert there.skeleton == here.skeleton and there.done() == 1.0
    assert helpers_started and all(h.process.returncode == 0 for h in helpers_started)


def test_units_come_in_batches_while_the_helper_reads_on(helpers_started):
    data = tmx(5 * helper.BATCH)
    stream = helper.stream_in_helper(
        FORMATS["tmx"], data, source_data=None, source_lang="zh-CN", target_lang="en"
    )
    first = next(stream.units)
    assert first.source == "⟨1⟩浙江0。⟨/1⟩" and first.meta["source_tags"] == {
        "⟨1⟩": '<bpt i="1">&lt;b&gt;</bpt>',
        "⟨/1⟩": '<ept i="1">&lt;/b&gt;</ept>',
    }
    assert 0 < stream.done() < 1 and stream.skeleton == {}  # the skeleton comes last
    assert sum(1 for _ in stream.units) == 5 * helper.BATCH - 1
    assert stream.done() == 1.0 and stream.skeleton["header"]["srclang"] == "zh-CN"
    (started,) = helpers_started
    assert started.process.returncode == 0 and started.process.pid != os.getpid()


def test_a_bad_element_late_in_the_file_is_the_same_error_with_its_line(helpers_started):
    data = tmx(3 * helper.BATCH, tail='<tu><tuv xml:lang="zh-CN"></tuv></tu></body></tmx>')
    with pytest.raises(FormatError) as here:
        list(FORMATS["tmx"].stream(data, source_lang="zh-CN", target_lang="en").units)
    stream = helper.stream_in_helper(
        FORMATS["tmx"], data, source_data=None, source_lang="zh-CN", target_lang="en"
    )
    taken = []
    with pytest.raises(FormatError) as there:
        taken.extend(stream.units)
    assert len(taken) == 3 * helper.BATCH  # every unit before the bad one arrived
    assert (there.value.problem, there.value.line, there.value.element) == (
        here.value.problem,
        here.value.line,
        here.value.element,
    ) == ("a <tuv> has no <seg>", 3 * helper.BATCH + 3, "tuv")  # fmt: skip
    assert helpers_started[0].process.returncode == 0


def test_a_file_refused_whole_is_refused_before_any_unit():
    data = b'msgid "a"\nmsgstr "\xff\xfe caf\xe9"\n'  # not UTF-8, and no charset says
    with pytest.raises(FormatError) as here:
        FORMATS["po"].stream(data, source_lang="en", target_lang="zh")
    with pytest.raises(FormatError) as there:
        helper.stream_in_helper(
            FORMATS["po"], data, source_data=None, source_lang="en", target_lang="zh"
        )
    assert str(there.value) == str(here.value) and "utf-8" in str(here.value).lower()


def test_a_po_file_refused_late_gives_the_same_error_from_the_helper():
    data = b'msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n'  # the same msgid twice
    with pytest.raises(FormatError) as here:
        list(FORMATS["po"].stream(data, source_lang="en", target_lang="zh").units)
    stream = helper.stream_in_helper(
        FORMATS["po"], data, source_data=None, source_lang="en", target_lang="zh"
    )
    with pytest.raises(FormatError) as there:
        list(stream.units)
    assert str(there.value) == str(here.value) and "duplicate" in str(here.value).lower()


def test_an_import_that_stops_taking_units_stops_the_helper(helpers_started):
    stream = helper.stream_in_helper(
        FORMATS["tmx"], tmx(40 * helper.BATCH), source_data=None, source_lang="zh-CN",
        target_lang="en",
    )  # fmt: skip
    for _ in range(10):
        next(stream.units)
    stream.units.close()  # what happens when storing fails and the import unwinds
    (started,) = helpers_started
    assert started.process.returncode is not None  # ended (a broken pipe), not left behind


def test_a_helper_that_dies_is_an_error_not_a_short_file(helpers_started):
    stream = helper.stream_in_helper(
        FORMATS["tmx"], tmx(40 * helper.BATCH), source_data=None, source_lang="zh-CN",
        target_lang="en",
    )  # fmt: skip
    next(stream.units)
    helpers_started[0].process.kill()
    with pytest.raises(helper.HelperFailed, match=r"stopped unexpectedly \(exit code -9\)"):
        for _ in stream.units:
            pass


def test_a_failure_in_the_helper_comes_back_with_its_traceback():
    class Unknown:
        name = "no-such-format"

    with pytest.raises(helper.HelperFailed, match=r"(?s)failed:.*KeyError: 'no-such-format'"):
        helper.stream_in_helper(
            Unknown(), b"x", source_data=None, source_lang="zh-CN", target_lang="en"
        )


def test_an_encoded_unit_decodes_its_meta_once():
    unit = helper.EncodedUnit("源", "Source", "new", "k", '{"format":"tmx","tags":{}}', False)
    assert unit.meta == {"format": "tmx", "tags": {}} and unit.meta is unit.meta
    assert unit.encoded_meta() == '{"format":"tmx","tags":{}}'
