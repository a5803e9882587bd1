"""The order in which revisions become visible, for the change feed.

An autoincrement id is handed out when a row is inserted, not when its transaction
commits: on PostgreSQL an import may insert revision 10, a bulk approval revision 11
and commit first; a reader that saw 11 and moved its cursor past it would never see 10.
So every revision also records the id of the transaction that wrote it (its ``xid``,
a column default, so the ORM, ``bulk_create`` and COPY all fill it), and the feed only
hands out revisions of transactions older than the oldest one still running in the
database: no row can ever appear below that horizon again. Within it the
feed is ordered by (xid, id), which a later page never goes back on.

SQLite runs one writing transaction at a time, so its ids are in commit order already:
the column is 0 there and the feed has no horizon.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BigIntegerField, Func, Q, QuerySet


class CurrentTransactionId(Func):
    """The database default of ``Revision.xid``: the writing transaction's 64-bit id
    (``pg_current_xact_id()``: the top-level transaction's, inside savepoints too)."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return "0", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return "(pg_current_xact_id()::text::bigint)", []


# The oldest transaction id still running in this database, other than the reader's
# (pg_stat_activity gives 32-bit ids: widened to 64 bits next to the snapshot's xmax),
# the snapshot's xmax (the next id to complete), and the reader's own id, if any.
# pg_stat_activity is read after the statement's snapshot is taken, so a transaction it
# does not list either had ended (and the next statement sees its rows) or gets an id
# at or above that xmax.
HORIZON_SQL = """
WITH edge AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax)
SELECT edge.xmax,
       (SELECT min(edge.xmax + ((a.backend_xid::text::bigint - edge.xmax % 4294967296
                                 + 6442450944) % 4294967296 - 2147483648))
          FROM pg_stat_activity a
         WHERE a.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()),
       pg_current_xact_id_if_assigned()::text::bigint
  FROM edge
"""


def only_settled(revisions: QuerySet) -> QuerySet:
    """``revisions`` cut to those no transaction still running can precede. On
    PostgreSQL: those of transactions older than every transaction still running in
    this database (each one below has committed or rolled back for good), and the
    reader's own when no other older one runs (a transaction sees what it wrote). Not
    the snapshot's ``xmin``: that is the whole server's, so another database's long
    transaction would hold the feed back. It relies on READ COMMITTED (Django's
    default): the query that reads the revisions takes a snapshot after this one.
    SQLite: all of them."""
    if connection.vendor != "postgresql":
        return revisions
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # activity as of now, not cached
        cursor.execute(HORIZON_SQL)
        xmax, oldest_other, own = cursor.fetchone()
    horizon = xmax if oldest_other is None else min(xmax, oldest_other)
    settled = Q(xid__lt=horizon)
    if own is not None and (oldest_other is None or own < oldest_other):
        settled |= Q(xid=own)
    return revisions.filter(settled)
