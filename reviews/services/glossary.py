"""The project glossary: editors and managers add, change, delete, import and export terms.

A glossary change can change QA results anywhere in the project, so each change
recomputes them for the segments it can affect (those mentioning the old or new
strings, and those with a glossary issue already).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..errors import ImportFailed, InvalidInput, NotAllowed, NotFound
from ..models import GlossaryTerm, Project, Segment
from ..selectors import role_in_project
from ..states import can_review
from .check_jobs import project_check_in_background, project_needs_check_jobs
from .qa import QA_FIELDS, segments_refresh_qa

CSV_HEADER = ["source", "rendering", "forbidden", "note", "case_sensitive"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_TERM = 300
MAX_NOTE = 2000
MAX_VARIANTS = 50
MAX_CSV_ROWS = 20_000
MAX_TARGETED_STRINGS = 60
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}


def _editor(user, project: Project) -> None:
    role = role_in_project(user=user, project_id=project.pk)
    if not role:
        raise NotFound(f"No project {project.slug!r}")
    if not can_review(role):
        raise NotAllowed("Only editors and managers can change the glossary")


def _variants(forbidden: Iterable[str] | str) -> list[str]:
    if isinstance(forbidden, str):
        forbidden = forbidden.replace("\n", "|").split("|")
    seen: dict[str, None] = {}
    for variant in forbidden:
        variant = " ".join(variant.split())
        if variant:
            seen.setdefault(variant)
    return list(seen)


def _clean(*, source: str, rendering: str, forbidden, note: str, case_sensitive: bool) -> dict:
    source, rendering = " ".join((source or "").split()), " ".join((rendering or "").split())
    variants = _variants(forbidden or ())
    note = (note or "").strip()
    if not source and not rendering:
        raise InvalidInput("Give a source term or an approved rendering")
    for name, value in (
        ("source term", source),
        ("rendering", rendering),
        *(("forbidden variant", v) for v in variants),
    ):
        if len(value) > MAX_TERM:
            raise InvalidInput(f"The {name} can be at most {MAX_TERM} characters")
    if len(variants) > MAX_VARIANTS:
        raise InvalidInput(f"A term can have at most {MAX_VARIANTS} forbidden variants")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"The note can be at most {MAX_NOTE:,} characters")
    same = rendering if case_sensitive else rendering.casefold()
    if any((v if case_sensitive else v.casefold()) == same for v in variants):
        raise InvalidInput("A forbidden variant cannot be the approved rendering itself")
    return {
        "source": source,
        "rendering": rendering,
        "forbidden": variants,
        "note": note,
        "case_sensitive": bool(case_sensitive),
    }


def _strings(term: GlossaryTerm | dict) -> set[str]:
    get = term.get if isinstance(term, dict) else lambda k: getattr(term, k)
    return {s for s in (get("source"), get("rendering"), *get("forbidden")) if s}


def _refresh(project: Project, strings: set[str]) -> int:
    """Recompute QA where these glossary strings can make a difference (everywhere, for
    a big change such as a CSV import: one LIKE per string would not scale, and SQLite
    refuses expressions deeper than 1,000).

    More than ``BACKGROUND_CHECK_SEGMENTS`` segments to re-check are marked pending and
    re-checked by check jobs (services/check_jobs.py) instead of in the request."""
    project_segments = Segment.objects.filter(document__project=project)
    if len(strings) > MAX_TARGETED_STRINGS:
        segments = project_segments
    else:
        affected = Q(qa_checks__contains=" glossary ")
        for text in strings:
            affected |= Q(target__icontains=text) | Q(source__icontains=text)
        segments = project_segments.filter(affected)
    if project_needs_check_jobs(project=project) and project_needs_check_jobs(
        project=project, segments=segments.count()
    ):
        return project_check_in_background(project=project, segments=segments, reason="glossary")
    segments = segments.only("id", "source", "target", "mt", "meta", *QA_FIELDS)
    return segments_refresh_qa(project=project, segments=segments)


@transaction.atomic
def glossary_term_add(
    *,
    project: Project,
    user,
    source: str = "",
    rendering: str = "",
    forbidden: Iterable[str] | str = (),
    note: str = "",
    case_sensitive: bool = False,
) -> GlossaryTerm:
    _editor(user, project)
    fields = _clean(
        source=source,
        rendering=rendering,
        forbidden=forbidden,
        note=note,
        case_sensitive=case_sensitive,
    )
    term = GlossaryTerm.objects.create(project=project, created_by=user, **fields)
    _refresh(project, _strings(term))
    return term


@transaction.atomic
def glossary_term_edit(
    *,
    term: GlossaryTerm,
    user,
    source: str,
    rendering: str,
    forbidden: Iterable[str] | str,
    note: str = "",
    case_sensitive: bool = False,
) -> GlossaryTerm:
    _editor(user, term.project)
    before = _strings(term)
    fields = _clean(
        source=source,
        rendering=rendering,
        forbidden=forbidden,
        note=note,
        case_sensitive=case_sensitive,
    )
    for name, value in fields.items():
        setattr(term, name, value)
    term.save()
    _refresh(term.project, before | _strings(term))
    return term


@transaction.atomic
def glossary_term_delete(*, term: GlossaryTerm, user) -> None:
    _editor(user, term.project)
    project, before = term.project, _strings(term)
    term.delete()
    _refresh(project, before)


@transaction.atomic
def glossary_add_forbidden(*, project: Project, user, variant: str, rendering: str) -> GlossaryTerm:
    """Record ``variant`` as a wrong rendering: on the term with this approved rendering
    if there is one, otherwise on a new term."""
    _editor(user, project)
    rendering = " ".join(rendering.split())
    term = GlossaryTerm.objects.filter(project=project, rendering=rendering).first()
    if term is None:
        return glossary_term_add(
            project=project, user=user, rendering=rendering, forbidden=[variant]
        )
    return glossary_term_edit(
        term=term,
        user=user,
        source=term.source,
        rendering=term.rendering,
        forbidden=[*term.forbidden, variant],
        note=term.note,
        case_sensitive=term.case_sensitive,
    )


def _formula_like(cell: str) -> bool:
    """Starts like a spreadsheet formula, or like one we guarded (so quotes round-trip)."""
    return cell.startswith(FORMULA_PREFIXES) or (cell.startswith("'") and _formula_like(cell[1:]))


def _unneutralise(cell: str) -> str:
    """Undo the export's guard: the leading quote before a formula-like cell is ours."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell[1:]) else cell


