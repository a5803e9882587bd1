"""A file name sent with an upload cannot write the download's header: it is cleaned
when stored, and every download names its file with content_disposition_header
(issue 15, point 9). Through the web upload and the API, as an attacker would send it."""

from email.message import Message

import pytest
from django.urls import reverse

from reviews.models import Document, Job
from tests.conftest import PASSWORD, SEED

# The upload's multipart header names the file RFC 2231-style; Django decodes it to
#   report";filename*=UTF-8''evil.html;x.txt
CRAFTED = "report%22%3Bfilename*%3DUTF-8%27%27evil.html%3Bx.txt"
BOUNDARY = "workbench-test-boundary"


def crafted_upload(**fields) -> dict:
    """A multipart body whose file part is named by ``filename*``, as no browser would."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f"filename*=UTF-8''{CRAFTED}\r\nContent-Type: text/plain\r\n\r\n"
    )
    body = (
        "".join(parts).encode()
        + head.encode()
        + SEED.read_bytes()
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )
    return {"data": body, "content_type": f"multipart/form-data; boundary={BOUNDARY}"}


def download_name(response) -> str:
    """The one file name a mail or HTTP client reads from the header."""
    assert response.status_code == 200, response.content[:300]
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    params = message.get_params(header="content-disposition")
    assert params[0] == ("attachment", "")
    assert [name for name, _value in params[1:]] in (["filename"], ["filename*"])
    return message.get_filename()


def assert_safe(name: str, extension: str) -> None:
    assert name.endswith(extension), name
    assert not set(name) & set("\"';/\\\r\n"), name
    assert name.startswith("reportfilename*=UTF-8evil.htmlx"), name  # one name, harmless


@pytest.fixture
def manager(client, users):
    client.login(username="manager", password=PASSWORD)
    return client


def test_a_crafted_name_through_the_web_upload(manager, project):
    response = manager.post(
        reverse("reviews:document-upload", args=[project.slug]), **crafted_upload(format="text")
    )
    assert response.status_code == 302, response.content[:300]
    document = Document.objects.get()
    assert document.filename == "reportfilename*=UTF-8evil.htmlx.txt"
    assert_safe(document.filename, ".txt")
    url = reverse("reviews:document-export", args=[document.pk])
    assert_safe(download_name(manager.get(url, {"format": "text"})), ".txt")
    assert_safe(download_name(manager.get(url, {"format": "po"})), ".po")


def test_a_crafted_name_through_the_api(client, project, users):
    from reviews import services

    token = services.api_token_create(user=users["manager"])
    auth = {"Authorization": f"Bearer {token}"}
    response = client.post(
        f"/api/v1/projects/{project.slug}/documents", headers=auth, **crafted_upload()
    )
    assert response.status_code == 201, response.content[:300]
    document = Document.objects.get(pk=response.json()["id"])
    assert_safe(document.filename, ".txt")
    export = f"/api/v1/documents/{document.pk}/export"
    assert_safe(download_name(client.get(export, {"format": "text"}, headers=auth)), ".txt")
    # po, not xliff: the seed has no source, and XLIFF refuses a document without one
    assert_safe(download_name(client.get(export, {"format": "po"}, headers=auth)), ".po")


def test_an_export_job_file_is_named_safely_too(manager, project, users, settings):
    settings.BACKGROUND_EXPORT_SEGMENTS = 10  # the seed's 46 segments are exported by a job
    manager.post(
        reverse("reviews:document-upload", args=[project.slug]), **crafted_upload(format="text")
    )
    document = Document.objects.get()
    manager.post(reverse("reviews:document-export-job", args=[document.pk]), {"format": "po"})
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert_safe(download_name(manager.get(reverse("reviews:job-download", args=[job.pk]))), ".po")


def test_a_name_outside_ascii_is_given_as_filename_star(manager, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("浙江 报告.txt", SEED.read_bytes(), content_type="text/plain")
    manager.post(
        reverse("reviews:document-upload", args=[project.slug]), {"file": upload, "format": "auto"}
    )
    document = Document.objects.get()
    response = manager.get(reverse("reviews:document-export", args=[document.pk]))
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert download_name(response) == "浙江 报告.en.reviewed.txt"
