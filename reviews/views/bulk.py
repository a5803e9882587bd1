"""Editors' bulk actions on the review page, and their one-step undo.

A bulk action asks first: a post without ``confirm=1`` (or the preview's GET, for the
page's dialog) answers with what it would do, segment kinds counted, and a Confirm
that posts the same fields with ``confirm=1``; only that post changes anything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..errors import InvalidInput, ReviewError
from ..segment_filters import apply_filter, parse_filter
from ..states import can_review
from .access import member_or_404

DONE = {"approve": "Approved", "reject": "Rejected", "translate": "Marked as translated"}
VERB = {"approve": "Approve", "reject": "Reject", "translate": "Mark as translated"}
CONFIRM = "reviews/bulk_confirm.html"


def _back(document_id: int, query: str) -> HttpResponse:
    url = reverse("reviews:document", args=[document_id])
    return redirect(f"{url}?{query}" if query else url)


@dataclass(frozen=True)
class BulkRequest:
    """The bulk bar's fields, as its form posts them (and the preview's GET repeats)."""

    action: str
    scope: str  # "selected" or "all" (every segment matching ``query``, the page's filter)
    ids: tuple[int, ...]  # the picked rows, for "selected"
    query: str
    reason: str
    include_unreviewed: bool  # "all": approve new and rejected segments too
    confirmed: bool

    @classmethod
    def read(cls, data: QueryDict) -> BulkRequest:
        scope = "all" if data.get("scope") == "all" else "selected"
        return cls(
            action=data.get("action", "").strip(),
            scope=scope,
            ids=tuple(int(i) for i in data.getlist("ids") if i.isdigit()),
            query=data.get("filter", ""),
            reason=data.get("reason", ""),
            # Picked rows were chosen one by one: the confirmation counts the raw MT
            # among them. "All matching" leaves the unreviewed out unless asked.
            include_unreviewed=scope == "selected" or data.get("include_unreviewed") == "1",
            confirmed=data.get("confirm") == "1",
        )

    def segment_ids(self, document) -> list[int]:
        if self.scope == "selected":
            return list(self.ids)
        # "All matching the filter": the filter travels with the form, as in the URL.
        matching = apply_filter(
            selectors.segments_for_review(document=document), parse_filter(QueryDict(self.query))
        )
        return list(matching.values_list("pk", flat=True))


def _reviewer_document(request: HttpRequest, pk: int):
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    return document, can_review(role)


def _confirmation(request, document, asked: BulkRequest) -> HttpResponse:
    """The breakdown of what the action would do, and a Confirm that posts it again
    with confirm=1: the dialog's partial for htmx, a page of its own without it."""
    context = {
        "document": document,
        "project": document.project,
        "asked": asked,
        "dialog": request.htmx,
    }
    status = 200
    try:
        ids = asked.segment_ids(document)
        if not ids:
            raise InvalidInput("Select at least one segment")
        services.bulk_request_check(action=asked.action, reason=asked.reason)
        context["breakdown"] = selectors.bulk_breakdown(
            document=document,
            segment_ids=ids,
            action=asked.action,
            user=request.user,
            include_unreviewed=asked.include_unreviewed,
        )
    except ReviewError as exc:
        context["error"], status = exc.message, exc.status
    context["verb"] = VERB.get(asked.action, "")
    template = f"{CONFIRM}#bulk-breakdown" if request.htmx else CONFIRM
    return render(request, template, context, status=status)


@login_required
@require_GET
def document_bulk_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What the bulk bar's fields would do, for its confirmation dialog: a read."""
    document, reviewer = _reviewer_document(request, pk)
    if not reviewer:
        return HttpResponse("Bulk actions are for editors and managers.", status=403)
    return _confirmation(request, document, BulkRequest.read(request.GET))


@login_required
@require_POST
def document_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    document, reviewer = _reviewer_document(request, pk)
    if not reviewer:
        return HttpResponse("Bulk actions are for editors and managers.", status=403)
    asked = BulkRequest.read(request.POST)
    if not asked.confirmed:  # nothing changes before the user has seen what would
        return _confirmation(request, document, asked)
    try:
        result = services.segments_bulk_review(
            document=document,
            segment_ids=asked.segment_ids(document),
            user=request.user,
            action=asked.action,
            reason=asked.reason,
            include_unreviewed=asked.include_unreviewed,
        )
    except ReviewError as exc:
        messages.error(request, exc.message)
        return _back(document.pk, asked.query)
    messages.success(request, done_message(result))
    if result.batch:
        request.session["bulk_undo"] = {
            "document": document.pk,
            "batch": str(result.batch),
            "label": f"{DONE[result.action].lower()} {result.changed}",
        }
    return _back(document.pk, asked.query)


def done_message(result) -> str:
    """What a bulk action did, and why it left any segment as it is."""
    text = f"{DONE[result.action]} {result.changed} segment{'s' * (result.changed != 1)}"
    other = result.skipped - result.qa_blocked - result.four_eyes - result.unreviewed
    if other:
        text += f"; {other} skipped (their state does not allow it)"
    if result.unreviewed:
        text += f"; {result.unreviewed} unreviewed (new or rejected) left out"
    if result.qa_blocked:
        text += f"; {result.qa_blocked} with QA errors left for you to fix or approve one by one"
    if result.four_eyes:
        text += f"; {result.four_eyes} of your own texts left for someone else to approve"
    return text + "."


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
