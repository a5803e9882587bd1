"""Two people on one document, in two browsers: each sees the other's work within 5 s."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSLATION = re.compile("^Translation")


@pytest.fixture(autouse=True)
def _no_marks_left():
    cache.clear()
    yield
    cache.clear()


def test_a_save_reaches_the_other_page_with_the_name_within_5_s(new_page, document, segment):
    url = reverse("reviews:document", args=[document.pk])
    translator, editor = new_page("translator", PASSWORD), new_page("editor", PASSWORD)
    translator.goto(url)
    editor.goto(url)

    box = editor.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=TRANSLATION)
    box.fill("Zheyun'an, fixed by the editor.")
    box.press("Control+Enter")
    expect(editor.locator(f"#seg-{segment.pk} .state-word")).to_have_text("Translated")

    row = translator.locator(f"#seg-{segment.pk}")
    expect(row.get_by_role("textbox", name=TRANSLATION)).to_have_value(
        "Zheyun'an, fixed by the editor.", timeout=5000
    )
    expect(row.locator(".state-word")).to_have_text("Translated")
    # Notes may also say who is editing (the editor's box kept the focus): find this one.
    changed = row.get_by_role("note").filter(has_text="changed this segment")
    expect(changed).to_have_text("editor changed this segment")


def test_a_focused_segment_shows_who_is_editing_it(new_page, document, segment):
    url = reverse("reviews:document", args=[document.pk])
    translator, editor = new_page("translator", PASSWORD), new_page("editor", PASSWORD)
    editor.goto(url)
    translator.goto(url)

    translator.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=TRANSLATION).focus()
    notice = editor.locator(f"#seg-{segment.pk}").get_by_role("note").filter(has_text="editing")
    expect(notice).to_have_text("translator is editing", timeout=5000)
    # The translator sees no notice about themselves.
    expect(translator.locator(".seg-live")).to_have_count(0)

    # Typing there is not undone by the editor's save; the translator is told instead.
    box = translator.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=TRANSLATION)
    box.fill("The translator's draft.")
    theirs = editor.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=TRANSLATION)
    theirs.fill("The editor's version.")
    theirs.press("Control+Enter")
    # The editor's box has the focus there too, so a note may also say "editor is editing".
    told = (
        translator.locator(f"#seg-{segment.pk}")
        .get_by_role("note")
        .filter(has_text="changed this segment")
    )
    expect(told).to_have_text("editor changed this segment while you were editing it", timeout=5000)
    expect(box).to_have_value("The translator's draft.")
    # Saving then shows both texts, naming who saved the other one.
    translator.locator(f"#seg-{segment.pk}").get_by_role("button", name="Save").click()
    conflict = translator.get_by_role("region", name=re.compile("^Conflict on segment"))
    expect(conflict).to_contain_text("editor saved this segment while you were editing")
    expect(conflict.locator(".theirs")).to_have_text("The editor's version.")
