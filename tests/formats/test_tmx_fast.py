"""The usual <tu> written as text (tmx_fast) is exactly what lxml writes for the tree
that _write_tu builds: on the LISA kit, on the benchmark's kind of units and on
generated hostile text. Units it cannot write it hands back (None), never wrongly."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reviews.formats import ExportOptions, ExportUnit, format_by_name, tmx_fast
from reviews.formats import tmx as tmx_module
from tests.formats.support import TMX_FILES

TMX = format_by_name("tmx")
OPTIONS = (ExportOptions(), ExportOptions(include_mt=True), ExportOptions(approved_only=True))
STATES = ("untranslated", "new", "translated", "rejected", "approved")
T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def general(unit, position, options, source_lang="zh-CN", target_lang="en"):
    tree = tmx_module._write_tu(unit, position, source_lang, target_lang, options)
    return etree.tostring(tree, encoding="unicode")


def assert_same(unit, position=0, options=OPTIONS[0], langs=("zh-CN", "en")):
    fast = tmx_fast.tu_xml(unit, position, *langs, options)
    if fast is not None:
        assert fast == general(unit, position, options, *langs)
    return fast


def export_units(parsed_units):
    return [
        ExportUnit(
            source=u.source,
            target=u.target + (" edited" if i % 3 == 0 else ""),
            mt=u.target,
            state=STATES[i % 5],
            key=u.key,
            meta=u.meta,
            note='names <wrong> & "bad"' if i % 5 == 3 else "",
            created_at=T0,
            changed_at=T0 + timedelta(seconds=i),
            created_by="manager" if i % 2 else "",
            changed_by="o'brien & co" if i % 4 else "",
        )
        for i, u in enumerate(parsed_units)
    ]


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.stem)
def test_kit_units_written_as_text_equal_lxml(path):
    parsed = TMX.parse(path.read_bytes(), source_lang="en-US", target_lang="fr-CA")
    for options in OPTIONS:
        for position, unit in enumerate(export_units(parsed.units)):
            assert_same(unit, position, options, ("en-US", "fr-CA"))


def test_the_usual_units_take_the_text_path():
    rows = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        for i, (zh, en) in enumerate(
            [
                ("浙江。", "Zhejiang &amp; R&amp;D &lt;1&gt;."),
                ('<bpt i="1">&lt;b&gt;</bpt>浙江<ept i="1">&lt;/b&gt;</ept>', "plain"),
                ('浙江<ph x="1">&lt;br/&gt;</ph>', 'x<ph x="1">&lt;br/&gt;</ph>'),
                ("", ""),
            ]
        )
    )
    data = f'<tmx version="1.4"><header srclang="zh-CN"/><body>{rows}</body></tmx>'.encode()
    units = export_units(TMX.parse(data, source_lang="zh-CN", target_lang="en").units)
    for options in OPTIONS:
        assert all(assert_same(u, i, options) is not None for i, u in enumerate(units))


def test_shapes_it_does_not_write_go_to_the_tree():
    container = ExportUnit(
        source="⟨1⟩a⟨/1⟩", target="⟨1⟩b⟨/1⟩", mt="", state="new",
        meta={"format": "tmx", "tags": {"⟨1⟩": '<hi x="1"/>'}},
    )  # fmt: skip
    unknown = ExportUnit(source="a ⟨7/⟩", target="b", mt="", state="new", meta={"format": "tmx"})
    foreign = ExportUnit(
        source="a ⟨1/⟩", target="b", mt="", state="new", meta={"tags": {"⟨1/⟩": '<x id="1"/>'}}
    )
    extra = ExportUnit(
        source="a",
        target="b",
        mt="",
        state="new",
        meta={"format": "tmx", "tu": {"usagecount": "3"}},
    )
    for unit in (container, unknown, foreign, extra):
        assert tmx_fast.tu_xml(unit, 0, "zh-CN", "en", ExportOptions()) is None


PIECES = list("ab 浙<>&\"'\t\n\r\x01\ufffe]⟨⟩/1") + ["⟨1/⟩", "⟨1⟩", "⟨/1⟩", "⟨/1/⟩", "]]>"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    source=HOSTILE,
    target=HOSTILE,
    mt=HOSTILE,
    key=HOSTILE,
    note=HOSTILE,
    user=HOSTILE,
    state=st.sampled_from(STATES),
    with_tags=st.booleans(),
    own=st.booleans(),
    include_mt=st.booleans(),
    langs=st.sampled_from([["zh-CN", "en"], ["zh-CN"], ["zh&CN", 'e"n']]),
)
def test_generated_units_written_as_text_equal_lxml(
    source, target, mt, key, note, user, state, with_tags, own, include_mt, langs
):
    tags = {"⟨1/⟩": '<ph x="1">&lt;br/&gt;</ph>', "⟨1⟩": '<bpt i="1">&lt;b&gt;</bpt>'}
    meta = {"format": "tmx", "langs": langs} if own else {"format": "po"}
    if with_tags:
        meta |= {"tags": tags, "source_tags": tags}
    unit = ExportUnit(
        source=source, target=target, mt=mt, state=state, key=key, meta=meta, note=note,
        created_at=T0, changed_at=T0, created_by=user, changed_by=user,
    )  # fmt: skip
    assert_same(unit, 4, ExportOptions(include_mt=include_mt))
