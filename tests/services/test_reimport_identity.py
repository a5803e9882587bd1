"""A new version is matched with the stored segments by identity before order: moving
units never loses work, and a unit that leaves takes its history into the archive,
from which a later version brings it back (issue 15, point 1)."""

from xml.sax.saxutils import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews import selectors, services
from reviews.models import Comment, LqaError, Revision, Segment
from reviews.services.scoring import document_totals_rebuild

TMX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
    'adminlang="en" creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="t" datatype="plaintext"/><body>\n'
)


def tmx(units: list[tuple[str, str, str]]) -> tuple[bytes, str]:
    body = "".join(
        f'<tu tuid="{escape(key)}"><tuv xml:lang="zh-CN"><seg>{escape(zh)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>\n'
        for key, zh, en in units
    )
    return (TMX_HEAD + body + "</body></tmx>").encode(), "units.tmx"


def po(units: list[tuple[str, str, str]]) -> tuple[bytes, str]:
    """(msgctxt, msgid, msgstr): the key is msgctxt|msgid."""
    entries = "".join(
        f'msgctxt "{ctxt}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for ctxt, msgid, msgstr in units
    )
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    header += '"Language: en\\n"\n\n'
    return (header + entries).encode(), "units.po"


def xliff(units: list[tuple[str, str, str]]) -> tuple[bytes, str]:
    body = "".join(
        f'<trans-unit id="{escape(key)}"><source>{escape(zh)}</source>'
        f"<target>{escape(en)}</target></trans-unit>\n"
        for key, zh, en in units
    )
    return (
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="zh-CN" target-language="en" datatype="plaintext">'
        f"<body>\n{body}</body></file></xliff>\n"
    ).encode(), "units.xlf"


def text(units: list[tuple[str, str, str]]) -> tuple[bytes, str]:
    """A translation reviewed without a source: one paragraph (one sentence) a line."""
    return "".join(f"{en}\n" for _key, _zh, en in units).encode(), "units.txt"


A = ("a", "甲方同意。", "Party A agrees.")
B = ("b", "乙方反对。", "Party B objects.")
C = ("c", "丙方弃权。", "Party C abstains.")
FORMATS = [tmx, po, xliff, text]


def import_units(project, users, write, units):
    data, filename = write(units)
    return services.document_import(
        project=project, data=data, filename=filename, user=users["manager"]
    )


def new_version(document, users, write, units):
    data, filename = write(units)
    return services.document_reimport(
        document=document, data=data, filename=filename, user=users["manager"]
    )


def review(segment, users, target: str) -> Segment:
    """Edited by the translator, approved by the editor with an LQA error, commented."""
    segment = services.segment_edit(
        segment=segment, user=users["translator"], target=target, version=segment.version
    )
    segment = services.segment_approve(
        segment=segment,
        reviewer=users["editor"],
        version=segment.version,
        errors=[{"category": "style", "severity": "minor", "note": "tone"}],
    )
    services.comment_add(segment=segment, author=users["editor"], text="Good now.")
    return segment


def history(segment: Segment) -> tuple:
    return (
        list(Revision.objects.filter(segment=segment).values_list("pk", "action", "after_target")),
        list(Comment.objects.filter(segment=segment).values_list("pk", flat=True)),
        list(LqaError.objects.filter(revision__segment=segment).values_list("pk", flat=True)),
    )


def live(document) -> list[tuple]:
    return list(document.segments.order_by("position").values_list("position", "pk", "target"))


@pytest.mark.parametrize("write", FORMATS, ids=lambda w: w.__name__)
def test_a_version_that_only_moves_units_keeps_every_one(project, users, write):
    document = import_units(project, users, write, [A, B, C])
    b = document.segments.get(position=1)
    b = review(b, users, "Party B objects strongly.")
    before = history(b)
    ids = {s.mt: s.pk for s in document.segments.all()}

    report = new_version(document, users, write, [B, A, C])

    assert (len(report.kept), report.changed, report.added, report.removed) == (3, [], [], [])
    b.refresh_from_db()
    assert (b.position, b.target, b.state, b.version) == (
        0,
        "Party B objects strongly.",
        "approved",
        3,
    )
    assert history(b) == before and all(before)
    assert live(document) == [
        (0, b.pk, "Party B objects strongly."),
        (1, ids[A[2]], A[2]),
        (2, ids[C[2]], C[2]),
    ]
    assert Segment.all_objects.filter(document=document).count() == 3  # nothing archived
    assert b"Party B objects strongly." in services.document_export(document=document)


