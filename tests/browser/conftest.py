"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-packages (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of logged-in pages, one browser context (cookie jar) per user."""
    from tests.browser.workbench import close_all, log_in

    contexts = []
    violations: list[str] = []

    def csp_watch(page):
        # The Content-Security-Policy must never block anything the pages need.
        page.on(
            "console",
            lambda msg: (
                violations.append(msg.text)
                if "Content Security Policy" in msg.text or "Refused to" in msg.text
                else None
            ),
        )

    def open_as(username: str, password: str):
        page = log_in(
            browser,
            live_server,
            username,
            password=password,
            viewport={"width": 1280, "height": 900},
            watch=csp_watch,
        )
        contexts.append(page.context)
        return page

    yield open_as
    close_all(contexts)
    assert not violations, violations


@pytest.fixture
def open_as(browser, live_server):
    """A factory of logged-in pages at a laptop's size (1366x900), one browser context
    each, optionally with JavaScript off; every context is closed after the test, so no
    page keeps polling while the database is emptied."""
    from tests.browser.workbench import close_all, log_in

    contexts = []

    def open_page(username: str, *, javascript: bool = True, viewport=None):
        page = log_in(browser, live_server, username, javascript=javascript, viewport=viewport)
        contexts.append(page.context)
        return page

    yield open_page
    close_all(contexts)
