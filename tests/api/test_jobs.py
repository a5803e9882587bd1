"""Big uploads through the API: 202 with the job and where to follow it; GET the job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Document, Job
from tests.conftest import SEED

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 1000  # the seed article (9.6 kB) is big here


def upload(api, project, name="seed.txt", data=None, **fields):
    data = SEED.read_bytes() if data is None else data
    return api(
        "manager",
        "POST",
        f"/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile(name, data), **fields},
    )


def test_a_big_upload_is_accepted_with_its_job_and_status_url(api, project, settings):
    settings.TASKS = DUMMY  # no worker: the job waits
    r = upload(api, project, title="Big")
    assert r.status_code == 202
    body = r.json()
    job = Job.objects.get()
    assert body["status_url"] == f"http://testserver/api/v1/jobs/{job.pk}" == r["Location"]
    assert body["job"] == {
        "id": job.pk,
        "kind": "import",
        "status": "queued",
        "progress": 0,
        "message": "Waiting for a worker",
        "error": "",
        "project": "zj",
        "document": None,
        "result": {},
        "created_at": job.created_at.isoformat(),
        "started_at": None,
        "finished_at": None,
    }
    assert not Document.objects.exists()
    assert api("translator", "GET", f"/jobs/{job.pk}").json()["status"] == "queued"


def test_the_job_status_gives_the_document_once_done(api, project):
    r = upload(api, project, title="Big")
    assert r.status_code == 202
    job = api("editor", "GET", f"/jobs/{r.json()['job']['id']}").json()
    assert (job["status"], job["progress"], job["error"]) == ("done", 100, "")
    assert job["started_at"] and job["finished_at"]
    document = api("editor", "GET", f"/documents/{job['document']}").json()
    assert document["title"] == "Big" and document["total"] == job["result"]["segments"]


def test_a_failed_job_names_the_file(api, project):
    r = upload(api, project, name="big.txt", data=b"\x00" * 2000)
    assert r.status_code == 202  # refused later, by the worker
    job = api("manager", "GET", f"/jobs/{r.json()['job']['id']}").json()
    assert job["status"] == "failed" and job["document"] is None
    assert job["error"].startswith("big.txt: this is a binary file")


def test_a_big_new_version_is_accepted_too(api, document):
    new = SEED.read_bytes() + b"\nOne more line.\n"
    r = api(
        "manager",
        "POST",
        f"/documents/{document.pk}/update",
        data={"file": SimpleUploadedFile("v2.txt", new)},
    )
    assert r.status_code == 202
    job = api("manager", "GET", f"/jobs/{r.json()['job']['id']}").json()
    assert (job["kind"], job["status"], job["document"]) == ("reimport", "done", document.pk)
    assert job["result"]["added"] == 1


def test_small_uploads_keep_the_201_of_the_contract(api, project, settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 2 * 1024 * 1024
    r = upload(api, project)
    assert r.status_code == 201 and r.json()["total"] > 32
    assert not Job.objects.exists()


def test_jobs_are_404_outside_their_project(api, project):
    job_id = upload(api, project).json()["job"]["id"]
    r = api("outsider", "GET", f"/jobs/{job_id}")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert api("manager", "GET", f"/jobs/{job_id + 1}").status_code == 404
    assert api(None, "GET", f"/jobs/{job_id}").status_code == 401


def test_the_schema_describes_202_and_the_job(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("/projects/{slug}/documents", "/documents/{id}/update"):
        accepted = paths[path]["post"]["responses"]["202"]
        ref = accepted["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/JobAccepted"
    job = schema["components"]["schemas"]["Job"]
    assert set(job["properties"]["status"]["enum"]) == {"queued", "running", "done", "failed"}
    assert "200" in paths["/jobs/{id}"]["get"]["responses"]
