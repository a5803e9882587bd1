"""A project's starter glossary: the reviewed terms of the literal-rendering check
(``reviews/checks/data/literal_renderings.toml``) as glossary terms.

A manager loads it on purpose, from the glossary page or with
``manage.py load_glossary SLUG --starter``; a new project never gets it by itself.
Loading adds only the terms whose source term the glossary does not have yet: a term
the project already has is the project's choice and stays as it is, so loading twice
adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .. import policy
from ..checks import GlossaryTerm as CheckTerm
from ..checks.literal import literal_terms
from ..errors import NotFound
from ..models import GlossaryTerm, Project
from ..selectors import role_in_project
from .glossary import MAX_NOTE, _clean, _refresh, _strings


@dataclass(frozen=True)
class StarterLoad:
    added: int  # new terms
    kept: int  # starter terms whose source term the glossary has already


def starter_glossary() -> list[CheckTerm]:
    """The starter terms, in the data file's order."""
    return [term.glossary_term() for term in literal_terms()]


@transaction.atomic
def glossary_load_starter(*, project: Project, user=None) -> StarterLoad:
    """Add the starter terms the project's glossary lacks. ``user`` is the manager who
    asks; None for the command line, which runs as the server's operator."""
    if user is not None:
        role = role_in_project(user=user, project_id=project.pk)
        if not role:
            raise NotFound(f"No project {project.slug!r}")
        policy.ensure_may_load_starter_glossary(role)
    # Locks the project's row: two loads at once cannot both add the same terms.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    have = {source for source in project.glossary.values_list("source", flat=True)}
    added, strings = [], set()
    for term in starter_glossary():
        if term.source in have:
            continue
        fields = _clean(
            source=term.source,
            rendering=term.rendering,
            forbidden=term.forbidden,
            note=term.note[:MAX_NOTE],
            case_sensitive=term.case_sensitive,
        )
        added.append(GlossaryTerm(project=project, created_by=user, **fields))
        have.add(term.source)
        strings |= _strings(fields)
    GlossaryTerm.objects.bulk_create(added)
    if added:
        _refresh(project, strings)
    return StarterLoad(added=len(added), kept=len(starter_glossary()) - len(added))
