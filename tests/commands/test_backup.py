"""hallmonitor backup and restore as a user types them."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.services.hall import list_halls
from hallmonitor.storage.database import open_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_restore_asks_for_yes_and_then_brings_the_backup_back(
    capsys, sqlite_url: str, tmp_path: Path
) -> None:
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    file = tmp_path / "hall-backup.sqlite3"
    code, out, err = run(capsys, "--db", sqlite_url, "backup", str(file))
    assert code == 0, err
    assert str(file) in out and file.exists()
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H2", "--hall-name", "西区大厅", "--another")

    code, _out, err = run(capsys, "--db", sqlite_url, "restore", str(file))
    assert code == 2 and "--yes" in err and "东区大厅（H1）" in err
    code, out, err = run(capsys, "--db", sqlite_url, "restore", str(file), "--yes")
    assert code == 0, err
    assert "恢复前的数据库已另存为" in out
    db = open_database(sqlite_url)
    try:
        assert [h.code for h in list_halls(db)] == ["H1"]
    finally:
        db.close()


def test_restore_of_a_missing_file_says_so(capsys, sqlite_url: str, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--db", sqlite_url, "restore", str(tmp_path / "none.sqlite3"), "--yes")
    assert code == 2 and "不存在" in err and "Traceback" not in err
