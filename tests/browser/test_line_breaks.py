"""Line breaks in the editor (issue 18, point 2): a break typed in a translation shows
as a mark at once, is saved as typed, and is then a QA error marked behind the box."""

import pytest
from playwright.sync_api import expect

from tests.browser.workbench import TRANSLATION, review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def glyph(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el, '::after').content")


def test_a_typed_line_break_shows_as_a_mark_and_is_an_error_once_saved(open_as, document):
    segment = document.segments.get(target="Wealth together.")
    page = open_as("translator")
    review(page, document)
    row = page.locator(f"#seg-{segment.pk}")
    area = row.get_by_role("textbox", name=TRANSLATION)
    area.click()
    page.keyboard.press("End")
    for _ in range(len("together.")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Backspace")  # the space
    page.keyboard.press("Enter")
    expect(area).to_have_value("Wealth\ntogether.")

    # While typing: the break is marked on the layer behind the box, with its glyph.
    marks = row.locator(".editor .breaks .lb")
    expect(marks).to_have_count(1)
    assert glyph(marks.first) == '"↵"'

    page.keyboard.press("Control+Enter")  # save and move on
    expect(row.locator(".state-word")).to_have_text("Translated")
    segment.refresh_from_db()
    assert segment.target == "Wealth\ntogether."  # the mark is never saved

    # Once saved: an error of the line-breaks check, and the mark behind the saved text.
    page.reload()
    row = page.locator(f"#seg-{segment.pk}")
    expect(row.locator(".qa-flag")).to_have_text("QA error")
    saved_marks = row.locator(".editor .backdrop .lb")
    expect(saved_marks).to_have_count(1)
    assert glyph(saved_marks.first) == '"↵"'
    row.get_by_role("textbox", name=TRANSLATION).click()
    expect(
        row.get_by_role("list", name=f"QA issues of segment {segment.position + 1}").get_by_text(
            "The translation has 1 line break; the MT has no line break"
        )
    ).to_be_visible()
    # The changes from the MT show the break too.
    row.get_by_text("Changes from MT", exact=True).click()
    expect(row.locator(".diff .lb")).to_have_count(1)
