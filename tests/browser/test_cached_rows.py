"""Rows memoised for one reviewer work for the next, with JavaScript and without."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_second_reviewer_saves_from_cached_rows_with_and_without_javascript(
    browser, new_page, live_server, project, document
):
    second = make_user("second-editor")
    services.membership_set(project=project, user=second, role="editor")
    url = reverse("reviews:document", args=[document.pk])
    first, other = document.segments.order_by("position")[:2]

    editor = new_page("editor", PASSWORD)
    editor.goto(url)  # draws the rows and keeps them

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        log_in(plain, "second-editor")
        plain.goto(url)  # the same rows, from the cache, with this session's token
        row = plain.locator(f"#seg-{first.pk}")
        row.get_by_role("textbox", name=re.compile("^Translation")).fill("Saved without JS.")
        row.get_by_role("button", name="Save").click()
        expect(plain.locator(".messages")).to_contain_text(f"Saved segment {first.position + 1}")
        expect(plain.locator(f"#seg-{first.pk} textarea")).to_have_value("Saved without JS.")
    finally:
        context.close()

    editor.reload()
    box = editor.locator(f"#seg-{other.pk}").get_by_role("textbox", name=re.compile("^Translation"))
    box.fill("Saved with JS.")
    box.press("Control+Enter")
    expect(editor.locator(f"#seg-{other.pk} .state-word")).to_have_text("Translated")
    expect(editor.locator(f"#seg-{first.pk} textarea")).to_have_value("Saved without JS.")

    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.target, other.target) == ("Saved without JS.", "Saved with JS.")
    assert first.revisions.latest("version").author == second
