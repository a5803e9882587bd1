"""A big import streams: units are stored as the adapter reads them, below the ORM, with
one import revision each; a bad element late in the file still stores nothing; QA runs
in the import only for files of up to QA_INLINE_MAX segments."""

import pytest

from reviews import formats, services
from reviews.errors import ImportFailed
from reviews.models import Document, Revision, Segment
from reviews.services import qa

XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
    'adminlang="en" creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="t" datatype="plaintext"/><body>\n'
)


def tmx(units: list[tuple[str, str]], tail: str = "</body></tmx>") -> bytes:
    body = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
        for i, (zh, en) in enumerate(units)
    )
    return (XML_HEAD + body + tail).encode()


def test_a_streaming_adapter_yields_units_as_it_reads():
    data = tmx([(f"浙江{i}。", f"Zhejiang {i}.") for i in range(3000)])
    stream = formats.format_by_name("tmx").stream(data, source_lang="zh-CN", target_lang="en")
    first = next(stream.units)
    assert first.source == "浙江0。" and 0 < stream.done() < 0.5  # read the start only
    assert sum(1 for _ in stream.units) == 2999 and stream.done() == 1.0


def test_each_stored_segment_has_its_import_revision_and_stamps(project, users):
    data = tmx([("浙运安。", "Zhe Yunan."), ("防汛防台。", "Flood Prevention and Taiwan.")])
    document = services.document_import(
        project=project, data=data, filename="two.tmx", user=users["manager"]
    )
    segments = list(document.segments.order_by("position"))
    assert [(s.position, s.source, s.mt, s.target, s.state) for s in segments] == [
        (0, "浙运安。", "Zhe Yunan.", "Zhe Yunan.", "new"),
        (1, "防汛防台。", "Flood Prevention and Taiwan.", "Flood Prevention and Taiwan.", "new"),
    ]
    for segment in segments:
        (revision,) = segment.revisions.all()
        assert (revision.action, revision.version, revision.author, revision.note) == (
            "import",
            1,
            users["manager"],
            "imported from two.tmx",
        )
        assert (revision.after_target, revision.after_state) == (segment.target, "new")
        assert (revision.before_target, revision.before_state) == ("", "")
        assert revision.created_at == segment.created_at == segment.changed_at
        assert segment.created_by == segment.changed_by == users["manager"]
        assert segment.meta == {"format": "tmx", "langs": ["zh-CN", "en"]}
    assert document.skeleton["header"]["srclang"] == "zh-CN"


def test_a_bad_element_late_in_the_file_stores_nothing(project):
    good = [(f"浙江{i}。", f"Zhejiang {i}.") for i in range(2500)]
    data = tmx(good, tail='<tu tuid="x"><tuv xml:lang="zh-CN"><seg>断</seg></tu></body></tmx>')
    with pytest.raises(ImportFailed) as caught:
        services.document_import(project=project, data=data, filename="late.tmx")
    assert str(caught.value).startswith("late.tmx: line 2503: malformed XML")
    assert not Document.objects.exists() and not Segment.objects.exists()
    assert not Revision.objects.exists()


def test_a_unit_without_a_seg_late_in_the_file_names_its_line(project):
    good = [(f"浙江{i}。", f"Zhejiang {i}.") for i in range(10)]
    data = tmx(good, tail='<tu><tuv xml:lang="zh-CN"></tuv></tu></body></tmx>')
    with pytest.raises(ImportFailed, match=r"late.tmx: line 13, element <tuv>: a <tuv> has no"):
        services.document_import(project=project, data=data, filename="late.tmx")
    assert not Segment.objects.exists()


def test_qa_runs_in_the_import_up_to_the_inline_limit(monkeypatch, project):
    monkeypatch.setattr(qa, "QA_INLINE_MAX", 3)
    monkeypatch.setattr("reviews.services.documents.QA_INLINE_MAX", 3)
    three = tmx([("浙运安。", "Zhe Yunan said.")] * 3)
    small = services.document_import(project=project, data=three, filename="three.tmx")
    assert set(small.segments.values_list("qa_level", flat=True)) == {"warning"}
    assert all(s.qa for s in small.segments.all())  # the romanized-name check fired
    four = tmx([("浙运安。", "Zhe Yunan said.")] * 4)
    big = services.document_import(project=project, data=four, filename="four.tmx")
    assert [(s.qa_level, s.qa, s.qa_checks) for s in big.segments.all()] == [
        ("pending", [], "")
    ] * 4


