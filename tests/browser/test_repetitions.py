"""Repetitions in the browser: a save offers "Apply to all" for the other segments with
the same source; Alt+Shift+R applies it, the rows update in place, and Undo puts them back."""

import pytest
from playwright.sync_api import expect

from tests.browser.workbench import box, review
from tests.conftest import TWINS_FIXED as FIXED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def targets(document):
    return list(document.segments.order_by("position").values_list("target", flat=True))


def test_save_apply_to_all_with_the_keyboard_then_undo(open_as, twins):
    page = open_as("translator")
    review(page, twins)
    first = box(page, 0)
    first.click()
    first.fill(FIXED)
    first.press("Control+Enter")  # save and go on: the offer comes with the answer
    note = page.get_by_role("region", name="Repetitions")
    expect(note).to_contain_text("Segment 1: 2 other segments have the same source:")
    expect(note.get_by_role("button", name="Apply to all")).to_be_visible()
    assert targets(twins)[2:] == ["Wealth together."] * 2  # offered, not applied

    expect(box(page, 1)).to_be_focused()
    page.keyboard.press("Alt+Shift+R")
    expect(note).to_contain_text("Segment 1: 2 repetitions updated.")
    expect(box(page, 2)).to_have_value(FIXED)
    expect(box(page, 3)).to_have_value(FIXED)
    expect(page.locator(".seg[data-segment]").nth(3).locator(".state-word")).to_have_text(
        "Translated"
    )
    expect(box(page, 1)).to_be_focused()  # the keys never moved the focus
    assert targets(twins) == [FIXED, "The plan works.", FIXED, FIXED]

    note.get_by_role("button", name="Undo").click()
    expect(note).to_contain_text("Undone: 2 segments restored.")
    expect(box(page, 2)).to_have_value("Wealth together.")
    expect(box(page, 3)).to_have_value("Wealth together.")
    assert targets(twins) == [FIXED, "The plan works.", "Wealth together.", "Wealth together."]


def test_apply_to_all_without_javascript(open_as, twins):
    page = open_as("translator", javascript=False)
    review(page, twins)
    box(page, 0).fill(FIXED)
    page.locator(".seg[data-segment]").nth(0).get_by_role("button", name="Save").click()
    note = page.get_by_role("region", name="Repetitions")
    expect(note).to_contain_text("2 other segments have the same source")
    note.get_by_role("button", name="Apply to all").click()
    expect(note).to_contain_text("Segment 1: 2 repetitions updated.")
    expect(box(page, 3)).to_have_value(FIXED)
    note.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").first).to_contain_text("Undone: 2 segments restored.")
    expect(box(page, 3)).to_have_value("Wealth together.")


def test_undo_with_the_keyboard_gives_the_focus_back_to_the_row(open_as, twins):
    """Enter on Undo replaces the note by one with no button: the focus must not fall to
    <body> (the next Tab would start again at the top of the page), it goes back to the
    row the user was on."""
    page = open_as("translator")
    review(page, twins)
    first = box(page, 0)
    first.click()
    first.fill(FIXED)
    first.press("Control+Enter")
    note = page.get_by_role("region", name="Repetitions")
    expect(note.get_by_role("button", name="Apply to all")).to_be_visible()
    page.keyboard.press("Alt+Shift+R")
    undo = note.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    undo.focus()
    page.keyboard.press("Enter")
    expect(note).to_contain_text("Undone: 2 segments restored.")
    expect(box(page, 1)).to_be_focused()
    page.keyboard.type(" Checked.")
    expect(box(page, 1)).to_have_value("The plan works. Checked.")


def test_alt_shift_r_before_any_offer_says_what_to_do(open_as, twins):
    """Before a save offers "Apply to all", Alt+Shift+R said "There are no repetitions
    to apply." on a segment that has two: it says what makes the offer instead."""
    page = open_as("translator")
    review(page, twins)
    box(page, 0).click()
    page.keyboard.press("Alt+Shift+R")
    expect(page.locator("#announcer")).to_have_text(
        "Nothing to apply: save or approve a segment first; if it has repetitions,"
        " Alt+Shift+R then applies it to them."
    )
    assert targets(twins)[2:] == ["Wealth together."] * 2
