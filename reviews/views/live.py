"""Others' work on the open review page: rows someone else changed, redrawn within a few
seconds and naming who changed them, and who is editing which segment now.

The page polls ``document_changes`` (htmx, ``hx-trigger="every 3s"``) with what it shows
(``seen``: each row's version and comment count) and the rows the user is editing; the
answer swaps in the changed rows out of band, drawn by the rows module like every other
row. A row being edited is never swapped under the user's hands: it gets a notice
instead, and its save then shows both texts (the conflict view). Comparing what the page
shows, rather than keeping a cursor of changes since a time, catches every change
whenever its transaction commits (a bulk action's may take seconds).

``segment_presence`` is the heartbeat of a focused translation box (see
``reviews.presence``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from .. import presence, selectors
from ..states import can_review
from . import rows
from .access import member_or_404

_FIRST_TAG = re.compile(r"^(\s*<[A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Notice:
    segment: int
    kind: str  # "changed", "editing" (someone else's box), "conflict" (yours, changed)
    text: str


def _seen(value: str) -> dict[int, tuple[int, int]]:
    """ "id:version:comments,..." → {id: (version, comments)}; what does not parse is
    left out (the row is then not compared)."""
    seen = {}
    for item in value.split(",")[: selectors.LIVE_ROWS]:
        parts = item.split(":")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            seen[int(parts[0])] = (int(parts[1]), int(parts[2]))
    return seen


def _ids(value: str) -> set[int]:
    return {int(i) for i in value.split(",") if i.isdigit()}


def _out_of_band(html: str) -> SafeString:
    """The row, swapped in place of the page's row of the same id (``seg-<id>``)."""
    # Safe: the row was drawn by the rows module's escaping template; only an attribute
    # is added to its first tag.
    return mark_safe(_FIRST_TAG.sub(r'\1 hx-swap-oob="true"', html, count=1))  # noqa: S308


@login_required
@require_GET
def document_changes(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_review, user=request.user, pk=pk)
    seen = _seen(request.GET.get("seen", ""))
    editing = _ids(request.GET.get("editing", ""))
    me = request.user.pk
    setting = rows.row_setting(
        project=document.project,
        role=role,
        archived=bool(document.archived_at),
        glossary=selectors.project_glossary(project=document.project),
    )
    swapped, notices = [], []
    for change in selectors.document_changes(document=document, seen=seen):
        pk_, who = change.row.pk, "You" if change.by_id == me else change.by or "Someone"
        done = "commented" if change.commented else "changed this segment"
        if pk_ in editing:
            notices.append(
                Notice(pk_, "conflict", f"{who} {done} while you were editing it")
                if not change.commented
                else Notice(pk_, "changed", f"{who} {done}")
            )
            continue
        swapped.append(_out_of_band(rows.render_row(request, change.row, setting)))
        if change.by_id != me:
            notices.append(Notice(pk_, "changed", f"{who} {done}"))
    members = selectors.project_member_ids(project_id=document.project_id)
    for segment_id, names in presence.document_presence(
        document_id=document.pk, user_ids=members, exclude_user_id=me
    ).items():
        if segment_id in seen:
            verb = "is" if len(names) == 1 else "are"
            notices.append(Notice(segment_id, "editing", f"{' and '.join(names)} {verb} editing"))
    context = {"rows": swapped, "notices": notices, "can_review": can_review(role)}
    return render(request, "reviews/_live.html#live-changes", context)


@login_required
@require_POST
def segment_presence(request: HttpRequest, pk: int) -> HttpResponse:
    """The user's translation box of this segment has the focus (``gone=1``: lost it).
    Not a write of the document: a hint for the others, kept in the cache."""
    segment, _role = member_or_404(selectors.segment_for_member, user=request.user, pk=pk)
    if request.POST.get("gone") == "1":
        presence.presence_clear(document_id=segment.document_id, user=request.user)
    elif segment.document.archived_at is None:  # nobody edits an archived document
        presence.presence_mark(document_id=segment.document_id, segment_id=pk, user=request.user)
    return HttpResponse(status=204)
