"""The audit trail: every change of the hall's data, hash-chained, in the change's own transaction.

Hooked on the session factory (like change_feed), so no use case can write
without leaving entries: objects added, changed or deleted through the ORM,
and bulk INSERT/UPDATE/DELETE statements (rules engine, imports), whose rows
are read before the statement runs. Entries are buffered while the
transaction runs and appended at commit, after taking the one audit_head row:
on PostgreSQL with SELECT … FOR UPDATE, on SQLite by the file's single writer,
so two PCs append one after the other and the chain never forks. A rolled-back
transaction leaves nothing.

The chain itself (the hashes, the appending, the head) is ``audit_chain``.
The rows of a many-row INSERT are kept as they are, one batch, until the
commit encodes them: an import's 30,000 cases are one list, not 30,000
objects made and keyed while the statement runs.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, func, inspect, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql.dml import Delete, Insert, Update

from hallmonitor.storage.audit_chain import (
    ZERO_HASH,
    Change,
    Inserted,
    append,
    canonical,
    entry_fields,
    entry_hash,
    head,
    head_at,
    lock_head,
)
from hallmonitor.storage.audit_chain import row_key as _key

__all__ = [
    "UNAUDITED",
    "ZERO_HASH",
    "Change",
    "append",
    "attach",
    "canonical",
    "entry_fields",
    "entry_hash",
    "head",
    "head_at",
    "lock_head",
]

#: Tables that are bookkeeping, the trail itself, or secret.
UNAUDITED = frozenset({"change_feed", "rules_mark", "audit_log", "audit_head", "secret", "alembic_version"})
_PENDING = "audit_pending"
#: Rows read per query when a bulk statement's rows are looked up.
_CHUNK = 1000


# --- what changed ---------------------------------------------------------------------------


def _object_row(obj: Any, *, load: bool) -> tuple[str, str, dict[str, Any]] | None:
    state = inspect(obj)
    mapper = state.mapper
    table = mapper.local_table
    name = getattr(table, "name", None)
    if name is None or name in UNAUDITED:
        return None
    row: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if getattr(column, "table", None) is not table:
            continue
        if load:
            row[column.name] = getattr(obj, prop.key)
        elif prop.key in state.dict:
            row[column.name] = state.dict[prop.key]
    key = _key(row.get(c.name) for c in table.primary_key.columns)
    return name, key, row


def _object_update(obj: Any) -> Change | None:
    state = inspect(obj)
    found = _object_row(obj, load=False)
    if found is None:
        return None
    name, key, _row = found
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for prop in state.mapper.column_attrs:
        history = state.attrs[prop.key].history
        if not history.added and not history.deleted:
            continue
        column = prop.columns[0].name
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            before[column], after[column] = old, new
    if not after:
        return None
    return Change(name, key, "update", before, after)


def _pending(session: Session) -> list[Change | Inserted]:
    return session.info.setdefault(_PENDING, [])


# --- bulk statements ------------------------------------------------------------------------


def _rows(conn: Connection, table: Table, where: Any) -> list[dict[str, Any]]:
    query = select(table).order_by(*table.primary_key.columns)
    return [dict(r._mapping) for r in conn.execute(query.where(where) if where is not None else query)]


def _rows_by_key(conn: Connection, table: Table, keys: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    pk = list(table.primary_key.columns)
    found: list[dict[str, Any]] = []
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        where = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        found += _rows(conn, table, where)
    return found


_PK_NAMES: dict[Table, tuple[tuple[str, str], ...]] = {}


def _pk_of(table: Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    names = _PK_NAMES.get(table)
    if names is None:
        names = _PK_NAMES[table] = tuple((c.name, c.key) for c in table.primary_key.columns)
    return tuple(row.get(name, row.get(key)) for name, key in names)


def _column_name(table: Table, key: Any) -> str:
    name = getattr(key, "name", key)
    column = table.columns.get(name) if isinstance(name, str) else None
    return column.name if column is not None else str(name)


def _by_name(table: Table, values: Mapping[Any, Any]) -> dict[str, Any]:
    """Parameters keyed by attribute, column key or column: by column name."""
    return {_column_name(table, k): v for k, v in values.items()}


def _all_by_name(table: Table, params: list[Mapping[Any, Any]]) -> list[dict[str, Any]]:
    """The same for every row of a bulk statement, each distinct key looked up once.

    An import's 100,000 rows share a dozen keys; looking each one up in the
    table's columns for every row cost more than the rows' own INSERT.
    """
    names = {key: _column_name(table, key) for key in params[0]}
    if all(isinstance(key, str) and key == name for key, name in names.items()):
        plain = names.keys()
        if all(values.keys() <= plain for values in params):
            return [dict(values) for values in params]  # keyed by column name already: copies
    rows = []
    for values in params:
        row = {}
        for key, value in values.items():
            name = names.get(key)
            if name is None:
                name = names[key] = _column_name(table, key)
            row[name] = value
        rows.append(row)
    return rows


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _generated_key(table: Table, rows: list[dict[str, Any]]) -> Any:
    """The table's integer key the database numbers, when no row gives it; else None."""
    column = table.autoincrement_column
    if column is None or len(table.primary_key.columns) != 1 or any(column.name in row for row in rows):
        return None
    return column


