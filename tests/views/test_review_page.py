"""The review page: full page, htmx partials, and the plain-form (JavaScript off) path."""

from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD


def login(client, username):
    client.login(username=username, password=PASSWORD)


def test_page_shows_source_translation_state_and_progress(client, document):
    login(client, "translator")
    response = client.get(reverse("reviews:document", args=[document.pk]))
    html = response.text
    assert response.status_code == 200
    count = document.segments.count()
    assert html.count('aria-label="Translation of segment') == count
    assert "Zhe Yunan" in html
    assert html.count(">Save</button>") == count
    assert ">Approve</button>" not in html  # translators cannot review
    assert f"{count} New" in html  # the progress bar's accessible label


def test_editor_sees_approve_and_reject(client, document):
    login(client, "editor")
    html = client.get(reverse("reviews:document", args=[document.pk])).text
    assert (
        html.count(">Approve</button>")
        == html.count(">Reject</button>")
        == document.segments.count()
    )


def test_plain_form_save_redirects_back_to_the_segment(client, segment):
    login(client, "translator")
    url = reverse("reviews:segment-save", args=[segment.pk])
    response = client.post(url, {"target": "Fixed Zheyun'an.", "version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#seg-{segment.pk}")
    segment.refresh_from_db()
    assert (segment.target, segment.state) == ("Fixed Zheyun'an.", "translated")
    page = client.get(response["Location"]).text
    assert "Saved segment" in page


def test_htmx_save_returns_the_row_and_an_out_of_band_progress_bar(client, segment):
    login(client, "translator")
    url = reverse("reviews:segment-save", args=[segment.pk])
    response = client.post(url, {"target": "Fixed.", "version": 1}, headers={"HX-Request": "true"})
    html = response.text
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<div class="seg state-translated" id="seg-{segment.pk}"')
    assert '<span class="state-word">Translated</span>' in html
    assert 'id="review-progress" class="review-progress" hx-swap-oob="true"' in html
    assert "1 Translated" in html
    assert "<html" not in html


def test_htmx_page_is_the_next_rows_and_an_out_of_band_pager(client, project, users):
    lines = "".join(f"Sentence number {i}.\n" for i in range(1, 121)).encode()
    document = services.document_import(project=project, data=lines, filename="long.txt")
    login(client, "translator")
    url = reverse("reviews:document", args=[document.pk])
    html = client.get(url, {"page": 2, "first": 1}, headers={"HX-Request": "true"}).text
    assert html.count('class="seg state-') == 50
    assert "Sentence number 51." in html and "Sentence number 50." not in html
    assert 'id="pager" aria-label="Pages" hx-swap-oob="true"' in html
    assert "Pages 1–2 of 3" in html and "page=3" in html
    assert "<html" not in html and 'rel="prev"' not in html


def test_htmx_stale_save_answers_409_with_both_texts(client, segment, users):
    from reviews import services

    services.segment_edit(segment=segment, user=users["editor"], target="Theirs.", version=1)
    login(client, "translator")
    url = reverse("reviews:segment-save", args=[segment.pk])
    response = client.post(url, {"target": "Mine.", "version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert f"Segment {segment.position + 1} was changed by editor" in response.text
    assert "editor saved this segment while you were editing" in response.text
    assert "Theirs." in response.text and "Mine." in response.text


def test_reject_without_reason_is_refused_with_a_message(client, segment):
    login(client, "editor")
    url = reverse("reviews:segment-reject", args=[segment.pk])
    response = client.post(url, {"target": segment.target, "version": 1, "reason": ""})
    assert response.status_code == 422
    assert "Give a reason" in response.text
    segment.refresh_from_db()
    assert segment.state == "new"


def test_rejection_reason_is_shown_to_the_translator(client, segment, users):
    from reviews import services

    services.segment_reject(
        segment=segment, reviewer=users["editor"], reason="Use Zheyun'an", version=1
    )
    login(client, "translator")
    html = client.get(reverse("reviews:document", args=[segment.document_id])).text
    assert "Use Zheyun&#x27;an" in html


def test_hostile_text_is_escaped(client, segment, users):
    from reviews import services

    services.segment_edit(
        segment=segment,
        user=users["editor"],
        target="</textarea><script>alert(1)</script>",
        version=1,
    )
    login(client, "translator")
    html = client.get(reverse("reviews:document", args=[segment.document_id])).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html


def test_export_download_is_the_file(client, document, seed_bytes):
    login(client, "translator")
    response = client.get(
        reverse("reviews:document-export", args=[document.pk]), {"format": "text"}
    )
    assert response.content == seed_bytes
    assert response["Content-Disposition"].startswith("attachment;")


def test_manager_uploads_a_bilingual_document(client, project, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, "manager")
    response = client.post(
        reverse("reviews:document-upload", args=[project.slug]),
        {
            "file": SimpleUploadedFile("t.txt", b"Hello. World.\n"),
            "source": SimpleUploadedFile("s.txt", "你好。世界。\n".encode()),
            "format": "auto",
        },
    )
    assert response.status_code == 302
    doc = project.documents.get()
    assert [s.source for s in doc.segments.all()] == ["你好。", "世界。"]


def test_upload_of_a_bad_file_shows_the_problem(client, project, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, "manager")
    response = client.post(
        reverse("reviews:document-upload", args=[project.slug]),
        {"file": SimpleUploadedFile("t.txt", b"\x00\x00binary"), "format": "auto"},
    )
    assert response.status_code == 422
    assert "t.txt: this is a binary file" in response.text
    assert not project.documents.exists()


def _panel(html):
    return html[html.index('<details class="filters panel"') : html.index("</details>")]


def test_filter_panel_shows_each_views_own_filter(client, document, project, users, seed_bytes):
    """The form is memoised per document and filter: every view shows its own filter."""
    login(client, "editor")
    url = reverse("reviews:document", args=[document.pk])
    plain = _panel(client.get(url).text)
    assert '<details class="filters panel">' in plain  # closed, nothing checked but defaults
    assert 'value="source" checked' in plain and 'value="mt" checked' not in plain
    mt = _panel(client.get(url, {"in": "mt"}).text)
    assert 'value="mt" checked' in mt and 'value="source" checked' not in mt
    approved = _panel(client.get(url, {"state": "approved", "q": "Zhe <b>"}).text)
    assert 'value="approved" checked' in approved and " open>" in approved
    assert 'value="Zhe &lt;b&gt;"' in approved
    assert _panel(client.get(url).text) == plain
    bad = client.get(url, {"q": "(", "regex": "1"}).text
    assert " open>" in _panel(bad) and "regular expression is not valid" in bad
    other = services.document_import(
        project=project, data=seed_bytes, filename="b.txt", user=users["manager"]
    )
    theirs = _panel(client.get(reverse("reviews:document", args=[other.pk])).text)
    assert f'href="{reverse("reviews:document", args=[other.pk])}">Clear' in theirs


def test_a_line_break_typed_in_a_translation_is_an_error_and_shown_as_a_mark(client, segment):
    """Issue 18, point 2: the saved text keeps its break; the page marks it behind the
    box and in the changes from the MT, and the line-breaks check reports it."""
    login(client, "translator")
    target = segment.target.replace('Online", "Zhejiang Takeaway', 'Online",\n"Zhejiang Takeaway')
    assert target.count("\n") == 1
    url = reverse("reviews:segment-save", args=[segment.pk])
    client.post(url, {"target": target, "version": 1}, headers={"HX-Request": "true"})
    segment.refresh_from_db()
    assert segment.target == target  # untouched: the mark is only drawn
    assert "line-breaks" in segment.qa_checks and segment.qa_level == "error"
    html = client.get(reverse("reviews:document", args=[document_id(segment)])).text
    row = html[html.index(f'id="seg-{segment.pk}"') :]
    row = row[: row.index('<div class="seg-extra"')]
    backdrop = row[row.index('<div class="backdrop"') : row.index("<textarea")]
    # the break itself is the error's span: marked as an error, and as a line break
    assert (
        'Online&quot;,<mark class="qa qa-error" title="The translation has 1 line break; '
        'the MT has no line break"><span class="lb" title="Line break"></span>\n</mark>'
    ) in backdrop
    assert '<span class="lb" title="Line break"></span>' in row[row.index('class="diff"') :]
    textarea = row[row.index("<textarea") : row.index("</textarea>")]
    assert "lb" not in textarea and "Online&quot;,\n&quot;Zhejiang Takeaway" in textarea


def document_id(segment) -> int:
    return segment.document_id
