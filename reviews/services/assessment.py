"""LQA: the errors reviewers record with a rejection or an approval, and each project's
weights and pass threshold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from .. import lqa
from ..errors import InvalidInput, NotAllowed
from ..models import LqaError, Project, Revision
from ..selectors import role_in_project
from ..states import can_manage

MAX_WEIGHT = 1000


def lqa_errors_clean(errors: Iterable[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """Validated errors as {category, severity, note}; InvalidInput names what is wrong."""
    cleaned = []
    for number, error in enumerate(errors or (), start=1):
        if not isinstance(error, Mapping):
            raise InvalidInput(f"Error {number} must be an object with category and severity")
        category, severity = error.get("category"), error.get("severity")
        note = error.get("note") or ""
        if category not in lqa.Category.values:
            raise InvalidInput(
                f"Error {number}: pick a category ({', '.join(lqa.Category.values)})"
            )
        if severity not in lqa.Severity.values:
            raise InvalidInput(
                f"Error {number}: pick a severity ({', '.join(lqa.Severity.values)})"
            )
        if not isinstance(note, str) or len(note) > lqa.MAX_NOTE:
            raise InvalidInput(f"Error {number}: the note must be text of at most 2,000 characters")
        cleaned.append({"category": category, "severity": severity, "note": note.strip()})
    if len(cleaned) > lqa.MAX_ERRORS_PER_ACTION:
        raise InvalidInput(f"Record at most {lqa.MAX_ERRORS_PER_ACTION} errors at a time")
    return cleaned


def lqa_errors_record(*, revision: Revision, errors: Iterable[dict[str, str]]) -> None:
    """Store errors already checked by lqa_errors_clean, on the revision they came with."""
    LqaError.objects.bulk_create([LqaError(revision=revision, **error) for error in errors])


@transaction.atomic
def project_lqa_set(
    *, project: Project, user, weights: Mapping[str, int], threshold: float
) -> Project:
    if not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can change the LQA settings")
    for severity in lqa.Severity.values:
        weight = weights.get(severity)
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= MAX_WEIGHT:
            raise InvalidInput(f"The {severity} weight must be a whole number from 0 to 1000")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or threshold < 0:
        raise InvalidInput("The pass threshold must be a number of points, 0 or more")
    project.lqa_weight_minor = weights[lqa.Severity.MINOR]
    project.lqa_weight_major = weights[lqa.Severity.MAJOR]
    project.lqa_weight_critical = weights[lqa.Severity.CRITICAL]
    project.lqa_threshold = float(threshold)
    project.save(
        update_fields=[
            "lqa_weight_minor",
            "lqa_weight_major",
            "lqa_weight_critical",
            "lqa_threshold",
        ]
    )
    return project