def _insert_many(state: ORMExecuteState, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> Any:
    """Run a many-row INSERT and write the keys the database gave into ``rows``, in their order.

    Without them the trail could not say which window or case an import or the
    rules engine added, nor give that record's history. SQLite has one writer,
    so the new rows take the numbers after the highest one, in order (checked
    afterwards; RETURNING in order would insert row by row there); PostgreSQL
    numbers them from a sequence other connections draw from too, so the keys
    come back with the rows (RETURNING, which it runs as one multi-row INSERT).
    """
    column = _generated_key(table, rows)
    if column is None:  # the rows give their keys
        return state.invoke_statement()
    returning = getattr(state.statement, "_returning", ())
    if returning:
        # The caller reads the keys itself (an import numbering its new rows' history): taken from
        # its RETURNING when that comes in parameter order, and the result replayed to it.
        position = next((i for i, c in enumerate(returning) if c is column), None)
        if position is None or not getattr(state.statement, "_sort_by_parameter_order", False):
            return state.invoke_statement()
        frozen = state.invoke_statement().freeze()
        keys = [row[position] for row in frozen.data]
        if len(keys) == len(rows):
            for row, key in zip(rows, keys, strict=True):
                row[column.name] = key
        return frozen()
    if conn.dialect.name == "postgresql":
        result = state.invoke_statement(
            statement=state.statement.returning(column, sort_by_parameter_order=True)
        )
        keys = [row[0] for row in result.all()]
    else:
        highest = conn.execute(select(func.max(column))).scalar() or 0
        result = state.invoke_statement()
        count, top = conn.execute(select(func.count(), func.max(column)).where(column > highest)).one()
        if count != len(rows) or top != highest + len(rows):
            return result  # numbered some other way: the entries keep the rows without their keys
        keys = list(range(highest + 1, highest + len(rows) + 1))
    for row, key in zip(rows, keys, strict=True):
        row[column.name] = key
    return result


def _statement(state: ORMExecuteState) -> Any:
    statement = state.statement
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if not isinstance(table, Table) or name is None or name in UNAUDITED:
        return None
    session = state.session
    conn = session.connection()
    params = state.parameters
    many = isinstance(params, list) and len(params) > 0
    changes = _pending(session)
    if isinstance(statement, Insert):
        rows = _all_by_name(table, params) if many else []
        result = _insert_many(state, conn, table, rows) if many else state.invoke_statement()
        if not many:
            compiled = statement.compile(dialect=conn.dialect)
            single = {**compiled.params, **(params or {})}  # type: ignore[dict-item]
            row = _by_name(table, single)
            inserted = getattr(result, "inserted_primary_key", None) if result.context else None
            if inserted:
                row.update(zip((c.name for c in table.primary_key.columns), inserted, strict=False))
            rows = [row]
        if many:
            changes.append(Inserted(name, tuple(c.name for c in table.primary_key.columns), rows))
        else:
            changes.append(Change(name, _key(_pk_of(table, rows[0])), "insert", None, rows[0]))
        return result
    if not isinstance(statement, Update | Delete):
        return None
    if many:
        keys = [_pk_of(table, p) for p in _all_by_name(table, params)]
        before_rows = _rows_by_key(conn, table, keys)
    else:
        where = statement.whereclause
        before_rows = _rows(conn, table, where)
    result = state.invoke_statement()
    if isinstance(statement, Delete):
        for row in before_rows:
            changes.append(Change(name, _key(_pk_of(table, row)), "delete", row, None))
        return result
    after_rows = {
        _pk_of(table, r): r for r in _rows_by_key(conn, table, [_pk_of(table, r) for r in before_rows])
    }
    for row in before_rows:
        key = _pk_of(table, row)
        was, now = _diff(row, after_rows.get(key, row))
        if now:
            changes.append(Change(name, _key(key), "update", was, now))
    return result


def attach(factory: sessionmaker[Session], actor: Callable[[], str], pc: str | None = None) -> None:
    """Audit every write of sessions from ``factory``, as ``actor()`` on this machine (``pc``)."""
    machine = pc or socket.gethostname()

    @event.listens_for(factory, "before_flush")
    def _deleting(session: Session, _context: Any, _instances: Any) -> None:
        # Read the whole row while it still exists.
        captured = session.info.setdefault("audit_deleting", {})
        for obj in session.deleted:
            found = _object_row(obj, load=True)
            if found is not None:
                captured[id(obj)] = found

    @event.listens_for(factory, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        changes = _pending(session)
        captured = session.info.pop("audit_deleting", {})
        for obj in session.new:
            found = _object_row(obj, load=True)
            if found is not None:
                changes.append(Change(found[0], found[1], "insert", None, found[2]))
        for obj in session.dirty:
            if obj in session.deleted:
                continue
            change = _object_update(obj)
            if change is not None:
                changes.append(change)
        for obj in session.deleted:
            found = captured.get(id(obj)) or _object_row(obj, load=False)
            if found is not None:
                changes.append(Change(found[0], found[1], "delete", found[2], None))

    @event.listens_for(factory, "do_orm_execute")
    def _bulk(state: ORMExecuteState) -> Any:
        if isinstance(state.statement, Insert | Update | Delete):
            return _statement(state)
        return None

    @event.listens_for(factory, "before_commit")
    def _record(session: Session) -> None:
        session.flush()
        changes = session.info.pop(_PENDING, [])
        if changes:
            append(session.connection(), changes, actor=actor(), pc=machine, at=datetime.now())

    @event.listens_for(factory, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_PENDING, None)
        session.info.pop("audit_deleting", None)
