"""Second writers on one SQLite file: wait for the lock, run the operation again once, then say so.

SQLite lets one program write at a time. A connection that asks for the write
lock before reading waits up to the busy timeout for it; one that has already
read in its transaction and then writes while another program holds the lock
is refused at once, because waiting could not make what it read current. Our
transactions begin deferred, so that readers (the board, a report) never
queue behind a long import; an operation refused that way is run again once,
whole, with every transaction it opens beginning IMMEDIATE: that waits for the
lock, up to the busy timeout, and then holds it to the end. When the lock
outlasts that too, the user gets one sentence saying another program is
writing, never SQLite's message with the statement and its parameters.

The busy timeout is 30 s, or ``HALLMONITOR_BUSY_TIMEOUT_MS`` milliseconds.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from hallmonitor.domain.texts import say
from hallmonitor.storage.database import DatabaseError

BUSY_TIMEOUT_ENV = "HALLMONITOR_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 30_000

#: SQLite's primary result codes SQLITE_BUSY and SQLITE_LOCKED.
_BUSY_CODES = frozenset({5, 6})
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")

log = logging.getLogger("hallmonitor.storage")
T = TypeVar("T")


def busy_sentence() -> str:
    """What a user reads when another program held the lock through the wait and the second run."""
    return say(
        "The database file is being written by another program (perhaps another PC or an import from "
        "the command line). Try again shortly."
    )


_immediate: ContextVar[bool] = ContextVar("hallmonitor_immediate_transactions", default=False)
_retrying: ContextVar[bool] = ContextVar("hallmonitor_retrying_when_busy", default=False)


class DatabaseBusy(DatabaseError):
    """Another program held the write lock through the wait and the retry."""


def busy_timeout_ms() -> int:
    """How long a SQLite connection waits for a lock: $HALLMONITOR_BUSY_TIMEOUT_MS, else 30 s."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    try:
        return max(int(raw), 0) if raw else DEFAULT_BUSY_TIMEOUT_MS
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


def begin_statement() -> str:
    """What a SQLite transaction begins with on this thread: deferred, or IMMEDIATE in a retry."""
    return "BEGIN IMMEDIATE" if _immediate.get() else "BEGIN"


@contextmanager
def immediate_transactions() -> Iterator[None]:
    """Every SQLite transaction this thread begins inside the block waits for the write lock first."""
    token = _immediate.set(True)
    try:
        yield
    finally:
        _immediate.reset(token)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's wrapper around the driver's error
        todo.extend(
            [orig if isinstance(orig, BaseException) else None, current.__cause__, current.__context__]
        )


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code behind ``exc`` (wrapped by SQLAlchemy or a ServiceError), if any."""
    for cause in _causes(exc):
        if isinstance(cause, sqlite3.Error):
            code = getattr(cause, "sqlite_errorcode", None)
            if code is not None:
                return int(code) & 0xFF
            if any(word in str(cause).lower() for word in _BUSY_WORDS):
                return 5
    return None


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` comes from another program holding the database's lock."""
    return isinstance(exc, DatabaseBusy) or sqlite_code(exc) in _BUSY_CODES


def retry_when_busy(operation: Callable[[], T]) -> T:
    """Run ``operation``; when a lock refuses it, run it again once, waiting for the lock.

    ``operation`` must be a whole use case (a command, an app operation): each
    of its transactions commits whole or not at all, so running it again is
    safe. Nested calls run once, the outermost retries.
    """
    if _retrying.get():
        return operation()
    token = _retrying.set(True)
    try:
        try:
            return operation()
        except Exception as exc:
            if not is_busy(exc):
                raise
            log.info(
                "database busy (%s): running the operation again, waiting for the lock", type(exc).__name__
            )
        with immediate_transactions():
            try:
                return operation()
            except DatabaseBusy:
                raise
            except Exception as exc:
                if not is_busy(exc):
                    raise
                log.warning("database still busy after waiting %d ms and running again", busy_timeout_ms())
                raise DatabaseBusy(busy_sentence()) from exc
    finally:
        _retrying.reset(token)
