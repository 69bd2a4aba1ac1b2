"""Which tables each committed write touched, for the other PCs to redraw.

Hooked on the session factory, so every write through any use case is seen:
objects added, changed or deleted, and bulk INSERT/UPDATE/DELETE statements.
In the same transaction as the write, a row goes into change_feed naming the
tables and the open database that wrote it; on PostgreSQL a NOTIFY follows at
commit, so a listening PC can look at once. Writes that only advance the
rules' bookkeeping are not worth a redraw and leave no row.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, event, func, select, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql.dml import Delete, Insert, Update

from hallmonitor.storage.models import ChangeFeed

CHANNEL = "hallmonitor_changes"
#: Tables whose changes no page shows.
QUIET = frozenset({"change_feed", "rules_mark", "secret"})
_KEY = "changed_tables"
KEEP = timedelta(days=2)


def attach(factory: sessionmaker[Session], origin: str) -> None:
    """Record every commit of sessions from ``factory`` in change_feed, marked with ``origin``."""

    @event.listens_for(factory, "before_flush")
    def _objects(session: Session, _context: Any, _instances: Any) -> None:
        touched = session.info.setdefault(_KEY, set())
        for obj in (*session.new, *session.dirty, *session.deleted):
            table = getattr(obj, "__tablename__", None)
            if table and (obj not in session.dirty or session.is_modified(obj)):
                touched.add(table)

    @event.listens_for(factory, "do_orm_execute")
    def _statements(state: ORMExecuteState) -> None:
        statement = state.statement
        if isinstance(statement, Insert | Update | Delete):
            name = getattr(statement.table, "name", None)
            if name:
                state.session.info.setdefault(_KEY, set()).add(name)

    @event.listens_for(factory, "before_commit")
    def _record(session: Session) -> None:
        session.flush()
        touched = session.info.pop(_KEY, set()) - QUIET
        if not touched:
            return
        row = ChangeFeed(at=datetime.now(), origin=origin, tables=",".join(sorted(touched)))
        session.add(row)
        session.flush()
        session.info.pop(_KEY, None)  # the feed's own row, from that flush
        if session.get_bind().dialect.name == "postgresql":
            # Delivered at commit, and only if it commits (hallmonitor.storage.listener hears it).
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": payload(origin, row.id, row.tables)},
            )

    @event.listens_for(factory, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_KEY, None)


def payload(origin: str, feed_id: int, tables: str) -> str:
    """What a commit notifies: who wrote, which change feed row, which tables (comma-separated)."""
    return f"{origin}|{feed_id}|{tables}"


def parse_payload(text: str) -> tuple[str, int, set[str]]:
    origin, _, rest = text.partition("|")
    feed_id, _, tables = rest.partition("|")
    try:
        number = int(feed_id)
    except ValueError:
        number = 0
    return origin, number, {t for t in tables.split(",") if t}


def latest(session: Session) -> int:
    return int(session.scalar(select(func.max(ChangeFeed.id))) or 0)


def changes_after(session: Session, after: int, origin: str) -> tuple[int, set[str]]:
    """(the newest row id, the tables others touched after ``after``)."""
    rows = session.execute(
        select(ChangeFeed.id, ChangeFeed.origin, ChangeFeed.tables).where(ChangeFeed.id > after)
    ).all()
    tables: set[str] = set()
    newest = after
    for row_id, row_origin, names in rows:
        newest = max(newest, row_id)
        if row_origin != origin:
            tables.update(n for n in names.split(",") if n)
    return newest, tables


def trim(session: Session, now: datetime, keep: timedelta = KEEP) -> int:
    result = session.execute(delete(ChangeFeed).where(ChangeFeed.at < now - keep))
    return int(getattr(result, "rowcount", 0) or 0)
