"""Review rows are drawn once and memoised: a cached row is never stale, never another
user's, and as escaped as a fresh one."""

import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from reviews import services
from reviews.views import rows
from tests.conftest import PASSWORD, make_user

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def drawn(monkeypatch):
    """Empty row cache; ``drawn`` lists the positions (1-based) of every row drawn."""
    caches[rows.CACHE].clear()
    positions = []
    draw = rows._draw

    def counting(row_list, setting):
        row_list = list(row_list)
        positions.extend(int(r["num"]) for r in row_list)
        return draw(row_list, setting)

    monkeypatch.setattr(rows, "_draw", counting)
    return positions


def page(client, document, **params):
    response = client.get(reverse("reviews:document", args=[document.pk]), params)
    assert response.status_code == 200
    return response.text


def row_html(html, segment):
    start = html.index(f'<div class="seg state-{segment.state}" id="seg-{segment.pk}"')
    end = html.find('<div class="seg state-', start + 1)
    return html[start : end if end != -1 else len(html)]


def rows_of(html):
    return html[html.index('aria-label="Segments"') : html.index('<dialog id="shortcuts-help"')]


def without_tokens(html):
    html = re.sub(r'"X-CSRFToken": "[^"]+"|nonce="[^"]+"', "", html)
    return TOKEN.sub("", html)


def test_a_second_view_draws_no_row_and_shows_the_same_page(client, document, drawn):
    client.login(username="editor", password=PASSWORD)
    first = page(client, document)
    count = document.segments.count()
    assert sorted(drawn) == list(range(1, count + 1))
    drawn.clear()
    second = page(client, document)
    assert drawn == []
    assert without_tokens(second) == without_tokens(first)


def test_a_saved_row_is_kept_for_the_next_view(client, segment, drawn):
    client.login(username="translator", password=PASSWORD)
    url = reverse("reviews:segment-save", args=[segment.pk])
    client.post(url, {"target": "Kept.", "version": 1}, headers={"HX-Request": "true"})
    assert drawn == [segment.position + 1]
    drawn.clear()
    html = page(client, segment.document)
    assert segment.position + 1 not in drawn
    assert ">Kept.</textarea>" in html


def _edit(users, segment):
    services.segment_edit(segment=segment, user=users["translator"], target="New text.", version=1)
    return "New text.</textarea>"


def _approve(users, segment):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    return '<span class="state-word">Approved</span>'


def _reject(users, segment):
    services.segment_reject(segment=segment, reviewer=users["editor"], reason="Why not", version=1)
    return '<span class="reason-text">Why not</span>'


def _comment(users, segment):
    services.comment_add(segment=segment, author=users["editor"], text="Look at this")
    return f'id="comment-count-{segment.pk}">1</span>'


@pytest.mark.parametrize("change", [_edit, _approve, _reject, _comment])
def test_a_change_redraws_exactly_its_row(client, users, segment, drawn, change):
    client.login(username="editor", password=PASSWORD)
    page(client, segment.document)
    drawn.clear()
    shown = change(users, segment)
    segment.refresh_from_db()
    html = page(client, segment.document)
    assert drawn == [segment.position + 1]
    assert shown in row_html(html, segment)


QA_ERROR = [{"check": "numbers", "severity": "error", "message": "Check 42", "spans": []}]


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"target": "Written directly."}, ">Written directly.</textarea>"),
        ({"state": "translated"}, '<span class="state-word">Translated</span>'),
        ({"source": "浙江的源文"}, ">浙江的源文</div>"),
        ({"mt": "Another MT."}, "<summary>Changes from MT</summary>"),
        ({"qa": QA_ERROR}, "Check 42"),
        ({"qa_level": "error"}, "Approve anyway"),
        ({"read_only": True}, 'readonly aria-readonly="true"'),
        ({"version": 7}, '<input type="hidden" name="version" value="7">'),
    ],
)
def test_a_row_shows_every_field_even_when_the_version_stays(client, segment, drawn, fields, shown):
    """The key is what the row shows, not the version: a write that kept the version
    (a bulk update, a QA re-check) still redraws the row."""
    client.login(username="editor", password=PASSWORD)
    assert shown not in row_html(page(client, segment.document), segment)
    type(segment).objects.filter(pk=segment.pk).update(**fields)
    segment.refresh_from_db()
    assert shown in row_html(page(client, segment.document), segment)


def test_rows_with_the_same_text_keep_their_own_ids_and_numbers(client, project, users, drawn):
    """Two documents with the same text, and a segment moved by a new version of its
    file: each row still carries its own id and number."""
    client.login(username="translator", password=PASSWORD)
    for name in ("one.txt", "two.txt"):
        document = services.document_import(
            project=project, data=b"Same line.\n", filename=name, user=users["manager"]
        )
        segment = document.segments.get()
        assert f'action="/segments/{segment.pk}/save/"' in row_html(page(client, document), segment)
    document.segments.update(position=5)
    segment.refresh_from_db()
    assert 'aria-label="Translation of segment 6"' in row_html(page(client, document), segment)


