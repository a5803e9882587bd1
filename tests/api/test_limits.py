"""The API takes texts no longer than the web form does, refuses longer ones with a 422
that names the field, and its OpenAPI schema says so (issue 15, point 8)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews import limits
from reviews.api.schema import openapi_schema
from reviews.forms import SegmentForm, UploadForm
from reviews.models import Document
from tests.conftest import SEED


def refused(response, field: str) -> None:
    assert response.status_code == 422, response.content[:200]
    body = response.json()
    assert (body["error"], body["field"]) == ("invalid_input", field)
    assert f"'{field}'" in body["detail"]


def test_a_nine_million_character_target_is_refused(api, segment):
    response = api(
        "translator",
        "PATCH",
        f"/segments/{segment.pk}",
        json={"target": "x" * 9_000_000, "version": 1},
    )
    refused(response, "target")
    assert "100,000" in response.json()["detail"]
    segment.refresh_from_db()
    assert segment.version == 1 and len(segment.target) < 1000


def test_a_target_as_long_as_the_form_takes_is_accepted(api, segment):
    target = "y" * limits.TARGET_MAX
    response = api(
        "translator", "PATCH", f"/segments/{segment.pk}", json={"target": target, "version": 1}
    )
    assert response.status_code == 200 and response.json()["target"] == target


@pytest.mark.parametrize(
    ("action", "field", "extra"),
    [("reject", "reason", {}), ("approve", "override_reason", {})],
)
def test_reasons_longer_than_the_form_takes_are_refused(api, segment, action, field, extra):
    body = {"version": 1, field: "r" * (limits.REASON_MAX + 1), **extra}
    refused(api("editor", "POST", f"/segments/{segment.pk}/{action}", json=body), field)
    segment.refresh_from_db()
    assert segment.version == 1


def test_an_upload_title_longer_than_the_form_takes_is_refused(api, project):
    upload = SimpleUploadedFile("seed.txt", SEED.read_bytes(), content_type="text/plain")
    response = api(
        "manager",
        "POST",
        f"/projects/{project.slug}/documents",
        data={"file": upload, "title": "t" * (limits.TITLE_MAX + 1)},
    )
    refused(response, "title")
    assert not Document.objects.exists()


def test_the_form_the_api_and_the_schema_share_the_limits():
    schema = openapi_schema("http://testserver/api/v1")
    paths = schema["paths"]

    def body(path, method):
        content = paths[path][method]["requestBody"]["content"]
        return next(iter(content.values()))["schema"]["properties"]

    patch, reject = body("/segments/{id}", "patch"), body("/segments/{id}/reject", "post")
    approve = body("/segments/{id}/approve", "post")
    upload = body("/projects/{slug}/documents", "post")
    form, upload_form = SegmentForm.base_fields, UploadForm.base_fields
    assert patch["target"]["maxLength"] == form["target"].max_length == limits.TARGET_MAX
    assert reject["reason"]["maxLength"] == form["reason"].max_length == limits.REASON_MAX
    assert approve["override_reason"]["maxLength"] == form["override_reason"].max_length
    assert upload["title"]["maxLength"] == upload_form["title"].max_length == limits.TITLE_MAX
    assert "field" in schema["components"]["schemas"]["Error"]["properties"]
