"""INSERT … ON CONFLICT in the database's own dialect.

Each dialect's ``insert`` is imported only where the database is of it: the
PostgreSQL dialect costs a SQLite hall's every command tens of milliseconds to
import, and it is never used there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.sql.dml import Insert


def upsert(dialect_name: str, table: Any) -> Insert:
    """``insert(table)`` of the dialect named, which has ``on_conflict_do_nothing`` and ``_do_update``."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)
