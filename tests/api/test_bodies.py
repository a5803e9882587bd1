"""Every /api/ answer is JSON, also for a body Django will not read; the schema and the
API agree on versions and reasons (issue 15, point 11)."""

import json

import jsonschema_rs  # schemathesis's validator
import pytest

from reviews.api.schema import openapi_schema


@pytest.fixture
def auth(tokens):
    return lambda user: {"Authorization": f"Bearer {tokens[user]}"}


def json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == code and body["detail"]
    return body


def test_a_multipart_body_without_a_boundary_is_a_json_400(client, project, auth):
    response = client.post(
        f"/api/v1/projects/{project.slug}/documents",
        data=b"--x\r\nnot really\r\n",
        content_type="multipart/form-data",  # no boundary
        headers=auth("manager"),
    )
    assert "boundary" in json_error(response, 400, "bad_request")["detail"]


def test_too_many_fields_is_a_json_400(client, project, auth, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"f{i}": "x" for i in range(11)}
    response = client.post(
        f"/api/v1/projects/{project.slug}/documents", data=fields, headers=auth("manager")
    )
    json_error(response, 400, "bad_request")


def test_a_json_body_over_ten_megabytes_is_a_json_413(client, segment, auth, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * 1024 * 1024
    body = json.dumps({"target": "x" * (10 * 1024 * 1024), "version": 1})
    response = client.patch(
        f"/api/v1/segments/{segment.pk}",
        data=body,
        content_type="application/json",
        headers=auth("translator"),
    )
    assert "10,485,760" in json_error(response, 413, "too_large")["detail"]


def test_deeply_nested_json_is_a_json_422(client, segment, auth):
    response = client.post(
        f"/api/v1/segments/{segment.pk}/approve",
        data="[" * 100_000,
        content_type="application/json",
        headers=auth("editor"),
    )
    json_error(response, 422, "invalid_input")


@pytest.mark.parametrize("version", ["1.0", "1e0", "1781.0", "true", '"1"'])
@pytest.mark.parametrize(
    ("method", "action", "user", "fields"),
    [
        ("patch", "", "translator", '"target": "New."'),
        ("post", "/approve", "editor", '"override_reason": ""'),
        ("post", "/reject", "editor", '"reason": "Why."'),
    ],
)
def test_every_action_refuses_a_version_that_is_not_written_as_an_integer(
    client, segment, auth, version, method, action, user, fields
):
    response = getattr(client, method)(
        f"/api/v1/segments/{segment.pk}{action}",
        data=f'{{"version": {version}, {fields}}}',
        content_type="application/json",
        headers=auth(user),
    )
    assert json_error(response, 422, "invalid_input")["field"] == "version"
    segment.refresh_from_db()
    assert segment.version == 1


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_an_empty_reason_is_refused_by_the_schema_and_the_api(client, segment, auth, reason):
    schema = openapi_schema("http://testserver/api/v1")
    reject = schema["paths"]["/segments/{id}/reject"]["post"]["requestBody"]
    body_schema = {
        **reject["content"]["application/json"]["schema"],
        "components": schema["components"],  # where its $refs point
    }
    assert not jsonschema_rs.is_valid(body_schema, {"version": 1, "reason": reason})
    assert jsonschema_rs.is_valid(body_schema, {"version": 1, "reason": "Why."})
    response = client.post(
        f"/api/v1/segments/{segment.pk}/reject",
        data={"version": 1, "reason": reason},
        content_type="application/json",
        headers=auth("editor"),
    )
    json_error(response, 422, "invalid_input")


def test_the_schema_documents_the_new_answers():
    paths = openapi_schema("http://testserver/api/v1")["paths"]
    assert "413" in paths["/segments/{id}"]["patch"]["responses"]
    assert "400" in paths["/projects/{slug}/documents"]["post"]["responses"]
    version = paths["/segments/{id}"]["patch"]["requestBody"]["content"]["application/json"]
    assert version["schema"]["properties"]["version"]["type"] == "integer"
