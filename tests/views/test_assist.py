"""The assistance panel: its page (without JavaScript), its htmx partial, and the quick
fix and dismissal posts."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.assistance import visible
from reviews.models import Revision
from reviews.states import Action, QaLevel
from tests.conftest import PASSWORD

YUNAN = {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"}
HTMX = {"HX-Request": "true"}


def assist_url(segment):
    return reverse("reviews:segment-assist", args=[segment.pk])


@pytest.fixture
def forbidden(segment, users):
    services.glossary_term_add(project=segment.document.project, user=users["manager"], **YUNAN)
    segment.refresh_from_db()
    return segment


def login(client, who):
    client.login(username=who, password=PASSWORD)


def test_the_page_shows_everything_and_works_without_javascript(client, forbidden):
    login(client, "translator")
    page = client.get(assist_url(forbidden)).text
    assert "<h1>" in page and "Back to the review page" in page
    assert "Use the MT as the translation" in page  # a plain form: it saves
    assert "Copy MT into the box" not in page  # ... the row's panel copies
    # The glossary's approved rendering as text, not only in a tooltip.
    assert '<span class="rendering" lang="en">Zheyun&#x27;an</span>' in page
    assert 'Not “<span lang="en">Zhe Yunan</span>”: in the translation' in page
    assert "Fix: “Zhe Yunan” → “Zheyun&#x27;an”" in page
    assert "hx-post" not in page  # no htmx target on a page of its own
    # A glossary error: the translator may fix it but not dismiss it.
    assert "Dismiss “Glossary” for this segment" not in page
    assert "An editor can dismiss this error, with a reason." in page


def test_the_htmx_partial_is_the_panel_alone(client, forbidden):
    login(client, "editor")
    response = client.get(assist_url(forbidden), headers=HTMX)
    html = response.text
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<div class="assist-panel"')
    assert f'data-version="{forbidden.version}"' in html
    assert 'aria-keyshortcuts="Alt+Shift+M">Copy MT into the box</button>' in html
    assert f'hx-target="#seg-{forbidden.pk}"' in html
    assert "Dismiss “Glossary” for this segment" in html  # an editor may, with a reason
    assert "(required for an error)" in html


def test_memory_matches_are_numbered_from_every_document(client, project, users, seed_bytes):
    one = services.document_import(project=project, data=seed_bytes, filename="a.txt")
    two = services.document_import(project=project, data=seed_bytes, filename="b.txt")
    first = one.segments.get(target__contains="Zhe Yunan")
    twin = two.segments.get(position=first.position)
    approved = first.target.replace("Zhe Yunan", "Zheyun'an")
    services.segment_approve(
        segment=first, reviewer=users["editor"], version=first.version, target=approved
    )
    login(client, "translator")
    html = client.get(assist_url(twin), headers=HTMX).text
    assert '<strong class="tm-percent">100%</strong>' in html
    assert 'data-number="1" aria-keyshortcuts="Alt+Shift+1">Insert match 1 (100%)' in html
    assert 'name="target" value="&quot;Zhejiang Fair Online&quot;' in html


def test_every_row_links_to_its_panel(client, segment):
    login(client, "translator")
    page = client.get(reverse("reviews:document", args=[segment.document_id])).text
    assert f'<a href="{assist_url(segment)}" class="assist-link">Assistance</a>' in page
    assert "Put memory match 1 … 9 into the box" in page  # the shortcut help


def test_a_fix_without_javascript_comes_back_to_the_page(client, forbidden):
    login(client, "translator")
    url = reverse("reviews:segment-fix", args=[forbidden.pk])
    response = client.post(url, {"check": "glossary", "index": 0, "version": 1})
    assert response.status_code == 302 and response["Location"] == assist_url(forbidden)
    forbidden.refresh_from_db()
    assert "Zheyun'an" in forbidden.target and forbidden.version == 2
    assert "Applied the fix on segment" in client.get(response["Location"]).text


def test_a_fix_from_the_row_answers_with_the_row(client, forbidden):
    login(client, "translator")
    url = reverse("reviews:segment-fix", args=[forbidden.pk])
    response = client.post(url, {"check": "glossary", "index": 0, "version": 1}, headers=HTMX)
    assert response.status_code == 200
    assert f'id="seg-{forbidden.pk}"' in response.text
    assert 'id="review-progress"' in response.text  # the progress, out of band
    assert "Zheyun&#x27;an" in response.text


def test_a_stale_fix_answers_the_row_with_the_error(client, forbidden, users):
    services.segment_edit(
        segment=forbidden, user=users["editor"], target=forbidden.target + " x", version=1
    )
    login(client, "translator")
    url = reverse("reviews:segment-fix", args=[forbidden.pk])
    response = client.post(url, {"check": "glossary", "index": 0, "version": 1}, headers=HTMX)
    assert response.status_code == 409
    assert 'class="error" role="alert"' in response.text


def test_a_dismissal_from_the_row(client, segment, users):
    # The segment's other warning ("Taiwan Prevention" next to "Flood") is dismissed
    # first, so that the row's dismissal leaves it with none.
    services.segment_dismiss_check(
        segment=segment, user=users["editor"], check="literal-rendering", reason="", version=1
    )
    login(client, "translator")
    url = reverse("reviews:segment-dismiss", args=[segment.pk])
    data = {"check": "romanized-name", "reason": "brand names", "version": 2}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    segment.refresh_from_db()
    assert (segment.qa_level, segment.version) == (QaLevel.NONE, 3)
    assert Revision.objects.get(segment=segment, version=3).action == Action.DISMISS
    assert "data-qa=" not in response.text.split(">", 1)[0]  # the row lost its QA flag
    panel = client.get(assist_url(segment), headers=HTMX).text
    assert "Dismissed for this text (2)" in panel and "by translator: “brand names”" in panel


def test_a_translator_dismissing_an_error_gets_403(client, forbidden):
    login(client, "translator")
    url = reverse("reviews:segment-dismiss", args=[forbidden.pk])
    response = client.post(url, {"check": "glossary", "reason": "no", "version": 1})
    assert response.status_code == 403
    forbidden.refresh_from_db()
    assert forbidden.version == 1


def test_an_archived_document_refuses_with_its_reason(client, forbidden, users):
    services.document_archive(document=forbidden.document, user=users["manager"])
    login(client, "manager")
    url = reverse("reviews:segment-fix", args=[forbidden.pk])
    response = client.post(url, {"check": "glossary", "index": 0, "version": 1})
    assert response.status_code == 302
    assert "archived" in client.get(response["Location"]).text
    page = client.get(assist_url(forbidden)).text
    assert "Fix:" not in page and "Use the MT" not in page  # nothing to do there
    forbidden.refresh_from_db()
    assert forbidden.version == 1


@pytest.mark.parametrize(
    ("text", "shown"),
    [("Zhe Yunan", "Zhe Yunan"), ("  ", "␣␣"), (" the", "␣the"), ("\t x\n", "⇥␣x↵"), ("", "")],
)
def test_blanks_of_a_fix_are_made_visible(text, shown):
    assert visible(text) == shown
