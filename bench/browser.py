"""What the review page feels like in Debian's Chromium, on the demo document: rows in
view at 1366x900, keys to the active segment, tab stops, the time from Ctrl+Enter to
the next box focused, and keystrokes typed ahead that do not land where they should.

`measure_page(base_url, username, password)` drives any running server (the bench case
starts its own; `python -m bench.browser URL` measures a server already running, such
as an older checkout, for a before/after)."""

from __future__ import annotations

import json
import statistics
import sys

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
VIEWPORT = {"width": 1366, "height": 900}
TRIALS = 200

# Recorded before the page's own scripts run: from each Ctrl+Enter's keydown (its event
# time, so the wait in the input queue counts) to the focus landing in another
# translation box, and to the frame after it.
PROBE = """
window.__probe = {focus: [], frame: [], start: 0};
document.addEventListener('keydown', e => {
  if (e.key === 'Enter' && e.ctrlKey) window.__probe.start = e.timeStamp;
}, true);
document.addEventListener('focusin', e => {
  const p = window.__probe;
  if (!p.start || !e.target.matches('textarea.translation')) return;
  const start = p.start; p.start = 0;
  p.focus.push(performance.now() - start);
  requestAnimationFrame(() => p.frame.push(performance.now() - start));
}, true);
"""
ROWS_IN_VIEW = """() => [...document.querySelectorAll('.seg[data-segment]')].filter(r => {
  const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }).length"""
TAB_STOPS = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]')].filter(e =>
  !e.disabled && e.tabIndex >= 0 && e.type !== 'hidden' && e.getClientRects().length).length"""
IN_BOX = "document.activeElement.matches('textarea.translation')"
ON_SKIP_LINK = "document.activeElement.matches('a.skip-link')"


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _log_in(browser, base_url: str, username: str, password: str):
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")
    return page


def _layout(page, url: str) -> dict:
    page.goto(url)
    figures = {"rows_visible": page.evaluate(ROWS_IN_VIEW), "tab_stops": page.evaluate(TAB_STOPS)}
    tabs = 0
    while tabs < 100 and not page.evaluate(f"{IN_BOX} || {ON_SKIP_LINK}"):
        page.keyboard.press("Tab")
        tabs += 1
    if page.evaluate(ON_SKIP_LINK):
        page.keyboard.press("Enter")  # the skip link's Enter: not a Tab
    figures["tabs_to_active"] = tabs if page.evaluate(IN_BOX) else None
    tabs = 0  # and without the skip link
    page.goto(url)
    page.keyboard.press("Tab")
    while tabs < 200 and not page.evaluate(IN_BOX):
        page.keyboard.press("Tab")
        tabs += 1
    figures["tabs_without_skip_link"] = tabs + 1 if page.evaluate(IN_BOX) else None
    return figures


def _type_ahead(page, url: str, trials: int) -> dict:
    """Ctrl+Enter, then at once a short token: it must end the next box's text, whole.
    Runs down the document and starts again from the top until ``trials`` are done."""
    page.add_init_script(PROBE)
    page.goto(url)
    count = page.locator(".seg[data-segment]").count()
    texts = page.locator("textarea.translation").evaluate_all("a => a.map(x => x.value)")
    expected = list(texts)
    done, landed = 0, []  # (row index, token)
    while done < trials:
        page.locator("textarea.translation").first.click()
        page.keyboard.press("Control+End")
        for i in range(count - 1):
            if done >= trials:
                break
            token = f" t{done:03d}"
            page.keyboard.press("Control+Enter")
            page.keyboard.type(token)
            expected[i + 1] += token
            landed.append((i + 1, token))
            done += 1
        page.keyboard.press("Control+Enter")  # the last box typed in is saved too
        page.evaluate("window.__probe.start = 0")  # no box after the last: no sample
    page.wait_for_function("() => !document.querySelector('.seg.saving')", timeout=60_000)
    page.wait_for_timeout(200)
    actual = page.locator("textarea.translation").evaluate_all("a => a.map(x => x.value)")
    misplaced = sum(1 for i in range(count) if actual[i] != expected[i])
    dropped = 0
    for i, token in landed:
        if token not in actual[i]:
            dropped += 1
    probe = page.evaluate("window.__probe")
    failed = page.locator(".save-failed").count()
    return {
        "focus_ms": probe["focus"],
        "frame_ms": probe["frame"],
        "dropped": dropped,
        "rows_wrong": misplaced,
        "failed_saves": failed,
        "expected": expected,
    }


def measure_page(base_url: str, document_url: str, password: str, trials: int = TRIALS) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            figures = {}
            for username in ("translator", "editor"):
                page = _log_in(browser, base_url, username, password)
                figures[username] = _layout(page, document_url)
                page.context.close()
            page = _log_in(browser, base_url, "translator", password)
            figures["type_ahead"] = _type_ahead(page, document_url, trials)
            page.context.close()
        finally:
            browser.close()
    return figures


def summary(figures: dict) -> dict:
    typing = figures["type_ahead"]
    focus = typing["focus_ms"]
    return {
        "rows_visible": [figures["translator"]["rows_visible"], figures["editor"]["rows_visible"]],
        "tabs_to_active": [
            figures["translator"]["tabs_to_active"],
            figures["editor"]["tabs_to_active"],
        ],
        "tabs_without_skip_link": [
            figures["translator"]["tabs_without_skip_link"],
            figures["editor"]["tabs_without_skip_link"],
        ],
        "tab_stops": [figures["translator"]["tab_stops"], figures["editor"]["tab_stops"]],
        "focus_p95_ms": round(p95(focus), 2) if len(focus) > 1 else None,
        "frame_p95_ms": round(p95(typing["frame_ms"]), 2) if len(typing["frame_ms"]) > 1 else None,
        "focus_samples": len(focus),
        "dropped": typing["dropped"],
        "rows_wrong": typing["rows_wrong"],
        "failed_saves": typing["failed_saves"],
    }


if __name__ == "__main__":  # python -m bench.browser BASE_URL [DOCUMENT_PATH] [PASSWORD]
    base, path = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "/documents/1/")
    password = sys.argv[3] if len(sys.argv) > 3 else "demo"
    print(json.dumps(summary(measure_page(base, path, password))))
