"""Repetitions on the review page: after a save or an approval, a note says what the
segment's repetitions got ("3 repetitions updated", with Undo) or offers it ("3 other
segments have the same source: Apply to all"). The note's two forms are plain posts
(without JavaScript the page comes back with the note); with htmx they answer with the
note, the progress and an announcement out of band, and the note asks the page's live
refresh (live.js) to redraw the rows that changed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..errors import ReviewError
from ..middleware import is_database_busy
from ..services import Repetitions
from .access import member_or_404
from .bulk import undo_message

NOTE = "reviews/document.html#repetitions-note"
STATUS = "reviews/document.html#review-status"
SESSION_KEY = "repetitions"  # the note, for the next page drawn without JavaScript
BUSY = (
    "The database was busy: this segment's repetitions were not looked at; "
    "save it again to see them"
)


def note_for(news: Repetitions) -> dict:
    """The note about ``news``, as plain data (it may wait in the session)."""
    segment = news.segment
    note = {
        "document": segment.document_id,
        "num": segment.position + 1,
        "message": news.message,
        "propagate_url": reverse("reviews:segment-propagate", args=[segment.pk]),
        "undo_url": reverse("reviews:segment-propagate-undo", args=[segment.pk]),
    }
    if news.applied is not None:
        note.update(kind="applied", batch=str(news.applied.batch), refresh=True)
    else:
        note.update(kind="offer", version=segment.version, offered_at=timezone.now().isoformat())
    return note


def note_html(request: HttpRequest, note: dict | None) -> str:
    """The note swapped in out of band; nothing when there is no news (the page keeps
    the note it shows)."""
    if note is None:
        return ""
    return render_to_string(NOTE, {"repetitions": note, "oob": True}, request=request)


def remember(request: HttpRequest, note: dict | None) -> None:
    """Keep the note for the next full page (a plain post redirects to it)."""
    if note is not None:
        request.session[SESSION_KEY] = note


def pending_note(request: HttpRequest, document) -> dict | None:
    """The note a plain post left for this document's page; shown once."""
    note = request.session.get(SESSION_KEY)
    if not note or note.get("document") != document.pk:
        return None
    del request.session[SESSION_KEY]
    return note


def after_write(request: HttpRequest, segment) -> dict | None:
    """After a save or an approval: the repetitions' news, as a note (None: none)."""
    try:
        news = services.repetitions_after_write(segment=segment, user=request.user)
    except ReviewError as exc:  # the save stands; what stopped the propagation is said
        return {"document": segment.document_id, "kind": "error", "message": exc.message}
    except OperationalError as exc:
        # The save is committed: a busy database must not answer "nothing was changed"
        # (the 503 of middleware.py) for it; only the repetitions wait.
        if not is_database_busy(exc):
            raise
        return {"document": segment.document_id, "kind": "error", "message": BUSY}
    return note_for(news) if news is not None else None


def _answer(request: HttpRequest, segment, note: dict, *, status: int = 200) -> HttpResponse:
    status_html = render_to_string(
        STATUS,
        {
            "progress": selectors.document_progress(document=segment.document),
            "announcement": note["message"],
        },
    )
    return HttpResponse(note_html(request, note) + status_html, status=status)


def _offered_at(value: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if timezone.is_aware(when) else None


@login_required
@require_POST
def segment_propagate(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Apply to all": the segment's text to its repetitions, as offered."""
    segment, _role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    version = request.POST.get("version", "")
    try:
        result = services.segment_propagate(
            segment=segment,
            user=request.user,
            version=int(version) if version.isdigit() else 0,
            offered_at=_offered_at(request.POST.get("offered_at", "")),
        )
    except ReviewError as exc:
        if request.htmx:
            error = {"kind": "error", "message": exc.message}
            return _answer(request, segment, error, status=exc.status)
        messages.error(request, exc.message)
        return redirect(segment.get_absolute_url())
    segment.refresh_from_db()
    note = note_for(Repetitions(segment, "", applied=result))
    if not result.updated:
        note.update(kind="done", refresh=False)
    if request.htmx:
        return _answer(request, segment, note)
    remember(request, note)
    return redirect(segment.get_absolute_url())


@login_required
@require_POST
def segment_propagate_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a propagation (a batch) across the project, in one step."""
    segment, _role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    try:
        batch = uuid.UUID(request.POST.get("batch", ""))
        result = services.bulk_undo(
            batch=batch, user=request.user, project=segment.document.project
        )
    except ValueError:
        message, status = "That undo is not valid.", 400
    except ReviewError as exc:
        if exc.status == 403:
            return HttpResponse(exc.message, status=403, content_type="text/plain")
        message, status = exc.message, exc.status
    else:
        message, status = undo_message(result), 200
    if request.htmx:
        kind = "undone" if status == 200 else "error"
        return _answer(
            request,
            segment,
            {"kind": kind, "message": message, "refresh": status == 200},
            status=status,
        )
    if status == 200:
        messages.success(request, message)
    else:
        messages.error(request, message)
    return redirect(segment.get_absolute_url())
