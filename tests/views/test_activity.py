"""A document's activity: one entry per change, and one per bulk action or undo."""

import re

from django.urls import reverse

from reviews import selectors, services
from tests.conftest import PASSWORD


def activity(client, document, **params):
    client.login(username="translator", password=PASSWORD)
    response = client.get(reverse("reviews:document-activity", args=[document.pk]), params)
    assert response.status_code == 200
    return response.text


def entries(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[ >].*?</tr>", body, flags=re.S)


def test_a_bulk_action_and_its_undo_are_one_entry_each(client, document, users):
    edited = document.segments.order_by("position").first()
    services.segment_edit(segment=edited, user=users["translator"], target="Fixed.", version=1)
    ids = list(document.segments.values_list("pk", flat=True))
    result = services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert result.changed == len(ids)
    services.bulk_undo(document=document, batch=result.batch, user=users["editor"])

    rows = entries(activity(client, document))
    assert len(rows) == 3  # the undo, the bulk approval, the edit; newest first
    n = len(ids)
    assert f"editor reverted {n} segments" in rows[0] and "undo of a bulk approve" in rows[0]
    assert f"editor approved {n} segments" in rows[1]
    assert f'href="?batch={result.batch}"' in rows[1]
    assert "Edited" in rows[2] and "<ins>Fixed</ins>" in rows[2]


def test_a_batch_link_lists_its_changes_one_by_one(client, document, users):
    ids = list(document.segments.order_by("position").values_list("pk", flat=True)[:3])
    result = services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="reject",
        reason="Names.",
    )
    rows = entries(activity(client, document, batch=str(result.batch)))
    assert len(rows) == 3 and all("Rejected" in row and "Names." in row for row in rows)


def test_the_activity_page_asks_few_queries(client, document, users, django_assert_max_num_queries):
    for segment in document.segments.order_by("position")[:5]:
        services.segment_edit(segment=segment, user=users["translator"], target="X.", version=1)
        services.segments_bulk_review(
            document=document, segment_ids=[segment.pk], user=users["editor"], action="approve"
        )
    client.login(username="translator", password=PASSWORD)
    url = reverse("reviews:document-activity", args=[document.pk])
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_entries_count_a_batch_once(document, users):
    ids = list(document.segments.values_list("pk", flat=True)[:4])
    services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    activity = selectors.document_activity(document=document)
    assert activity.count() == 1
    (entry,) = activity[0:10]
    assert (entry.count, entry.grouped, entry.revision.action) == (4, True, "approve")
