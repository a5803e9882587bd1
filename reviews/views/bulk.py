"""Editors' bulk actions on the review page, and their one-step undo."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..errors import ReviewError
from ..segment_filters import apply_filter, parse_filter
from ..states import can_review
from .access import member_or_404

DONE = {"approve": "Approved", "reject": "Rejected", "translate": "Marked as translated"}


def _back(document_id: int, query: str) -> HttpResponse:
    url = reverse("reviews:document", args=[document_id])
    return redirect(f"{url}?{query}" if query else url)


@login_required
@require_POST
def document_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    query = request.POST.get("filter", "")
    if not can_review(role):
        return HttpResponse("Bulk actions are for editors and managers.", status=403)
    if request.POST.get("scope") == "all":
        # "All matching the filter": the filter travels with the form, as in the URL.
        matching = apply_filter(
            selectors.segments_for_review(document=document), parse_filter(QueryDict(query))
        )
        ids = list(matching.values_list("pk", flat=True))
    else:
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    action = request.POST.get("action", "")
    try:
        result = services.segments_bulk_review(
            document=document,
            segment_ids=ids,
            user=request.user,
            action=action,
            reason=request.POST.get("reason", ""),
        )
    except ReviewError as exc:
        messages.error(request, exc.message)
        return _back(document.pk, query)
    text = f"{DONE[action]} {result.changed} segment{'s' * (result.changed != 1)}"
    other = result.skipped - result.qa_blocked - result.four_eyes
    if other:
        text += f"; {other} skipped (their state does not allow it)"
    if result.qa_blocked:
        text += f"; {result.qa_blocked} with QA errors left for you to fix or approve one by one"
    if result.four_eyes:
        text += f"; {result.four_eyes} of your own texts left for someone else to approve"
    messages.success(request, text + ".")
    if result.batch:
        request.session["bulk_undo"] = {
            "document": document.pk,
            "batch": str(result.batch),
            "label": f"{DONE[action].lower()} {result.changed}",
        }
    return _back(document.pk, query)


@login_required
@require_POST
def document_bulk_undo(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    if not can_review(role):
        return HttpResponse("Bulk actions are for editors and managers.", status=403)
    query = request.POST.get("filter", "")
    try:
        batch = uuid.UUID(request.POST.get("batch", ""))
        result = services.bulk_undo(document=document, batch=batch, user=request.user)
    except ValueError:
        messages.error(request, "That undo is not valid.")
        return _back(document.pk, query)
    except ReviewError as exc:
        messages.error(request, exc.message)
        return _back(document.pk, query)
    request.session.pop("bulk_undo", None)
    messages.success(request, undo_message(result))
    return _back(document.pk, query)


def undo_message(result) -> str:
    """What an undo did, and why it left any segment as it is."""
    text = f"Undone: {result.changed} segment{'s' * (result.changed != 1)} restored"
    changed_since = result.skipped - result.four_eyes - result.archived
    if changed_since:
        text += f"; {changed_since} changed since and left as they are"
    if result.four_eyes:
        text += (
            f"; {result.four_eyes} left as they are: they would be approved again with "
            "your own text, which someone else must approve (four-eyes review)"
        )
    if result.archived:
        text += f"; {result.archived} in archived documents left as they are"
    return text + "."
