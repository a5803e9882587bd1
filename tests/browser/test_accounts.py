"""Accounts in a real browser: a manager invites a person, who follows the e-mailed link,
chooses a password and logs in; a forgotten password is reset; a member is removed and
their work stays; an editor brings a new version. axe-core checks the new pages."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from reviews import services
from reviews.models import Membership, Revision
from reviews.states import State
from tests.browser.test_accessibility import assert_clean
from tests.browser.workbench import close_all, log_in
from tests.conftest import PASSWORD, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/\S+/)")


@pytest.fixture
def pages(browser, live_server):
    cache.clear()  # no reset counts left by other tests
    contexts = []

    def page_as(username, *, password=PASSWORD):
        page = log_in(browser, live_server, username, password=password, bypass_csp=True)
        contexts.append(page.context)
        return page

    yield page_as
    close_all(contexts)


def choose_password(page, path, password):
    page.goto(path)
    expect(page.get_by_role("heading", name="Choose a password")).to_be_visible()
    assert_clean(page, "choose a password")
    # From the keyboard alone: the page opens with the focus in the first box.
    expect(page.get_by_label("New password", exact=True)).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()


def test_a_manager_invites_a_person_who_sets_a_password_and_logs_in(pages, project, users):
    manager = pages("manager")
    manager.goto(reverse("reviews:project", args=[project.slug]))
    assert_clean(manager, "project page with the members section")
    invite = manager.get_by_role("form", name="Invite or add a member")
    invite.get_by_label("User name").fill("li.wei")
    invite.get_by_label("E-mail (for a new person)").fill("li.wei@example.org")
    invite.get_by_label("Role").select_option("editor")
    invite.get_by_role("button", name="Invite or add").click()
    expect(manager.get_by_role("status")).to_contain_text("Invited li.wei as editor")
    expect(manager.get_by_label("Role of li.wei", exact=True)).to_have_value("editor")

    [message] = mail.outbox
    assert message.to == ["li.wei@example.org"]
    newcomer = pages(None)
    choose_password(newcomer, LINK.search(message.body)[1], "a-long-new-pass-31")
    newcomer.get_by_role("link", name="Log in").click()
    newcomer.get_by_label("User name").fill("li.wei")
    newcomer.get_by_label("Password").fill("a-long-new-pass-31")
    newcomer.get_by_role("button", name="Log in").click()
    expect(newcomer.get_by_role("link", name=project.name)).to_be_visible()


def test_a_forgotten_password_is_reset_from_the_log_in_page(pages, users):
    users["translator"].email = "translator@example.org"
    users["translator"].save()
    page = pages(None)
    page.get_by_role("link", name="Forgot your password?").click()
    assert_clean(page, "password reset form")
    page.get_by_label("E-mail").fill("translator@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    [message] = mail.outbox
    choose_password(page, LINK.search(message.body)[1], "a-reset-long-pass-8")
    again = pages("translator", password="a-reset-long-pass-8")
    expect(again.get_by_role("link", name="Password")).to_be_visible()


def test_a_manager_removes_a_member_whose_work_stays(pages, project, users, document, segment):
    services.segment_edit(
        segment=segment, user=users["translator"], target="Zheyun'an", version=segment.version
    )
    manager = pages("manager")
    manager.goto(reverse("reviews:project", args=[project.slug]))
    manager.get_by_role("button", name="Remove translator").click()
    expect(manager.get_by_role("status")).to_contain_text("Removed translator")
    expect(manager.get_by_role("button", name="Remove translator")).to_have_count(0)
    assert not Membership.objects.filter(project=project, user=users["translator"]).exists()
    assert Revision.objects.filter(segment=segment, author=users["translator"]).exists()
    manager.goto(reverse("reviews:document", args=[document.pk]))
    manager.locator(f"#seg-{segment.pk}").get_by_role("textbox").click()
    manager.locator(f"#seg-{segment.pk}").get_by_role("link", name="History").click()
    expect(manager.locator(f"#seg-{segment.pk}")).to_contain_text("translator")


def test_an_editor_uploads_a_new_version_keeping_approved_work(pages, project, users, document):
    first = document.segments.order_by("position").first()
    services.segment_edit(segment=first, user=users["translator"], target="Fixed.", version=1)
    first.refresh_from_db()
    services.segment_approve(segment=first, reviewer=users["editor"], version=first.version)
    new_version = SEED.read_bytes() + b"\nOne more line.\n"
    editor = pages("editor")
    editor.goto(reverse("reviews:project", args=[project.slug]))
    editor.get_by_label(f"New version of {document.title}").set_input_files(
        {"name": "seed.txt", "mimeType": "text/plain", "buffer": new_version}
    )
    editor.get_by_role("button", name="Update").click()
    expect(editor.get_by_role("status")).to_contain_text(f"Updated {document.title}")
    first.refresh_from_db()
    assert (first.target, first.state) == ("Fixed.", State.APPROVED)
    assert document.segments.filter(target="One more line.").exists()


def test_after_a_plain_post_the_focus_is_on_what_it_did(pages, project, users):
    """Invite, change a role, remove: each answer's message takes the focus, so a
    keyboard user hears it and goes on from there (the focus was on <body>, the next Tab
    starting again at the top of the page)."""
    manager = pages("manager")
    manager.goto(reverse("reviews:project", args=[project.slug]))
    invite = manager.get_by_role("form", name="Invite or add a member")
    invite.get_by_label("User name").fill("li.wei")
    invite.get_by_label("E-mail (for a new person)").fill("li.wei@example.org")
    invite.get_by_label("User name").focus()
    manager.keyboard.press("Enter")
    status = manager.locator("ul.messages")
    expect(status).to_contain_text("Invited li.wei as translator")
    expect(status).to_be_focused()
    manager.get_by_role("button", name="Remove li.wei").focus()
    manager.keyboard.press("Enter")
    expect(status).to_contain_text("Removed li.wei")
    expect(status).to_be_focused()
