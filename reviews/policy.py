"""Who may change what: one named rule per decision, called by every path that can
reach it (a single action, a bulk action, find and replace, an undo, a revert, the API,
and propagation later).

- ``ensure_writable(document)``: an archived document is read-only, whatever the path.
- ``four_eyes_refusal(...)``: with four-eyes review on, nobody approves, or keeps
  approved, a text they wrote themselves.

The rules raise or answer; they never skip silently. A bulk path that leaves a segment
out because of a rule counts it in its answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, QuerySet

from .errors import IllegalTransition, NotAllowed
from .models import Document, Revision
from .states import Action

ARCHIVED = "This document is archived; restore it to change it"
FOUR_EYES = "Four-eyes review is on: someone other than the author of this text must approve it"

# Revisions that can change a segment's text, and so make someone its author.
TEXT_ACTIONS = (Action.EDIT, Action.REVERT, Action.UPDATE)


def is_read_only(document: Document) -> bool:
    return document.archived_at is not None


def ensure_writable(document: Document) -> None:
    if is_read_only(document):
        raise IllegalTransition(ARCHIVED)


def writable(segments: QuerySet) -> QuerySet:
    """Segments of a project-wide write, without those of archived documents."""
    return segments.filter(document__archived_at__isnull=True)


def text_authors(segment_ids: Iterable[int], *, before_version: dict[int, int] | None = None):
    """{segment id: who wrote its current text} (None: the imported text, untouched).

    With ``before_version`` ({segment id: version}) the author of the text the segment
    had just before that version is asked instead: what an undo would bring back.
    """
    ids = list(segment_ids)
    authors: dict[int, int | None] = dict.fromkeys(ids)
    decided: set[int] = set()
    for start in range(0, len(ids), 2000):
        rows = (
            Revision.objects.filter(segment_id__in=ids[start : start + 2000])
            .filter(action__in=TEXT_ACTIONS)
            .exclude(before_target=F("after_target"))
            .order_by("segment_id", "-version", "-id")
            .values_list("segment_id", "version", "author_id")
        )
        for segment_id, version, author_id in rows:
            if segment_id in decided:
                continue
            if before_version is not None and version >= before_version[segment_id]:
                continue
            authors[segment_id] = author_id
            decided.add(segment_id)
    return authors


def four_eyes_refusal(*, project, user, text_author_id: int | None) -> str | None:
    """Why ``user`` may not approve (or keep approved) a text by ``text_author_id``;
    None when they may."""
    if project.four_eyes and text_author_id is not None and text_author_id == user.pk:
        return FOUR_EYES
    return None


def ensure_may_approve(*, project, user, text_author_id: int | None) -> None:
    refusal = four_eyes_refusal(project=project, user=user, text_author_id=text_author_id)
    if refusal:
        raise NotAllowed(refusal)
