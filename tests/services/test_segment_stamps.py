"""Every segment carries its first and latest revision's time and author, whatever
service wrote them: exports and the "last change" filters read these, not the history."""

import pytest
from django.http import QueryDict

from reviews import services
from reviews.models import Segment
from reviews.segment_filters import apply_filter, parse_filter
from tests.services.test_document_reimport import new_version


def query(params: dict) -> QueryDict:
    q = QueryDict(mutable=True)
    q.update(params)
    return q


def assert_stamps_match_history(document):
    segments = list(document.segments.order_by("position"))
    assert segments
    for segment in segments:
        history = list(segment.revisions.order_by("version", "id"))
        first, last = history[0], history[-1]
        assert (segment.created_at, segment.created_by_id) == (first.created_at, first.author_id)
        assert (segment.changed_at, segment.changed_by_id) == (last.created_at, last.author_id)


def test_stamps_follow_every_kind_of_change(document, users, seed_bytes):
    assert_stamps_match_history(document)  # the import: the manager, at import time
    first, second, third, fourth = document.segments.order_by("position")[:4]
    services.segment_edit(segment=first, user=users["translator"], target="Edited.", version=1)
    services.segment_approve(segment=second, reviewer=users["editor"], version=1)
    services.segment_reject(segment=third, reviewer=users["editor"], reason="names", version=1)
    first.refresh_from_db()
    services.segment_revert(segment=first, user=users["editor"], to_version=1, version=2)
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[fourth.pk],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    services.bulk_undo(document=document, batch=result.batch, user=users["manager"])
    services.document_reimport(
        document=document, data=new_version(seed_bytes), filename="v2.txt", user=users["manager"]
    )
    assert_stamps_match_history(document)
    authors = set(document.segments.values_list("changed_by__username", flat=True))
    assert authors == {"manager", "editor"}  # the translator's edit was reverted


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"author": "translator"}, 1), ({"author": "manager"}, 45), ({"author": "nobody"}, 0)],
)
def test_last_change_filter_reads_the_stamps(document, users, params, expected):
    segment = document.segments.order_by("position").first()
    services.segment_edit(segment=segment, user=users["translator"], target="Edited.", version=1)
    flt = parse_filter(query(params))
    assert apply_filter(Segment.objects.filter(document=document), flt).count() == expected


def test_last_change_filter_by_day_uses_whole_days(document, users):
    segment = document.segments.order_by("position").first()
    services.segment_edit(segment=segment, user=users["translator"], target="Edited.", version=1)
    segment.refresh_from_db()
    day = segment.changed_at.date().isoformat()
    segments = Segment.objects.filter(document=document)
    assert apply_filter(segments, parse_filter(query({"since": day, "until": day}))).count() == 46
    assert apply_filter(segments, parse_filter(query({"until": "2000-01-01"}))).count() == 0
