"""Repetitions on the review page: a save offers "Apply to all" (or, where the project
applies repetitions automatically, says "N repetitions updated" with an Undo); both
work as plain forms and as htmx answers."""

import re

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Segment
from tests.conftest import PASSWORD
from tests.conftest import TWINS_FIXED as FIXED

HX = {"HX-Request": "true"}


@pytest.fixture
def document(twins):
    return twins


@pytest.fixture
def translator(client, users):
    client.login(username="translator", password=PASSWORD)
    return client


def seg(document, position):
    return Segment.objects.get(document=document, position=position)


def save(client, segment, *, headers=None, target=FIXED):
    url = reverse("reviews:segment-save", args=[segment.pk])
    return client.post(url, {"target": target, "version": segment.version}, headers=headers)


def targets(document):
    return [s.target for s in document.segments.order_by("position")]


def form_fields(html: str, action: str) -> dict:
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', html, re.S)
    assert form, f"no form posting to {action}"
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(0)))


def test_a_plain_save_offers_apply_to_all_and_it_applies_then_undoes(translator, document):
    origin = seg(document, 0)
    response = save(translator, origin)
    assert response.status_code == 302
    page = translator.get(response["Location"]).text
    assert "Segment 1: 2 other segments have the same source:" in page
    assert targets(document)[2:] == ["Wealth together."] * 2  # only offered
    propagate = reverse("reviews:segment-propagate", args=[origin.pk])
    fields = form_fields(page, propagate)
    assert fields["version"] == "2"
    # Shown once: the next page has no offer.
    assert "other segments have the same source" not in translator.get(response["Location"]).text

    applied = translator.post(propagate, fields)
    assert applied.status_code == 302
    assert targets(document) == [FIXED, "The plan works.", FIXED, FIXED]
    assert {s.state for s in document.segments.exclude(position=1)} == {"translated"}
    page = translator.get(applied["Location"]).text
    assert "Segment 1: 2 repetitions updated." in page
    undo = reverse("reviews:segment-propagate-undo", args=[origin.pk])
    undone = translator.post(undo, form_fields(page, undo))
    assert undone.status_code == 302
    assert "Undone: 2 segments restored." in translator.get(undone["Location"]).text
    assert targets(document) == [FIXED, "The plan works.", "Wealth together.", "Wealth together."]


def test_the_htmx_answers_carry_the_note_out_of_band(translator, document):
    origin = seg(document, 0)
    answer = save(translator, origin, headers=HX).text
    assert 'id="repetitions"' in answer and 'hx-swap-oob="true"' in answer
    assert "2 other segments have the same source" in answer
    assert "Saved segment 1. 2 other segments have the same source" in answer  # announced
    propagate = reverse("reviews:segment-propagate", args=[origin.pk])
    applied = translator.post(propagate, form_fields(answer, propagate), headers=HX)
    assert applied.status_code == 200
    assert "Segment 1: 2 repetitions updated." in applied.text
    assert 'data-refresh="1"' in applied.text  # the page redraws the rows that changed
    assert 'id="review-progress"' in applied.text  # and its progress bar
    undo = reverse("reviews:segment-propagate-undo", args=[origin.pk])
    undone = translator.post(undo, form_fields(applied.text, undo), headers=HX)
    assert "Undone: 2 segments restored." in undone.text
    assert targets(document)[2:] == ["Wealth together."] * 2


def test_a_project_that_applies_repetitions_does_so_on_save_with_an_undo(
    translator, document, users
):
    services.project_update(
        project=document.project, user=users["manager"], four_eyes=False, auto_propagate=True
    )
    origin = seg(document, 0)
    answer = save(translator, origin, headers=HX).text
    assert targets(document) == [FIXED, "The plan works.", FIXED, FIXED]
    assert "Segment 1: 2 repetitions updated." in answer
    assert "Apply to all" not in answer
    assert reverse("reviews:segment-propagate-undo", args=[origin.pk]) in answer


def test_an_approval_offers_too_and_no_repetition_means_no_note(client, document, users):
    client.login(username="editor", password=PASSWORD)
    url = reverse("reviews:segment-approve", args=[seg(document, 0).pk])
    answer = client.post(url, {"version": 1, "target": FIXED}, headers=HX).text
    assert "2 other segments have the same source" in answer
    lone = seg(document, 1)
    assert 'id="repetitions"' not in save(client, lone, headers=HX, target="It works.").text


def test_an_offer_made_stale_by_a_later_save_is_refused(translator, document):
    origin = seg(document, 0)
    answer = save(translator, origin, headers=HX).text
    propagate = reverse("reviews:segment-propagate", args=[origin.pk])
    fields = form_fields(answer, propagate)
    save(translator, seg(document, 0), target="Shared prosperity.")
    refused = translator.post(propagate, fields, headers=HX)
    assert refused.status_code == 409
    assert "version 2" in refused.text and "it is now version 3" in refused.text
    assert targets(document)[2:] == ["Wealth together."] * 2


def test_a_translator_cannot_undo_an_editors_propagation(client, translator, document, users):
    origin = services.segment_edit(
        segment=seg(document, 0), user=users["editor"], target=FIXED, version=1
    )
    result = services.segment_propagate(segment=origin, user=users["editor"], version=2)
    undo = reverse("reviews:segment-propagate-undo", args=[origin.pk])
    response = translator.post(undo, {"batch": str(result.batch)})
    assert response.status_code == 403
    assert targets(document)[2:] == [FIXED, FIXED]


def test_managers_turn_automatic_repetitions_on_in_the_project_settings(client, project, users):
    url = reverse("reviews:project-settings", args=[project.slug])
    client.login(username="editor", password=PASSWORD)
    assert client.post(url, {"auto_propagate": "on"}).status_code == 403
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("reviews:project", args=[project.slug])).text
    assert 'name="auto_propagate"' in page and "Apply repetitions automatically" in page
    assert client.post(url, {"auto_propagate": "on"}).status_code == 302
    project.refresh_from_db()
    assert (project.auto_propagate, project.four_eyes) == (True, False)
    assert 'name="auto_propagate" checked' in client.get(project.get_absolute_url()).text


def test_the_shortcut_is_in_the_help(translator, document):
    page = translator.get(reverse("reviews:document", args=[document.pk])).text
    assert "<kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>R</kbd>" in page
    assert 'id="repetitions"' in page  # the empty note the answers fill


def test_a_busy_database_after_the_save_does_not_undo_its_answer(translator, document, monkeypatch):
    """The save is committed before its repetitions are looked at: a busy database then
    leaves a note, not the middleware's 503 "nothing was changed"."""
    from django.db import OperationalError

    from reviews.views import repetitions

    def busy(**_kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(repetitions.services, "repetitions_after_write", busy)
    response = save(translator, seg(document, 0), headers=HX)
    assert response.status_code == 200
    assert "Saved segment 1" in response.text
    assert "repetitions were not looked at" in response.text
    assert seg(document, 0).target == FIXED
