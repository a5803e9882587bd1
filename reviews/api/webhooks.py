"""The webhook endpoints of /api/v1/ (managers): list and register a project's
endpoints, remove one. The answer to a registration carries the secret, once."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from .. import policy, selectors, services
from .paging import cursor_make, page_limit, paged_response, request_cursor
from .responses import api_view
from .views import _json_body


def webhook_json(endpoint, *, secret: bool = False) -> dict:
    data = {
        "id": endpoint.pk,
        "url": endpoint.url,
        "events": list(endpoint.events),
        "active": endpoint.active,
        "created_at": endpoint.created_at.isoformat(),
    }
    if secret:
        data["secret"] = endpoint.secret
    return data


@api_view("GET", "POST")
def project_webhooks(request: HttpRequest, slug: str) -> JsonResponse:
    project, role = selectors.project_for_member(user=request.user, slug=slug)
    policy.ensure_may_manage_webhooks(role)
    if request.method == "GET":
        scope = f"webhooks:{project.pk}"
        after = request_cursor(request, scope, size=1)
        page = selectors.webhook_page(
            project=project, after=after[0] if after else None, limit=page_limit(request)
        )
        next_cursor = cursor_make(scope, page.next_key) if page.next_key else None
        items = [webhook_json(e) for e in page.items]
        return paged_response(request, items, total=page.total, next_cursor=next_cursor)
    body = _json_body(request)
    endpoint = services.webhook_endpoint_create(
        project=project, user=request.user, url=body.get("url"), events=body.get("events")
    )
    response = JsonResponse(webhook_json(endpoint, secret=True), status=201)
    response["Cache-Control"] = "no-store"  # no cache keeps a copy of the secret
    return response


@api_view("DELETE")
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = selectors.webhook_for_manager(user=request.user, pk=pk)
    services.webhook_endpoint_delete(endpoint=endpoint, user=request.user)
    return HttpResponse(status=204)
