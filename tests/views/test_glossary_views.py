"""The glossary page, its forms (JavaScript off) and CSV in and out through HTTP."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from reviews.models import GlossaryTerm
from tests.conftest import PASSWORD


def login(client, username):
    client.login(username=username, password=PASSWORD)


def url(name, *args):
    return reverse(f"reviews:{name}", args=["zj", *args])


def test_translators_read_editors_change(client, users, project):
    services.glossary_term_add(
        project=project,
        user=users["editor"],
        source="浙江",
        rendering="Zhejiang",
        forbidden="Chekiang",
    )
    login(client, "translator")
    html = client.get(url("glossary")).text
    assert "Zhejiang" in html and "Chekiang" in html and "Add a term" not in html
    login(client, "editor")
    html = client.get(url("glossary")).text
    assert "Add a term" in html and "Save term" in html and "Import a CSV file" in html


def test_add_from_the_review_page_returns_there(client, document):
    login(client, "editor")
    back = reverse("reviews:document", args=[document.pk]) + "?page=1"
    response = client.post(
        url("glossary-add"),
        {"rendering": "Zheyun'an", "forbidden": "Zhe Yunan", "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert document.segments.get(target__contains="Zhe Yunan").qa_level == "error"
    # An off-site "next" is ignored.
    response = client.post(
        url("glossary-add"), {"rendering": "Zheli", "next": "https://evil.example/"}
    )
    assert response["Location"] == url("glossary")


def test_prefilled_form_for_a_selection(client, project, users):
    login(client, "editor")
    html = client.get(url("glossary") + "?rendering=Zhe+Yunan").text
    assert 'value="Zhe Yunan"' in html


def test_bad_term_is_refused_with_a_message(client, project, users):
    login(client, "editor")
    response = client.post(url("glossary-add"), {"note": "nothing else"})
    assert response.status_code == 422
    assert "Give a source term or an approved rendering" in response.text
    assert not GlossaryTerm.objects.exists()


def test_edit_and_delete(client, project, users):
    term = services.glossary_term_add(project=project, user=users["editor"], rendering="A")
    login(client, "editor")
    client.post(url("glossary-edit", term.pk), {"rendering": "B", "forbidden": "C | D"})
    term.refresh_from_db()
    assert (term.rendering, term.forbidden) == ("B", ["C", "D"])
    client.post(url("glossary-delete", term.pk))
    assert not GlossaryTerm.objects.exists()


def test_terms_of_another_project_are_404(client, project, users):
    other = services.project_create(slug="other", source_lang="zh-CN", target_lang="en")
    services.membership_set(project=other, user=users["editor"], role="editor")
    term = services.glossary_term_add(project=other, user=users["editor"], rendering="X")
    login(client, "editor")
    assert client.post(url("glossary-delete", term.pk)).status_code == 404
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


def test_csv_import_and_export(client, project, users):
    login(client, "editor")
    data = "source,rendering,forbidden,note,case_sensitive\n浙运安,Zheyun'an,Zhe Yunan,,0\n"
    upload = SimpleUploadedFile("g.csv", data.encode(), "text/csv")
    response = client.post(url("glossary-import"), {"file": upload}, follow=True)
    assert "Imported 1 new and 0 changed terms." in response.text
    response = client.get(url("glossary-export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zj-glossary.csv"'
    assert "浙运安,Zheyun'an,Zhe Yunan,,0" in response.content.decode()


def test_bad_csv_names_the_line_and_stores_nothing(client, project, users):
    login(client, "editor")
    data = b"source,rendering,forbidden,note,case_sensitive\na,b,,,\nc,d\n"
    upload = SimpleUploadedFile("bad.csv", data, "text/csv")
    response = client.post(url("glossary-import"), {"file": upload})
    assert response.status_code == 422
    assert "bad.csv: line 3: expected 5 fields, found 2" in response.text
    assert not GlossaryTerm.objects.exists()
