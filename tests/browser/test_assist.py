"""The assistance panel of the active row, from the keyboard: memory matches by number,
the MT and the source, a quick fix and a dismissal; and its page without JavaScript."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import Revision
from reviews.states import Action, QaLevel
from tests.browser.test_accessibility import axe_page, serious  # noqa: F401 - a fixture
from tests.browser.workbench import box, focused_row_index, review, rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YUNAN = {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"}


def panel(page, index):
    return rows(page).nth(index).locator(".assist-panel")


def focus_box(page, index):
    box(page, index).click()
    page.keyboard.press("Control+End")


def test_a_memory_match_from_another_document_is_inserted_by_its_number(
    open_as, project, users, seed_bytes
):
    one = services.document_import(project=project, data=seed_bytes, filename="one.txt")
    two = services.document_import(project=project, data=seed_bytes, filename="two.txt")
    n = one.segments.get(target__contains="Zhe Yunan").position
    approved = one.segments.get(position=n).target.replace("Zhe Yunan", "Zheyun'an")

    # An editor corrects and approves the segment in the first document ...
    page = open_as("editor")
    review(page, one)
    box(page, n).fill(approved)
    rows(page).nth(n).get_by_role("button", name="Approve", exact=True).click()
    expect(rows(page).nth(n).locator(".state-word")).to_have_text("Approved")

    # ... and a translator on its twin in the second presses Alt+Shift+1.
    page = open_as("translator")
    review(page, two)
    focus_box(page, n)
    expect(panel(page, n).locator(".tm-percent").first).to_have_text("100%")
    page.keyboard.press("Alt+Shift+Digit1")
    expect(box(page, n)).to_have_value(approved)
    expect(box(page, n)).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("Memory match 1 is in the box")
    page.keyboard.press("Control+Enter")  # saved like any edit
    expect(page.locator(".seg.saving")).to_have_count(0)
    assert two.segments.get(position=n).target == approved


def test_copy_the_mt_and_the_source_by_keyboard(open_as, project, users):
    document = services.document_import(
        project=project,
        data=b"The province added 21,000 new jobs.\n",
        filename="jobs.txt",
        source_data="浙江省新增两万一千个就业岗位。\n".encode(),
        source_filename="jobs.zh.txt",
    )
    segment = document.segments.get()
    page = open_as("translator")
    review(page, document)
    box(page, 0).fill("Something else entirely.")
    expect(panel(page, 0)).to_be_visible()
    page.keyboard.press("Alt+Shift+KeyS")
    expect(box(page, 0)).to_have_value(segment.source)
    page.keyboard.press("Alt+Shift+KeyM")
    expect(box(page, 0)).to_have_value(segment.mt)
    page.keyboard.press("Control+z")  # the browser's undo brings back what was there
    expect(box(page, 0)).to_have_value(segment.source)
    # Into the panel and back, the edit kept.
    page.keyboard.press("Alt+Shift+KeyA")
    expect(panel(page, 0).get_by_role("button", name="Copy MT into the box")).to_be_focused()
    page.keyboard.press("Escape")
    expect(box(page, 0)).to_be_focused()
    expect(box(page, 0)).to_have_value(segment.source)
    # The keys are in the shortcut help.
    page.keyboard.press("Control+/")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Put memory match 1 … 9 into the box")
    expect(help_dialog).to_contain_text("Copy the MT into the box")


def test_a_quick_fix_from_the_keyboard(open_as, document, segment, users):
    services.glossary_term_add(project=document.project, user=users["manager"], **YUNAN)
    page = open_as("translator")
    review(page, document)
    focus_box(page, segment.position)
    fix = panel(page, segment.position).get_by_role("button", name=re.compile("^Fix: “Zhe Yunan”"))
    expect(fix).to_have_text("Fix: “Zhe Yunan” → “Zheyun'an”")
    page.keyboard.press("Alt+Shift+KeyF")
    expect(box(page, segment.position)).to_have_value(re.compile("Zheyun'an"))
    expect(box(page, segment.position)).to_be_focused()
    row = rows(page).nth(segment.position)
    expect(row.locator(".state-word")).to_have_text("Translated")
    expect(panel(page, segment.position)).not_to_contain_text("Forbidden variant")
    expect(panel(page, segment.position).locator(".rendering")).to_have_text("Zheyun'an")
    segment.refresh_from_db()
    assert "Zheyun'an" in segment.target and "Zhe Yunan" not in segment.target
    assert Revision.objects.get(segment=segment, version=2).note.startswith("Quick fix")


def test_a_dismissal_from_the_keyboard(open_as, document, segment, users):
    # The segment's first check ("Taiwan Prevention" next to "Flood") is dismissed
    # already: Alt+Shift+D dismisses the next one.
    services.segment_dismiss_check(
        segment=segment, user=users["editor"], check="literal-rendering", reason="", version=1
    )
    page = open_as("translator")
    review(page, document)
    focus_box(page, segment.position)
    expect(panel(page, segment.position)).to_contain_text("Romanized names")
    page.keyboard.press("Alt+Shift+KeyD")
    reason = panel(page, segment.position).get_by_role("textbox", name=re.compile("^Why"))
    expect(reason).to_be_focused()
    page.keyboard.type("Brand names, spelled as the brands do")
    page.keyboard.press("Enter")
    expect(panel(page, segment.position)).to_contain_text("Dismissed for this text (2)")
    expect(rows(page).nth(segment.position)).not_to_have_attribute("data-qa", re.compile("."))
    expect(box(page, segment.position)).to_be_focused()
    assert focused_row_index(page) == segment.position
    segment.refresh_from_db()
    assert segment.qa_level == QaLevel.NONE
    revision = Revision.objects.get(segment=segment, version=3)
    assert (revision.action, revision.note) == (
        Action.DISMISS,
        "Romanized names: Brand names, spelled as the brands do",
    )


def test_an_unsaved_edit_is_never_lost_to_a_fix(open_as, document, segment, users):
    services.glossary_term_add(project=document.project, user=users["manager"], **YUNAN)
    page = open_as("translator")
    review(page, document)
    focus_box(page, segment.position)
    # the glossary's fix and the literal rendering's ("Taiwan Prevention")
    expect(panel(page, segment.position).locator("form.assist-fix")).to_have_count(2)
    page.keyboard.type(" More.")
    page.keyboard.press("Alt+Shift+KeyF")
    expect(page.locator("#announcer")).to_contain_text("The box has unsaved changes")
    expect(box(page, segment.position)).to_have_value(segment.target + " More.")
    segment.refresh_from_db()
    assert segment.version == 1


def test_without_javascript_the_panel_is_a_page(open_as, document, segment, users):
    services.glossary_term_add(project=document.project, user=users["manager"], **YUNAN)
    page = open_as("translator", javascript=False)
    review(page, document)
    rows(page).nth(segment.position).get_by_role("link", name="Assistance").click()
    expect(page).to_have_url(re.compile(reverse("reviews:segment-assist", args=[segment.pk])))
    expect(page.locator(".assist-glossary")).to_contain_text("Zheyun'an")
    page.get_by_role("button", name=re.compile("^Fix: “Zhe Yunan”")).click()
    expect(page.get_by_role("status").first).to_contain_text("Applied the fix")
    segment.refresh_from_db()
    assert "Zheyun'an" in segment.target


def test_the_panel_and_its_page_pass_axe(axe_page, project, users, seed_bytes):  # noqa: F811
    one = services.document_import(project=project, data=seed_bytes, filename="one.txt")
    two = services.document_import(project=project, data=seed_bytes, filename="two.txt")
    first = one.segments.get(target__contains="Zhe Yunan")
    services.segment_approve(
        segment=first,
        reviewer=users["editor"],
        version=1,
        target=first.target.replace("Zhe Yunan", "Zheyun'an"),
    )
    services.glossary_term_add(project=project, user=users["manager"], **YUNAN)
    twin = two.segments.get(position=first.position)
    page = axe_page("editor")
    review(page, two)
    focus_box(page, twin.position)
    expect(panel(page, twin.position).locator(".tm-percent")).to_have_text("100%")
    assert serious(page) == []
    page.goto(reverse("reviews:segment-assist", args=[twin.pk]))
    assert serious(page) == []


def test_ticking_rows_for_a_bulk_action_loads_no_panel(open_as, document):
    """Selecting is not working on a segment: the panel waits for the box, so the rows
    being ticked do not move under the pointer."""
    page = open_as("editor")
    review(page, document)
    picks = page.get_by_role("checkbox", name=re.compile("^Select segment"))
    picks.nth(0).click()
    page.wait_for_timeout(600)  # four times the panel's load delay
    expect(page.locator("#assist .assist-panel")).to_have_count(0)
    box(page, 0).click()
    expect(page.locator("#assist .assist-panel")).to_have_count(1)
