"""Opening a SQLite file that is damaged, newer, read-only, in a read-only folder, or not a file at all.

Real files throughout: pages overwritten on disk, the immutable flag or
chmod (see tests.support.unwritable), folders where files should be.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hallmonitor.services.hall import init_hall, list_halls
from hallmonitor.storage.database import DatabaseError, head_revision, open_database, upgrade
from hallmonitor.storage.integrity import (
    damaged_sentence,
    folder_given_sentence,
    folder_read_only_sentence,
    read_only_sentence,
)
from tests.storage.test_database import _write_failing_revision
from tests.support.sqlite_files import damage, digest, hall_file
from tests.support.unwritable import unwritable


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def test_a_damaged_file_opens_to_be_read_and_refuses_every_write(tmp_path: Path) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    damage(path, "audit_log")
    before = digest(path)
    db = open_database(_url(path))
    assert [h.code for h in list_halls(db)] == ["H1"]
    with pytest.raises(DatabaseError) as info:
        init_hall(db, "H2", "第二个大厅")
    assert str(info.value) == damaged_sentence(path)
    assert db.write_problem() == damaged_sentence(path)
    db.close()
    assert digest(path) == before


def test_a_whole_file_may_be_written(tmp_path: Path) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    db = open_database(_url(path))
    assert db.write_problem() is None
    init_hall(db, "H2", "第二个大厅")
    assert [h.code for h in list_halls(db)] == ["H1", "H2"]
    db.close()


def _upgradable(tmp_path: Path) -> Path:
    """Migrations one revision beyond this version's head, which succeed."""
    migrations = _write_failing_revision(tmp_path)
    fixed = migrations / "versions" / "9999_broken.py"
    fixed.write_text(
        fixed.read_text(encoding="utf-8").replace(
            '    raise RuntimeError("migration fails after altering a table")\n', ""
        ),
        encoding="utf-8",
    )
    return migrations


def test_a_damaged_file_is_not_upgraded_nor_copied(tmp_path: Path) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    damage(path, "audit_log")
    before = digest(path)
    with pytest.raises(DatabaseError, match="已损坏") as info:
        upgrade(_url(path), script_location=_upgradable(tmp_path))
    assert str(path) in str(info.value) and "备份" in str(info.value)
    assert _backups(path.parent) == []
    assert digest(path) == before


def test_a_failed_upgrade_tried_three_times_leaves_no_copy_and_the_one_that_works_leaves_one(
    tmp_path: Path,
) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    failing = _write_failing_revision(tmp_path / "failing")
    for _attempt in range(3):
        with pytest.raises(RuntimeError, match="migration fails"):
            upgrade(_url(path), script_location=failing)
    assert _backups(path.parent) == []
    made = upgrade(_url(path), script_location=_upgradable(tmp_path / "working"))
    assert _backups(path.parent) == [made]
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    conn.close()


def test_a_newer_database_is_refused_in_one_sentence_without_a_copy(tmp_path: Path) -> None:
    path = hall_file(tmp_path / "db" / "hall.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = digest(path)
    for _attempt in range(3):
        with pytest.raises(DatabaseError) as info:
            open_database(_url(path))
        assert "更新版本" in str(info.value) and "\n" not in str(info.value)
    assert _backups(path.parent) == []
    assert digest(path) == before


def test_a_read_only_file_opens_to_be_read_and_says_why_nothing_can_be_saved(tmp_path: Path) -> None:
    path = hall_file(tmp_path / "hall.sqlite3")
    with unwritable(path):
        db = open_database(_url(path))
        assert [h.code for h in list_halls(db)] == ["H1"]
        with pytest.raises(DatabaseError) as info:
            init_hall(db, "H2", "第二个大厅")
        assert str(info.value) == read_only_sentence(path)
        db.close()


def test_a_folder_sqlite_may_not_create_its_files_in_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    path = hall_file(folder / "hall.sqlite3")
    assert sorted(p.name for p in folder.iterdir()) == ["hall.sqlite3"]  # no -wal or -shm left
    with unwritable(folder):
        for target in (path, folder / "new.sqlite3"):
            with pytest.raises(DatabaseError) as info:
                open_database(_url(target))
            assert str(info.value) == folder_read_only_sentence(target)


def test_a_folder_given_instead_of_a_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as info:
        open_database(_url(tmp_path))
    assert str(info.value) == folder_given_sentence(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_named_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseError) as info:
        open_database(_url(tmp_path / "a-file" / "sub" / "hall.sqlite3"))
    assert str(info.value).startswith(f"无法建立数据库所在的文件夹 {tmp_path / 'a-file' / 'sub'}（")
    locked = tmp_path / "locked"
    locked.mkdir()
    with unwritable(locked), pytest.raises(DatabaseError) as info:
        open_database(_url(locked / "missing" / "hall.sqlite3"))
    assert str(info.value).startswith(f"无法建立数据库所在的文件夹 {locked / 'missing'}（没有写入权限）")
