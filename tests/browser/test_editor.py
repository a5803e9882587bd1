"""The editor's keyboard, filters, bulk actions and comments in a real browser."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TRANSLATION = re.compile("^Translation")


def rows(page):
    return page.locator(".seg[data-segment]")


def box(page, index):
    return rows(page).nth(index).get_by_role("textbox", name=TRANSLATION)


def test_translator_shortcuts(new_page, document, users):
    segs = list(document.segments.all()[:4])
    for seg in segs[1:3]:  # approved: nothing left to do there for a translator
        services.segment_approve(segment=seg, reviewer=users["editor"], version=1)
    page = new_page("translator", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))

    # Alt+ArrowDown / Alt+ArrowUp move between segments.
    box(page, 0).click()
    page.keyboard.press("Alt+ArrowDown")
    expect(box(page, 1)).to_be_focused()
    page.keyboard.press("Alt+ArrowDown")
    expect(box(page, 2)).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    expect(box(page, 1)).to_be_focused()

    # Escape drops an unsaved edit.
    box(page, 0).click()
    box(page, 0).fill("A half-typed mistake")
    page.keyboard.press("Escape")
    expect(box(page, 0)).to_have_value(segs[0].target)

    # Ctrl+Shift+Enter saves and skips the approved rows to the next needing work.
    box(page, 0).fill("First sentence, fixed.")
    page.keyboard.press("Control+Shift+Enter")
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Translated")
    expect(box(page, 3)).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("Saved segment 1")

    # ? opens the list of shortcuts (outside a text box).
    page.locator("h1").click()
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    for text in ["Ctrl", "Shift", "Esc", "Save and go to the next segment"]:
        expect(help_dialog).to_contain_text(text)
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()


def test_editor_approves_from_the_keyboard(new_page, document):
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    box(page, 0).click()
    page.keyboard.press("Alt+Enter")
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Approved")
    expect(box(page, 1)).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("Approved segment 1")
    expect(page.locator("#review-progress")).to_contain_text("Approved 1")


def test_filter_lives_in_the_url_and_back_works(new_page, live_server, document):
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    total = document.segments.count()
    expect(rows(page)).to_have_count(total)
    page.get_by_text("Filter and search").click()
    page.get_by_label("Search text").fill("zhe yunan")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(rows(page)).to_have_count(1)
    assert "q=zhe+yunan" in page.url
    expect(rows(page).first.get_by_role("textbox", name=TRANSLATION)).to_have_value(
        re.compile("Zhe Yunan")
    )
    page.go_back()
    expect(rows(page)).to_have_count(total)
    page.go_forward()
    expect(rows(page)).to_have_count(1)
    # The URL can be shared: another user opening it sees the same view.
    other = new_page("translator", PASSWORD)
    other.goto(page.url)
    expect(rows(other)).to_have_count(1)


def test_bulk_approve_with_shift_click_then_undo(new_page, document):
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    picks = page.get_by_role("checkbox", name=re.compile("^Select segment"))
    picks.nth(0).click()
    picks.nth(3).click(modifiers=["Shift"])  # selects 1..4
    expect(picks.nth(2)).to_be_checked()
    page.get_by_label("Bulk action", exact=True).select_option("approve")
    page.get_by_role("button", name=re.compile("^Apply")).click()
    # It asks first, with what would change: 4 picked, all raw MT.
    expect(page.get_by_text("4 of the 4 segments you selected would change")).to_be_visible()
    expect(page.get_by_text("4 are raw MT that nobody has changed")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status").first).to_contain_text("Approved 4 segments")
    for i in range(4):
        expect(rows(page).nth(i).locator(".state-word")).to_have_text("Approved")
    expect(rows(page).nth(4).locator(".state-word")).to_have_text("New")
    expect(page.locator("#review-progress")).to_contain_text("Approved 4")

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").first).to_contain_text("Undone: 4 segments restored")
    for i in range(4):
        expect(rows(page).nth(i).locator(".state-word")).to_have_text("New")
    assert not document.segments.filter(state="approved").exists()


def test_comment_with_a_mention_reaches_the_queue(new_page, document, segment):
    page = new_page("translator", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    row = page.locator(f"#seg-{segment.pk}")
    row.get_by_role("textbox", name=TRANSLATION).click()  # the row's tools show
    row.get_by_role("link", name=re.compile("^Comments")).click()
    panel = row.get_by_role("region", name=re.compile("^Comments on segment"))
    panel.get_by_label("New comment").fill("@editor is 浙运安 Zheyun'an? <b>sure</b>")
    panel.get_by_role("button", name="Add comment").click()
    expect(panel.locator(".comment-text")).to_have_text("@editor is 浙运安 Zheyun'an? <b>sure</b>")
    expect(panel.locator(".mentions")).to_contain_text("@editor")
    expect(row.locator(f"#comment-count-{segment.pk}")).to_have_text("1")

    editor = new_page("editor", PASSWORD)
    editor.goto(reverse("reviews:queue"))
    mentions = editor.get_by_role("heading", name=re.compile("^Mentions")).locator("..")
    expect(mentions).to_contain_text(f"segment {segment.position + 1}")
    mentions.get_by_role("link").first.click()
    expect(editor.locator(f"#seg-{segment.pk}")).to_be_visible()


def test_review_page_works_at_200_percent_zoom(browser, live_server, document):
    # A 1280x900 laptop screen at 200% zoom lays out like a 640x450 viewport.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 640, "height": 450}, device_scale_factor=2
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill("translator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("reviews:document", args=[document.pk]))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 640, f"horizontal scrolling at 200% zoom ({width}px)"
    first = box(page, 0)
    expect(first).to_be_visible()
    assert first.bounding_box()["width"] > 300  # the translation box keeps a usable width
    context.close()
