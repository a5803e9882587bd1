"""Queries the ORM compiles once per process, then runs again with new values.

Compiling a queryset to SQL costs Django more than the database takes to run a small
indexed query: a page of 50 review rows with its two subqueries takes 1.6 ms to compile
and 0.25 ms to run on SQLite. A page asks the same questions on every view, with only
ids and offsets changing, so ``Prepared`` builds its queryset once (per database
connection alias) with marker values in place of the caller's, keeps the SQL, where the
markers sit among its parameters and the converters of its columns, and then only runs
that SQL with the caller's values, converting every column exactly as the ORM would.
The queryset is still the ORM's: filters, joins and quoting are Django's, per backend.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet
from django.db.models.utils import create_namedtuple_class

_MARK = 9_182_736_450_000  # no id or offset of this workbench comes near it


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[int, str]  # parameter position -> name of the caller's value
    converters: list
    row: Callable  # the database's row -> a named tuple of the requested fields


class Prepared:
    """``build(**markers)`` returns a ``values_list`` queryset, ordered and not sliced,
    whose filters take each marker as a parameter; ``fields`` are its column names in
    the order the rows should have them. ``rows(limit=..., offset=..., **values)``
    runs it with ``values`` in place of the markers."""

    def __init__(self, build: Callable[..., QuerySet], *, names: tuple[str, ...], fields):
        self._build, self._names, self._fields = build, names, tuple(fields)
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, connection) -> _Compiled:
        markers = {name: _MARK + i for i, name in enumerate(self._names)}
        queryset = self._build(**markers)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = {i: name for i, p in enumerate(params) for name, m in markers.items() if p == m}
        if sorted(slots.values()) != sorted(self._names):
            raise ValueError(f"each of {self._names} must be one parameter of the query")
        selected = compiler.select[: compiler.col_count]
        converters = list(compiler.get_converters([s[0] for s in selected]).items())
        aliases = [alias for _expr, _sql, alias in selected]
        order = operator.itemgetter(*(aliases.index(f) for f in self._fields))
        named = create_namedtuple_class(*self._fields)
        return _Compiled(sql, tuple(params), slots, converters, lambda r: named(*order(r)))

    def rows(self, *, limit: int | None = None, offset: int = 0, using="default", **values):
        connection = connections[using]
        compiled = self._compiled.get(connection.alias)
        if compiled is None:
            compiled = self._compiled[connection.alias] = self._compile(connection)
        slots = compiled.slots
        params = [values[slots[i]] if i in slots else p for i, p in enumerate(compiled.params)]
        sql = compiled.sql
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [int(limit), int(offset)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        result = []
        for raw in fetched:
            row = list(raw)
            for pos, (convs, expression) in compiled.converters:
                value = row[pos]
                for convert in convs:
                    value = convert(value, expression, connection)
                row[pos] = value
            result.append(compiled.row(row))
        return result


def columns(model, path: str = "", *, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The ``values_list`` lookups of ``model``'s concrete fields under ``path``
    (``"document__"`` for a segment's document)."""
    return tuple(path + f.attname for f in model._meta.concrete_fields if f.name not in exclude)


def instance(model, row, path: str = "", *, exclude: tuple[str, ...] = (), using="default"):
    """The ``model`` instance a row of ``columns(model, path, exclude=...)`` holds, as the
    ORM would have made it (an excluded field is deferred: read when first used)."""
    names = [f.attname for f in model._meta.concrete_fields if f.name not in exclude]
    return model.from_db(using, names, [getattr(row, path + name) for name in names])