def test_imported_approved_units_go_into_the_memory(project):
    data = tmx([("浙运安。", "Zheyun'an.")]).replace(
        b'<tu tuid="0">', b'<tu tuid="0"><prop type="x-state">approved</prop>'
    )
    document = services.document_import(project=project, data=data, filename="tm.tmx")
    segment = document.segments.get()
    assert segment.state == "approved"
    assert segment.memory_unit.target == "Zheyun'an."


def test_the_import_records_whether_the_document_has_a_source(project, seed_bytes, users):
    alone = services.document_import(project=project, data=seed_bytes, filename="seed.txt")
    with_source = services.document_import(
        project=project, data=tmx([("浙江。", "Zhejiang.")]), filename="one.tmx"
    )
    assert (alone.has_source, with_source.has_source) == (False, True)
    assert Document.objects.get(pk=alone.pk).has_source is False
    source = "\n\n".join(["浙江。"] * 32).encode()  # the seed's 32 paragraphs, a source each
    services.document_reimport(
        document=alone, data=seed_bytes, filename="seed.txt", source_data=source,
        source_filename="seed.zh.txt", user=users["manager"],
    )  # fmt: skip
    assert Document.objects.get(pk=alone.pk).has_source is True


def _stored(document) -> list[tuple]:
    return list(
        document.segments.order_by("position").values_list(
            "position", "key", "source", "mt", "target", "state", "meta", "qa_level", "read_only"
        )
    )


@pytest.mark.parametrize("fmt", ["tmx", "po"])
def test_a_big_file_read_in_the_helper_stores_what_reading_it_here_stores(
    settings, project, helpers_started, fmt
):
    if fmt == "tmx":
        units = [(f"<bpt i='1'>&lt;b&gt;</bpt>浙江{i}。<ept i='1'>&lt;/b&gt;</ept>", f"Zj {i}.")
                 for i in range(2500)]  # fmt: skip
        data, name = tmx(units), "big.tmx"
    else:
        entries = "".join(
            f'#. note {i}\n#, fuzzy\nmsgctxt "c{i % 7}"\nmsgid "浙江{i}"\nmsgstr "Zj {i}"\n\n'
            if i % 3 == 0 else f'msgid "浙江{i}"\nmsgstr ""\n\n'
            for i in range(2500)
        )  # fmt: skip
        data, name = (f'msgid ""\nmsgstr "Language: en\\n"\n\n{entries}').encode(), "big.po"
    settings.PARSE_HELPER_MIN_BYTES = 0  # never
    here = services.document_import(project=project, data=data, filename=name)
    assert not helpers_started
    settings.PARSE_HELPER_MIN_BYTES = len(data)  # this file and bigger
    there = services.document_import(project=project, data=data, filename=name)
    assert len(helpers_started) == 1 and helpers_started[0].process.returncode == 0
    assert _stored(there) == _stored(here) and len(_stored(here)) == 2500
    assert there.skeleton == here.skeleton
    assert Revision.objects.filter(segment__document=there).count() == 2500


def test_a_bad_element_late_in_a_file_read_in_the_helper_stores_nothing(
    settings, project, helpers_started
):
    settings.PARSE_HELPER_MIN_BYTES = 1
    good = [(f"浙江{i}。", f"Zhejiang {i}.") for i in range(2500)]
    data = tmx(good, tail='<tu tuid="x"><tuv xml:lang="zh-CN"><seg>断</seg></tu></body></tmx>')
    with pytest.raises(ImportFailed) as caught:
        services.document_import(project=project, data=data, filename="late.tmx")
    assert str(caught.value).startswith("late.tmx: line 2503: malformed XML")
    assert helpers_started and not Document.objects.exists() and not Segment.objects.exists()


