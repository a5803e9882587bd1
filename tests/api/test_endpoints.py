"""Every CONTRACT endpoint over HTTP: auth, membership, roles, versions, sizes."""

import io

import pytest
import sacrebleu
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.conftest import SEED


def endpoints(document, segment):
    d, s = document.pk, segment.pk
    return [
        ("GET", "/projects", None),
        ("POST", f"/projects/{document.project.slug}/documents", None),
        ("GET", f"/documents/{d}", None),
        ("GET", f"/documents/{d}/segments", None),
        ("GET", f"/documents/{d}/export?format=text", None),
        ("GET", f"/documents/{d}/metrics", None),
        ("GET", f"/documents/{d}/report", None),
        ("GET", f"/projects/{document.project.slug}/report", None),
        ("GET", f"/projects/{document.project.slug}/changes", None),
        ("PATCH", f"/segments/{s}", {"target": "x", "version": 1}),
        ("POST", f"/segments/{s}/approve", {"version": 1}),
        ("POST", f"/segments/{s}/reject", {"version": 1, "reason": "r"}),
        ("GET", f"/segments/{s}/revisions", None),
    ]


def test_every_endpoint_needs_a_token(api, document, segment):
    for method, path, body in endpoints(document, segment):
        response = api(None, method, path, json=body)
        assert response.status_code == 401, path
        assert response.json()["error"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert api(None, "GET", "/projects", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_non_members_get_404_as_if_nothing_existed(api, document, segment):
    assert api("outsider", "GET", "/projects").json() == []
    for method, path, body in endpoints(document, segment)[1:]:
        response = api("outsider", method, path, json=body)
        assert response.status_code == 404, path
        assert set(response.json()) >= {"error", "detail"}
    segment.refresh_from_db()
    assert segment.version == 1


def test_translator_cannot_approve_or_reject_or_upload(api, document, segment):
    assert (
        api(
            "translator", "POST", f"/segments/{segment.pk}/approve", json={"version": 1}
        ).status_code
        == 403
    )
    r = api(
        "translator", "POST", f"/segments/{segment.pk}/reject", json={"version": 1, "reason": "r"}
    )
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    upload = api(
        "translator",
        "POST",
        f"/projects/{document.project.slug}/documents",
        data={"file": SimpleUploadedFile("a.txt", b"Hello.")},
    )
    assert upload.status_code == 403


def test_edit_approve_reject_and_history(api, document, segment):
    r = api(
        "translator",
        "PATCH",
        f"/segments/{segment.pk}",
        json={"target": "Fixed Zheyun'an.", "version": 1},
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["state"], body["version"], body["target"], body["mt"]) == (
        "translated",
        2,
        "Fixed Zheyun'an.",
        segment.mt,
    )
    assert isinstance(body["qa"], list)
    r = api(
        "editor",
        "POST",
        f"/segments/{segment.pk}/reject",
        json={"version": 2, "reason": "Use 浙运安"},
    )
    assert r.json()["state"] == "rejected"
    r = api("editor", "POST", f"/segments/{segment.pk}/approve", json={"version": 3})
    assert r.json()["state"] == "approved"
    history = api("translator", "GET", f"/segments/{segment.pk}/revisions").json()
    assert [(h["version"], h["action"], h["state"], h["author"]) for h in history] == [
        (1, "import", "new", "manager"),
        (2, "edit", "translated", "translator"),
        (3, "reject", "rejected", "editor"),
        (4, "approve", "approved", "editor"),
    ]
    assert history[2]["note"] == "Use 浙运安"
    doc = api("editor", "GET", f"/documents/{document.pk}").json()
    assert doc["counts"]["approved"] == 1 and doc["total"] == document.segments.count()


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("PATCH", "", {"target": "Mine.", "version": 1}),
        ("POST", "/approve", {"version": 1}),
        ("POST", "/reject", {"version": 1, "reason": "late"}),
    ],
)
def test_stale_version_answers_409_with_the_current_segment(api, segment, method, suffix, body):
    api("editor", "PATCH", f"/segments/{segment.pk}", json={"target": "Theirs.", "version": 1})
    r = api("editor", method, f"/segments/{segment.pk}{suffix}", json=body)
    assert r.status_code == 409
    data = r.json()
    assert data["error"] == "stale_version"
    assert data["segment"]["target"] == "Theirs." and data["segment"]["version"] == 2


@pytest.mark.parametrize(
    "body",
    [
        None,
        "not json",
        [],
        {"target": 5, "version": 1},
        {"target": "x"},
        {"target": "x", "version": "1"},
    ],
)
def test_bad_bodies_get_a_json_error(api, segment, body, client, tokens):
    if isinstance(body, str) or body is None:
        r = client.patch(
            f"/api/v1/segments/{segment.pk}",
            data=body or b"",
            content_type="application/json",
            headers={"Authorization": f"Bearer {tokens['editor']}"},
        )
    else:
        r = api("editor", "PATCH", f"/segments/{segment.pk}", json=body)
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_input"


