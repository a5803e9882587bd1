"""What the review page's browser tests share: a logged-in page at a laptop's size, and
the rows and boxes of the review page."""

import re
import time

from django.urls import reverse

from tests.conftest import PASSWORD

TRANSLATION = re.compile("^Translation")
LAPTOP = {"width": 1366, "height": 900}


def close_all(contexts) -> None:
    """Close the test's browser contexts. A closing page still sends what it sends on
    pagehide (live.js's "gone" heartbeat): let the server answer it before the test
    database is emptied."""
    for context in contexts:
        context.close()
    if contexts:
        time.sleep(0.3)


def log_in(
    browser,
    live_server,
    username,
    *,
    viewport=None,
    javascript=True,
    password=PASSWORD,
    bypass_csp=False,
    watch=None,
):
    """A page of its own browser context, logged in as ``username`` (at the log-in page
    when it is None); ``watch(page)`` is called before the first request. Whoever
    calls it closes the context (the ``open_as`` fixture does)."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport or LAPTOP,
        java_script_enabled=javascript,
        bypass_csp=bypass_csp,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    if watch:
        watch(page)
    page.goto("/accounts/login/")
    if username:
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
    return page


def review(page, document, query=""):
    page.goto(reverse("reviews:document", args=[document.pk]) + query)


def rows(page):
    return page.locator(".seg[data-segment]")


def box(page, index):
    return rows(page).nth(index).get_by_role("textbox", name=TRANSLATION)


def focused_row_index(page):
    """The position of the row holding the focus (-1: none)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.seg[data-segment]')]"
        ".findIndex(r => r.contains(document.activeElement))"
    )


# How many rows are whole inside the viewport (top and bottom both in it), at the top of the page.
ROWS_IN_VIEW = """() => [...document.querySelectorAll('.seg[data-segment]')].filter(r => {
  const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }).length"""

# The elements a Tab can reach: focusable, rendered, not taken out of the Tab order.
TAB_STOPS = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]')].filter(e =>
  !e.disabled && e.tabIndex >= 0 && e.type !== 'hidden' && e.getClientRects().length).length"""
