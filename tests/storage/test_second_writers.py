"""A second writer on one SQLite file: readers go on, a writer waits and runs again once, then a sentence.

Two real connections on a real file: the test's own holds the write lock the
way another program would (BEGIN IMMEDIATE and an UPDATE).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from hallmonitor.storage.contention import (
    BUSY_TIMEOUT_ENV,
    DatabaseBusy,
    busy_sentence,
    is_busy,
    retry_when_busy,
)
from hallmonitor.storage.database import Database, open_database
from hallmonitor.storage.models import Hall


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    opened = open_database(sqlite_url)
    yield opened
    opened.close()


def _path(db: Database) -> Path:
    assert db.engine.url.database
    return Path(db.engine.url.database)


@pytest.fixture
def holder(db: Database) -> Iterator[sqlite3.Connection]:
    """Another program, holding the write lock until the test commits or rolls back."""
    conn = sqlite3.connect(_path(db), isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE alembic_version SET version_num = version_num")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def _add_hall(db: Database, code: str, attempts: list[int]) -> None:
    """A use case that reads, then writes: the shape the lock refuses without waiting."""
    attempts.append(1)
    with db.session() as session:
        session.scalars(select(Hall)).all()
        session.add(Hall(code=code, name="第二个写入者", created_at=datetime(2026, 5, 6, 9)))


def _halls(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Hall.code)))


class _ReleaseOnRetry(logging.Handler):
    """Commits the holder's transaction when the storage layer says it runs the operation again."""

    def __init__(self, holder: sqlite3.Connection) -> None:
        super().__init__()
        self.holder = holder

    def emit(self, record: logging.LogRecord) -> None:
        if "running the operation again" in record.getMessage():
            self.holder.execute("COMMIT")


def test_every_connection_waits_30_seconds_for_a_lock_unless_told_otherwise(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for setting, expected in ((None, 30000), ("250", 250), ("soon", 30000)):
        if setting is None:
            monkeypatch.delenv(BUSY_TIMEOUT_ENV, raising=False)
        else:
            monkeypatch.setenv(BUSY_TIMEOUT_ENV, setting)
        db = open_database(sqlite_url)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == expected
        db.close()


def test_readers_go_on_while_another_program_writes(db: Database, holder: sqlite3.Connection) -> None:
    assert _halls(db) == []  # a deferred transaction: reading needs no lock in WAL mode
    assert holder.in_transaction


def test_a_writer_refused_by_the_lock_runs_again_once_and_succeeds_when_it_is_released(
    db: Database, holder: sqlite3.Connection, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hallmonitor.storage")
    begins: list[str] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: begins.append(statement) if statement.startswith("BEGIN") else None,
    )
    release = _ReleaseOnRetry(holder)
    logger = logging.getLogger("hallmonitor.storage")
    logger.addHandler(release)
    attempts: list[int] = []
    try:
        retry_when_busy(lambda: _add_hall(db, "H2", attempts))
    finally:
        logger.removeHandler(release)
    assert len(attempts) == 2
    assert _halls(db) == ["H2"]
    # The first attempt began deferred and was refused; the second waited for the lock first.
    assert "BEGIN" in begins and "BEGIN IMMEDIATE" in begins
    assert not holder.in_transaction


def test_a_lock_held_past_the_wait_ends_in_one_sentence_and_nothing_written(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "100")
    db = open_database(sqlite_url)
    conn = sqlite3.connect(_path(db), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE alembic_version SET version_num = version_num")
    attempts: list[int] = []
    try:
        with pytest.raises(DatabaseBusy) as info:
            retry_when_busy(lambda: _add_hall(db, "H2", attempts))
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert str(info.value) == busy_sentence()
    assert "INSERT" not in str(info.value) and "\n" not in str(info.value)
    assert len(attempts) == 2
    assert _halls(db) == []
    db.close()


def test_other_errors_are_not_run_again(db: Database) -> None:
    attempts: list[int] = []

    def fails() -> None:
        attempts.append(1)
        raise ValueError("not a lock")

    with pytest.raises(ValueError):
        retry_when_busy(fails)
    assert attempts == [1]


def test_a_lock_error_is_recognised_through_the_service_that_wrapped_it(
    db: Database, holder: sqlite3.Connection
) -> None:
    from sqlalchemy.exc import OperationalError

    from hallmonitor.services.hall import ServiceError

    with pytest.raises(OperationalError) as info:
        _add_hall(db, "H2", [])
    try:
        raise ServiceError("写入数据库时出错：database is locked") from info.value
    except ServiceError as wrapped:
        assert is_busy(wrapped)
    assert not is_busy(ServiceError("窗口 A09 不存在。"))
