"""Who may change what: one named rule per decision, called by every path that can
reach it (a single action, a bulk action, find and replace, an undo, a revert, the API,
and propagation).

- ``ensure_writable(document)``: an archived document is read-only, whatever the path.
- ``four_eyes_refusal(...)``: with four-eyes review on, nobody approves, or keeps
  approved, a text they wrote themselves.
- ``ensure_may_manage_webhooks(role)``: only a project's managers see, register,
  remove and redeliver its webhooks (the page, the API and the services ask it).

The rules raise or answer; they never skip silently. A bulk path that leaves a segment
out because of a rule counts it in its answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .errors import IllegalTransition, NotAllowed
from .models import Document, Revision, Segment
from .states import Action, can_manage, can_review

WEBHOOKS = "Only project managers can manage webhooks"
ARCHIVED = "This document is archived; restore it to change it"
FOUR_EYES = "Four-eyes review is on: someone other than the author of this text must approve it"

# Revisions that can change a segment's text, and so make someone its author.
# A propagation makes its user the author of the repetitions' text: under four-eyes they
# may not approve it there either.
TEXT_ACTIONS = (Action.EDIT, Action.REVERT, Action.UPDATE, Action.PROPAGATE)


def is_read_only(document: Document) -> bool:
    return document.archived_at is not None


def ensure_writable(document: Document) -> None:
    if is_read_only(document):
        raise IllegalTransition(ARCHIVED)


def writable(segments: QuerySet) -> QuerySet:
    """Segments of a project-wide write, without those of archived documents."""
    return segments.filter(document__archived_at__isnull=True)


# A revision that gave a segment its text: the import, or a change of the text.
_WROTE_TEXT = Q(action=Action.IMPORT) | (
    Q(action__in=TEXT_ACTIONS) & ~Q(before_target=F("after_target"))
)
# Where a segment's current run starts: the import, or a new version of the file that
# changed the text (what came before belongs to another text of the segment).
_RUN_START = Q(action=Action.IMPORT) | (
    Q(action=Action.UPDATE) & ~Q(before_target=F("after_target"))
)


def text_author(*, segment: str, text: str, below: str | None = None) -> Subquery:
    """SQL for who wrote ``text`` in a segment, for an annotation: the author of the
    earliest revision of the segment's current run that made its text exactly ``text``;
    NULL when that is the import (the imported text, untouched).

    ``segment``, ``text`` and ``below`` name columns of the outer query: the segment's
    id, the text asked about and, optionally, a version: only the revisions before it
    count (the run is then the one that version belongs to).

    The text decides, not the last writer: when an editor restores (reverts to) the
    translator's version, or types the translator's words again, the text is still the
    translator's. The run starts at the segment's latest import or new version of the
    file that changed its text; a text written before that is another text.
    """
    before_outer = {"version__lt": OuterRef(OuterRef(below))} if below else {}
    before = {"version__lt": OuterRef(below)} if below else {}
    run_start = (
        Revision.objects.filter(_RUN_START, segment_id=OuterRef("segment_id"), **before_outer)
        .order_by("-version", "-id")
        .values("version")[:1]
    )
    writers = (
        Revision.objects.filter(
            _WROTE_TEXT, segment_id=OuterRef(segment), after_target=OuterRef(text), **before
        )
        .filter(version__gte=Coalesce(Subquery(run_start), Value(0)))
        .order_by("version", "id")
        .annotate(
            writer=Case(
                When(action=Action.IMPORT, then=Value(None)),
                When(words_by__isnull=False, then=F("words_by_id")),
                default=F("author_id"),
                output_field=IntegerField(),
            )
        )
        .values("writer")[:1]
    )
    return Subquery(writers, output_field=IntegerField())


def text_authors(segment_ids: Iterable[int], *, before_version: dict[int, int] | None = None):
    """{segment id: who wrote its current text} (None: the imported text, untouched);
    see ``text_author`` for what "wrote" means.

    With ``before_version`` ({segment id: version}) the author of the text the segment
    had just before that version is asked instead: what an undo would bring back.
    """
    ids = list(segment_ids)
    authors: dict[int, int | None] = dict.fromkeys(ids)
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        if before_version is None:
            rows = (
                Segment.objects.filter(pk__in=chunk)
                .order_by()
                .annotate(author=text_author(segment="pk", text="target"))
                .values_list("pk", "author")
            )
            authors.update(rows)
            continue
        # The revision at that version holds, as its before_target, the text asked about.
        rows = (
            Revision.objects.filter(
                segment_id__in=chunk, version__in={before_version[pk] for pk in chunk}
            )
            .order_by()
            .annotate(
                text_author=text_author(segment="segment_id", text="before_target", below="version")
            )
            .values_list("segment_id", "version", "text_author")
        )
        for segment_id, version, author in rows:
            if before_version[segment_id] == version:
                authors[segment_id] = author
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


# Who may bring documents and people. Each is the one rule its paths (page, API,
# command line, background job) call.
MAY_CREATE_DOCUMENTS = "Only project managers can import documents"
MAY_UPDATE_DOCUMENTS = "Only editors and project managers can upload a new version"
MAY_MANAGE_MEMBERS = "Only project managers can change members"


def may_create_documents(role: str | None) -> bool:
    return can_manage(role)


def may_update_documents(role: str | None) -> bool:
    """A new version keeps approved work (``--update`` semantics), so editors, who bring
    corrected versions back from the newsroom, may upload one; translators may not."""
    return can_review(role)


def may_manage_members(role: str | None) -> bool:
    return can_manage(role)


def may_import_approvals(role: str | None) -> bool:
    """A file may mark units approved. A new document's file is a manager's to bring; an
    editor's new version brings text, never approvals: a unit it adds that the file calls
    approved comes in translated, for a reviewer to approve (four-eyes, the QA gate)."""
    return can_manage(role)


def ensure_may_create_documents(role: str | None) -> None:
    if not may_create_documents(role):
        raise NotAllowed(MAY_CREATE_DOCUMENTS)


def ensure_may_update_documents(role: str | None) -> None:
    if not may_update_documents(role):
        raise NotAllowed(MAY_UPDATE_DOCUMENTS)


def ensure_may_manage_members(role: str | None) -> None:
    if not may_manage_members(role):
        raise NotAllowed(MAY_MANAGE_MEMBERS)


def may_manage_webhooks(role: str | None) -> bool:
    return can_manage(role)


def ensure_may_manage_webhooks(role: str | None) -> None:
    if not may_manage_webhooks(role):
        raise NotAllowed(WEBHOOKS)


# The starter glossary adds terms to every document's checks at once: a project
# decision, as members are.
MAY_LOAD_STARTER_GLOSSARY = "Only project managers can load the starter glossary"


def may_load_starter_glossary(role: str | None) -> bool:
    return can_manage(role)


def ensure_may_load_starter_glossary(role: str | None) -> None:
    if not may_load_starter_glossary(role):
        raise NotAllowed(MAY_LOAD_STARTER_GLOSSARY)