def test_upload_creates_a_document_and_export_matches_the_cli(api, project, tmp_path):
    r = api(
        "manager",
        "POST",
        f"/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile("seed.txt", SEED.read_bytes()), "title": "Seed"},
    )
    assert r.status_code == 201
    doc = r.json()
    assert (doc["title"], doc["project"], doc["source_lang"], doc["target_lang"]) == (
        "Seed",
        "zj",
        "zh-CN",
        "en",
    )
    assert doc["counts"]["new"] == doc["total"] > 32
    exported = api("translator", "GET", f"/documents/{doc['id']}/export?format=text")
    out = tmp_path / "cli.txt"
    call_command("export_document", str(doc["id"]), "--format", "text", "-o", str(out))
    assert exported.content == out.read_bytes() == SEED.read_bytes()
    segments = api("translator", "GET", f"/documents/{doc['id']}/segments").json()
    assert [s["position"] for s in segments] == list(range(doc["total"]))
    assert set(segments[0]) >= {
        "id",
        "position",
        "source",
        "target",
        "mt",
        "state",
        "version",
        "qa",
    }


def test_bad_upload_is_refused_with_the_file_named(api, project):
    r = api(
        "manager",
        "POST",
        f"/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile("bad.txt", b"\x00\x01binary")},
    )
    assert r.status_code == 422
    assert r.json()["file"] == "bad.txt" and "binary" in r.json()["detail"]
    assert not project.documents.exists()
    r = api("manager", "POST", f"/projects/{project.slug}/documents", data={})
    assert r.status_code == 422


