"""The project's translation memory: approved segments, kept in step with their state.

Every service that changes a segment calls :func:`memory_sync` after saving it: an
approved segment is (re)stored as a memory unit, one that stops being approved leaves
the memory. A TMX file can be imported into the memory too (``memory_import_tmx``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from .. import formats, tm
from ..errors import ImportFailed, NotAllowed
from ..models import MemoryToken, MemoryUnit, Project, Segment
from ..selectors import role_in_project
from ..states import State, can_manage


def _insert_tokens(units: list[MemoryUnit]) -> None:
    """One row per (unit, token). Written with executemany: the ORM's bulk_create spends
    most of its time building SQL for these tiny rows (10x slower on 10k units)."""
    table = connection.ops.quote_name(MemoryToken._meta.db_table)
    rows = [
        (unit.pk, unit.project_id, unit.key_kind, token, len(unit.key))
        for unit in units
        for token in tm.tokens(unit.key)
    ]
    if not rows:
        return
    # The table name is the model's own (quoted); every value is a parameter.
    sql = (
        f"INSERT INTO {table} (unit_id, project_id, key_kind, token, length) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def memory_sync(segments: Iterable[Segment], *, project_id: int) -> None:
    """Store approved segments in the memory and drop the others' units."""
    segments = [s for s in segments if s.pk]
    if not segments:
        return
    approved = [s for s in segments if s.state == State.APPROVED and s.target.strip()]
    MemoryUnit.objects.filter(segment__in=segments).delete()  # tokens cascade
    units = []
    for segment in approved:
        key, kind = tm.memory_key(segment.source, segment.mt)
        if not key:
            continue
        units.append(
            MemoryUnit(
                project_id=project_id,
                segment=segment,
                source=segment.source,
                mt=segment.mt,
                target=segment.target,
                key=key,
                key_kind=kind,
                origin="approved",
            )
        )
    MemoryUnit.objects.bulk_create(units, batch_size=1000)
    if units and not all(u.pk for u in units):  # backends that return no ids
        units = list(MemoryUnit.objects.filter(segment__in=approved))
    _insert_tokens(units)


@transaction.atomic
def memory_rebuild(*, project: Project, user=None) -> int:
    """Rebuild the memory from the project's approved segments; returns the unit count.
    Units that came from elsewhere (a TMX import, later) are kept."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can rebuild the translation memory")
    MemoryUnit.objects.filter(project=project, origin="approved").delete()
    approved = Segment.objects.filter(document__project=project, state=State.APPROVED)
    batch: list[Segment] = []
    for segment in approved.iterator(chunk_size=2000):
        batch.append(segment)
        if len(batch) == 2000:
            memory_sync(batch, project_id=project.pk)
            batch = []
    memory_sync(batch, project_id=project.pk)
    return MemoryUnit.objects.filter(project=project).count()


@transaction.atomic
def memory_import_tmx(*, project: Project, data: bytes, filename: str, user=None) -> int:
    """Add the translated units of a TMX file (in the project's language pair) to the
    memory; returns how many. A bad file is refused with its name and stores nothing."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can import into the translation memory")
    try:
        parsed = formats.format_by_name("tmx").parse(
            data, source_lang=project.source_lang, target_lang=project.target_lang
        )
    except formats.FormatError as exc:
        raise ImportFailed(filename, exc.describe()) from None
    units = []
    for unit in parsed.units:
        key, kind = tm.memory_key(unit.source, "")
        if key and unit.target.strip():
            units.append(
                MemoryUnit(
                    project=project,
                    source=unit.source,
                    target=unit.target,
                    key=key,
                    key_kind=kind,
                    origin="tmx",
                )
            )
    MemoryUnit.objects.bulk_create(units, batch_size=1000)
    if units and not all(u.pk for u in units):
        units = list(MemoryUnit.objects.filter(project=project, origin="tmx").order_by("-id"))[
            : len(units)
        ]
    _insert_tokens(units)
    return len(units)
