"""Issue 17, point 8: a new version that is the same file again writes no segment and
no revision, in a number of queries that does not grow with the file; a big file is read
in the helper process meanwhile, and its errors still name the file and the line."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import services
from reviews.errors import ImportFailed
from reviews.models import Revision


def memory(units: int, changed: int | None = None) -> bytes:
    rows = []
    for n in range(units):
        zh, en = f"第{n}句。", f"Sentence {n}."
        if n % 3 == 0:
            zh = f'<bpt i="1">&lt;b&gt;</bpt>{zh}<ept i="1">&lt;/b&gt;</ept>'
            en = f'<bpt i="1">&lt;b&gt;</bpt>{en}<ept i="1">&lt;/b&gt;</ept>'
        if n == changed:
            zh = f"新的{zh}"
        rows.append(
            f'<tu tuid="t{n}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        )
    body = "\n".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        f'adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n{body}\n</body></tmx>\n'
    ).encode()


@pytest.fixture
def in_helper(settings, helpers_started):
    settings.PARSE_HELPER_MIN_BYTES = 1  # every file is read in the helper process
    return helpers_started


def stored(document):
    return list(document.segments.order_by("position").values_list("pk", "target", "state"))


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]


@pytest.mark.django_db
def test_the_same_file_again_writes_no_segment_and_no_revision(project, users, in_helper):
    data = memory(60)
    document = services.document_import(project=project, data=data, filename="m.tmx")
    first = document.segments.get(key="t1")
    services.segment_edit(segment=first, user=users["translator"], target="One.", version=1)
    services.segment_approve(
        segment=document.segments.get(key="t2"), reviewer=users["editor"], version=1
    )
    before, revisions = stored(document), Revision.objects.count()
    with CaptureQueriesContext(connection) as queries:
        report = services.document_reimport(document=document, data=data, filename="m.tmx")
    assert report.kept == list(range(60)) and not (report.changed or report.added)
    assert len(in_helper) == 2  # the import's and the new version's
    assert stored(document) == before and Revision.objects.count() == revisions
    segment_table = document.segments.model._meta.db_table
    assert [sql for sql in writes(queries) if segment_table in sql.split("SET")[0]] == []


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_file(project, in_helper):
    counts = []
    for units in (30, 300):
        data = memory(units)
        document = services.document_import(project=project, data=data, filename="m.tmx")
        with CaptureQueriesContext(connection) as queries:
            services.document_reimport(document=document, data=data, filename="m.tmx")
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_changed_unit_read_in_the_helper_is_still_found(project, users, in_helper):
    document = services.document_import(project=project, data=memory(40), filename="m.tmx")
    report = services.document_reimport(
        document=document, data=memory(40, changed=7), filename="m2.tmx"
    )
    assert report.changed == [7] and len(report.kept) == 39
    assert document.segments.get(key="t7").source == "新的第7句。"


@pytest.mark.django_db
def test_a_bad_new_version_is_refused_naming_the_file_and_line_and_changes_nothing(
    project, in_helper
):
    document = services.document_import(project=project, data=memory(20), filename="m.tmx")
    before = stored(document)
    bad = memory(20).replace(b"<seg>\xe7\xac\xac5", b"<seg><b>x</b>\xe7\xac\xac5")
    with pytest.raises(ImportFailed) as caught:
        services.document_reimport(document=document, data=bad, filename="bad.tmx")
    assert caught.value.message.startswith("bad.tmx: line 9, element <b>")
    assert stored(document) == before
