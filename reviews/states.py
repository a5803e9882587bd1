"""The segment state machine: which moves exist and which roles may make them.

See CONTRACT.md: translators move segments to ``translated``; only editors and managers
approve or reject.
"""

from __future__ import annotations

from django.db import models


class State(models.TextChoices):
    UNTRANSLATED = "untranslated", "Untranslated"
    NEW = "new", "New"
    TRANSLATED = "translated", "Translated"
    REJECTED = "rejected", "Rejected"
    APPROVED = "approved", "Approved"


class Role(models.TextChoices):
    TRANSLATOR = "translator", "Translator"
    EDITOR = "editor", "Editor"
    MANAGER = "manager", "Manager"


class Action(models.TextChoices):
    IMPORT = "import", "Imported"
    EDIT = "edit", "Edited"
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"
    REVERT = "revert", "Reverted"
    UPDATE = "update", "Updated by a new version of the file"
    DISMISS = "dismiss", "Dismissed a QA check"
    PROPAGATE = "propagate", "Propagated"  # a repetition took another segment's text


class QaLevel(models.TextChoices):
    """A segment's worst QA severity, for filters and counts ("none" sorts lowest).

    ``pending``: the checks have not run yet (a big import or a re-check leaves them to a
    background job). Severity filters treat it as not known: a pending segment matches
    none of them. Approving a pending segment runs its checks first.
    """

    NONE = "none", "No issue"
    PENDING = "pending", "Not checked yet"  # a huge import's segments, until the check job
    INFO = "info", "Info"
    WARNING = "warning", "Warning"
    ERROR = "error", "Error"


SEVERITIES = (QaLevel.INFO, QaLevel.WARNING, QaLevel.ERROR)  # what a filter can ask for

QA_AT_LEAST = {
    QaLevel.INFO: (QaLevel.INFO, QaLevel.WARNING, QaLevel.ERROR),
    QaLevel.WARNING: (QaLevel.WARNING, QaLevel.ERROR),
    QaLevel.ERROR: (QaLevel.ERROR,),
}


# What "needs work" means when jumping to the next such segment, per role.
NEEDS_WORK = {
    Role.TRANSLATOR: frozenset({State.UNTRANSLATED, State.NEW, State.REJECTED}),
    Role.EDITOR: frozenset({State.UNTRANSLATED, State.NEW, State.REJECTED, State.TRANSLATED}),
    Role.MANAGER: frozenset({State.UNTRANSLATED, State.NEW, State.REJECTED, State.TRANSLATED}),
}

REVIEWERS = frozenset({Role.EDITOR, Role.MANAGER})

# Which states each review action may start from.
APPROVABLE = frozenset({State.NEW, State.TRANSLATED, State.REJECTED})
REJECTABLE = frozenset({State.NEW, State.TRANSLATED, State.APPROVED})


def can_review(role: str | None) -> bool:
    return role in REVIEWERS


def can_edit(role: str | None, state: str) -> bool:
    """Approved text is locked for translators; a reviewer must reject or edit it."""
    if role is None:
        return False
    return state != State.APPROVED or role in REVIEWERS


def can_manage(role: str | None) -> bool:
    return role == Role.MANAGER
