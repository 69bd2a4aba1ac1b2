"""The command line on a database it cannot write, or cannot open: one sentence each, naming the path.

And an error nobody foresaw (here a trigger in the file refuses a write, with
an ID number in its message) reads as one sentence with the log's path:
never the SQL, its parameters or the driver's text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.logs import log_path
from hallmonitor.storage.integrity import (
    damaged_sentence,
    folder_given_sentence,
    folder_read_only_sentence,
    read_only_sentence,
)
from tests.support.import_files import STAFF_HEADER, WINDOW_HEADER, WINDOWS, write_csv
from tests.support.sqlite_files import damage, digest, hall_file
from tests.support.unwritable import unwritable


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", f"sqlite:///{path}", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def staff_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["1001", "张三", "市税务局", "公务员"]])


def test_a_damaged_database_refuses_an_import_but_still_lists(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, staff_file: Path
) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    damage(path, "audit_log")
    before = digest(path)
    code, out, err = run(capsys, path, "import", "staff", str(staff_file))
    assert (code, out, err) == (2, "", f"hallmonitor: {damaged_sentence(path)}\n")
    code, out, err = run(capsys, path, "window", "list")
    assert code == 0 and err == "" and "没有符合条件的窗口" in out
    assert digest(path) == before


def test_a_damaged_database_restored_from_its_backup_takes_writes_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, staff_file: Path
) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    backup = tmp_path / "hall-backup.sqlite3"
    assert run(capsys, path, "backup", str(backup))[0] == 0
    damage(path, "audit_log")
    assert run(capsys, path, "import", "staff", str(staff_file))[0] == 2
    code, out, err = run(capsys, path, "restore", str(backup), "--yes")
    assert code == 0, err
    code, out, err = run(capsys, path, "import", "staff", str(staff_file))
    assert (code, out.strip(), err) == (0, "导入人员：新增 1 行，更新 0 行，未变 0 行", "")


def test_a_read_only_database_lists_but_check_and_export_say_why_they_cannot_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    with unwritable(path):
        code, out, _err = run(capsys, path, "window", "list")
        assert code == 0 and "没有符合条件的窗口" in out
        for argv in (
            ["check", "--date", "2026-05-06"],
            ["export", "--week", "2026-W19", "--out", str(tmp_path)],
        ):
            code, out, err = run(capsys, path, *argv)
            assert (code, err) == (2, f"hallmonitor: {read_only_sentence(path)}\n"), argv
            assert "SQL" not in out


def test_a_read_only_folder_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    with unwritable(path.parent):
        code, out, err = run(capsys, path, "window", "list")
    assert (code, out, err) == (2, "", f"hallmonitor: {folder_read_only_sentence(path)}\n")


def test_a_folder_given_for_the_database_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, tmp_path, "window", "list")
    assert (code, out, err) == (2, "", f"hallmonitor: {folder_given_sentence(tmp_path)}\n")


def test_an_unforeseen_database_error_is_one_sentence_with_the_log_and_no_sql(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    assert (
        run(capsys, path, "import", "windows", str(write_csv(tmp_path / "w.csv", WINDOW_HEADER, WINDOWS)))[0]
        == 0
    )
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_log "
            "BEGIN SELECT RAISE(ABORT, '拒绝写入 370104195508301208'); END"
        )
    conn.close()
    code, out, err = run(capsys, path, "window", "set-state", "A01", "停用", "--reason", "测试意外错误")
    assert code == 1 and out == ""
    assert err == f"hallmonitor: 出现意外错误（IntegrityError），操作未完成；详情已写入日志 {log_path()}\n"
    assert "unexpected error in window" in log_path().read_text(encoding="utf-8")  # the details, for IT