def test_a_version_writes_only_the_segments_it_changes(project, users):
    units = [(f"t{n}", f"第{n}条。", f"Article {n}.") for n in range(30)]
    document = import_units(project, users, tmx, units)
    with CaptureQueriesContext(connection) as unchanged:
        new_version(document, users, tmx, units)
    with CaptureQueriesContext(connection) as swapped:
        new_version(document, users, tmx, [units[1], units[0], *units[2:]])

    def segment_updates(queries) -> list[str]:
        return [q["sql"] for q in queries if 'UPDATE "reviews_segment"' in q["sql"]]

    assert segment_updates(unchanged) == []
    assert len(segment_updates(swapped)) == 2  # lift both, then place both (one executemany)
    assert [key for (key,) in document.segments.values_list("key")][:3] == ["t1", "t0", "t2"]


def test_a_renumbered_tool_keeps_the_work_by_text(project, users):
    """XLIFF ids "1", "2", ... rewritten after an insertion: the text decides."""
    document = import_units(project, users, xliff, [("1", *A[1:]), ("2", *B[1:])])
    b = review(document.segments.get(position=1), users, "B, reviewed.")
    report = new_version(
        document, users, xliff, [("1", "新条款。", "A new clause."), ("2", *A[1:]), ("3", *B[1:])]
    )
    assert (len(report.kept), report.changed, report.added) == (2, [], [0])
    b.refresh_from_db()
    assert (b.key, b.position, b.target, b.state) == ("3", 2, "B, reviewed.", "approved")


def test_a_keyed_unit_whose_text_changed_is_kept_wherever_it_moved(project, users):
    document = import_units(project, users, tmx, [A, B, C])
    b = review(document.segments.get(position=1), users, "B, reviewed.")
    report = new_version(
        document, users, tmx, [C, ("b", "乙方强烈反对。", "B strongly objects."), A]
    )
    assert (report.changed, report.approved_changed, report.added, report.removed) == (
        [1],
        [1],
        [],
        [],
    )
    b.refresh_from_db()
    # The reviewer's translation stays, to be reviewed against the new source.
    assert (b.position, b.source, b.target, b.state) == (1, "乙方强烈反对。", "B, reviewed.", "new")


@pytest.mark.parametrize("write", FORMATS, ids=lambda w: w.__name__)
def test_a_removed_unit_is_archived_with_its_history_and_comes_back(project, users, write):
    document = import_units(project, users, write, [A, B, C])
    b = review(document.segments.get(position=1), users, "Party B objects strongly.")
    before = history(b)

    report = new_version(document, users, write, [C, A])

    assert report.removed == ["Party B objects strongly."]
    assert [pk for _pos, pk, _t in live(document)] == [
        Segment.objects.get(document=document, mt=C[2]).pk,
        Segment.objects.get(document=document, mt=A[2]).pk,
    ]
    archived = Segment.all_objects.get(pk=b.pk)
    assert archived.removed_at is not None and history(archived) == before
    # Gone from every read of the document ...
    assert not Segment.objects.filter(pk=b.pk).exists()
    assert selectors.document_progress(document=document).total == 2
    assert [s.pk for s in selectors.segments_for_review(document=document)] == [
        pk for _pos, pk, _t in live(document)
    ]
    assert b"Party B objects strongly." not in services.document_export(document=document)
    totals = services.document_totals(document=document)
    assert totals["segments"] == 2
    assert document_totals_rebuild(document_id=document.pk) == totals

    report = new_version(document, users, write, [A, B, C])

    # ... until a version brings the unit back: the same segment, with its history.
    assert (report.restored, report.added, report.removed) == ([1], [], [])
    assert "1 removed earlier came back with their history" in report.summary()
    b.refresh_from_db()
    assert (b.removed_at, b.position, b.target, b.state) == (
        None,
        1,
        "Party B objects strongly.",
        "approved",
    )
    assert history(b) == before
    assert [pos for pos, _pk, _t in live(document)] == [0, 1, 2]
    assert services.document_totals(document=document)["segments"] == 3
    assert document_totals_rebuild(document_id=document.pk)["segments"] == 3


