"""Segments a new version removed are gone from every document read of the API, and
cannot be written; they stay in the database with their history."""

from reviews import services
from reviews.models import Segment

V1 = b"Party A agrees.\nParty B objects.\nParty C abstains.\n"
V2 = b"Party C abstains.\nParty A agrees.\n"


def test_the_api_reads_and_writes_only_the_segments_of_the_current_version(api, project, users):
    document = services.document_import(
        project=project, data=V1, filename="v1.txt", user=users["manager"]
    )
    b = document.segments.get(position=1)
    services.segment_edit(segment=b, user=users["translator"], target="B objects.", version=1)
    services.document_reimport(document=document, data=V2, filename="v2.txt", user=users["manager"])
    live = list(document.segments.order_by("position").values_list("pk", flat=True))

    detail = api("editor", "GET", f"/documents/{document.pk}").json()
    assert (detail["total"], sum(detail["counts"].values())) == (2, 2)
    rows = api("editor", "GET", f"/documents/{document.pk}/segments").json()
    assert [r["id"] for r in rows] == live
    exported = api("editor", "GET", f"/documents/{document.pk}/export").content
    assert exported == V2
    metrics = api("editor", "GET", f"/documents/{document.pk}/metrics").json()
    assert [s["id"] for s in metrics["segments"]] == live
    report = api("editor", "GET", f"/documents/{document.pk}/report").json()
    assert report["scores"]["segments"] == 2
    assert sum(b["segments"] for b in report["ter_histogram"]) == 2

    for path in (f"/segments/{b.pk}", f"/segments/{b.pk}/approve"):
        method = "PATCH" if path.endswith(str(b.pk)) else "POST"
        answer = api("editor", method, path, json={"target": "x", "version": 2})
        assert answer.status_code == 404
    assert Segment.all_objects.get(pk=b.pk).target == "B objects."
    assert api("editor", "GET", f"/segments/{b.pk}/revisions").status_code == 404
