"""The project's translation memory: approved segments, kept in step with their state.

Every service that changes a segment calls :func:`memory_sync` after saving it: an
approved segment is (re)stored as a memory unit, one that stops being approved leaves
the memory. A TMX file can be imported into the memory too (``memory_import_tmx``). The memory's
n-gram index (see ``memory_index``) is kept in step by the database itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from .. import tm
from ..errors import NotAllowed
from ..memory_index import FTS_TABLE
from ..models import MemoryUnit, Project, Segment
from ..selectors import role_in_project
from ..states import State, can_manage
from .qa import segments_recheck_names
from .uploads import naming_the_file, stream_upload

REBUILD_BATCH = 2000
# From this many units written at once, a write is a bulk load (see _store); after one,
# PostgreSQL's statistics are refreshed: until autovacuum does so, the planner may take
# a big memory for a small one and scan the project's units rather than use the trigram
# index (100 times slower).
BULK = 1000
# PostgreSQL's GIN index keeps new entries in an unsorted pending list, which every
# lookup reads in full, until the list outgrows gin_pending_list_limit (default 4 MB:
# 20 ms more per lookup). A small limit for everyday writes keeps lookups fast; a bulk
# load lets the list take it all, then merges it into the index sorted, which is twice
# as fast as adding 100,000 units' trigrams one by one.
PENDING_LIST_LIMIT = "64kB"
PENDING_LIST_BULK = "2GB"
TRIGRAM_INDEX = "memory_key_trgm"
FTS_INSERT = f"{FTS_TABLE}_insert"  # the trigger that indexes a new unit on SQLite


class NewUnit(NamedTuple):
    """A memory unit's row as written; the database adds ``id`` and ``length``. A tuple,
    not a model instance: building 100,000 instances costs more than writing them."""

    project_id: int
    segment_id: int | None
    source: str
    mt: str
    target: str
    key: str
    key_kind: str
    origin: str


def _store(units: list[NewUnit]) -> None:
    """Insert new units in bulk. The n-gram index follows by itself (a GIN index on
    PostgreSQL, triggers on SQLite) and nothing needs their ids back, so rows go by COPY
    on PostgreSQL and executemany on SQLite, not through the ORM's bulk_create, which
    spends most of its time building SQL and reading ids back."""
    if not units:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [(*unit, now) for unit in units]
    table = connection.ops.quote_name(MemoryUnit._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in (*NewUnit._fields, "updated_at"))
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            bulk = len(rows) >= BULK
            limit = PENDING_LIST_BULK if bulk else PENDING_LIST_LIMIT
            cursor.execute("SELECT set_config('gin_pending_list_limit', %s, true)", [limit])
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
            if bulk:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [TRIGRAM_INDEX])
            return
        # Names are the model's own (quoted); every value is a parameter.
        placeholders = ", ".join(["%s"] * len(rows[0]))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        with _fts_in_bulk(cursor, table) if len(rows) >= BULK else nullcontext():
            for start in range(0, len(rows), 5000):
                cursor.executemany(sql, rows[start : start + 5000])


@contextmanager
def _fts_in_bulk(cursor, table: str) -> Iterator[None]:
    """SQLite, many units: the FTS5 index takes them in one INSERT ... SELECT rather
    than row by row from the insert trigger (half the time for 100,000). The trigger is
    dropped and recreated from its own stored SQL inside the write transaction, which no
    other connection shares (SQLite has one writer; readers keep their snapshot)."""
    cursor.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT]
    )
    [(create_trigger,)] = cursor.fetchall()
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
    [(last_id,)] = cursor.fetchall()
    cursor.execute(f"DROP TRIGGER {FTS_INSERT}")
    yield
    cursor.execute(
        f"INSERT INTO {FTS_TABLE} (rowid, key) SELECT id, key FROM {table} WHERE id > %s",  # noqa: S608
        [last_id],
    )
    cursor.execute(create_trigger)


def _refresh_statistics(added: int) -> None:
    if connection.vendor == "postgresql" and added >= BULK:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(MemoryUnit._meta.db_table)}")


def _approved_units(segments: Iterable[Segment], *, project_id: int) -> list[NewUnit]:
    units = []
    for segment in segments:
        if segment.state != State.APPROVED or not segment.target.strip():
            continue
        key, kind = tm.memory_key(segment.source, segment.mt)
        if key:
            source, mt, target = segment.source, segment.mt, segment.target
            units.append(NewUnit(project_id, segment.pk, source, mt, target, key, kind, "approved"))
    return units


def memory_sync(segments: Iterable[Segment], *, project_id: int) -> None:
    """Store approved segments in the memory and drop the others' units. Cheap: every
    approval calls it inside its transaction (one DELETE, one INSERT)."""
    segments = [s for s in segments if s.pk]
    if not segments:
        return
    MemoryUnit.objects.filter(segment__in=segments).delete()
    _store(_approved_units(segments, project_id=project_id))
    approved = [s for s in segments if s.state == State.APPROVED]
    if approved:  # their romanized names are no longer suspect in the project
        segments_recheck_names(project_id=project_id, approved=approved)


@transaction.atomic
def memory_rebuild(*, project: Project, user=None) -> int:
    """Rebuild the memory from the project's approved segments; returns the unit count.
    Units that came from elsewhere (a TMX import) are kept."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can rebuild the translation memory")
    MemoryUnit.objects.filter(project=project, origin="approved").delete()
    approved = Segment.objects.filter(document__project=project, state=State.APPROVED).only(
        "source", "mt", "target", "state"
    )
    batch: list[Segment] = []
    for segment in approved.iterator(chunk_size=REBUILD_BATCH):
        batch.append(segment)
        if len(batch) == REBUILD_BATCH:
            _store(_approved_units(batch, project_id=project.pk))
            batch = []
    _store(_approved_units(batch, project_id=project.pk))
    count = MemoryUnit.objects.filter(project=project).count()
    _refresh_statistics(count)
    return count


@transaction.atomic
def memory_import_tmx(*, project: Project, data: bytes, filename: str, user=None) -> int:
    """Add the translated units of a TMX file (in the project's language pair) to the
    memory; returns how many. A bad file is refused with its name and stores nothing."""
    if user is not None and not can_manage(role_in_project(user=user, project_id=project.pk)):
        raise NotAllowed("Only project managers can import into the translation memory")
    # A big file is read in a helper process while the keys of what it sent are made.
    _adapter, stream = stream_upload(
        project=project, data=data, filename=filename, format_name="tmx", in_helper=True
    )
    units = []
    with closing(stream), naming_the_file(filename):
        for unit in stream.units:
            key, kind = tm.memory_key(unit.source, "")
            if key and unit.target.strip():
                units.append(
                    NewUnit(project.pk, None, unit.source, "", unit.target, key, kind, "tmx")
                )
    _store(units)
    _refresh_statistics(len(units))
    return len(units)
