"""The webhook endpoints of the API: managers list, register (the secret once) and
remove; other roles get 403, non-members 404; unsafe URLs 422. No test connects
anywhere: the URLs are literal public addresses and registration only checks them."""

import socket

import pytest

from reviews import services
from reviews.models import WebhookEndpoint

URL = "https://93.184.215.14/hooks/workbench"


@pytest.fixture(autouse=True)
def no_connections(monkeypatch, request):
    if "receiver" in request.fixturenames:
        return

    def connect(*args, **kwargs):
        pytest.fail(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", connect)


def register(api, user="manager", **body):
    body = {"url": URL, "events": ["segment.approved", "document.completed"], **body}
    return api(user, "post", "/projects/zj/webhooks", json=body)


def test_a_manager_registers_lists_and_removes_an_endpoint(api, project):
    created = register(api)
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert created["Cache-Control"] == "no-store"
    assert (body["url"], body["events"]) == (URL, ["segment.approved", "document.completed"])
    listed = api("manager", "get", "/projects/zj/webhooks").json()
    assert [e["id"] for e in listed] == [body["id"]]
    assert "secret" not in listed[0]  # shown once
    assert api("manager", "delete", f"/webhooks/{body['id']}").status_code == 204
    assert api("manager", "get", "/projects/zj/webhooks").json() == []


@pytest.mark.parametrize("user", ["translator", "editor"])
def test_other_roles_are_refused(api, project, user):
    assert register(api, user).status_code == 403
    assert api(user, "get", "/projects/zj/webhooks").status_code == 403
    endpoint_id = register(api).json()["id"]
    assert api(user, "delete", f"/webhooks/{endpoint_id}").status_code == 403
    assert WebhookEndpoint.objects.filter(pk=endpoint_id).exists()


def test_non_members_get_404(api, project):
    assert register(api, "outsider").status_code == 404
    endpoint_id = register(api).json()["id"]
    assert api("outsider", "delete", f"/webhooks/{endpoint_id}").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://10.0.0.8/hook"}, "url"),
        ({"url": "http://[::ffff:127.0.0.1]/hook"}, "url"),
        ({"url": "gopher://93.184.215.14/"}, "url"),
        ({"url": 5}, "url"),
        ({"events": ["segment.deleted"]}, "events"),
        ({"events": []}, "events"),
        ({"events": "segment.approved"}, "events"),
    ],
)
def test_bad_registrations_are_422_naming_the_field(api, project, users, body, field):
    response = register(api, **body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not WebhookEndpoint.objects.exists()


def test_an_api_approval_is_delivered(
    api,
    project,
    users,
    segment,
    receiver,
    django_capture_on_commit_callbacks,
):
    services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["segment.approved"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = api("editor", "post", f"/segments/{segment.pk}/approve", json={"version": 1})
    assert response.status_code == 200
    (request,) = receiver.requests
    assert request.json["data"]["segments"][0]["id"] == segment.pk


def test_an_api_import_is_delivered(
    api,
    project,
    users,
    receiver,
    django_capture_on_commit_callbacks,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.webhook_endpoint_create(
        project=project, user=users["manager"], url=receiver.url, events=["document.imported"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = api(
            "manager",
            "post",
            "/projects/zj/documents",
            data={"file": SimpleUploadedFile("api.txt", b"From the API.\n")},
        )
    assert response.status_code == 201
    (request,) = receiver.requests
    assert request.json["data"]["document"]["id"] == response.json()["id"]
