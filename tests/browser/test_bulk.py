"""A bulk approval of everything matching asks first, says what it would do, and leaves
raw MT out unless asked; its undo is one entry in the activity."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_approving_all_matching_asks_and_skips_raw_mt_then_undo_is_one_entry(
    new_page, document, users
):
    first, second = document.segments.order_by("position")[:2]
    for s in (first, second):
        services.segment_edit(
            segment=s, user=users["translator"], target=f"Fixed {s.pk}.", version=1
        )
    total = document.segments.count()
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))

    page.get_by_role("radio", name=re.compile(r"All \d+ matching the filter")).check()
    page.get_by_label("Bulk action", exact=True).select_option("approve")
    page.get_by_role("button", name=re.compile("^Apply")).click()
    dialog = page.get_by_role("dialog", name="Apply to these segments?")
    expect(dialog).to_contain_text(f"2 of the {total} segments matching the filter would change")
    expect(dialog).to_contain_text(f"{total - 2} unreviewed (new or rejected)")
    include = dialog.get_by_label(f"Include {total - 2} unreviewed (new/rejected) segments")
    expect(include).not_to_be_checked()
    # Ticking it counts again: every segment, most of them raw MT.
    include.check()
    expect(dialog).to_contain_text(f"{total} of the {total} segments matching the filter")
    expect(dialog).to_contain_text(f"{total - 2} are raw MT that nobody has changed")
    dialog.get_by_role("checkbox", name=re.compile("Include")).uncheck()
    expect(dialog).to_contain_text(f"2 of the {total} segments matching the filter")
    dialog.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Approved 2 segments; {total - 2} unreviewed (new or rejected) left out."
    )
    states = list(document.segments.order_by("position").values_list("state", flat=True))
    assert states == ["approved"] * 2 + ["new"] * (total - 2)

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").first).to_contain_text("Undone: 2 segments restored")
    page.get_by_role("link", name="Activity").click()
    table = page.locator("table.activity tbody")
    expect(table.locator("tr")).to_have_count(4)  # the undo, the approval, two edits
    expect(table.locator("tr").nth(0)).to_contain_text("editor reverted 2 segments")
    expect(table.locator("tr").nth(0)).to_contain_text("undo of a bulk approve")
    expect(table.locator("tr").nth(1)).to_contain_text("editor approved 2 segments")
