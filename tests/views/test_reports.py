"""Report pages, their CSV, the reference upload, LQA fields and time to edit on the
review page's forms (plain and htmx)."""

import csv
import io

import pytest
import sacrebleu
from django.urls import reverse

from reviews import services
from reviews.models import LqaError, Revision
from tests.conftest import PASSWORD

HTMX = {"HX-Request": "true"}


@pytest.fixture
def editor(client, users):
    client.login(username="editor", password=PASSWORD)
    return client


def post_row(client, action, segment, headers=None, **data):
    url = reverse(f"reviews:segment-{action}", args=[segment.pk])
    return client.post(url, {"version": segment.version, **data}, headers=headers or {})


def test_document_report_shows_scores_charts_lqa_and_people(editor, document, users):
    segs = list(document.segments.order_by("position")[:3])
    services.segment_edit(
        segment=segs[0], user=users["translator"], target="Zheyun'an.", version=1, edit_ms=4200
    )
    post_row(
        editor, "reject", segs[1], reason="Name", lqa_category="terminology", lqa_severity="major"
    )
    response = editor.get(reverse("reviews:document-report", args=[document.pk]))
    assert response.status_code == 200
    html = response.text
    rows = list(document.segments.order_by("position").values_list("mt", "target"))
    hyps, refs = [m for m, _ in rows], [[t for _, t in rows]]
    assert f"{sacrebleu.corpus_ter(hyps, refs).score:.2f}" in html
    assert f"{sacrebleu.corpus_bleu(hyps, refs).score:.2f}" in html
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in html
    assert html.count('<svg class="bar-chart"') == 4
    assert html.count('<rect class="bar"') >= 4
    assert "style=" not in html.split("<main", 1)[1]  # attributes, not inline styles (CSP)
    assert 'data-user="translator"' in html and "4.2 s" in html
    assert "Fail" in html or "Pass" in html


def test_reports_escape_what_people_typed(editor, project, users):
    doc = services.document_import(
        project=project,
        data=b"<script>alert(1)</script> text.\n",
        filename="x.txt",
        title="<b>bold</b>",
    )
    response = editor.get(reverse("reviews:document-report", args=[doc.pk]))
    assert "<b>bold</b>" not in response.text and "&lt;b&gt;bold&lt;/b&gt;" in response.text
    response = editor.get(reverse("reviews:project-report", args=[project.slug]))
    assert "<b>bold</b>" not in response.text


def test_document_csv_neutralises_formulas(editor, document, users):
    seg = document.segments.order_by("position").first()
    services.segment_edit(
        segment=seg, user=users["translator"], target='=HYPERLINK("http://x")', version=1
    )
    response = editor.get(reverse("reviews:document-report-csv", args=[document.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["position", "segment", "state", "hter"]
    assert rows[1][8] == '\'=HYPERLINK("http://x")'
    assert len(rows) == document.segments.count() + 1
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_project_report_and_lqa_settings(client, document, users):
    seg = document.segments.order_by("position").first()
    services.segment_reject(
        segment=seg,
        reviewer=users["editor"],
        reason="wrong",
        version=1,
        errors=[{"category": "accuracy", "severity": "critical"}],
    )
    client.login(username="manager", password=PASSWORD)
    url = reverse("reviews:project-report", args=[document.project.slug])
    html = client.get(url).text
    assert document.title in html and "Pass" in html  # 10 points over ~1,000 words
    client.post(
        reverse("reviews:project-lqa", args=[document.project.slug]),
        {"minor": 1, "major": 5, "critical": 1000, "threshold": 15},
    )
    html = client.get(url).text
    assert "Fail" in html
    response = client.get(reverse("reviews:project-report-csv", args=[document.project.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == str(document.pk) and rows[1][-1] == "fail"


@pytest.mark.parametrize("headers", [None, HTMX], ids=["plain", "htmx"])
def test_reject_records_an_lqa_error_in_the_same_transaction(editor, segment, headers):
    r = post_row(editor, "reject", segment, headers, reason="Bad", lqa_category="accuracy")
    assert r.status_code == 422 and "severity" in r.text
    segment.refresh_from_db()
    assert segment.state == "new" and not LqaError.objects.exists()
    r = post_row(
        editor,
        "reject",
        segment,
        headers,
        reason="Bad",
        lqa_category="accuracy",
        lqa_severity="minor",
    )
    assert r.status_code in (200, 302)
    error = LqaError.objects.get()
    assert (error.category, error.severity, error.revision.action) == (
        "accuracy",
        "minor",
        "reject",
    )


@pytest.mark.parametrize("headers", [None, HTMX], ids=["plain", "htmx"])
def test_save_stores_the_time_to_edit_the_page_reported(client, users, segment, headers):
    client.login(username="translator", password=PASSWORD)
    post_row(client, "save", segment, headers, target="Zheyun'an one.", edit_ms="5300")
    segment.refresh_from_db()
    post_row(client, "save", segment, headers, target="Zheyun'an two.", edit_ms="nonsense")
    segment.refresh_from_db()
    post_row(client, "save", segment, headers, target="Zheyun'an three.")
    edits = Revision.objects.filter(segment=segment, action="edit").order_by("version")
    assert list(edits.values_list("edit_ms", flat=True)) == [5300, None, None]


def test_review_page_has_the_report_link_and_lqa_fields(editor, document):
    html = editor.get(reverse("reviews:document", args=[document.pk])).text
    assert reverse("reviews:document-report", args=[document.pk]) in html
    assert 'name="lqa_category"' in html and 'name="edit_ms"' in html
    html = editor.get(reverse("reviews:project", args=[document.project.slug])).text
    assert reverse("reviews:project-report", args=[document.project.slug]) in html


def test_reference_upload_through_the_page(editor, document):
    n = document.segments.count()
    lines = "\n".join(f"Reference {i}." for i in range(n)).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("reviews:document-reference", args=[document.pk])
    r = editor.post(url, {"file": SimpleUploadedFile("ref.txt", lines)}, follow=True)
    assert f"Reference stored for {n} segments" in r.text
    assert "Against the reference translation" in r.text
    r = editor.post(url, {"file": SimpleUploadedFile("ref.txt", b"one\n")}, follow=True)
    assert "ref.txt: 1 lines for" in r.text
