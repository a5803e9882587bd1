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


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the test database lives in memory, and the live server's threads share
    the test's one connection (pytest-django's connections_override): two requests at
    once (a save, the live refresh it triggers, a presence heartbeat) then used it
    together, and sqlite3 answered "bad parameter or other API misuse" or another
    query's rows (a 500 on a save in CI). The server still takes requests on threads;
    each request, its streamed body included, holds the connection alone. PostgreSQL
    gives each thread its own connection: nothing to do there."""
    import threading

    from django.db import connection
    from django.test.testcases import LiveServerThread, ThreadedWSGIServer

    if connection.vendor != "sqlite":
        yield
        return

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def serialized(environ, start_response):
                with lock:
                    result = application(environ, start_response)
                    try:
                        return list(result)
                    finally:
                        if hasattr(result, "close"):
                            result.close()

            super().set_app(serialized)

    original = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATime
    yield
    LiveServerThread.server_class = original
