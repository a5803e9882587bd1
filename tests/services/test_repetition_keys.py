"""Repetitions are found through the indexed keys of source and MT (reviews/repeat_keys.py):
every path that writes a source or an MT keys it, a text too long for a btree entry is
stored and found, and two texts that share a key are still told apart."""

from reviews import selectors, services
from reviews.models import Segment
from reviews.repeat_keys import repeat_key

from .test_propagation import FIXED, imported, save, seg


def repetitions(segment):
    return sorted(
        (s.document.title.removesuffix(".txt"), s.position)
        for s in selectors.segment_repetitions(segment=segment).select_related("document")
    )


def test_a_new_version_that_changes_a_source_is_found_by_its_new_source(project, users):
    first = imported(project, users, title="a")  # 共同富裕。 / 计划有效。 / 共同富裕。
    second = imported(
        project,
        users,
        text=b"Plan two.\nSomething else.\n",
        source="计划二。\n别的。\n".encode(),
        title="b",
    )
    origin = save(seg(first, 0), users["translator"])
    assert repetitions(origin) == [("a", 2)]

    services.document_reimport(
        document=second,
        data=b"Plan two.\nSomething else.\n",
        filename="b.txt",
        source_data="计划二。\n共同富裕。\n".encode(),
        source_filename="b.zh.txt",
        user=users["manager"],
    )
    assert seg(second, 1).source == "共同富裕。"
    assert repetitions(origin) == [("a", 2), ("b", 1)]
    result = services.segment_propagate(
        segment=origin, user=users["translator"], version=origin.version
    )
    assert result.updated == 2
    assert seg(second, 1).target == FIXED


def test_a_source_longer_than_an_index_entry_is_stored_and_its_repetitions_found(project, users):
    # 12,000 characters, 36 KB in UTF-8: more than a PostgreSQL btree entry may hold.
    long_source = "浙江省防汛防台在线系统" * 1_100 + "。"
    source = f"{long_source}\n计划有效。\n{long_source}\n".encode()
    first = imported(project, users, source=source, title="a")
    imported(project, users, source=source, title="b")
    origin = save(seg(first, 0), users["translator"])
    assert repetitions(origin) == [("a", 2), ("b", 0), ("b", 2)]
    assert services.repetitions_after_write(segment=origin, user=users["translator"]).offered == 3


def test_texts_that_share_a_key_are_no_repetitions(project, users):
    first = imported(project, users, title="a")
    other = seg(first, 1)  # 计划有效。: another source, another MT
    origin = save(seg(first, 0), users["translator"])
    # As if the two sources' digests collided: the texts themselves still differ.
    Segment.objects.filter(pk=other.pk).update(
        source_key=repeat_key(origin.source), mt_key=repeat_key(origin.mt)
    )
    assert repetitions(origin) == [("a", 2)]


def test_every_stored_segment_is_keyed_as_its_texts(project, users):
    imported(project, users, title="a")
    imported(project, users, source=None, title="b")
    rows = list(Segment.objects.values_list("source", "mt", "source_key", "mt_key"))
    assert len(rows) == 6
    for source, mt, source_key, mt_key in rows:
        assert (source_key, mt_key) == (repeat_key(source), repeat_key(mt))
    assert {row[2] for row in rows[3:]} == {None}  # no source: no key, no index entry
