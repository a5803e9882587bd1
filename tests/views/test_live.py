"""Others' work on the open review page: the poll redraws rows someone else changed,
naming them; a row being edited only gets a notice; presence says who is editing."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from reviews import presence, services
from tests.conftest import PASSWORD

HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, who):
    client.login(username=who, password=PASSWORD)
    return client


def poll(client, document, seen, editing=""):
    url = reverse("reviews:document-changes", args=[document.pk])
    seen = ",".join(f"{s.pk}:{version}:{comments}" for s, version, comments in seen)
    response = client.get(url, {"seen": seen, "editing": editing}, headers=HX)
    assert response.status_code == 200
    return response.text


def swapped(html):
    """The ids of the rows the answer swaps in, out of band."""
    return [
        int(i) for i in re.findall(r'<div hx-swap-oob="true" class="seg[^"]*" id="seg-(\d+)"', html)
    ]


def notices(html):
    return re.findall(r'data-segment="(\d+)" data-kind="(\w+)">([^<]*)</p>', html)


def test_a_row_someone_else_changed_is_redrawn_naming_them(client, document, segment, users):
    other = document.segments.exclude(pk=segment.pk).order_by("position").first()
    services.segment_edit(segment=segment, user=users["editor"], target="Zheyun'an.", version=1)
    html = poll(login(client, "translator"), document, [(segment, 1, 0), (other, 1, 0)])
    assert swapped(html) == [segment.pk]
    assert "Zheyun&#x27;an." in html and 'name="version" value="2"' in html
    assert notices(html) == [(str(segment.pk), "changed", "editor changed this segment")]


def test_nothing_changed_answers_nothing(client, document, segment, users):
    html = poll(login(client, "translator"), document, [(segment, 1, 0)])
    assert swapped(html) == [] and notices(html) == []


def test_the_row_being_edited_is_not_swapped_but_told(client, document, segment, users):
    services.segment_edit(segment=segment, user=users["editor"], target="Zheyun'an.", version=1)
    html = poll(login(client, "translator"), document, [(segment, 1, 0)], editing=str(segment.pk))
    assert swapped(html) == []
    assert notices(html) == [
        (str(segment.pk), "conflict", "editor changed this segment while you were editing it")
    ]


def test_your_own_change_in_another_tab_is_redrawn_without_a_notice(
    client, document, segment, users
):
    services.segment_edit(segment=segment, user=users["translator"], target="Mine.", version=1)
    html = poll(login(client, "translator"), document, [(segment, 1, 0)])
    assert swapped(html) == [segment.pk] and notices(html) == []


def test_a_new_comment_redraws_the_row_naming_its_author(client, document, segment, users):
    services.comment_add(segment=segment, author=users["editor"], text="Zheyun'an?")
    html = poll(login(client, "translator"), document, [(segment, 1, 0)])
    assert swapped(html) == [segment.pk]
    assert f'id="comment-count-{segment.pk}">1<' in html
    assert notices(html) == [(str(segment.pk), "changed", "editor commented")]


def test_state_changes_are_redrawn_too(client, document, segment, users):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    html = poll(login(client, "translator"), document, [(segment, 1, 0)])
    assert swapped(html) == [segment.pk] and "Approved" in html


def test_the_poll_asks_few_queries_whatever_changed(
    client, document, users, django_assert_max_num_queries
):
    segs = list(document.segments.order_by("position"))
    seen = [(s, 1, 0) for s in segs]  # the page as loaded
    login(client, "translator")
    services.comment_add(segment=segs[-1], author=users["editor"], text="Hm.")
    for count in (1, 8):  # rows changed since the page was loaded, besides the comment
        for s in segs[:count]:
            s.refresh_from_db()
            services.segment_edit(
                segment=s, user=users["editor"], target=f"T{s.version}.", version=s.version
            )
        with django_assert_max_num_queries(9):
            html = poll(client, document, seen)
        assert len(swapped(html)) == count + 1


# --- presence -----------------------------------------------------------------------


def heartbeat(client, segment, **data):
    url = reverse("reviews:segment-presence", args=[segment.pk])
    return client.post(url, data, headers=HX)


def test_someone_editing_a_segment_is_named_to_the_others(client, document, segment, users):
    from django.test import Client

    editor = login(Client(), "editor")
    assert heartbeat(editor, segment).status_code == 204
    translator = login(client, "translator")
    assert notices(poll(translator, document, [(segment, 1, 0)])) == [
        (str(segment.pk), "editing", "editor is editing")
    ]
    # Nobody is told about themselves.
    assert notices(poll(editor, document, [(segment, 1, 0)])) == []
    # Leaving the box clears it at once.
    assert heartbeat(editor, segment, gone="1").status_code == 204
    assert notices(poll(translator, document, [(segment, 1, 0)])) == []


def test_a_mark_expires_without_heartbeats(document, segment, users, monkeypatch):
    presence.presence_mark(document_id=document.pk, segment_id=segment.pk, user=users["editor"])
    ids = [users["editor"].pk, users["translator"].pk]
    assert presence.document_presence(document_id=document.pk, user_ids=ids) == {
        segment.pk: ["editor"]
    }
    later = presence.time.time() + presence.PRESENCE_SECONDS + 1
    monkeypatch.setattr(presence.time, "time", lambda: later)
    assert presence.document_presence(document_id=document.pk, user_ids=ids) == {}


def test_two_people_on_one_segment(document, segment, users):
    for name in ("editor", "manager"):
        presence.presence_mark(document_id=document.pk, segment_id=segment.pk, user=users[name])
    ids = [u.pk for u in users.values()]
    found = presence.document_presence(
        document_id=document.pk, user_ids=ids, exclude_user_id=users["translator"].pk
    )
    assert found == {segment.pk: ["editor", "manager"]}


def test_archived_documents_keep_no_marks(client, document, segment, users):
    services.document_archive(document=document, user=users["manager"])
    assert heartbeat(login(client, "editor"), segment).status_code == 204
    assert presence.document_presence(document_id=document.pk, user_ids=[users["editor"].pk]) == {}


def test_the_review_page_polls_and_loads_its_script(client, document):
    html = login(client, "translator").get(reverse("reviews:document", args=[document.pk])).text
    changes = reverse("reviews:document-changes", args=[document.pk])
    # Every 3 s, and at once when a propagation or its undo changed rows (repetitions.js).
    assert f'hx-get="{changes}" hx-trigger="every 3s, workbench:refresh"' in html
    assert "reviews/live.js" in html