def test_a_removed_segment_leaves_the_undo_of_a_bulk_action_alone(project, users):
    document = import_units(project, users, tmx, [A, B, C])
    ids = list(document.segments.order_by("position").values_list("pk", flat=True))
    done = services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert done.changed == 3
    new_version(document, users, tmx, [A, C])
    undone = services.bulk_undo(batch=done.batch, user=users["editor"], document=document)
    assert (undone.changed, undone.skipped) == (2, 1)
    assert Segment.all_objects.get(mt=B[2], document=document).state == "approved"


# ---------------------------------------------------------------------------------------
# Any shuffle, insertion and deletion between two versions


POOL = 12


@st.composite
def two_versions(draw):
    first = draw(st.lists(st.integers(0, POOL - 1), min_size=1, max_size=8, unique=True))
    kept = draw(st.lists(st.sampled_from(first), unique=True))
    added = draw(st.lists(st.integers(POOL, 2 * POOL), unique=True, max_size=4))
    second = draw(st.permutations(kept + added or [POOL]))  # a file holds at least one unit
    approved = draw(st.lists(st.sampled_from(first), unique=True))
    return first, second, approved


def keyed_unit(n: int) -> tuple[str, str, str]:
    return (f"tu-{n}", f"源文{n}。", f"Machine {n}.")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(versions=two_versions(), write=st.sampled_from(FORMATS))
def test_approved_units_still_present_keep_their_work(project, users, versions, write):
    first, second, approved = versions
    document = import_units(project, users, write, [keyed_unit(n) for n in first])
    by_unit = {n: document.segments.get(position=p) for p, n in enumerate(first)}
    for n in approved:
        by_unit[n] = review(by_unit[n], users, f"Reviewed {n}.")
    before = {n: history(by_unit[n]) for n in approved}

    new_version(document, users, write, [keyed_unit(n) for n in second])

    present = {s.pk: s for s in document.segments.all()}
    for n in (n for n in approved if n in second):
        segment = present.get(by_unit[n].pk)
        assert segment is not None, f"unit {n} lost its segment"
        assert history(segment) == before[n]
        assert (segment.position, segment.target, segment.state) == (
            second.index(n),
            f"Reviewed {n}.",
            "approved",
        )
    for n in (n for n in approved if n not in second):
        segment = Segment.all_objects.get(pk=by_unit[n].pk)  # never deleted
        if write is text:
            # Without keys, the paragraph that stands in its place now may be its new
            # wording: archived, or changed in place; its history is kept either way.
            revisions, comments, errors = history(segment)
            assert (revisions[:3], comments, errors) == before[n]
        else:  # another key is another unit
            assert segment.removed_at is not None and history(segment) == before[n]
    assert [mt for (mt,) in document.segments.order_by("position").values_list("mt")] == [
        keyed_unit(n)[2] for n in second
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(st.sampled_from(["One.", "Two.", "Three.", "Four."]), min_size=1, max_size=7),
    data=st.data(),
)
def test_duplicates_in_any_order_keep_the_document_whole(project, users, lines, data):
    """Repeated paragraphs: the segments follow the new version exactly, and whatever a
    new version left out is archived, never deleted."""
    second = data.draw(st.permutations(lines[: data.draw(st.integers(0, len(lines)))]))
    second += data.draw(
        st.lists(st.sampled_from(["One.", "Five."]), min_size=not second, max_size=3)
    )
    document = import_units(project, users, text, [("", "", line) for line in lines])
    first_ids = set(document.segments.values_list("pk", flat=True))

    new_version(document, users, text, [("", "", line) for line in second])

    assert [mt for (mt,) in document.segments.order_by("position").values_list("mt")] == second
    with_history = Revision.objects.filter(segment_id__in=first_ids).values("segment_id")
    assert with_history.distinct().count() == len(first_ids)
