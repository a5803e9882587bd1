"""Every write. Each service is atomic, writes a Revision for each segment change and
raises a ``ReviewError`` for an illegal move, a missing permission or a stale version.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from . import formats
from .errors import (
    IllegalTransition,
    ImportFailed,
    InvalidInput,
    NotAllowed,
    NotFound,
    StaleVersion,
)
from .models import Document, Membership, Project, Revision, Segment
from .selectors import export_segments, role_in_project
from .states import APPROVABLE, REJECTABLE, Action, Role, State, can_edit, can_manage, can_review

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_SLUG = re.compile(r"^[-a-z0-9_]{1,64}$")


def _check_lang(tag: str, what: str) -> str:
    if not _LANG_TAG.match(tag or ""):
        raise InvalidInput(f"{what} {tag!r} is not a BCP 47 language tag such as zh-CN or en")
    return tag


@transaction.atomic
def project_create(*, slug: str, name: str = "", source_lang: str, target_lang: str) -> Project:
    if not _SLUG.match(slug or ""):
        raise InvalidInput(
            f"project slug {slug!r} must be 1-64 lowercase letters, digits, '-' or '_'"
        )
    _check_lang(source_lang, "source language")
    _check_lang(target_lang, "target language")
    if Project.objects.filter(slug=slug).exists():
        raise InvalidInput(f"a project with the slug {slug!r} already exists")
    return Project.objects.create(
        slug=slug, name=name or slug, source_lang=source_lang, target_lang=target_lang
    )


@transaction.atomic
def membership_set(*, project: Project, user, role: str, acting_user=None) -> Membership:
    """Add a member or change their role; ``acting_user`` (if given) must be a manager."""
    if acting_user is not None and not can_manage(
        role_in_project(user=acting_user, project_id=project.pk)
    ):
        raise NotAllowed("Only project managers can change members")
    if role not in Role.values:
        raise InvalidInput(f"unknown role {role!r} (one of {', '.join(Role.values)})")
    membership, _ = Membership.objects.update_or_create(
        user=user, project=project, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, project: Project, user, acting_user) -> None:
    if not can_manage(role_in_project(user=acting_user, project_id=project.pk)):
        raise NotAllowed("Only project managers can change members")
    if user == acting_user:
        raise InvalidInput("You cannot remove yourself from the project")
    Membership.objects.filter(project=project, user=user).delete()


def user_by_name(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise NotFound(f"no user {username!r}") from None


def document_import(
    *,
    project: Project,
    data: bytes,
    filename: str,
    user=None,
    source_data: bytes | None = None,
    source_filename: str = "",
    format_name: str = "auto",
    title: str = "",
) -> Document:
    """Parse a file and store it as a document; nothing is stored if anything fails."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can import documents")
    limit = settings.MAX_UPLOAD_BYTES
    for name, blob in ((filename, data), (source_filename or "source", source_data)):
        if blob is not None and len(blob) > limit:
            raise ImportFailed(name, f"the file is {len(blob):,} bytes; the limit is {limit:,}")
    try:
        if format_name == "auto":
            adapter = formats.format_for_file(filename, data)
        else:
            adapter = formats.format_by_name(format_name)
        if source_data is not None and not adapter.supports_source_file:
            raise formats.FormatError(f"the {adapter.label} format takes no separate source file")
        parsed = adapter.parse(
            data,
            source_data=source_data,
            source_lang=project.source_lang,
            target_lang=project.target_lang,
        )
    except formats.FormatError as exc:
        problem = exc.describe()
        if problem.startswith("source file: ") and source_filename:
            raise ImportFailed(source_filename, problem.removeprefix("source file: ")) from None
        raise ImportFailed(filename, problem) from None
    if not parsed.units:
        raise ImportFailed(filename, "the file holds no text to translate")

    with transaction.atomic():
        document = Document.objects.create(
            project=project,
            title=title or filename.rsplit("/", 1)[-1],
            format=adapter.name,
            filename=filename.rsplit("/", 1)[-1],
            skeleton=parsed.skeleton,
            created_by=user,
        )
        segments = [
            Segment(
                document=document,
                position=position,
                key=unit.key,
                source=unit.source,
                mt=unit.target,
                target=unit.target,
                state=unit.state or (State.NEW if unit.target else State.UNTRANSLATED),
                read_only=unit.read_only,
                meta=unit.meta,
            )
            for position, unit in enumerate(parsed.units)
        ]
        Segment.objects.bulk_create(segments, batch_size=2000)
        if not all(s.pk for s in segments):  # backends that return no ids from bulk_create
            segments = list(document.segments.order_by("position"))
        Revision.objects.bulk_create(
            [
                Revision(
                    segment=s,
                    version=s.version,
                    author=user,
                    action=Action.IMPORT,
                    after_target=s.target,
                    after_state=s.state,
                    note=f"imported from {document.filename}",
                )
                for s in segments
            ],
            batch_size=2000,
        )
    return document


