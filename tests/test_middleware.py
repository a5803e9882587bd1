"""A database too busy for a write answers 503 "try again" (HTML, or JSON under /api/),
not a 500: reviews/middleware.py (issue 15, point 7)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.urls import reverse

from reviews import selectors
from tests.conftest import PASSWORD


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


@pytest.fixture
def busy_projects(monkeypatch):
    """Every read of the project list meets a database that stayed locked."""
    monkeypatch.setattr(selectors, "user_projects", locked)  # the page's
    monkeypatch.setattr(selectors, "member_project_page", locked)  # the API's, paged


def test_a_page_answers_503_html(client, users, busy_projects):
    client.login(username="editor", password=PASSWORD)
    response = client.get(reverse("reviews:project-list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert "The database is busy" in response.text and "try again" in response.text


def test_the_api_answers_503_json(client, users, busy_projects):
    from reviews import services

    token = services.api_token_create(user=users["editor"])
    response = client.get("/api/v1/projects", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["error"] == "database_busy"
    assert "try again" in response.json()["detail"]


def test_a_session_that_cannot_be_saved_answers_503(client, users, monkeypatch):
    """The session is written by its middleware after the view: Django has made that
    a 500 already, which becomes the 503."""
    monkeypatch.setattr(SessionStore, "save", locked)
    client.raise_request_exception = False  # Django signalled it, as for any 500
    response = client.post(
        reverse("login"), {"username": "editor", "password": PASSWORD}, follow=False
    )
    assert response.status_code == 503
    assert "The database is busy" in response.text


def test_other_database_errors_stay_errors(client, users, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: reviews_project")

    monkeypatch.setattr(selectors, "user_projects", broken)
    client.login(username="editor", password=PASSWORD)
    client.raise_request_exception = False
    assert client.get(reverse("reviews:project-list")).status_code == 500