def test_a_rejection_reason_is_read_afresh(client, users, segment, drawn):
    services.segment_reject(segment=segment, reviewer=users["editor"], reason="First", version=1)
    segment.refresh_from_db()
    client.login(username="translator", password=PASSWORD)
    assert "First" in row_html(page(client, segment.document), segment)
    segment.revisions.filter(action="reject").update(note="Reworded")
    html = row_html(page(client, segment.document), segment)
    assert "Reworded" in html and "First" not in html


def test_a_second_rejection_shows_its_own_reason(client, users, segment, drawn):
    services.segment_reject(segment=segment, reviewer=users["editor"], reason="First", version=1)
    segment.refresh_from_db()
    client.login(username="editor", password=PASSWORD)
    page(client, segment.document)
    services.segment_approve(segment=segment, reviewer=users["editor"], version=segment.version)
    segment.refresh_from_db()
    services.segment_reject(
        segment=segment, reviewer=users["editor"], reason="Second", version=segment.version
    )
    segment.refresh_from_db()
    html = row_html(page(client, segment.document), segment)
    assert "Second" in html and "First" not in html


def test_a_glossary_change_redraws_every_row(client, project, users, segment, drawn):
    client.login(username="translator", password=PASSWORD)
    before = page(client, segment.document)
    assert "Forbidden variant" not in before
    drawn.clear()
    services.glossary_term_add(
        project=project, user=users["editor"], source="浙运安", rendering="Zheyun'an",
        forbidden=["Zhe Yunan"],
    )  # fmt: skip
    segment.refresh_from_db()
    html = page(client, segment.document)
    assert len(drawn) == segment.document.segments.count()
    assert "Forbidden variant &quot;Zhe Yunan&quot; used" in row_html(html, segment)


def test_a_new_role_gets_rows_drawn_for_it(client, project, users, document, drawn):
    client.login(username="translator", password=PASSWORD)
    assert ">Approve</button>" not in page(client, document)
    services.membership_set(project=project, user=users["translator"], role="editor")
    html = page(client, document)
    assert html.count(">Approve</button>") == document.segments.count()


def test_archiving_makes_every_cached_row_read_only(client, users, document, drawn):
    client.login(username="translator", password=PASSWORD)
    assert page(client, document).count(">Save</button>") == document.segments.count()
    services.document_archive(document=document, user=users["manager"])
    html = page(client, document)
    assert ">Save</button>" not in html
    assert html.count('readonly aria-readonly="true"') == document.segments.count()


def test_rows_cached_for_one_user_carry_the_next_users_token(project, users, document, drawn):
    """Another session gets the cached rows with its own CSRF token, which its plain
    (JavaScript off) forms post back; the first user's token is refused for it."""
    services.membership_set(project=project, user=make_user("second-editor"), role="editor")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.login(username="editor", password=PASSWORD)
    second.login(username="second-editor", password=PASSWORD)
    first_html = page(first, document)
    drawn.clear()
    second_html = page(second, document)
    assert drawn == []  # every row came from the cache
    segment = document.segments.get(position=0)
    first_token = TOKEN.search(row_html(first_html, segment)).group(1)
    second_tokens = set(TOKEN.findall(rows_of(second_html)))
    assert first_token not in second_tokens and len(second_tokens) == 1
    url = reverse("reviews:segment-save", args=[segment.pk])
    refused = second.post(url, {"target": "x", "version": 1, "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    token = TOKEN.search(row_html(second_html, segment)).group(1)
    saved = second.post(
        url, {"target": "By the second.", "version": 1, "csrfmiddlewaretoken": token}
    )
    assert saved.status_code == 302
    segment.refresh_from_db()
    assert segment.target == "By the second."


def test_text_that_imitates_the_token_placeholder_stays_text(client, users, segment, drawn):
    hostile = rows._PLACEHOLDER_INPUT + "<script>alert(1)</script>"
    services.segment_edit(segment=segment, user=users["translator"], target=hostile, version=1)
    segment.refresh_from_db()
    client.login(username="translator", password=PASSWORD)
    for _ in range(2):  # drawn, then from the cache
        html = row_html(page(client, segment.document), segment)
        assert "<script>" not in html and rows._CSRF_PLACEHOLDER not in TOKEN.findall(html)
        assert "&lt;input type=&quot;hidden&quot; name=&quot;csrfmiddlewaretoken&quot;" in html
        assert len(TOKEN.findall(html)) == 1  # the row's own form, with the real token
