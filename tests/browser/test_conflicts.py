"""Two people on one segment: the second save shows a 3-way conflict, nothing is lost."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stale_save_shows_mt_theirs_and_yours_and_use_mine_saves(new_page, document, segment):
    url = reverse("reviews:document", args=[document.pk])
    me, them = new_page("translator", PASSWORD), new_page("editor", PASSWORD)
    me.goto(url)
    them.goto(url)
    # My draft is typed first: a row with unsaved text is never redrawn by the live
    # refresh (live.js), so their save cannot reach my box before mine is sent.
    row = me.locator(f"#seg-{segment.pk}")
    row.get_by_role("textbox", name=re.compile("^Translation")).fill("My fix: Zheyun'an (浙运安).")
    theirs = them.locator(f"#seg-{segment.pk}").get_by_role(
        "textbox", name=re.compile("^Translation")
    )
    theirs.fill("Their fix: Zheyun'an.")
    theirs.press("Control+Enter")
    expect(them.locator(f"#seg-{segment.pk} .state-word")).to_have_text("Translated")

    row.get_by_role("button", name="Save").click()
    conflict = me.get_by_role("region", name=re.compile("^Conflict on segment"))
    expect(conflict).to_contain_text(segment.mt)
    expect(conflict.locator(".theirs")).to_have_text("Their fix: Zheyun'an.")
    expect(conflict.locator(".yours")).to_have_text("My fix: Zheyun'an (浙运安).")
    expect(row.get_by_role("textbox", name=re.compile("^Translation"))).to_have_value(
        "Their fix: Zheyun'an."
    )
    conflict.get_by_role("button", name="Use mine").click()
    expect(
        me.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=re.compile("^Translation"))
    ).to_have_value("My fix: Zheyun'an (浙运安).")
    expect(me.get_by_role("region", name=re.compile("^Conflict"))).to_have_count(0)
    segment.refresh_from_db()
    assert (segment.target, segment.version) == ("My fix: Zheyun'an (浙运安).", 3)
    assert list(segment.revisions.values_list("after_target", flat=True))[1:] == [
        "Their fix: Zheyun'an.",
        "My fix: Zheyun'an (浙运安).",
    ]


def test_history_restore_and_activity(new_page, document, segment, users):
    from reviews import services

    services.segment_edit(segment=segment, user=users["translator"], target="Worse.", version=1)
    page = new_page("translator", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    row = page.locator(f"#seg-{segment.pk}")
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # the row's tools show
    row.get_by_role("link", name="History").click()
    row.get_by_role("button", name="Restore the text of version 1").click()
    expect(page.get_by_role("status").first).to_contain_text("version 1's text")
    expect(
        page.locator(f"#seg-{segment.pk}").get_by_role("textbox", name=re.compile("^Translation"))
    ).to_have_value(segment.mt)
    page.get_by_role("link", name="Activity").click()
    expect(page.locator("table.activity")).to_contain_text("Reverted")
    expect(page.locator("table.activity")).to_contain_text("Edited")
