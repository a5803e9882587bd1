"""Big uploads, exports and unmeasured documents through the API: 202 with the job and
where to follow it; GET the job, and an export job's file."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from reviews import services
from reviews.models import Document, DocumentMetrics, Job, Segment
from reviews.services import check_jobs
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


# -- exports of big documents ---------------------------------------------------------------


@pytest.fixture
def big_export(settings):
    settings.BACKGROUND_EXPORT_SEGMENTS = 10  # the seed's 46 segments are many here


def cli_export(document, tmp_path, *args) -> bytes:
    out = tmp_path / "export"
    call_command("export_document", str(document.pk), *args, "-o", str(out), stderr=io.StringIO())
    return out.read_bytes()


@pytest.fixture
def bilingual_seed(project, users, seed_bytes):
    """The seed with a source (itself, sentence for sentence): XLIFF needs one."""
    return services.document_import(
        project=project,
        data=seed_bytes,
        filename="seed.txt",
        source_data=seed_bytes,
        source_filename="seed.source.txt",
        user=users["manager"],
    )


def test_a_big_export_is_accepted_with_its_job_then_served_from_it(
    api, bilingual_seed, settings, big_export, tmp_path
):
    document = bilingual_seed
    settings.TASKS = DUMMY
    url = f"/documents/{document.pk}/export?format=xliff&approved_only=true"
    r = api("translator", "GET", url)
    assert r.status_code == 202
    job = Job.objects.get()
    status_url = f"http://testserver/api/v1/jobs/{job.pk}"
    assert r["Location"] == status_url == r.json()["status_url"]
    body = r.json()["job"]
    assert (body["kind"], body["status"], body["document"], body["file_url"]) == (
        "export",
        "queued",
        document.pk,
        None,
    )
    assert job.params == {"format": "xliff", "approved_only": True, "include_mt": False}
    # Asking again while it waits gives the same job, not a second export.
    assert api("translator", "GET", url).json()["job"]["id"] == job.pk
    r = api("translator", "GET", f"/jobs/{job.pk}/file")
    assert r.status_code == 409 and r.json()["error"] == "not_ready"

    services.job_run(job_id=job.pk)

    state = api("translator", "GET", f"/jobs/{job.pk}").json()
    file_url = f"http://testserver/api/v1/jobs/{job.pk}/file"
    assert (state["status"], state["progress"], state["file_url"]) == ("done", 100, file_url)
    r = api("translator", "GET", f"/jobs/{job.pk}/file")
    assert r.status_code == 200
    assert r.content == cli_export(document, tmp_path, "--format", "xliff", "--approved-only")
    assert r["Content-Type"].startswith("application/x-xliff+xml")
    assert r["Content-Disposition"] == 'attachment; filename="seed.en.approved.xlf"'
    # A new request after it ended prepares the file again (the text may have changed).
    assert api("translator", "GET", url).json()["job"]["id"] != job.pk


def test_with_an_immediate_backend_the_202_holds_the_finished_job(
    api, document, big_export, tmp_path
):
    r = api("editor", "GET", f"/documents/{document.pk}/export")
    assert r.status_code == 202
    job = r.json()["job"]
    assert job["status"] == "done" and job["file_url"].endswith(f"/jobs/{job['id']}/file")
    file = api("editor", "GET", job["file_url"].removeprefix("http://testserver/api/v1"))
    assert file.content == SEED.read_bytes() == cli_export(document, tmp_path)


def test_small_exports_keep_answering_with_the_file(api, document):
    r = api("editor", "GET", f"/documents/{document.pk}/export")
    assert r.status_code == 200 and r.content == SEED.read_bytes()
    assert not Job.objects.exists()


def test_a_job_file_is_only_an_export_jobs_and_only_while_kept(api, document, big_export):
    job_id = api("editor", "GET", f"/documents/{document.pk}/export").json()["job"]["id"]
    Job.objects.filter(pk=job_id).update(output_data=None)  # after the retention period
    r = api("editor", "GET", f"/jobs/{job_id}/file")
    assert r.status_code == 410 and r.json()["error"] == "gone"
    assert api("editor", "GET", f"/jobs/{job_id}").json()["file_url"] is None

    Job.objects.filter(pk=job_id).update(status="failed", error="seed.txt: it broke")
    r = api("editor", "GET", f"/jobs/{job_id}/file")
    assert r.status_code == 409 and "it broke" in r.json()["detail"]

    check = services.job_enqueue_check(document=document)
    r = api("editor", "GET", f"/jobs/{check.pk}/file")
    assert r.status_code == 404 and "not an export" in r.json()["detail"]
    assert "file_url" not in api("editor", "GET", f"/jobs/{check.pk}").json()
    assert api("outsider", "GET", f"/jobs/{job_id}/file").status_code == 404
    assert api(None, "GET", f"/jobs/{job_id}/file").status_code == 401


# -- QA pending and metrics being measured ---------------------------------------------------


def test_segments_say_whether_their_checks_are_pending(api, document, segment):
    Segment.objects.filter(pk=segment.pk).update(qa=[], qa_level="pending", qa_checks="")
    rows = {s["id"]: s for s in api("editor", "GET", f"/documents/{document.pk}/segments").json()}
    assert (rows[segment.pk]["qa"], rows[segment.pk]["qa_pending"]) == ([], True)
    others = [s for pk, s in rows.items() if pk != segment.pk]
    assert not any(s["qa_pending"] for s in others) and any(s["qa"] for s in others)


@pytest.mark.parametrize("path", ["/documents/{id}/metrics", "/documents/{id}/report"])
def test_metrics_of_an_unmeasured_big_document_answer_202_with_the_job(
    api, document, monkeypatch, settings, path
):
    monkeypatch.setattr(check_jobs, "MEASURE_INLINE_MAX", 10)
    settings.TASKS = DUMMY
    DocumentMetrics.objects.filter(document=document).update(totals={})
    r = api("translator", "GET", path.format(id=document.pk))
    assert r.status_code == 202
    job = Job.objects.get()
    assert r["Location"] == f"http://testserver/api/v1/jobs/{job.pk}"
    assert (r.json()["job"]["kind"], r.json()["job"]["status"]) == ("check", "queued")
    assert api("translator", "GET", path.format(id=document.pk)).json()["job"]["id"] == job.pk
    services.job_run(job_id=job.pk)
    r = api("translator", "GET", path.format(id=document.pk))
    assert r.status_code == 200
    assert r.json().get("scores", r.json())["segments"]  # the figures are there now


def test_the_project_report_waits_for_its_big_documents_too(api, document, monkeypatch, settings):
    monkeypatch.setattr(check_jobs, "MEASURE_INLINE_MAX", 10)
    settings.TASKS = DUMMY
    DocumentMetrics.objects.filter(document=document).update(totals={})
    r = api("translator", "GET", f"/projects/{document.project.slug}/report")
    assert r.status_code == 202 and r.json()["job"]["document"] == document.pk


def test_the_schema_describes_export_jobs_and_pending_qa(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    export = paths["/documents/{id}/export"]["get"]["responses"]
    ref = export["202"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/JobAccepted" and "Location" in export["202"]["headers"]
    assert set(paths["/jobs/{id}/file"]["get"]["responses"]) >= {"200", "404", "409", "410"}
    for path in ("/documents/{id}/metrics", "/documents/{id}/report", "/projects/{slug}/report"):
        assert "202" in paths[path]["get"]["responses"]
    components = schema["components"]["schemas"]
    assert "check" in components["Job"]["properties"]["kind"]["enum"]
    assert components["Job"]["properties"]["file_url"]["type"] == ["string", "null"]
    assert components["Segment"]["properties"]["qa_pending"]["type"] == "boolean"
    assert "qa_pending" not in components["Segment"]["required"]  # CONTRACT's shape holds
