"""The app on a database it may not write or cannot open, and while another program writes to it.

Each says so in a dialog with one sentence, never a traceback; a damaged file
still opens to be looked at, without its daily backup; an operation the lock
refused runs again once, waiting for it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hallmonitor import app as app_module
from hallmonitor.services.hall import hall_context
from hallmonitor.storage.contention import BUSY_TIMEOUT_ENV, busy_sentence
from hallmonitor.storage.database import Database, open_database
from hallmonitor.storage.integrity import damaged_sentence
from hallmonitor.storage.models import Hall
from hallmonitor.ui.shell import ChangeBus, Operation, OperationRunner, UiEnv, show_error
from tests.support.sqlite_files import damage, hall_file

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return hall_file(tmp_path / "db" / "hall.sqlite3")


def _env(db: Database) -> UiEnv:
    return UiEnv(ctx=hall_context(db, login="tester"), runner=OperationRunner(), bus=ChangeBus())


def test_a_database_of_a_newer_version_is_refused_in_a_dialog_without_a_copy(
    qapp: Any, shown_boxes: list[QMessageBox], path: Path
) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    for _attempt in range(2):
        assert app_module.open_hall_context(f"sqlite:///{path}", False, OperationRunner()) is None
    assert len(shown_boxes) == 2
    assert "更新版本的窗口监管台" in shown_boxes[-1].text() and "0099" in shown_boxes[-1].text()
    assert list(path.parent.glob("*.bak")) == []


def test_a_database_whose_halls_cannot_be_read_is_said_in_a_dialog(
    qapp: Any, shown_boxes: list[QMessageBox], path: Path
) -> None:
    damage(path, "hall")
    assert app_module.open_hall_context(f"sqlite:///{path}", False, OperationRunner()) is None
    assert str(path) in shown_boxes[-1].text() and "备份" in shown_boxes[-1].text()
    assert "malformed" not in shown_boxes[-1].text()


def test_a_damaged_database_opens_with_a_dialog_and_without_its_daily_backup(
    qtbot: Any, shown_boxes: list[QMessageBox], path: Path
) -> None:
    damage(path, "audit_log")
    db = open_database(f"sqlite:///{path}")
    env = _env(db)
    app_module._check_writable(None, env)
    qtbot.waitUntil(lambda: bool(shown_boxes))
    env.runner.wait(10_000)
    assert shown_boxes[-1].objectName() == "readOnlyBox"
    assert shown_boxes[-1].text() == damaged_sentence(path)
    assert not (path.parent / "backups").exists()
    db.close()


def test_a_whole_database_gets_its_daily_backup_and_no_dialog(
    qtbot: Any, shown_boxes: list[QMessageBox], path: Path
) -> None:
    db = open_database(f"sqlite:///{path}")
    env = _env(db)
    app_module._check_writable(None, env)
    qtbot.waitUntil(lambda: any((path.parent / "backups").glob("*.sqlite3")))
    env.runner.wait(10_000)
    assert shown_boxes == []
    db.close()


@pytest.fixture
def holder(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program (a CLI import, another PC) in the middle of writing the same file."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE hall SET name = name")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def _add_hall(db: Database, attempts: list[int]) -> str:
    attempts.append(1)
    with db.session() as session:
        session.scalars(select(Hall)).all()
        session.add(Hall(code="H2", name="第二个大厅", created_at=datetime(2026, 5, 6, 9)))
    return "saved"


class _ReleaseOnRetry(logging.Handler):
    def __init__(self, holder: sqlite3.Connection) -> None:
        super().__init__()
        self.holder = holder

    def emit(self, record: logging.LogRecord) -> None:
        if "running the operation again" in record.getMessage():
            self.holder.execute("COMMIT")


def test_an_operation_refused_by_another_writer_runs_again_when_the_lock_is_released(
    qtbot: Any, path: Path, holder: sqlite3.Connection, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hallmonitor.storage")
    db = open_database(f"sqlite:///{path}")
    release = _ReleaseOnRetry(holder)
    logging.getLogger("hallmonitor.storage").addHandler(release)
    attempts: list[int] = []
    results: list[Any] = []
    runner = OperationRunner()
    try:
        runner.start(
            Operation(
                "save",
                lambda _p: _add_hall(db, attempts),
                on_success=results.append,
                on_failure=results.append,
            )
        )
        qtbot.waitUntil(lambda: bool(results))
    finally:
        logging.getLogger("hallmonitor.storage").removeHandler(release)
    assert results == ["saved"] and len(attempts) == 2
    db.close()


def test_a_lock_that_outlasts_the_wait_is_shown_as_one_sentence(
    qtbot: Any,
    shown_boxes: list[QMessageBox],
    path: Path,
    holder: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "100")
    db = open_database(f"sqlite:///{path}")
    runner = OperationRunner()
    runner.start(
        Operation("save", lambda _p: _add_hall(db, []), on_failure=lambda exc: show_error(None, exc))
    )
    qtbot.waitUntil(lambda: bool(shown_boxes))
    assert shown_boxes[-1].text() == busy_sentence()
    assert (
        shown_boxes[-1].informativeText()
        == "Wait until the other program has finished writing, then try again."
    )
    db.close()
