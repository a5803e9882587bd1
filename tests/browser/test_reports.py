"""The report of an edited demo document in a real browser: charts drawn as SVG bars,
the edit timed by the page, the LQA error recorded with the rejection."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews.models import LqaError, Revision
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_of_the_edited_demo_document_shows_its_charts(new_page, document, segment):
    url = reverse("reviews:document", args=[document.pk])
    translator = new_page("translator", PASSWORD)
    translator.goto(url)
    row = translator.locator(f"#seg-{segment.pk}")
    box = row.get_by_role("textbox", name=re.compile("^Translation"))
    box.click()
    translator.wait_for_timeout(300)  # some "work" for the page to time
    box.fill(segment.target.replace("Zhe Yunan", "Zheyun'an"))
    box.press("Control+Enter")
    expect(row.locator(".state-word")).to_have_text("Translated")
    edit = Revision.objects.get(segment=segment, action="edit")
    assert edit.edit_ms is not None and edit.edit_ms >= 300

    editor = new_page("editor", PASSWORD)
    editor.goto(url)
    other = document.segments.get(target__contains="Flood Prevention and Taiwan")
    row = editor.locator(f"#seg-{other.pk}")
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # the row's tools show
    row.get_by_label(re.compile("^Reason for rejecting")).fill("台 is typhoon here")
    row.locator("summary", has_text="LQA error").click()
    row.get_by_label(re.compile("^Error category")).select_option("accuracy")
    row.get_by_label(re.compile("^Error severity")).select_option("major")
    row.get_by_role("button", name="Reject").click()
    expect(editor.locator(f"#seg-{other.pk} .state-word")).to_have_text("Rejected")
    assert LqaError.objects.filter(category="accuracy", severity="major").count() == 1

    editor.get_by_role("link", name="Report").click()
    editor.wait_for_url(re.compile(r"/documents/\d+/report/$"))
    charts = editor.locator("svg.bar-chart")
    expect(charts).to_have_count(4)
    ter_bars = charts.first.locator("rect.bar")
    assert ter_bars.count() >= 5
    widths = [float(ter_bars.nth(i).get_attribute("width")) for i in range(ter_bars.count())]
    assert sum(1 for w in widths if w > 0) >= 2  # unedited (0) and the edited band
    expect(editor.get_by_role("img", name=re.compile("^LQA errors by category"))).to_be_visible()
    expect(editor.locator("tr[data-user=translator]")).to_contain_text("translator")
    expect(editor.locator("#lqa-heading")).to_contain_text(re.compile("Pass|Fail"))
