"""The memory's n-gram index: which units are worth scoring for a key, in one query.

Scoring every unit with rapidfuzz costs tens of milliseconds at 100,000 units, so a
lookup first asks the database for the few dozen units most like the key, through an
index built for that (made by the first migration, 0001_squashed_0016_segment_qa_dismissed):

- PostgreSQL: pg_trgm's GIN index on ``key``. A Chinese key (or one too short for word
  probes) is looked up with the similarity operator ``%``, whose threshold the index
  itself applies; other keys by their longest words (``LIKE``, served by the same
  index), because English trigrams such as "the" and "ion" are in nearly every key and
  make ``%`` read most of the index. Either way the best are ordered by ``similarity``.
  pg_trgm takes only letters and digits into trigrams, by the database's LC_CTYPE: with
  the ``C`` locale it sees no Chinese at all (any UTF-8 locale, ``C.UTF-8`` too, works).
- SQLite: an FTS5 table with the trigram tokenizer over ``key``, searched for any of the
  key's probes (``tm.probes``), best first by FTS5's bm25 rank (rare trigrams count most).
- Keys too short to probe (SQLite), and any other database: the units in the length
  window, newest first, up to ``SCAN_LIMIT``.

The project, the key kind, the length window and the segment's own unit are filtered in
the same query.
"""

from __future__ import annotations

from django.db import connection, transaction

from . import tm
from .models import MemoryUnit

CANDIDATES = 50
SCAN_LIMIT = 2000
# pg_trgm similarity (shared trigrams over all trigrams of both texts) a candidate needs.
# pg_trgm's default, 0.3, misses most matches under 70 %. Over 100,000 units (bench),
# 0.2 missed near twins of short sentences (3 of 9 characters changed: 67-74 %) that
# 0.15 finds, for a p95 of 11 ms instead of 5 (short keys share a trigram or two with
# many units, and each such candidate is rechecked).
SIMILARITY_THRESHOLD = 0.15
FTS_TABLE = "reviews_memory_fts"
COLUMNS = ("id", "key", "source", "mt", "target", "key_kind", "origin")


def memory_candidates(
    *, project_id: int, key: str, kind: str, exclude_segment_id: int | None = None
) -> list[MemoryUnit]:
    """Up to ``CANDIDATES`` units of the project's memory most like ``key`` (a
    normalised key of kind ``kind``), within the length window; never the unit of
    segment ``exclude_segment_id``."""
    low, high = tm.length_window(key)
    where = (
        "u.project_id = %s AND u.key_kind = %s AND u.length BETWEEN %s AND %s "
        "AND (u.segment_id IS NULL OR u.segment_id <> %s)"
    )
    params = [project_id, kind, low, high, exclude_segment_id or 0]
    probes = tm.probes(key)
    if connection.vendor == "postgresql":
        return _postgresql(key, probes, where, params)
    if connection.vendor == "sqlite" and probes:
        return _sqlite(probes, where, params)
    return _scan(where, params)


# Every name below is the model's own or a constant; every value is a parameter.
UNITS = MemoryUnit._meta.db_table
SELECT = "SELECT " + ", ".join(f"u.{connection.ops.quote_name(c)}" for c in COLUMNS)


def _postgresql(key: str, probes: list[str], where: str, params: list) -> list[MemoryUnit]:
    best_first = f"ORDER BY similarity(u.key, %s) DESC, u.id DESC LIMIT {CANDIDATES}"
    if tm.mostly_cjk(key) or not probes:
        sql = f"{SELECT} FROM {UNITS} u WHERE {where} AND u.key %% %s {best_first}"
        with transaction.atomic():
            with connection.cursor() as cursor:  # SET LOCAL: until the transaction ends
                cursor.execute(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                    [str(SIMILARITY_THRESHOLD)],
                )
            return list(MemoryUnit.objects.raw(sql, [*params, key, key]))
    likes = " OR ".join(["u.key LIKE %s"] * len(probes))
    sql = f"{SELECT} FROM {UNITS} u WHERE {where} AND ({likes}) {best_first}"
    patterns = [f"%{_like_escape(p)}%" for p in probes]
    return list(MemoryUnit.objects.raw(sql, [*params, *patterns, key]))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sqlite(probes: list[str], where: str, params: list) -> list[MemoryUnit]:
    # CROSS JOIN keeps the FTS5 table the outer loop: the index finds the units that
    # share a probe, and only those are read, by primary key.
    match = " OR ".join('"' + probe.replace('"', '""') + '"' for probe in probes)
    sql = (
        f"{SELECT} FROM {FTS_TABLE} f CROSS JOIN {UNITS} u ON u.id = f.rowid "
        f"WHERE f.{FTS_TABLE} MATCH %s AND {where} ORDER BY f.rank LIMIT {CANDIDATES}"
    )
    return list(MemoryUnit.objects.raw(sql, [match, *params]))


def _scan(where: str, params: list) -> list[MemoryUnit]:
    sql = f"{SELECT} FROM {UNITS} u WHERE {where} ORDER BY u.id DESC LIMIT {SCAN_LIMIT}"
    return list(MemoryUnit.objects.raw(sql, params))
