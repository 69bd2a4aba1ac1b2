"""A file this PC closed whole is not read again before its next first write; any other change means a check.

Real files and real processes: the check is watched by wrapping
integrity.quick_check (the real one still runs), the other writers are plain
sqlite3 connections and a child process killed with SIGKILL.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy.exc

from hallmonitor.files import CACHE_ENV
from hallmonitor.services.hall import init_hall, list_halls
from hallmonitor.storage import integrity, known_whole
from hallmonitor.storage.database import DatabaseError, open_database
from hallmonitor.storage.integrity import damaged_sentence
from tests.support.sqlite_files import damage, hall_file


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """The files quick_check read, in order; each test with a cache of its own."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    read: list[str] = []
    real = integrity.quick_check

    def watched(connection):  # type: ignore[no-untyped-def]
        read.append(connection.execute("PRAGMA database_list").fetchone()[2])
        return real(connection)

    monkeypatch.setattr(integrity, "quick_check", watched)
    yield read


def _add_hall(path: Path, code: str) -> None:
    db = open_database(f"sqlite:///{path}")
    try:
        init_hall(db, code, f"大厅{code}")
    finally:
        db.close()


def test_a_file_closed_whole_is_written_again_without_reading_it_all(
    tmp_path: Path, checks: list[str]
) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    assert checks == [str(path)]  # the first write of a new file: checked
    _add_hall(path, "H2")
    _add_hall(path, "H3")
    assert checks == [str(path)]
    db = open_database(f"sqlite:///{path}")
    assert db.write_problem() is None
    assert [h.code for h in list_halls(db)] == ["H1", "H2", "H3"]
    db.close()


def test_a_file_damaged_after_its_clean_close_is_still_refused(tmp_path: Path, checks: list[str]) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    assert known_whole.still_whole(path)
    damage(path, "audit_log")  # at once: within the same tick of the file system's clock
    assert not known_whole.still_whole(path)
    db = open_database(f"sqlite:///{path}")
    with pytest.raises(DatabaseError) as info:
        init_hall(db, "H2", "第二个大厅")
    assert str(info.value) == damaged_sentence(path)
    db.close()
    assert checks == [str(path), str(path)]
    # Found damaged, never noted whole: every open checks it again and refuses again.
    db = open_database(f"sqlite:///{path}")
    assert db.write_problem() == damaged_sentence(path)
    db.close()
    assert len(checks) == 3


def test_a_write_by_another_program_means_a_check(tmp_path: Path, checks: list[str]) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    with sqlite3.connect(path) as other:
        other.execute("UPDATE hall SET name = '另一个名字'")
    other.close()
    _add_hall(path, "H2")
    assert checks == [str(path), str(path)]


def test_a_file_replaced_by_a_copy_means_a_check(tmp_path: Path, checks: list[str]) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    copy.replace(path)  # same bytes, same size: another file
    _add_hall(path, "H2")
    assert checks == [str(path), str(path)]


def test_a_log_holding_another_programs_changes_means_a_check_and_no_note(
    tmp_path: Path, checks: list[str]
) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    other = sqlite3.connect(path)
    try:
        other.execute("UPDATE hall SET name = '另一个名字'")
        other.commit()  # in the -wal, still open: not folded into the file
        assert Path(f"{path}-wal").stat().st_size > 0
        _add_hall(path, "H2")
        assert checks == [str(path), str(path)]
        assert not known_whole.still_whole(path)
    finally:
        other.close()
    _add_hall(path, "H3")  # closed with the other connection open: no note was left, so a check
    assert checks == [str(path), str(path), str(path)]
    _add_hall(path, "H4")
    assert len(checks) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_process_killed_with_the_file_open_means_a_check(tmp_path: Path, checks: list[str]) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from hallmonitor.services.hall import init_hall
                from hallmonitor.storage.database import open_database
                db = open_database({f"sqlite:///{path}"!r})
                init_hall(db, "H2", "被杀的进程")
                print("written", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "written"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
    db = open_database(f"sqlite:///{path}")
    assert db.write_problem() is None
    assert [h.code for h in list_halls(db)] == ["H1", "H2"]
    db.close()
    assert checks == [str(path), str(path)]


def test_a_note_that_cannot_be_written_only_means_a_check(tmp_path: Path, checks: list[str]) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    path = hall_file(tmp_path / "hall.sqlite3")
    _add_hall(path, "H2")
    assert checks == [str(path), str(path)]


def test_a_file_sqlite_finds_damaged_while_in_use_is_checked_at_its_next_opening(
    tmp_path: Path, checks: list[str]
) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    db = open_database(f"sqlite:///{path}")
    assert db.write_problem() is None  # as this PC left it: not read again
    db.engine.dispose()  # no connection keeps an old copy of the page
    damage(path, "audit_log")
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="malformed"), db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT * FROM audit_log").fetchall()
    db.close()
    assert not known_whole.still_whole(path)
    db = open_database(f"sqlite:///{path}")
    with pytest.raises(DatabaseError) as info:
        init_hall(db, "H2", "第二个大厅")
    assert str(info.value) == damaged_sentence(path)
    db.close()
    assert checks == [str(path), str(path)]
