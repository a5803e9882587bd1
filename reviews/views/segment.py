"""One segment's page: its comments and its history, also loaded into the review row."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..errors import ReviewError
from ..models import Comment
from ..states import can_review
from .access import member_or_404


def _context(segment, role, **extra) -> dict:
    return {
        "segment": segment,
        "document": segment.document,
        "project": segment.document.project,
        "role": role,
        "can_review": can_review(role),
        "back": segment.get_absolute_url(),
        **extra,
    }


def _comments_context(segment, role, **extra) -> dict:
    comments = list(selectors.segment_comments(segment=segment))
    count = sum(1 + len(c.replies.all()) for c in comments)
    return _context(
        segment,
        role,
        comments=comments,
        comment_count=count,
        members=selectors.project_members_named(project_id=segment.document.project_id),
        **extra,
    )


@login_required
@require_http_methods(["GET", "POST"])
def segment_comments(request: HttpRequest, pk: int) -> HttpResponse:
    segment, role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    error, status = "", 200
    if request.method == "POST":
        parent = None
        if request.POST.get("parent", "").isdigit():
            parent = Comment.objects.filter(pk=request.POST["parent"], segment=segment).first()
        try:
            services.comment_add(
                segment=segment,
                author=request.user,
                text=request.POST.get("text", ""),
                parent=parent,
            )
        except ReviewError as exc:
            error, status = exc.message, exc.status
        else:
            if not request.htmx:
                messages.success(request, "Comment added.")
                return redirect("reviews:segment-comments", pk=segment.pk)
    context = _comments_context(segment, role, error=error, oob=True)
    if request.htmx:
        return render(request, "reviews/segment.html#comments-panel", context, status=status)
    return render(request, "reviews/segment.html", context, status=status)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = Comment.objects.select_related("segment").filter(pk=pk).first()
    segment, role = member_or_404(
        selectors.segment_for_member, user=request.user, pk=comment.segment_id if comment else 0
    )
    error, status = "", 200
    try:
        services.comment_resolve(
            comment=comment, user=request.user, resolved=request.POST.get("resolved") != "0"
        )
    except ReviewError as exc:
        error, status = exc.message, exc.status
    context = _comments_context(segment, role, error=error, oob=True)
    if request.htmx:
        return render(request, "reviews/segment.html#comments-panel", context, status=status)
    if error:
        return render(request, "reviews/segment.html", context, status=status)
    return redirect("reviews:segment-comments", pk=segment.pk)


@login_required
@require_GET
def segment_history(request: HttpRequest, pk: int) -> HttpResponse:
    segment, role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    revisions = list(selectors.segment_revisions(segment=segment))
    by_version = {r.version: r for r in revisions}
    compare = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit() and int(a) in by_version and int(b) in by_version:
        compare = (by_version[int(a)], by_version[int(b)])
    context = _context(segment, role, revisions=revisions, compare=compare)
    if request.htmx:
        return render(request, "reviews/segment.html#history-panel", context)
    return render(request, "reviews/segment.html", {**_comments_context(segment, role), **context})


@login_required
@require_POST
def segment_revert(request: HttpRequest, pk: int) -> HttpResponse:
    segment, _role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    try:
        to_version = int(request.POST.get("to_version", ""))
        version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponse("Say which version to go back to.", status=400)
    try:
        segment = services.segment_revert(
            segment=segment, user=request.user, to_version=to_version, version=version
        )
    except ReviewError as exc:
        if exc.status == 403:  # a role that may not: as on every other path
            return HttpResponse(exc.message, status=403, content_type="text/plain")
        messages.error(request, exc.message)
        return redirect("reviews:segment-history", pk=pk)
    # A plain post, also from the history panel: back to the page, with the new text.
    messages.success(request, f"Segment {segment.position + 1} has version {to_version}'s text.")
    return redirect(segment.get_absolute_url())


@login_required
@require_GET
def document_activity(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's changes, newest first; a bulk action is one entry, and its link
    (``?batch=``) lists that batch's changes one by one."""
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    try:
        batch = uuid.UUID(request.GET["batch"]) if request.GET.get("batch") else None
    except ValueError:
        batch = None
    activity = selectors.document_activity(document=document, batch=batch)
    page = Paginator(activity, selectors.ACTIVITY_PAGE)
    return render(
        request,
        "reviews/activity.html",
        {
            "document": document,
            "project": document.project,
            "batch": batch,
            "page": page.get_page(request.GET.get("page")),
        },
    )


@login_required
@require_GET
def segment_memory(request: HttpRequest, pk: int) -> HttpResponse:
    """The best translation-memory matches for one segment, loaded into its row."""
    segment, role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    matches = selectors.memory_matches(segment=segment)
    context = _context(segment, role, matches=matches, memory=True)
    if request.htmx:
        return render(request, "reviews/segment.html#memory-panel", context)
    return render(request, "reviews/segment.html", {**_comments_context(segment, role), **context})
