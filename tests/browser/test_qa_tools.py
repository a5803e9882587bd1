"""Find and replace, the memory and the glossary in a real browser."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import GlossaryTerm, Revision
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TRANSLATION = re.compile("^Translation")


def test_replace_across_the_project_with_preview_then_undo(
    new_page, project, users, document, seed_bytes
):
    second = services.document_import(
        project=project, data=seed_bytes, filename="again.txt", user=users["manager"]
    )
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    page.get_by_role("link", name="Find and replace").click()
    page.get_by_label("Find", exact=True).fill("Zhe Yunan")
    page.get_by_label("Replace with", exact=True).fill("Zheyun'an")
    expect(page.get_by_label("In", exact=True)).to_have_value(str(document.pk))
    page.get_by_label("In", exact=True).select_option(label="All documents of the project")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="2 segments would change")).to_be_visible()
    preview = page.locator("table.occurrences")
    expect(preview.locator("del").first).to_contain_text("Zhe")
    expect(preview.locator("ins").first).to_contain_text("Zheyun'an")
    picks = page.get_by_role("checkbox", name=re.compile("^Apply to segment"))
    expect(picks).to_have_count(2)
    expect(picks.nth(0)).to_be_checked()
    page.get_by_role("button", name="Replace in the selected segments").click()
    expect(page.get_by_role("status").first).to_contain_text("Replaced in 2 segments.")
    for doc in (document, second):
        target = doc.segments.get(target__contains="Zheyun'an").target
        assert "Zhe Yunan" not in target
    [batch] = set(Revision.objects.filter(action="edit").values_list("batch", flat=True))
    assert batch is not None

    # The review page shows the new text.
    page.goto(reverse("reviews:document", args=[second.pk]))
    expect(page.get_by_role("textbox", name=TRANSLATION).nth(9)).to_have_value(
        re.compile("Zheyun'an")
    )

    page.goto(reverse("reviews:find-replace", args=[project.slug]))
    page.get_by_role("button", name="Undo the replacement").click()
    expect(page.get_by_role("status").first).to_contain_text("Undone: 2 segments restored.")
    assert document.segments.filter(target__contains="Zhe Yunan").count() == 1
    assert second.segments.filter(target__contains="Zhe Yunan").count() == 1
    assert not document.segments.filter(target__contains="Zheyun'an").exists()


def test_memory_match_after_the_twin_is_approved(new_page, project, users):
    document = services.document_import(
        project=project,
        data=(
            b"The province added 21,000 new jobs for graduates in Hangzhou last year.\n"
            b"The province added 22,000 new jobs for graduates in Hangzhou last year.\n"
        ),
        filename="twins.txt",
        user=users["manager"],
    )
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    rows = page.locator(".seg[data-segment]")
    fixed = "The province created 21,000 jobs for graduates in Hangzhou in 2021."
    rows.nth(0).get_by_role("textbox", name=TRANSLATION).fill(fixed)  # the row's tools show
    rows.nth(0).get_by_role("button", name="Approve", exact=True).click()
    expect(rows.nth(0).locator(".state-word")).to_have_text("Approved")

    rows.nth(1).get_by_role("textbox", name=TRANSLATION).click()  # the row's tools show
    rows.nth(1).get_by_role("link", name="Memory").click()
    panel = rows.nth(1).get_by_role("region", name=re.compile("^Translation memory for segment"))
    expect(panel.locator(".tm-percent")).to_have_text(re.compile(r"^9\d%$"))
    panel.get_by_role("button", name=re.compile("^Use this translation")).click()
    expect(rows.nth(1).get_by_role("textbox", name=TRANSLATION)).to_have_value(fixed)
    expect(rows.nth(1).locator(".state-word")).to_have_text("Translated")


def test_add_a_selection_to_the_glossary(new_page, document, segment):
    page = new_page("editor", PASSWORD)
    page.goto(reverse("reviews:document", args=[document.pk]))
    row = page.locator(f"#seg-{segment.pk}")
    box = row.get_by_role("textbox", name=TRANSLATION)
    start = segment.target.index("Zhe Yunan")
    box.evaluate(
        "(el, [a, b]) => { el.focus(); el.setSelectionRange(a, b);"
        " el.dispatchEvent(new Event('select', {bubbles: true})); }",
        [start, start + len("Zhe Yunan")],
    )
    row.get_by_role("button", name="Add “Zhe Yunan” to glossary").click()
    form = page.get_by_role("form", name="Add a glossary term")
    expect(form.get_by_label("Approved rendering")).to_have_value("Zhe Yunan")
    expect(form.get_by_label("Source term")).to_be_focused()
    form.get_by_label("Source term").fill("浙运安")
    form.get_by_label("Approved rendering").fill("Zheyun'an")
    form.get_by_label("Forbidden variants").fill("Zhe Yunan")
    form.get_by_role("button", name="Add to glossary").click()
    expect(page.get_by_role("status").first).to_contain_text("Added")
    term = GlossaryTerm.objects.get()
    assert (term.source, term.forbidden) == ("浙运安", ["Zhe Yunan"])
    # The row now carries the glossary error and offers "Approve anyway".
    expect(row.locator("mark.qa-error")).to_have_text("Zhe Yunan")
    row.get_by_role("textbox", name=TRANSLATION).click()  # the row's tools show
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(row.get_by_role("alert")).to_contain_text("approve anyway with a reason")
    row.get_by_label(re.compile("^Reason to approve segment")).fill("Checked with the desk.")
    row.get_by_role("button", name="Approve anyway").click()
    expect(row.locator(".state-word")).to_have_text("Approved")
