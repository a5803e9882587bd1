"""The keyboard flow never waits for the server: the focus moves at once, what is typed
next lands in the next box, saves run in order behind, and a failed one is one key away."""

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from tests.browser.workbench import TRANSLATION, box, focused_row_index, review, rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_saves(monkeypatch):
    """Every save takes 300 ms more in the server: the keyboard must not wait for it."""
    edit = services.segment_edit

    def slow(**kwargs):
        time.sleep(0.3)
        return edit(**kwargs)

    monkeypatch.setattr(services, "segment_edit", slow)


def test_type_ahead_after_ctrl_enter_lands_whole_at_the_end_of_the_next_box(
    open_as, document, slow_saves
):
    segs = list(document.segments.order_by("position")[:5])
    page = open_as("translator")
    review(page, document)
    box(page, 0).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" A0")
    for i in range(1, 4):  # faster than the server answers
        page.keyboard.press("Control+Enter")
        page.keyboard.type(f" typed-ahead {i}, whole.")
    expect(page.locator(".seg.saving")).to_have_count(0, timeout=15_000)
    for i in range(1, 4):
        expect(box(page, i)).to_have_value(f"{segs[i].target} typed-ahead {i}, whole.")
    assert focused_row_index(page) == 3
    for i in range(3):
        expect(rows(page).nth(i).locator(".state-word")).to_have_text("Translated")
    saved = [s.target for s in document.segments.order_by("position")[:3]]
    assert saved[0] == segs[0].target + " A0"
    assert saved[1:] == [f"{segs[i].target} typed-ahead {i}, whole." for i in (1, 2)]
    expect(page.locator("#announcer")).to_have_text("Saved segment 3")


def test_an_answer_never_overwrites_the_row_being_typed_in(open_as, document, slow_saves):
    first = document.segments.order_by("position")[0]
    page = open_as("translator")
    review(page, document)
    box(page, 0).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" one")
    page.keyboard.press("Control+Enter")
    page.keyboard.press("Alt+ArrowUp")  # back before the server answered
    page.keyboard.type(" two")
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Translated")
    expect(box(page, 0)).to_be_focused()
    expect(box(page, 0)).to_have_value(first.target + " one two")
    # The row took the new version: the next save is not a conflict with our own.
    page.keyboard.press("Control+Enter")
    expect(page.locator(".seg.saving")).to_have_count(0, timeout=15_000)
    first.refresh_from_db()
    assert (first.target, first.version) == (first.target, 3)
    assert first.target.endswith(" one two")
    expect(page.locator(".save-failed")).to_have_count(0)


def test_an_answer_never_takes_the_focus_from_elsewhere(open_as, document, slow_saves):
    page = open_as("translator")
    review(page, document)
    box(page, 0).fill("Saved while I search.")
    page.keyboard.press("Control+Enter")
    page.get_by_text("Filter and search").click()
    search = page.get_by_label("Search text")
    search.click()
    page.keyboard.type("Zhejiang")  # typed while the save is on its way
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Translated")
    expect(search).to_be_focused()
    expect(search).to_have_value("Zhejiang")


def test_a_failed_save_is_marked_announced_and_one_key_away(open_as, document, users):
    first, second = document.segments.order_by("position")[:2]
    page = open_as("translator")
    review(page, document)
    box(page, 0).fill("Mine, typed before I knew.")
    # Someone else saves the first segment behind the page's back (the row holds unsaved
    # text: the live refresh leaves it alone).
    services.segment_edit(segment=first, user=users["editor"], target="Theirs.", version=1)
    page.keyboard.press("Control+Enter")
    page.keyboard.type(" and more in the second")
    failed = rows(page).nth(0)
    expect(failed).to_have_class(re.compile("save-failed"))
    expect(failed.locator(".save-flag")).to_have_text("Not saved")
    expect(page.locator("#announcer")).to_contain_text("Segment 1 was not saved")
    expect(page.locator("#announcer")).to_contain_text("Alt+Shift+E")
    expect(box(page, 1)).to_be_focused()
    expect(box(page, 1)).to_have_value(second.target + " and more in the second")

    page.keyboard.press("Alt+Shift+E")
    expect(box(page, 0)).to_be_focused()
    conflict = failed.get_by_role("region", name=re.compile("^Conflict on segment 1"))
    expect(conflict.locator(".yours")).to_have_text("Mine, typed before I knew.")
    expect(conflict.locator(".theirs")).to_have_text("Theirs.")
    conflict.get_by_role("button", name="Use mine").click()
    expect(box(page, 0)).to_have_value("Mine, typed before I knew.")
    first.refresh_from_db()
    assert first.target == "Mine, typed before I knew."
    expect(box(page, 1)).to_have_value(second.target + " and more in the second")


def test_a_save_lost_on_the_network_keeps_its_text_in_the_box(open_as, document):
    first = document.segments.order_by("position")[0]
    page = open_as("translator")
    review(page, document)
    page.route("**/segments/*/save/", lambda route: route.abort())
    box(page, 0).fill("Typed while the network was down.")
    page.keyboard.press("Control+Enter")
    expect(rows(page).nth(0).locator(".save-flag")).to_have_text("Not saved")
    expect(page.locator("#announcer")).to_contain_text("the connection failed")
    expect(box(page, 1)).to_be_focused()
    page.unroute("**/segments/*/save/")
    page.keyboard.press("Alt+Shift+E")
    expect(box(page, 0)).to_be_focused()
    expect(box(page, 0)).to_have_value("Typed while the network was down.")
    page.keyboard.press("Control+Enter")  # again, with the network back
    expect(rows(page).nth(0).locator(".state-word")).to_have_text("Translated")
    expect(rows(page).nth(0).locator(".save-flag")).to_have_count(0)
    first.refresh_from_db()
    assert first.target == "Typed while the network was down."


