"""New rows written in bulk, and the ids the database gave them, without reading the rows back.

A new case's history row needs the case's id. Selecting 100,000 new cases
again by their numbers cost as much as inserting them; the database already
says which ids it gave. PostgreSQL returns them with the rows (RETURNING, in
the order of the parameters, as one multi-row INSERT per batch). On SQLite the
same RETURNING would make SQLAlchemy insert row by row, since SQLite does not
promise the order of returned rows; but the file has one writer, so one
executemany numbers its rows one after the other from the highest id, and the
last one is ``last_insert_rowid()``. That is checked: should the numbers not
be consecutive, the caller reads the rows back by key as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

__all__ = ["insert_rows"]


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, ids: bool
) -> list[int] | None:
    """Insert ``rows``; with ``ids``, their new ids in the rows' order (None when they cannot be told)."""
    if not ids:
        session.execute(table.insert(), rows)
        return None
    (key,) = table.primary_key.columns
    if session.get_bind().dialect.name == "postgresql":
        result = session.execute(table.insert().returning(key, sort_by_parameter_order=True), rows)
        return list(result.scalars())
    session.execute(table.insert(), rows)
    last = int(session.execute(text("SELECT last_insert_rowid()")).scalar_one())
    first = last - len(rows) + 1
    count = session.execute(select(func.count()).select_from(table).where(key.between(first, last))).scalar()
    return list(range(first, last + 1)) if count == len(rows) else None
