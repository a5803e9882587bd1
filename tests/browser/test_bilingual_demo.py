"""The demo's bilingual sample, as the translator meets it: the romanized name's
finding names the Chinese characters of the source (issue 18, point 6)."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reviews.management.commands.load_demo import SAMPLE_TITLE
from tests.browser.workbench import TRANSLATION, rows
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINDING = 'Romanized name "Zhe Yunan" splits 浙运安 (zhe-yun-an) wrongly; expected "Zheyun\'an"'


def test_the_sample_shows_the_characters_of_a_romanized_name(open_as):
    call_command("load_demo", "--password", PASSWORD, stdout=io.StringIO())
    page = open_as("translator")
    page.get_by_role("link", name="Zhejiang two sessions (demo)", exact=True).click()
    page.get_by_role("link", name=SAMPLE_TITLE, exact=True).click()
    row = rows(page).filter(has_text="防汛防台在线")
    expect(row).to_have_count(1)
    box = row.get_by_role("textbox", name=TRANSLATION)
    box.click()  # the row becomes the active one: its tools and QA list show
    expect(box).to_be_focused()
    qa = row.get_by_role("list", name=re.compile("^QA issues of segment"))
    expect(qa.get_by_text(FINDING, exact=False)).to_be_visible()
    # The literal rendering of 防台 is there too, as an error with its fix.
    expect(qa.locator("li.qa-error", has_text="Taiwan Prevention")).to_contain_text("防汛防台")
    panel = row.locator(".assist-panel")
    expect(panel.get_by_text(FINDING, exact=False)).to_be_visible()
    expect(panel.get_by_role("button", name=re.compile("^Fix: “Zhe Yunan”"))).to_have_text(
        "Fix: “Zhe Yunan” → “Zheyun'an”"
    )
