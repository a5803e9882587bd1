"""POST /api/v1/segments/{id}/propagate: the segment's text to its repetitions; the
PATCH and approve answers keep their shape, and apply repetitions where the project does."""

from reviews import services
from reviews.models import Revision, Segment
from tests.conftest import TWINS_FIXED as FIXED


def seg(document, position):
    return Segment.objects.get(document=document, position=position)


def test_propagate_answers_how_many_and_the_batch(api, twins):
    origin = seg(twins, 0)
    saved = api(
        "translator", "PATCH", f"/segments/{origin.pk}", json={"target": FIXED, "version": 1}
    )
    assert saved.status_code == 200
    assert set(saved.json()) >= {"id", "target", "state", "version"}
    assert seg(twins, 2).target == "Wealth together."  # not applied: the project offers
    answer = api("translator", "POST", f"/segments/{origin.pk}/propagate", json={"version": 2})
    assert answer.status_code == 200
    body = answer.json()
    assert body["updated"] == 2
    assert Revision.objects.filter(batch=body["batch"], action="propagate").count() == 2
    assert (seg(twins, 2).target, seg(twins, 2).state) == (FIXED, "translated")
    again = api("translator", "POST", f"/segments/{origin.pk}/propagate", json={"version": 2})
    assert again.json() == {"updated": 0, "batch": None}


def test_a_stale_version_is_409_and_an_outsider_404(api, twins):
    origin = seg(twins, 0)
    api("translator", "PATCH", f"/segments/{origin.pk}", json={"target": FIXED, "version": 1})
    stale = api("translator", "POST", f"/segments/{origin.pk}/propagate", json={"version": 1})
    assert stale.status_code == 409
    assert (
        api("outsider", "POST", f"/segments/{origin.pk}/propagate", json={"version": 2}).status_code
        == 404
    )
    assert api("translator", "POST", f"/segments/{origin.pk}/propagate", json={}).status_code == 422
    assert seg(twins, 2).target == "Wealth together."


def test_a_project_that_applies_repetitions_does_so_after_patch_and_approve(api, twins, users):
    services.project_update(
        project=twins.project, user=users["manager"], four_eyes=False, auto_propagate=True
    )
    origin = seg(twins, 0)
    saved = api(
        "translator", "PATCH", f"/segments/{origin.pk}", json={"target": FIXED, "version": 1}
    )
    assert saved.json()["target"] == FIXED  # the same answer
    assert (seg(twins, 2).target, seg(twins, 2).state) == (FIXED, "translated")
    # Any repetition's save spreads too, and the approve answer is the segment as ever.
    api(
        "translator",
        "PATCH",
        f"/segments/{seg(twins, 3).pk}",
        json={"target": "Shared.", "version": 2},
    )
    assert [seg(twins, p).target for p in (0, 2, 3)] == ["Shared."] * 3
    approved = api("editor", "POST", f"/segments/{origin.pk}/approve", json={"version": 3})
    assert approved.status_code == 200
    assert (approved.json()["id"], approved.json()["state"]) == (origin.pk, "approved")


def test_the_schema_documents_the_endpoint(api):
    schema = api(None, "GET", "/openapi.json").json()
    operation = schema["paths"]["/segments/{id}/propagate"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["required"] == [
        "version"
    ]
    assert set(
        operation["responses"]["200"]["content"]["application/json"]["schema"]["required"]
    ) == {
        "updated",
        "batch",
    }
