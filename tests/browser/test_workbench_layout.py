"""The review page reads as a document: many rows in view, one active row with its
tools, a skip link and one tab stop for the whole list; without JavaScript every row is
still a whole plain form."""

import re

import pytest
from playwright.sync_api import expect

from reviews import services
from tests.browser.workbench import (
    ROWS_IN_VIEW,
    TAB_STOPS,
    TRANSLATION,
    box,
    focused_row_index,
    review,
    rows,
)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("username", ["translator", "editor"])
def test_a_laptop_screen_shows_at_least_12_whole_segments(open_as, document, username):
    page = open_as(username)
    review(page, document)
    assert page.evaluate(ROWS_IN_VIEW) >= 12
    # The tools show in the active row only: the Tab order holds one row's controls.
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    assert page.evaluate(TAB_STOPS) < 60


def test_the_whole_text_shows_once_with_its_marks_behind_it(open_as, document):
    page = open_as("editor")
    review(page, document)
    for area in page.locator("textarea.translation").all():
        # The box grows with its text: nothing to scroll inside it.
        assert area.evaluate("a => a.scrollHeight <= a.clientHeight + 1")
    marked = page.locator(".seg[data-qa] .backdrop mark").first
    expect(marked).to_be_attached()
    row = marked.locator("xpath=ancestor::div[@data-segment]")
    assert row.locator(".marked").count() == 0  # no second copy of the text
    # The mark sits over the same word in the box.
    word = marked.text_content()
    area = row.locator("textarea")
    assert word in area.input_value()


def test_the_active_segment_is_two_keys_from_the_top(open_as, document, users):
    for seg in document.segments.order_by("position")[:3]:
        services.segment_edit(segment=seg, user=users["translator"], target=seg.target, version=1)
    page = open_as("translator")
    review(page, document)
    tabs = 0
    while tabs < 3:
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate("document.activeElement.matches('a.skip-link')"):
            break
    expect(page.get_by_role("link", name="Skip to the segments")).to_be_focused()
    page.keyboard.press("Enter")
    # The first segment that needs work for a translator: the 4th (1-3 are translated).
    expect(box(page, 3)).to_be_focused()
    assert tabs <= 3
    # It is now the active row: its tools show; a Tab goes on to them, not to the next row.
    expect(rows(page).nth(3).get_by_role("button", name="Save")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused_row_index(page) == 3


def test_clicking_a_row_shows_its_actions(open_as, document):
    page = open_as("editor")
    review(page, document)
    row = rows(page).nth(5)
    expect(row.get_by_role("button", name="Approve")).to_have_count(0)
    row.locator(".seg-num").click()
    for name in ("Save", "Approve", "Reject"):
        expect(row.get_by_role("button", name=name)).to_be_visible()
    expect(row.get_by_label(re.compile("^Reason for rejecting"))).to_be_visible()
    rows(page).nth(6).get_by_role("textbox", name=TRANSLATION).click()
    expect(row.get_by_role("button", name="Approve")).to_have_count(0)


def test_without_javascript_every_row_saves_approves_and_rejects(open_as, document):
    first, second, third = document.segments.order_by("position")[:3]
    page = open_as("editor", javascript=False)
    review(page, document)
    expect(page.get_by_role("button", name="Approve")).to_have_count(document.segments.count())

    row = page.locator(f"#seg-{first.pk}")
    row.get_by_role("textbox", name=TRANSLATION).fill("Saved as a plain form.")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved segment 1")
    expect(page.locator(f"#seg-{first.pk} .state-word")).to_have_text("Translated")

    page.locator(f"#seg-{second.pk}").get_by_role("button", name="Approve").click()
    expect(page.locator(f"#seg-{second.pk} .state-word")).to_have_text("Approved")

    # Enter in the reason rejects, as the Reject button does.
    reason = page.locator(f"#seg-{third.pk}").get_by_label(re.compile("^Reason for rejecting"))
    reason.fill("Wealth for whom?")
    reason.press("Enter")
    expect(page.locator(f"#seg-{third.pk} .state-word")).to_have_text("Rejected")
    third.refresh_from_db()
    assert (third.state, third.target) == ("rejected", "Wealth together.")


def test_the_bulk_bar_has_no_preselected_action_and_asks_in_a_dialog(open_as, document):
    page = open_as("editor")
    review(page, document)
    action = page.get_by_label("Bulk action", exact=True)
    expect(action).to_have_value("")
    expect(action.locator("option:checked")).to_have_text("Choose an action")
    page.get_by_role("checkbox", name="Select segment 1", exact=True).check()
    page.get_by_role("button", name=re.compile("^Apply")).click()
    # Refused in the browser: nothing was asked of the server.
    assert action.evaluate("a => !a.validity.valid")
    expect(page.get_by_role("dialog")).to_have_count(0)
    action.select_option("approve")
    page.get_by_role("button", name=re.compile("^Apply")).click()
    dialog = page.get_by_role("dialog", name="Apply to these segments?")
    expect(dialog).to_contain_text("1 of the 1 segment you selected would change")
    expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
    assert "/bulk/" not in page.url  # the dialog, not the confirmation page
    dialog.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status").first).to_contain_text("Approved 1 segment")
    expect(page.get_by_role("status").first).to_be_focused()  # not <body>
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Approved")


def test_the_assistance_slot_follows_the_active_row(open_as, document):
    """The hook of the assistance panel: #assist sits in the active row, a
    "workbench:activate" event names it, and a redrawn row keeps it."""
    page = open_as("translator")
    review(page, document)
    page.evaluate(
        "window.activated = [];"
        "document.addEventListener('workbench:activate', e => activated.push(e.detail.segment))"
    )
    box(page, 2).click()
    assert page.evaluate("activated") == [rows(page).nth(2).get_attribute("data-segment")]
    expect(rows(page).nth(2).locator("#assist")).to_have_count(1)
    page.keyboard.press("Alt+ArrowUp")
    expect(rows(page).nth(1).locator("#assist")).to_have_count(1)
    rows(page).nth(1).get_by_role("button", name="Save").click()  # the row is redrawn
    expect(rows(page).nth(1).locator(".state-word")).to_have_text("Translated")
    expect(page.locator("#assist")).to_have_count(1)
    expect(rows(page).nth(1).locator("#assist")).to_have_count(1)


def test_a_page_asks_for_nothing_that_is_not_there(new_page, document):
    """Every page asked for /favicon.ico, a 404 in the browser's console and the
    server's log on every page view."""
    failed = []
    page = new_page(None, None)
    # The icon is asked for by the browser, not the page: only the console tells.
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill("translator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Projects")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert failed == []