def _locked(segment: Segment) -> tuple[Segment, int]:
    """The segment re-read under a row lock, and its project's id."""
    current = Segment.objects.select_for_update().select_related("document").get(pk=segment.pk)
    return current, current.document.project_id


def _record(segment: Segment, *, user, action: str, target: str, state: str, note: str = ""):
    before_target, before_state = segment.target, segment.state
    segment.target, segment.state = target, state
    segment.version += 1
    segment.save(update_fields=["target", "state", "version", "updated_at"])
    Revision.objects.create(
        segment=segment,
        version=segment.version,
        author=user,
        action=action,
        before_target=before_target,
        after_target=target,
        before_state=before_state,
        after_state=state,
        note=note,
    )
    return segment


def _role(user, project_id: int) -> str:
    role = role_in_project(user=user, project_id=project_id)
    if not role:
        raise NotFound("No such segment")
    return role


def _check_version(current: Segment, version: int) -> None:
    if version != current.version:
        raise StaleVersion(
            f"Segment {current.position + 1} was changed by someone else "
            f"(you edited version {version}, it is now version {current.version})",
            segment=current,
        )


@transaction.atomic
def segment_edit(*, segment: Segment, user, target: str, version: int) -> Segment:
    current, project_id = _locked(segment)
    role = _role(user, project_id)
    if current.read_only:
        raise IllegalTransition("This segment is read-only (marked not to be translated)")
    if not can_edit(role, current.state):
        raise NotAllowed("Approved segments can only be changed by an editor")
    new_state = State.TRANSLATED if target.strip() else State.UNTRANSLATED
    if target == current.target and new_state == current.state:
        return current  # nothing changes: a repeated submit is not a conflict
    _check_version(current, version)
    return _record(current, user=user, action=Action.EDIT, target=target, state=new_state)


@transaction.atomic
def segment_approve(
    *, segment: Segment, reviewer, version: int, target: str | None = None
) -> Segment:
    """Approve; with ``target`` the reviewer's correction is saved first, atomically."""
    current, project_id = _locked(segment)
    if not can_review(_role(reviewer, project_id)):
        raise NotAllowed("Only editors and managers can approve segments")
    if target is not None and target != current.target:
        current = segment_edit(segment=current, user=reviewer, target=target, version=version)
        version = current.version
    if current.state == State.APPROVED and version in (current.version, current.version - 1):
        return current  # approved already: a double click, not a conflict
    _check_version(current, version)
    if current.state not in APPROVABLE:
        raise IllegalTransition(
            f"A segment that is {current.get_state_display().lower()} cannot be approved"
        )
    return _record(
        current, user=reviewer, action=Action.APPROVE, target=current.target, state=State.APPROVED
    )


@transaction.atomic
def segment_reject(*, segment: Segment, reviewer, reason: str, version: int) -> Segment:
    current, project_id = _locked(segment)
    if not can_review(_role(reviewer, project_id)):
        raise NotAllowed("Only editors and managers can reject segments")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Give a reason for the rejection: the translator will see it")
    _check_version(current, version)
    if current.state not in REJECTABLE:
        raise IllegalTransition(
            f"A segment that is {current.get_state_display().lower()} cannot be rejected"
        )
    return _record(
        current,
        user=reviewer,
        action=Action.REJECT,
        target=current.target,
        state=State.REJECTED,
        note=reason,
    )


def document_export(
    *,
    document: Document,
    format_name: str | None = None,
    approved_only: bool = False,
    include_mt: bool = False,
) -> bytes:
    """The document as a file of the given format (its own format by default)."""
    adapter = formats.format_by_name(format_name or document.format)
    if adapter.name != document.format and adapter.name == "text":
        raise InvalidInput("Only documents imported as text can be exported as text")
    units = [
        formats.ExportUnit(
            source=s.source,
            target=s.target,
            mt=s.mt,
            state=s.state,
            key=s.key,
            meta=s.meta,
            note=s.rejection_reason or "",
            created_at=s.created_at,
            changed_at=s.changed_at,
            created_by=s.created_by or "",
            changed_by=s.changed_by or "",
        )
        for s in export_segments(document=document)
    ]
    skeleton = document.skeleton if adapter.name == document.format else {}
    return adapter.render(
        skeleton,
        units,
        source_lang=document.project.source_lang,
        target_lang=document.project.target_lang,
        options=formats.ExportOptions(approved_only=approved_only, include_mt=include_mt),
    )
