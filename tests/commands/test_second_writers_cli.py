"""`hallmonitor` in a child process while another program writes to the same SQLite file.

The test holds the write lock on a real file from its own connection, as a
long import on another PC would, and runs the command as a real process: it
waits and succeeds when the lock goes, and says so in one sentence (exit 2)
when the lock outlasts the wait, never with SQLite's text.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallmonitor.services.hall import init_hall
from hallmonitor.storage.contention import BUSY_TIMEOUT_ENV, busy_sentence
from hallmonitor.storage.database import open_database
from tests.support.import_files import STAFF_HEADER, write_csv

RETRY_LOGGED = "running the operation again"


@pytest.fixture
def hall_file(tmp_path: Path) -> Path:
    path = tmp_path / "hall.sqlite3"
    db = open_database(f"sqlite:///{path}")
    init_hall(db, "H1", "某市政务服务大厅")
    db.close()
    return path


@pytest.fixture
def staff_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["1001", "张三", "市税务局", "公务员"]])


@pytest.fixture
def lock(hall_file: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction on the hall's file."""
    conn = sqlite3.connect(hall_file, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE hall SET name = name")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def _start(path: Path, tmp_path: Path, *argv: str, timeout_ms: int | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "HALLMONITOR_LOG_DIR": str(tmp_path / "child-logs")}
    env.pop(BUSY_TIMEOUT_ENV, None)
    if timeout_ms is not None:
        env[BUSY_TIMEOUT_ENV] = str(timeout_ms)
    return subprocess.Popen(
        [sys.executable, "-m", "hallmonitor", "--db", f"sqlite:///{path}", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_retry(child: subprocess.Popen[str], tmp_path: Path) -> None:
    """Until the child's log says the lock refused it and it runs again (or the child ended)."""
    log = tmp_path / "child-logs" / "hallmonitor.log"
    while child.poll() is None:
        if log.exists() and RETRY_LOGGED in log.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.05)


def _staff(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT staff_no, name FROM staff ORDER BY staff_no").fetchall()


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_an_import_started_while_another_program_writes_waits_and_succeeds(
    hall_file: Path, staff_file: Path, lock: sqlite3.Connection, tmp_path: Path
) -> None:
    child = _start(hall_file, tmp_path, "import", "staff", str(staff_file))
    _wait_for_retry(child, tmp_path)
    lock.execute("COMMIT")  # the other program is done, well within the 30 s the child waits
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip() == "导入人员：新增 1 行，更新 0 行，未变 0 行"
    assert err == ""
    assert _staff(hall_file) == [("1001", "张三")]


def test_a_check_while_another_program_writes_too_long_says_so_in_one_sentence(
    hall_file: Path, lock: sqlite3.Connection, tmp_path: Path
) -> None:
    lock.execute("COMMIT")
    before = _dump(hall_file)
    lock.execute("BEGIN IMMEDIATE")
    lock.execute("UPDATE hall SET name = name")
    child = _start(hall_file, tmp_path, "check", "--date", "2026-05-06", timeout_ms=200)
    out, err = child.communicate(timeout=120)
    lock.execute("ROLLBACK")
    assert child.returncode == 2, (out, err)
    assert err == f"hallmonitor: {busy_sentence()}\n"
    assert out == ""
    assert _dump(hall_file) == before


def test_an_import_refused_by_a_lock_that_outlasts_the_wait_writes_nothing(
    hall_file: Path, staff_file: Path, lock: sqlite3.Connection, tmp_path: Path
) -> None:
    child = _start(hall_file, tmp_path, "import", "staff", str(staff_file), timeout_ms=200)
    out, err = child.communicate(timeout=120)
    lock.execute("ROLLBACK")
    assert child.returncode == 2, (out, err)
    assert err == f"hallmonitor: {busy_sentence()}\n"
    for raw in ("SQL", "INSERT", "parameters", "locked", "Traceback"):
        assert raw not in out + err
    assert _staff(hall_file) == []