def test_an_import_failing_while_it_stores_stops_its_helper(
    monkeypatch, settings, project, helpers_started
):
    from reviews.services import documents

    def failing(model, fields, rows, after_batch=None):
        for _ in zip(range(10), rows, strict=False):
            pass
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(documents, "insert_rows", failing)
    settings.PARSE_HELPER_MIN_BYTES = 1
    data = tmx([(f"浙江{i}。", f"Zhejiang {i}.") for i in range(20_000)])
    with pytest.raises(RuntimeError, match="the disk is full"):
        services.document_import(project=project, data=data, filename="big.tmx")
    (started,) = helpers_started
    assert started.process.returncode is not None  # stopped with the import, not left reading
    assert not Document.objects.exists()


def test_each_batch_gets_its_revisions_as_it_is_stored(monkeypatch, project, users):
    """Revisions are written after each batch of segments (while the file is still
    read), not all at the end: every segment still has exactly one, whatever the
    batch boundaries."""
    from reviews.services import bulk_store, documents

    monkeypatch.setattr(bulk_store, "BATCH", 7)  # SQLite's executemany batches
    monkeypatch.setattr(bulk_store, "COPY_ROWS", 7)  # PostgreSQL's COPY statements
    written = []
    insert = documents._insert_import_revisions

    def recording(document, *, note, start, stop):
        written.append((start, stop, Segment.objects.filter(document=document).count()))
        insert(document, note=note, start=start, stop=stop)

    monkeypatch.setattr(documents, "_insert_import_revisions", recording)
    data = tmx([(f"浙江{i}。", f"Zhejiang {i}.") for i in range(30)])
    document = services.document_import(
        project=project, data=data, filename="b.tmx", user=users["manager"]
    )
    # 4 full batches and the rest; each batch's revisions follow its own rows.
    assert written == [(0, 7, 7), (7, 14, 14), (14, 21, 21), (21, 28, 28), (28, 30, 30)]
    per_segment = [s.revisions.count() for s in document.segments.order_by("position")]
    assert per_segment == [1] * 30
    assert Revision.objects.filter(segment__document=document, action="import").count() == 30


@pytest.mark.django_db(transaction=True)
def test_a_stored_rows_foreign_keys_are_checked_as_it_is_stored(monkeypatch, project):
    """On PostgreSQL the import's foreign keys are checked per statement, while the
    file is read, not at COMMIT; a bad reference still stores nothing."""
    from django.db import connection

    from reviews.services import documents

    if connection.vendor != "postgresql":
        pytest.skip("SET CONSTRAINTS is PostgreSQL's")
    from psycopg.errors import ForeignKeyViolation  # the COPY's own error

    rows = documents._segment_rows

    def pointing_nowhere(document, units, *args, **kwargs):
        for row in rows(document, units, *args, **kwargs):
            yield (document.pk + 1000, *row[1:])  # no such document

    monkeypatch.setattr(documents, "_segment_rows", pointing_nowhere)
    steps = []
    monkeypatch.setattr(documents, "_insert_import_revisions", lambda *a, **k: steps.append(1))
    data = tmx([(f"浙江{i}。", f"Zhejiang {i}.") for i in range(3)])
    with pytest.raises(ForeignKeyViolation, match="violates foreign key constraint"):
        services.document_import(project=project, data=data, filename="fk.tmx")
    assert steps == []  # refused by the COPY itself, before any revision was written
    assert not Document.objects.exists() and not Segment.objects.exists()


def test_after_the_import_foreign_keys_are_deferred_again(project):
    """The rest of the caller's transaction keeps Django's deferred checks."""
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SET CONSTRAINTS is PostgreSQL's")
    with transaction.atomic():
        services.document_import(project=project, data=tmx([("浙。", "Z.")]), filename="d.tmx")
        # Deferred: a child row before its parent is fine until the transaction ends.
        Revision.objects.create(segment_id=10**9, version=1, action="edit", after_state="new")
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks what is pending now
        Revision.objects.filter(segment_id=10**9).delete()  # a deleted row is not checked
