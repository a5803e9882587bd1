"""Comments on segments: threads one level deep, resolvable, with @mentions."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .. import policy
from ..errors import InvalidInput, NotAllowed, NotFound
from ..models import Comment, Segment
from ..selectors import role_in_project
from ..states import can_review

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
MAX_COMMENT = 5000


@transaction.atomic
def comment_add(*, segment: Segment, author, text: str, parent: Comment | None = None) -> Comment:
    project_id = segment.document.project_id
    if not role_in_project(user=author, project_id=project_id):
        raise NotFound("No such segment")
    policy.ensure_writable(segment.document)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write a comment first")
    if len(text) > MAX_COMMENT:
        raise InvalidInput(f"A comment can be at most {MAX_COMMENT:,} characters")
    if parent is not None:
        if parent.segment_id != segment.pk:
            raise InvalidInput("A reply must be on the same segment")
        parent = parent.parent or parent  # threads are one level deep
    comment = Comment.objects.create(segment=segment, author=author, text=text, parent=parent)
    names = {name.rstrip(".") for name in MENTION.findall(text)}
    if names:
        members = get_user_model().objects.filter(
            username__in=names, membership__project_id=project_id
        )
        comment.mentions.set(members)
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user, resolved: bool = True) -> Comment:
    """The comment's author, editors and managers may resolve or reopen a thread."""
    role = role_in_project(user=user, project_id=comment.segment.document.project_id)
    if not role:
        raise NotFound("No such comment")
    if comment.author_id != user.pk and not can_review(role):
        raise NotAllowed("Only the author, editors and managers can resolve a comment")
    policy.ensure_writable(comment.segment.document)
    if comment.parent_id:
        raise InvalidInput("Resolve the thread's first comment")
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = user if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
