"""QA on the review page: inline results, marks, filters, counts, the override."""

import re

import pytest
from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD

HX = {"HX-Request": "true"}


def login(client, username):
    client.login(username=username, password=PASSWORD)


def page(client, document, query=""):
    return client.get(reverse("reviews:document", args=[document.pk]) + query).text


def row_html(html, segment):
    start = html.index(f'id="seg-{segment.pk}"')
    end = html.find('<div class="seg state-', start)
    return html[start : end if end > 0 else len(html)]


@pytest.fixture
def forbidden(document, users):
    return services.glossary_term_add(
        project=document.project,
        user=users["editor"],
        source="浙运安",
        rendering="Zheyun'an",
        forbidden="Zhe Yunan",
    )


def test_row_shows_qa_results_and_marks_the_span(client, document, segment):
    login(client, "translator")
    row = row_html(page(client, document), segment)
    assert 'aria-label="QA issues of segment' in row
    assert "Romanized name" in row
    assert re.search(r'<mark class="qa qa-warning" title="[^"]*">Zhe Yunan</mark>', row)


def test_glossary_terms_are_marked_in_source_and_translation(client, project, users):
    services.glossary_term_add(
        project=project,
        user=users["editor"],
        source="浙江",
        rendering="Zhejiang",
        forbidden="Chekiang",
    )
    document = services.document_import(
        project=project,
        data="浙江很美。\n".encode(),
        source_data="浙江很美。\n".encode(),
        filename="t.txt",
        source_filename="s.txt",
        user=users["manager"],
    )
    segment = document.segments.get()
    services.segment_edit(
        segment=segment, user=users["editor"], target="Zhejiang, not Chekiang.", version=1
    )
    login(client, "translator")
    row = row_html(page(client, document), segment)
    assert re.search(r'<mark class="term" title="Glossary: Zhejiang">浙江</mark>', row)
    assert re.search(r'<mark class="term term-ok" title="[^"]*">Zhejiang</mark>', row)
    # the forbidden variant carries the QA error's mark (it came first)
    assert re.search(r'<mark class="qa qa-error" title="[^"]*">Chekiang</mark>', row)


def test_filters_by_check_and_severity(client, document, forbidden):
    login(client, "editor")
    rows = lambda html: re.findall(r'id="seg-(\d+)" role="listitem"', html)  # noqa: E731
    errors = rows(page(client, document, "?severity=error"))
    assert errors == [str(document.segments.get(target__contains="Zhe Yunan").pk)]
    warned = rows(page(client, document, "?severity=warning"))
    assert set(errors) < set(warned)
    quotes = rows(page(client, document, "?check=quotes"))
    assert quotes and len(quotes) < document.segments.count()
    both = rows(page(client, document, "?check=quotes&check=stray-capital"))
    assert set(quotes) < set(both)
    html = page(client, document, "?severity=nonsense")
    assert "Unknown QA severity" in html


def test_project_page_counts_errors_and_warnings(client, document, forbidden):
    login(client, "translator")
    html = client.get(reverse("reviews:project", args=["zj"])).text
    errors = document.segments.filter(qa_level="error").count()
    warnings = document.segments.filter(qa_level="warning").count()
    assert errors == 1 and warnings >= 1
    assert f"{errors} with errors</a>" in html and f"{warnings} with warnings</a>" in html


def test_approving_an_error_needs_approve_anyway(client, document, forbidden):
    segment = document.segments.get(target__contains="Zhe Yunan")
    login(client, "editor")
    row = row_html(page(client, document), segment)
    assert "Approve anyway</button>" in row
    url = reverse("reviews:segment-approve", args=[segment.pk])
    draft = segment.target + " (edited)"
    response = client.post(url, {"target": draft, "version": 1}, headers=HX)
    assert response.status_code == 409
    assert "approve anyway with a reason" in response.text
    assert f">{draft.replace('"', '&quot;')}</textarea>" in response.text  # the edit is kept
    segment.refresh_from_db()
    assert (segment.state, segment.version) == ("new", 1)
    response = client.post(
        url, {"target": draft, "version": 1, "override_reason": "Official app name."}, headers=HX
    )
    assert response.status_code == 200
    segment.refresh_from_db()
    assert (segment.state, segment.target) == ("approved", draft)
    assert segment.revisions.last().note == "QA override: Official app name."


def test_approve_blocked_without_javascript_shows_the_page(client, document, forbidden):
    segment = document.segments.get(target__contains="Zhe Yunan")
    login(client, "editor")
    url = reverse("reviews:segment-approve", args=[segment.pk])
    response = client.post(url, {"target": segment.target, "version": 1})
    assert response.status_code == 409
    assert "Reason to approve segment" in response.text


def test_bulk_approve_reports_qa_skips(client, document, forbidden):
    login(client, "editor")
    response = client.post(
        reverse("reviews:document-bulk", args=[document.pk]),
        {"action": "approve", "scope": "all", "include_unreviewed": "1", "confirm": "1"},
        follow=True,
    )
    assert "1 with QA errors" in response.text


def test_memory_panel_shows_a_near_duplicate_after_its_twin_is_approved(client, project, users):
    data = (
        b"The province added 21,000 new jobs for graduates in Hangzhou last year.\n"
        b"The province added 22,000 new jobs for graduates in Hangzhou last year.\n"
    )
    document = services.document_import(
        project=project, data=data, filename="t.txt", user=users["manager"]
    )
    first, twin = document.segments.order_by("position")
    url = reverse("reviews:segment-memory", args=[twin.pk])
    login(client, "translator")
    assert "No similar approved translation" in client.get(url, headers=HX).text
    services.segment_approve(
        segment=first,
        reviewer=users["editor"],
        version=1,
        target="The province created 21,000 jobs for graduates in Hangzhou in 2021.",
    )
    html = client.get(url, headers=HX).text
    assert "<html" not in html
    percent = re.search(r'class="tm-percent">(\d+)%<', html)
    assert percent and 90 <= int(percent.group(1)) < 100
    assert "Use this translation" in html
    assert "<ins>created</ins>" in html  # the diff against the current text
    # One click uses it (a plain form posting to save).
    response = client.post(
        reverse("reviews:segment-save", args=[twin.pk]),
        {
            "target": "The province created 21,000 jobs for graduates in Hangzhou in 2021.",
            "version": 1,
        },
        headers=HX,
    )
    assert response.status_code == 200
    # The full page (no htmx) works too.
    assert "tm-percent" in client.get(url).text


def test_the_memory_link_adds_no_queries_to_the_page(client, document):
    login(client, "translator")
    assert page(client, document).count(">Memory</a>") == document.segments.count()
