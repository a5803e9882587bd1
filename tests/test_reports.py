"""Report figures: a bulk action (one batch) counts as one action with N segments."""

from django.urls import reverse

from reviews import reports, services
from tests.conftest import PASSWORD


def test_a_bulk_action_and_its_undo_count_once_each(client, document, users):
    segs = list(document.segments.order_by("position")[:40])
    services.segment_edit(segment=segs[0], user=users["translator"], target="Fixed.", version=1)
    services.segment_approve(segment=segs[1], reviewer=users["editor"], version=1)
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segs[2:]],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert result.changed == 38
    services.bulk_undo(document=document, batch=result.batch, user=users["editor"])

    people = {
        t.user: t
        for t in reports.throughput(revisions=reports.document_revisions(document=document))
    }
    editor = people["editor"]
    assert (editor.actions["approve"], editor.segments["approve"]) == (2, 39)
    assert (editor.actions["revert"], editor.segments["revert"]) == (1, 38)
    assert editor.total == 3
    assert (people["translator"].actions["edit"], people["translator"].total) == (1, 1)

    client.login(username="editor", password=PASSWORD)
    html = client.get(reverse("reviews:document-report", args=[document.pk])).text
    row = html.split("<td>editor</td>", 1)[1].split("</tr>", 1)[0]
    assert '2 <small class="muted">(39 segments)</small>' in row
    assert '1 <small class="muted">(38 segments)</small>' in row

    token = services.api_token_create(user=users["editor"])
    report = client.get(
        reverse("api:document-report", args=[document.pk]),
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    (api_editor,) = [t for t in report["throughput"] if t["user"] == "editor"]
    assert api_editor["actions"]["approve"] == 2 and api_editor["segments"]["approve"] == 39
    assert api_editor["total"] == 3
