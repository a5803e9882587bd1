"""Take the README's screenshots from a freshly built demo: `make screenshots`.

Builds the demo on a throwaway SQLite database, serves it on a free local port, walks
through the core loop in Debian's Chromium (a fix, an approval, a rejection, a comment)
and writes PNGs to docs/. Nothing here is drawn by hand.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the demo server did not answer at {url}")


def log_in(browser, base: str, username: str):
    page = browser.new_page(viewport={"width": 1366, "height": 900}, base_url=base)
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    return page


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3", "DEBUG": "1"}
        env.pop("DEMO_PASSWORD", None)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("load_demo", env=env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_for(f"{base}/accounts/login/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                walk(browser, base)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots written to {DOCS}")


def only_row(page, url: str, text: str):
    """The one row that a search for ``text`` leaves on the review page."""
    page.goto(f"{url}?q={text.replace(' ', '+')}")
    return page.locator(".seg[data-segment]").first


def walk(browser, base: str) -> None:
    translator = log_in(browser, base, "translator")
    translator.get_by_role("link", name=re.compile("Zhejiang")).first.click()
    translator.get_by_role(
        "link", name="Zhejiang's two sessions: digital reform (MT)", exact=True
    ).click()
    doc_url = translator.url.split("?")[0].split("#")[0]
    row = only_row(translator, doc_url, "Zhe Yunan")
    box = row.get_by_role("textbox", name=re.compile("^Translation"))
    box.fill(box.input_value().replace("Zhe Yunan", "Zheyun'an"))
    box.press("Control+Enter")
    row.locator(".state-word", has_text="Translated").wait_for()

    editor = log_in(browser, base, "editor")
    editor.goto(doc_url)
    editor.get_by_role("textbox", name="Translation of segment 1", exact=True).click()
    editor.keyboard.press("Alt+Enter")
    editor.locator("#announcer", has_text="Approved").wait_for()
    row = only_row(editor, doc_url, "Taiwan Prevention")
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # its tools show
    row.get_by_label(re.compile("^Reason for rejecting")).fill(
        "台 here is typhoon, not Taiwan: Flood and Typhoon Prevention Online"
    )
    row.get_by_role("button", name="Reject").click()
    row.locator(".state-word", has_text="Rejected").wait_for()
    editor.goto(doc_url)
    # The active row (QA warnings marked behind its text) shows its tools; the others read as text.
    editor.get_by_role("textbox", name="Translation of segment 11", exact=True).click()
    editor.screenshot(path=str(DOCS / "review-editor.png"))

    row = only_row(translator, doc_url, "Zheyun")
    row.get_by_role("textbox", name=re.compile("^Translation")).click()  # its tools show
    row.get_by_role("link", name=re.compile("^History")).click()
    row.get_by_role("region", name=re.compile("^History")).wait_for()
    row.locator("details.seg-diff summary").click()
    translator.screenshot(path=str(DOCS / "review-filter-history.png"))

    translator.goto(doc_url)
    translator.get_by_role("textbox", name="Translation of segment 4", exact=True).click()
    translator.keyboard.press("Control+/")
    translator.get_by_role("dialog", name="Keyboard shortcuts").wait_for()
    translator.screenshot(path=str(DOCS / "review-shortcuts.png"))

    translator.goto("/")
    translator.screenshot(path=str(DOCS / "projects.png"))


if __name__ == "__main__":
    main()