def test_enter_in_the_reason_rejects_and_keeps_the_text(open_as, document):
    segment = document.segments.order_by("position")[2]
    page = open_as("editor")
    review(page, document)
    row = page.locator(f"#seg-{segment.pk}")
    row.get_by_role("textbox", name=TRANSLATION).click()
    row.get_by_role("button", name="Reject").click()  # no reason yet: refused, and said
    expect(row.get_by_role("alert")).to_contain_text("Give a reason")
    expect(page.locator("#announcer")).to_contain_text("Segment 3 was not rejected")
    reason = row.get_by_label(re.compile("^Reason for rejecting"))
    expect(reason).to_be_focused()
    reason.fill("Wealth for whom?")
    reason.press("Enter")
    expect(row.locator(".state-word")).to_have_text("Rejected")
    expect(row.locator(".reason")).to_contain_text("Wealth for whom?")
    expect(row).to_be_focused()  # the row, not its box
    page.keyboard.type("x")
    expect(row.get_by_role("textbox", name=TRANSLATION)).to_have_value(segment.target)
    segment.refresh_from_db()
    assert (segment.state, segment.target) == ("rejected", "Wealth together.")


def test_space_on_approve_keeps_the_focus_out_of_the_box(open_as, document):
    segment = document.segments.order_by("position")[0]
    page = open_as("editor")
    review(page, document)
    row = page.locator(f"#seg-{segment.pk}")
    row.get_by_role("textbox", name=TRANSLATION).click()
    row.get_by_role("button", name="Approve").focus()
    page.keyboard.press("Space")
    page.keyboard.type("the rest of a reason")  # typed on, after the approval
    expect(row.locator(".state-word")).to_have_text("Approved")
    assert not page.evaluate("document.activeElement.matches('textarea, input')")
    assert page.evaluate("document.activeElement !== document.body")
    expect(row.get_by_role("textbox", name=TRANSLATION)).to_have_value(segment.target)
    segment.refresh_from_db()
    assert (segment.state, segment.target, segment.version) == ("approved", segment.target, 2)


def test_navigation_crosses_the_page_boundary(open_as, project, users):
    lines = "".join(f"Sentence number {i}.\n" for i in range(1, 56)).encode()
    document = services.document_import(
        project=project, data=lines, filename="long.txt", user=users["manager"]
    )
    page = open_as("translator")
    review(page, document)
    expect(rows(page)).to_have_count(50)
    box(page, 49).click()
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.type(" (on the next page)")
    expect(rows(page)).to_have_count(55)
    expect(box(page, 50)).to_be_focused()
    expect(box(page, 50)).to_have_value("Sentence number 51. (on the next page)")
    expect(page.locator("#pager")).to_contain_text("Pages 1–2 of 2")

    # Save and jump to the next segment that needs work crosses pages too, past the
    # approved segments 51 and 52 (nothing left there for a translator).
    for seg in document.segments.filter(position__in=[50, 51]):
        services.segment_approve(segment=seg, reviewer=users["editor"], version=seg.version)
    page.goto(reverse("reviews:document", args=[document.pk]))
    box(page, 49).click()
    page.keyboard.press("Control+Shift+Enter")
    expect(box(page, 52)).to_be_focused()
    expect(rows(page).nth(49).locator(".state-word")).to_have_text("Translated")


def test_the_shortcut_help_opens_from_inside_a_box(open_as, document):
    page = open_as("translator")
    review(page, document)
    box(page, 0).click()
    page.keyboard.press("Control+End")
    before = box(page, 0).input_value()
    page.keyboard.press("Control+/")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    for text in ("Alt+Shift+E", "Ctrl+/", "across pages"):
        expect(help_dialog).to_contain_text(re.compile(re.escape(text).replace(r"\+", r"\s*\+\s*")))
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    expect(box(page, 0)).to_have_value(before)  # nothing typed
    page.keyboard.type("?")  # a plain ? in a box is text
    expect(help_dialog).to_be_hidden()
    expect(box(page, 0)).to_have_value(before + "?")


def test_go_to_segment_lands_in_its_box_and_typing_edits_it(open_as, document):
    """Go to segment 10, Enter: the keys typed next edit segment 10 and Ctrl+Enter saves
    it (the focus used to rest on the row, where typing did nothing)."""
    page = open_as("translator")
    review(page, document)
    goto = page.get_by_label("Go to segment")
    goto.focus()
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#seg-"))
    target = box(page, 9)
    expect(target).to_be_focused()
    page.keyboard.type(" Checked.")
    page.keyboard.press("Control+Enter")
    expect(box(page, 10)).to_be_focused()
    expect(rows(page).nth(9).locator(".state-word")).to_have_text("Translated")
    expect(page.locator(".seg.saving")).to_have_count(0)
    # Read once the page is idle: the test shares SQLite's in-memory database with the
    # live server, which may be answering the live refresh the save triggered.
    page.wait_for_load_state("networkidle")
    segment = document.segments.get(position=9)
    assert segment.target.endswith(" Checked.")
