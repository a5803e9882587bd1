"""One JSON error shape for every failure: {"error": code, "detail": message, ...}."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt

from .. import services
from ..errors import InvalidField, ReviewError, StaleVersion
from .serializers import segment_json


def error(status: int, code: str, detail, **extra) -> JsonResponse:
    return JsonResponse({"error": code, "detail": detail, **extra}, status=status)


def api_view(*methods: str, auth: bool = True) -> Callable:
    """Token authentication, allowed methods and ReviewError → JSON, for one endpoint.

    Cookies are not accepted here, only bearer tokens, so CSRF does not apply.
    """

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method not in methods:
                response = error(405, "method_not_allowed", f"Use {' or '.join(methods)}")
                response["Allow"] = ", ".join(methods)
                return response
            if auth:
                header = request.headers.get("Authorization", "")
                scheme, _, token = header.partition(" ")
                user = services.api_token_user(token.strip()) if scheme == "Bearer" else None
                if user is None:
                    response = error(
                        401, "unauthorized", "Send a valid token: Authorization: Bearer TOKEN"
                    )
                    response["WWW-Authenticate"] = 'Bearer realm="api"'
                    return response
                request.user = user
            try:
                return view(request, *args, **kwargs)
            except StaleVersion as exc:
                return error(exc.status, exc.code, exc.message, segment=segment_json(exc.segment))
            except InvalidField as exc:
                return error(exc.status, exc.code, exc.message, field=exc.field)
            except ReviewError as exc:
                return error(exc.status, exc.code, exc.message)
            except UNREADABLE as exc:
                return unreadable_body(exc)

        return wrapper

    return decorate


# What reading a request's body may raise (RequestDataTooBig, TooManyFieldsSent and
# SuspiciousMultipartForm are SuspiciousOperations).
UNREADABLE = (MultiPartParserError, BadRequest, SuspiciousOperation)


def unreadable_body(exc: Exception) -> JsonResponse:
    """A body Django refused to read, as JSON: Django's own answer is an HTML 400."""
    if isinstance(exc, SuspiciousOperation):  # logged where Django logs them
        logging.getLogger(f"django.security.{type(exc).__name__}").warning("%s", exc)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return error(413, "too_large", f"The body is over {limit:,} bytes, the most read here")
    return error(400, "bad_request", f"The body could not be read: {exc}")