def test_oversized_upload_is_413(api, project, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    r = api(
        "manager",
        "POST",
        f"/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile("big.txt", b"x. " * 2000)},
    )
    assert r.status_code == 413
    assert r.json()["error"] == "too_large"
    assert not project.documents.exists()


def test_metrics_equal_sacrebleu_after_edits(api, document):
    segments = list(document.segments.all()[:6])
    for seg in segments[:3]:
        api(
            "translator",
            "PATCH",
            f"/segments/{seg.pk}",
            json={
                "target": seg.target.replace("the", "a").replace("Zhejiang", "Zhejiang Province"),
                "version": 1,
            },
        )
    data = api("editor", "GET", f"/documents/{document.pk}/metrics").json()
    rows = list(document.segments.order_by("position").values_list("mt", "target"))
    hyps, refs = [m for m, _ in rows], [t for _, t in rows]
    assert data["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score, abs=0.01)
    assert data["chrf"] == pytest.approx(
        sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score, abs=0.01
    )
    assert data["ter"] == pytest.approx(sacrebleu.corpus_ter(hyps, [refs]).score, abs=0.01)
    assert data["bleu"] < 100 and len(data["segments"]) == len(rows)
    assert "tok:13a" in data["signatures"]["bleu"]


def test_openapi_schema_lists_every_contract_path(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {
        "/openapi.json",
        "/projects",
        "/projects/{slug}/documents",
        "/projects/{slug}/changes",
        "/documents/{id}",
        "/documents/{id}/segments",
        "/documents/{id}/export",
        "/documents/{id}/metrics",
        "/documents/{id}/update",
        "/documents/{id}/report",
        "/projects/{slug}/report",
        "/segments/{id}",
        "/segments/{id}/approve",
        "/segments/{id}/reject",
        "/segments/{id}/propagate",
        "/segments/{id}/revisions",
        "/jobs/{id}",
        "/jobs/{id}/file",
        "/projects/{slug}/webhooks",
        "/webhooks/{id}",
    }


def test_wrong_method_is_405_json(api, segment):
    r = api("editor", "DELETE", f"/segments/{segment.pk}")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_create_api_token_command_prints_a_working_token(users, client):
    out = io.StringIO()
    call_command("create_api_token", "editor", stdout=out)
    token = out.getvalue().strip()
    r = client.get("/api/v1/projects", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()[0]["slug"] == "zj"


def test_update_keeps_work_and_reports(api, document, segment, seed_bytes):
    api("translator", "PATCH", f"/segments/{segment.pk}", json={"target": "Mine.", "version": 1})
    new = seed_bytes.replace(b"Wealth together.", b"Prosperity for all.")
    r = api(
        "translator",
        "POST",
        f"/documents/{document.pk}/update",
        data={"file": SimpleUploadedFile("v2.txt", new)},
    )
    assert r.status_code == 403  # editors and managers bring new versions, not translators
    r = api(
        "editor",
        "POST",
        f"/documents/{document.pk}/update",
        data={"file": SimpleUploadedFile("v2.txt", new)},
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["changed"], body["added"], body["removed"]) == (1, 0, 0)
    segment.refresh_from_db()
    assert segment.target == "Mine."


def test_metrics_come_from_stored_stats_after_api_edits(api, document, monkeypatch):
    from reviews import metrics

    segments = list(document.segments.order_by("position")[:4])
    api("translator", "PATCH", f"/segments/{segments[0].pk}", json={"target": "", "version": 1})
    api("editor", "POST", f"/segments/{segments[1].pk}/reject", json={"version": 1, "reason": "r"})
    api(
        "translator",
        "PATCH",
        f"/segments/{segments[1].pk}",
        json={"target": "Zheyun'an held talks.", "version": 2},
    )

    def no_rescoring(*args, **kwargs):
        raise AssertionError("the metrics endpoint re-scored texts instead of reading stats")

    monkeypatch.setattr(metrics, "segment_stats", no_rescoring)
    data = api("editor", "GET", f"/documents/{document.pk}/metrics").json()
    rows = list(document.segments.order_by("position").values_list("pk", "mt", "target"))
    hyps, refs = [m for _, m, _ in rows], [t for _, _, t in rows]
    assert data["ter"] == pytest.approx(sacrebleu.corpus_ter(hyps, [refs]).score, abs=0.01)
    assert data["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score, abs=0.01)
    by_id = {s["id"]: s for s in data["segments"]}
    assert [s["id"] for s in data["segments"]] == [pk for pk, _, _ in rows]
    pk, mt, target = rows[1]
    assert by_id[pk]["ter"] == pytest.approx(sacrebleu.sentence_ter(mt, [target]).score)
    assert by_id[pk]["chrf"] == pytest.approx(
        sacrebleu.sentence_chrf(mt, [target], word_order=2).score
    )
    assert data["reference"] is None


def test_reject_with_lqa_errors_and_the_report(api, document, segment):
    body = {
        "version": 1,
        "reason": "Name",
        "errors": [{"category": "terminology", "severity": "major", "note": "Zheyun'an"}],
    }
    bad = {**body, "errors": [{"category": "terminology", "severity": "huge"}]}
    r = api("editor", "POST", f"/segments/{segment.pk}/reject", json=bad)
    assert r.status_code == 422 and "severity" in r.json()["detail"]
    assert api("editor", "POST", f"/segments/{segment.pk}/reject", json=body).status_code == 200
    api(
        "translator",
        "PATCH",
        f"/segments/{segment.pk}",
        json={"target": "Zheyun'an works.", "version": 2},
    )
    report = api("translator", "GET", f"/documents/{document.pk}/report").json()
    assert report["lqa"]["errors"] == [{"category": "terminology", "severity": "major", "count": 1}]
    assert report["lqa"]["points"] == 5 and report["lqa"]["weights"]["major"] == 5
    metrics = api("translator", "GET", f"/documents/{document.pk}/metrics").json()
    assert report["scores"]["ter"] == metrics["ter"] and report["scores"]["segments"] == len(
        metrics["segments"]
    )
    assert sum(b["segments"] for b in report["ter_histogram"]) == len(metrics["segments"])
    people = {t["user"]: t for t in report["throughput"]}
    assert people["editor"]["actions"]["reject"] == 1 and people["translator"]["total"] == 1
    project = api("editor", "GET", f"/projects/{document.project.slug}/report").json()
    assert [d["id"] for d in project["documents"]] == [document.pk]
    assert project["scores"]["ter"] == pytest.approx(metrics["ter"])


def test_approving_over_a_qa_error_needs_an_override_reason(api, document, users):
    from reviews import services

    services.glossary_term_add(
        project=document.project, user=users["manager"], source="浙运安", rendering="Zheyun'an",
        forbidden="Zhe Yunan",
    )  # fmt: skip
    segment = document.segments.get(target__contains="Zhe Yunan")
    assert any(
        r["severity"] == "error"
        for r in api("editor", "GET", f"/documents/{document.pk}/segments").json()[
            segment.position
        ]["qa"]
    )
    r = api("editor", "POST", f"/segments/{segment.pk}/approve", json={"version": segment.version})
    assert r.status_code == 409 and r.json()["error"] == "qa_blocked"
    r = api(
        "editor",
        "POST",
        f"/segments/{segment.pk}/approve",
        json={"version": segment.version, "override_reason": "client wants the MT name"},
    )
    assert r.status_code == 200 and r.json()["state"] == "approved"


@pytest.mark.parametrize("name", ["tmx", "xliff"])
def test_export_of_a_document_without_source_to_a_bilingual_format_is_409(api, document, name):
    response = api("translator", "GET", f"/documents/{document.pk}/export?format={name}")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == "no_source"
    assert "has no source text" in body["detail"]


def test_the_schema_documents_the_409_of_an_export():
    from reviews.api.schema import openapi_schema

    paths = openapi_schema("http://testserver/api/v1")["paths"]
    responses = paths["/documents/{id}/export"]["get"]["responses"]
    assert "no_source" in responses["409"]["description"]
