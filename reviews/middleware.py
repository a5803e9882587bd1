"""A database too busy to take a write answers 503 "try again", not 500.

On SQLite a write waits up to ``SQLITE_BUSY_TIMEOUT`` seconds for the one write lock;
a big import holds it until the whole file is stored (all or nothing), and a request
that waited longer fails with "database is locked". That request changed nothing (its
transaction was rolled back), so the answer says so and asks to try again: JSON under
/api/ (the API's error shape), a plain page elsewhere.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 5
BUSY_MESSAGES = ("database is locked", "database table is locked")


def is_database_busy(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError) and any(
        message in str(exception) for message in BUSY_MESSAGES
    )


def database_busy_response(request: HttpRequest) -> HttpResponse:
    detail = (
        "The database is busy with another change (a big import, say) and this one "
        f"waited {settings.SQLITE_BUSY_TIMEOUT:g} seconds; nothing was changed, try again."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": "database_busy", "detail": detail}, status=503)
    else:
        html = render_to_string("503.html", {"detail": detail})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """A busy database met by a view (``process_exception``) or by a middleware after
    this one in MIDDLEWARE (a session being saved: Django has made that a 500 already,
    and ``_note_busy`` marked the request) gives the 503 above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_busy", False):
            return database_busy_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_database_busy(exception):
            return database_busy_response(request)
        return None


@receiver(got_request_exception)
def _note_busy(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and is_database_busy(sys.exc_info()[1]):
        request._database_busy = True
