"""What other PCs changed since a page last looked: the change feed, read for the UI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hallmonitor.storage import change_feed
from hallmonitor.storage.database import Database
from hallmonitor.storage.listener import ChangeListener


def latest_change(db: Database) -> int:
    """The newest change so far; an app starts reading after it."""
    with db.session() as session:
        return change_feed.latest(session)


def changes_since(db: Database, after: int) -> tuple[int, set[str]]:
    """(the newest change, the tables that other open databases changed after ``after``)."""
    with db.session() as session:
        return change_feed.changes_after(session, after, db.origin)


def trim_changes(db: Database, now: datetime) -> int:
    """Forget changes older than two days (every app has long since read them)."""
    with db.session() as session:
        return change_feed.trim(session, now)


def listen_for_changes(
    db: Database, on_change: Callable[[set[str]], None], on_reconnect: Callable[[], None]
) -> ChangeListener | None:
    """Started listening for other PCs' commits on PostgreSQL; None on SQLite, where polling is all there is."""
    if db.is_sqlite:
        return None
    return ChangeListener(db.url, db.origin, on_change, on_reconnect).start()
