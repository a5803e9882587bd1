"""The core loop in a real browser: fix, approve, reject, export."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_of(page, segment):
    return page.locator(f"#seg-{segment.pk}")


def test_translator_fixes_a_name_with_the_keyboard_and_editor_approves(
    new_page, live_server, document, segment
):
    url = reverse("reviews:document", args=[document.pk])
    translator = new_page("translator", PASSWORD)
    translator.goto(url)
    progress = translator.locator("#review-progress")
    total = document.segments.count()
    expect(progress).to_contain_text(f"New {total}")

    box = row_of(translator, segment).get_by_role("textbox", name=re.compile("^Translation"))
    box.click()
    box.press("Control+a")
    fixed = segment.target.replace("Zhe Yunan", "Zheyun'an")
    box.fill(fixed)
    box.press("Control+Enter")

    expect(row_of(translator, segment).locator(".state-word")).to_have_text("Translated")
    expect(progress).to_contain_text("Translated 1")
    expect(progress).to_contain_text(f"New {total - 1}")
    next_box = (
        translator.locator(".seg[data-segment]").nth(segment.position + 1).locator("textarea")
    )
    expect(next_box).to_be_focused()
    expect(translator.locator("#announcer")).to_have_text(f"Saved segment {segment.position + 1}")

    editor = new_page("editor", PASSWORD)
    editor.goto(url)
    row = row_of(editor, segment)
    expect(row.get_by_role("textbox", name=re.compile("^Translation"))).to_have_value(fixed)
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # the row's tools show
    row.get_by_role("button", name="Approve").click()
    expect(row_of(editor, segment).locator(".state-word")).to_have_text("Approved")
    expect(editor.locator("#review-progress")).to_contain_text("Approved 1")

    export = editor.request.get(
        reverse("reviews:document-export", args=[document.pk]) + "?format=text"
    )
    assert "Zheyun'an" in export.text() and "Zhe Yunan" not in export.text()
    segment.refresh_from_db()
    assert (segment.state, segment.target) == ("approved", fixed)
    assert list(segment.revisions.values_list("action", flat=True)) == ["import", "edit", "approve"]


def test_rejection_reason_reaches_the_translator(new_page, live_server, document):
    segment = document.segments.get(target__contains="Flood Prevention and Taiwan")
    url = reverse("reviews:document", args=[document.pk])
    editor = new_page("editor", PASSWORD)
    editor.goto(url)
    row = row_of(editor, segment)
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # the row's tools show
    row.get_by_role("button", name="Reject").click()
    expect(row_of(editor, segment).get_by_role("alert")).to_contain_text("Give a reason")
    row_of(editor, segment).get_by_label(re.compile("^Reason for rejecting")).fill(
        "台 here is typhoon: Flood and Typhoon Prevention Online"
    )
    row_of(editor, segment).get_by_role("button", name="Reject").click()
    expect(row_of(editor, segment).locator(".state-word")).to_have_text("Rejected")

    translator = new_page("translator", PASSWORD)
    translator.goto(url)
    reason = row_of(translator, segment).locator(".reason")
    expect(reason).to_contain_text("Rejected: 台 here is typhoon")


def test_save_works_with_javascript_off(browser, live_server, document, segment):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill("translator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("reviews:document", args=[document.pk]))
    row = row_of(page, segment)
    row.get_by_role("textbox", name=re.compile("^Translation")).fill("Plain form save.")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(f"Saved segment {segment.position + 1}")
    expect(row_of(page, segment).locator(".state-word")).to_have_text("Translated")
    context.close()