def _flag(value: str, line: int, filename: str) -> bool:
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImportFailed(filename, f"line {line}: case_sensitive must be 1 or 0, not {value!r}")


@transaction.atomic
def glossary_import_csv(*, project: Project, user, data: bytes, filename: str = "glossary.csv"):
    """Add or update terms from a CSV file; a bad file stores nothing. Returns
    (added, updated)."""
    _editor(user, project)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(filename, f"line {line}: not UTF-8 text") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        raise ImportFailed(filename, "the file is empty") from None
    except csv.Error as exc:
        raise ImportFailed(filename, f"line 1: {exc}") from None
    if header[:2] != CSV_HEADER[:2] or any(h not in CSV_HEADER for h in header):
        raise ImportFailed(filename, f"line 1: the header must be {','.join(CSV_HEADER)}")
    parsed: list[dict] = []
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ImportFailed(
                    filename, f"line {line}: expected {len(header)} fields, found {len(row)}"
                )
            cells = dict(zip(header, (_unneutralise(c) for c in row), strict=True))
            try:
                parsed.append(
                    _clean(
                        source=cells["source"],
                        rendering=cells["rendering"],
                        forbidden=cells.get("forbidden", ""),
                        note=cells.get("note", ""),
                        case_sensitive=_flag(cells.get("case_sensitive", ""), line, filename),
                    )
                )
            except InvalidInput as exc:
                raise ImportFailed(filename, f"line {line}: {exc.message}") from None
            if len(parsed) > MAX_CSV_ROWS:
                raise ImportFailed(filename, f"more than {MAX_CSV_ROWS:,} terms")
    except csv.Error as exc:
        raise ImportFailed(filename, f"line {rows.line_num}: {exc}") from None
    existing = {(t.source, t.rendering): t for t in GlossaryTerm.objects.filter(project=project)}
    added, updated, strings = [], [], set()
    for fields in parsed:
        term = existing.get((fields["source"], fields["rendering"]))
        if term is None:
            term = GlossaryTerm(project=project, created_by=user, **fields)
            existing[(term.source, term.rendering)] = term
            added.append(term)
        else:
            strings |= _strings(term)
            for name, value in fields.items():
                setattr(term, name, value)
            if term.pk:
                term.updated_at = timezone.now()
                updated.append(term)
        strings |= _strings(fields)
    GlossaryTerm.objects.bulk_create(added, batch_size=1000)
    GlossaryTerm.objects.bulk_update(
        updated, ["forbidden", "note", "case_sensitive", "updated_at"], batch_size=1000
    )
    _refresh(project, strings)
    return len(added), len(updated)


def _neutralise(cell: str) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote stops that."""
    return "'" + cell if _formula_like(cell) else cell


def glossary_export_csv(*, project: Project) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for term in project.glossary.order_by("source", "rendering", "id"):
        writer.writerow(
            [
                _neutralise(term.source),
                _neutralise(term.rendering),
                _neutralise("|".join(term.forbidden)),
                _neutralise(term.note),
                "1" if term.case_sensitive else "0",
            ]
        )
    return out.getvalue().encode("utf-8")
