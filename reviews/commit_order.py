"""The order in which revisions become visible, for the change feed.

An autoincrement id is handed out when a row is inserted, not when its transaction
commits: on PostgreSQL an import may insert revision 10, a bulk approval revision 11
and commit first; a reader that saw 11 and moved its cursor past it would never see 10.
So every revision also records the id of the transaction that wrote it (its ``xid``,
a column default, so the ORM, ``bulk_create`` and COPY all fill it), and the feed only
hands out revisions of transactions older than the oldest one still running (the
snapshot's ``xmin``): no row can ever appear below that horizon again. Within it the
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


def only_settled(revisions: QuerySet) -> QuerySet:
    """``revisions`` cut to those no transaction still running can precede: on
    PostgreSQL, of transactions older than the snapshot's ``xmin`` (every one below it
    has committed or rolled back for good), and the reader's own when it is the oldest
    (a transaction sees what it wrote itself). SQLite: all of them."""
    if connection.vendor != "postgresql":
        return revisions
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
            "pg_current_xact_id_if_assigned()::text::bigint"
        )
        horizon, own = cursor.fetchone()
    settled = Q(xid__lt=horizon)
    if own == horizon:
        settled |= Q(xid=own)
    return revisions.filter(settled)
