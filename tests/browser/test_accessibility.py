"""axe-core on every page, as a translator, an editor and a manager see them: no serious
or critical violation, and headings in order (the panels' headings were h3 under h1).

axe-core 4.14.1 is vendored from npm (`npm pack axe-core@4`) in tests/browser/vendor/
with its licence (MPL-2.0)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import Job
from tests.browser.workbench import TRANSLATION, box, close_all, log_in, rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)
  }));
}"""


@pytest.fixture
def axe_page(browser, live_server):
    """A page that takes axe: CSP is bypassed for the injected script only (the pages'
    own policy is checked by the other browser tests)."""
    contexts = []

    def open_as(username):
        page = log_in(browser, live_server, username, bypass_csp=True)
        contexts.append(page.context)
        return page

    yield open_as
    close_all(contexts)


def serious(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def assert_clean(page, where):
    found = serious(page)
    assert not found, (where, found)


def test_login_page(axe_page):
    page = axe_page(None)
    assert_clean(page, "login")


def test_the_review_page_with_a_row_active(axe_page, document, segment, users):
    services.segment_reject(
        segment=segment, reviewer=users["editor"], reason="Use Zheyun'an", version=1
    )
    for username in ("translator", "editor"):
        page = axe_page(username)
        page.goto(reverse("reviews:document", args=[document.pk]))
        assert_clean(page, f"review page, {username}")
        box(page, 9).click()  # a row with QA warnings: its tools and QA list show
        expect(rows(page).nth(9).get_by_role("button", name="Save")).to_be_visible()
        page.get_by_text("Filter and search").click()
        assert_clean(page, f"review page, {username}, a row active, filters open")
        row = page.locator(f"#seg-{segment.pk}")
        row.get_by_role("textbox", name=TRANSLATION).click()
        row.get_by_role("link", name="History").click()
        expect(row.get_by_role("region", name=re.compile("^History"))).to_be_visible()
        assert_clean(page, f"review page, {username}, history panel")
        row.get_by_role("link", name=re.compile("^Comments")).click()
        expect(row.get_by_role("region", name=re.compile("^Comments"))).to_be_visible()
        assert_clean(page, f"review page, {username}, comments panel")
        page.keyboard.press("Control+/")
        expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
        assert_clean(page, f"review page, {username}, shortcut help")
        page.goto(reverse("reviews:document", args=[document.pk]) + "?q=nowhere+to+be+found")
        expect(page.get_by_text("No segment matches this filter.")).to_be_visible()
        assert_clean(page, f"review page, {username}, a filter that matches nothing")


def test_the_bulk_confirmation(axe_page, document):
    page = axe_page("editor")
    page.goto(reverse("reviews:document", args=[document.pk]))
    page.get_by_role("checkbox", name="Select segment 1", exact=True).check()
    page.get_by_label("Bulk action", exact=True).select_option("approve")
    page.get_by_role("button", name=re.compile("^Apply")).click()
    expect(page.get_by_role("dialog")).to_contain_text("would change")
    assert_clean(page, "bulk confirmation dialog")


def test_every_other_page(axe_page, project, document, segment, users):
    job = Job.objects.create(
        project=project,
        kind=Job.Kind.IMPORT,
        status=Job.Status.RUNNING,
        progress=10,
        message="Reading big.txt",
        params={"filename": "big.txt"},
    )
    services.segment_reject(
        segment=segment, reviewer=users["editor"], reason="Use Zheyun'an", version=1
    )
    pages = {
        "projects": reverse("reviews:project-list"),
        "project": reverse("reviews:project", args=[project.slug]),
        "segment": reverse("reviews:segment-history", args=[segment.pk]),
        "comments": reverse("reviews:segment-comments", args=[segment.pk]),
        "find and replace": reverse("reviews:find-replace", args=[project.slug])
        + f"?document={document.pk}&find=Zhe+Yunan&replacement=Zheyun%27an",
        "glossary": reverse("reviews:glossary", args=[project.slug]),
        "document report": reverse("reviews:document-report", args=[document.pk]),
        "project report": reverse("reviews:project-report", args=[project.slug]),
        "activity": reverse("reviews:document-activity", args=[document.pk]),
        "queue": reverse("reviews:queue"),
        "job": reverse("reviews:job", args=[job.pk]),
    }
    for username in ("manager", "translator"):
        page = axe_page(username)
        for name, url in pages.items():
            page.goto(url)
            assert_clean(page, f"{name}, {username}")


def test_the_focus_never_rests_on_body_after_an_action(axe_page, document):
    page = axe_page("editor")
    page.goto(reverse("reviews:document", args=[document.pk]))
    on_body = "document.activeElement === document.body"
    row = rows(page).nth(1)
    row.get_by_role("textbox", name=TRANSLATION).click()
    row.get_by_role("button", name="Save").click()
    expect(row.locator(".state-word")).to_have_text("Translated")
    expect(rows(page).nth(1)).to_be_focused()
    row.get_by_role("button", name="Approve").click()
    expect(row.locator(".state-word")).to_have_text("Approved")
    assert not page.evaluate(on_body)
    expect(page.locator("#announcer")).to_have_text("Approved segment 2")
    page.get_by_text("Filter and search").click()
    page.get_by_label("Search text").fill("Zhe Yunan")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(rows(page)).to_have_count(1)
    expect(page.locator("#segment-count")).to_be_focused()
    expect(page.locator("#segment-count")).to_have_text("1 segment match")
