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

A case goes into some twenty indexes of a table of hundreds of thousands; in
SQLite's default 2 MB page cache most of those pages are read again for nearly
every row. For the length of an import the cache is 64 MB (``roomy_cache``),
which took a third off the insert of 30,000 cases into a hall of 270,000.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

__all__ = ["insert_rows", "roomy_cache"]

#: SQLite's page cache while an import writes, in KiB.
IMPORT_CACHE_KIB = 65536


@contextmanager
def roomy_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache on the session's connection while the block runs; as it was after.

    Only restored when the block ends normally: after an error the transaction is
    rolled back and the connection may not take a statement, and a larger cache
    is harmless anyway.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = int(session.execute(text("PRAGMA cache_size")).scalar_one())
    session.execute(text(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}"))
    yield
    session.execute(text(f"PRAGMA cache_size={before}"))


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
