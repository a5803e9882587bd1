"""The project glossary as the checks and pages read it."""

from __future__ import annotations

from functools import cache

from django.db.models import (
    QuerySet,
)

from .. import checks, prepared
from ..models import (
    GlossaryTerm,
    Project,
)


@cache
def _glossary_rows() -> QuerySet[GlossaryTerm]:
    # The default ordering less its leading "project" (one project: a join for nothing);
    # built once per process: every review page and every save reads the glossary.
    return GlossaryTerm.objects.order_by("source", "rendering", "id").values_list(
        "source", "rendering", "forbidden", "case_sensitive", "note"
    )


_GLOSSARY = prepared.Prepared(
    lambda project_id: _glossary_rows().filter(project_id=project_id),
    names=("project_id",),
    fields=("source", "rendering", "forbidden", "case_sensitive", "note"),
)


def glossary_for_checks(*, project_id: int) -> tuple[checks.GlossaryTerm, ...]:
    """The project's glossary as the checks take it: one query (compiled once)."""
    rows = _GLOSSARY.rows(project_id=project_id)
    return tuple(
        checks.GlossaryTerm(
            source=source,
            rendering=rendering,
            forbidden=tuple(v for v in (forbidden or ()) if isinstance(v, str) and v.strip()),
            case_sensitive=case_sensitive,
            note=note,
        )
        for source, rendering, forbidden, case_sensitive, note in rows
    )


def project_glossary(*, project: Project) -> tuple[checks.GlossaryTerm, ...]:
    """``glossary_for_checks``, remembered on this Project object: a save's QA checks
    and the row it answers with (which marks the terms) read the glossary once."""
    if "_workbench_glossary" not in project.__dict__:
        project.__dict__["_workbench_glossary"] = glossary_for_checks(project_id=project.pk)
    return project.__dict__["_workbench_glossary"]


def glossary_terms(*, project_id: int) -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.filter(project_id=project_id).order_by("source", "rendering"))
