"""Paging and conditional GETs, the same for every list of the API (CONTRACT.md).

A list answer stays a JSON list; the next page's URL travels in ``Link: <...>;
rel="next"`` (absent on the last page) and the number of items of the whole list in
``X-Total-Count``. Pages are keyset pages: the cursor holds the sort key of the last
item sent, so a page costs the same at the start and the end of a list, and items that
change meanwhile are neither skipped nor repeated. Cursors are opaque: signed with the
site's key and bound to the list they came from, so a cursor edited by hand, or taken
from another list, is refused (400) instead of silently reading something else.

``limit`` over the maximum is refused (400), not clamped: a client that asked for
5,000 items and silently got 1,000 might take the page for the whole list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response

from ..errors import InvalidQuery

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
CURSOR_PARAM = "after"
ETAG_HEADERS = ("Content-Type", "Content-Disposition", "X-Total-Count", "Link")


def page_limit(request: HttpRequest) -> int:
    raw = request.GET.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidQuery(f"'limit' must be a whole number from 1 to {MAX_LIMIT:,}; it is {raw!r}")
    return int(raw)


def _signer(scope: str) -> signing.Signer:
    return signing.Signer(salt=f"reviews.api.cursor:{scope}")


def cursor_make(scope: str, key: Sequence[int | str]) -> str:
    """The opaque cursor after the item whose sort key is ``key``, for list ``scope``
    (e.g. ``segments:12``: document 12's segments)."""
    return _signer(scope).sign_object(list(key))


def cursor_read(scope: str, cursor: str, *, size: int) -> list:
    """The sort key a cursor of list ``scope`` holds; 400 if it is not one."""
    try:
        key = _signer(scope).unsign_object(cursor)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise InvalidQuery(
            "'after' is not a cursor of this list: pass on the one from the Link header"
        ) from None
    if not isinstance(key, list) or len(key) != size:
        raise InvalidQuery("'after' is not a cursor of this list")
    return key


def request_cursor(request: HttpRequest, scope: str, *, size: int) -> list | None:
    raw = request.GET.get(CURSOR_PARAM)
    return None if raw is None else cursor_read(scope, raw, size=size)


def paged_response(
    request: HttpRequest, items: list, *, total: int, next_cursor: str | None
) -> JsonResponse:
    """The page as a JSON list, with ``Link`` (when there is a next page) and
    ``X-Total-Count``; the other query parameters (filters, limit) carry over."""
    response = JsonResponse(items, safe=False)
    response["X-Total-Count"] = str(total)
    if next_cursor is not None:
        query = request.GET.copy()
        query[CURSOR_PARAM] = next_cursor
        url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        response["Link"] = f'<{url}>; rel="next"'
    return response


def conditional(request: HttpRequest, response: HttpResponse, *, stamp: str = "") -> HttpResponse:
    """A strong ETag on a 200 answer, and 304 when the request's If-None-Match has it.

    The ETag is the SHA-256 of the bytes sent and of the headers that describe them
    (the page's total and next link, the file name), plus ``stamp``: what else the
    answer stands for (the document's latest change, which its counts may not show; the
    export's options). So it is strong by construction: equal ETags are equal bytes; it
    changes with any segment, state, filter or export option that changes the answer;
    and there is no version bookkeeping that a write path could forget to bump.
    """
    if response.status_code != 200 or response.streaming:
        return response
    digest = hashlib.sha256(response.content)
    for header in ETAG_HEADERS:
        digest.update(f"\n{header}: {response.get(header, '')}".encode())
    digest.update(f"\n{stamp}".encode())
    response["ETag"] = f'"{digest.hexdigest()[:40]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)
