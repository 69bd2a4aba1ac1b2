"""Backups and restores on real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hallmonitor.services.backups import daily_backup, list_daily_backups, make_backup, restore_backup
from hallmonitor.services.hall import init_hall, list_halls
from hallmonitor.storage.database import DatabaseError, open_database


def codes(url: str) -> list[str]:
    db = open_database(url)
    try:
        return [h.code for h in list_halls(db)]
    finally:
        db.close()


def test_a_backup_restored_brings_back_what_was_there_and_keeps_a_copy_of_what_it_replaced(
    sqlite_url: str, tmp_path: Path
) -> None:
    db = open_database(sqlite_url)
    reader = open_database(sqlite_url)  # another PC's app, kept open through the restore
    try:
        init_hall(db, "H1", "东区大厅")
        backup = make_backup(db, tmp_path / "backups" / "monday.sqlite3")
        init_hall(db, "H2", "西区大厅")
        assert [h.code for h in list_halls(reader)] == ["H1", "H2"]

        aside = restore_backup(db, backup)

        assert [h.code for h in list_halls(db)] == ["H1"]
        assert [h.code for h in list_halls(reader)] == ["H1"]
        assert aside is not None and codes(f"sqlite:///{aside}") == ["H1", "H2"]
    finally:
        reader.close()
        db.close()


@pytest.mark.parametrize("damage", ["not a database", "truncated", "another program's database"])
def test_an_unfit_backup_is_refused_in_a_sentence_and_changes_nothing(
    sqlite_url: str, tmp_path: Path, damage: str
) -> None:
    import sqlite3

    db = open_database(sqlite_url)
    try:
        init_hall(db, "H1", "东区大厅")
        bad = tmp_path / "bad.sqlite3"
        if damage == "not a database":
            bad.write_text("办件编号,受理时间\n", encoding="utf-8")
        elif damage == "truncated":
            whole = make_backup(db, tmp_path / "whole.sqlite3").read_bytes()
            bad.write_bytes(whole[: len(whole) // 3])
        else:
            other = sqlite3.connect(bad)
            other.execute("CREATE TABLE notes (text TEXT)")
            other.commit()
            other.close()
        with pytest.raises(DatabaseError) as info:
            restore_backup(db, bad)
        assert str(bad) in str(info.value)
        assert [h.code for h in list_halls(db)] == ["H1"]
    finally:
        db.close()
    assert not list(Path(sqlite_url.removeprefix("sqlite:///")).parent.glob("*before-restore*"))


def test_daily_backups_are_made_once_a_day_and_the_newest_fourteen_kept(
    sqlite_url: str, tmp_path: Path
) -> None:
    db = open_database(sqlite_url)
    try:
        init_hall(db, "H1", "东区大厅")
        folder = tmp_path / "daily"
        first = date(2026, 11, 1)
        assert daily_backup(db, first, folder=folder) is not None
        assert daily_backup(db, first, folder=folder) is None  # already there today
        for n in range(1, 16):
            daily_backup(db, first + timedelta(days=n), folder=folder)
        kept = list_daily_backups(db, folder=folder)
        assert len(kept) == 14
        assert kept[0].path.name.endswith("20261116.sqlite3")
        assert kept[-1].path.name.endswith("20261103.sqlite3")
        assert kept[0].halls == ("东区大厅（H1）",)
    finally:
        db.close()


@pytest.mark.pg
def test_a_postgresql_database_is_backed_up_and_restored_with_pg_dump(pg_url: str, tmp_path: Path) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed here")
    db = open_database(pg_url)
    try:
        init_hall(db, "H1", "东区大厅")
        backup = make_backup(db, tmp_path / "hall.dump")
        init_hall(db, "H2", "西区大厅")
        restore_backup(db, backup)
        db.engine.dispose()
        assert [h.code for h in list_halls(db)] == ["H1"]
    finally:
        db.close()


def test_a_backup_whose_audit_trail_was_edited_is_not_restored(sqlite_url: str, tmp_path: Path) -> None:
    import sqlite3

    db = open_database(sqlite_url)
    try:
        init_hall(db, "H1", "东区大厅")
        backup = make_backup(db, tmp_path / "monday.sqlite3")
        init_hall(db, "H2", "西区大厅")
        raw = sqlite3.connect(backup)
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET actor = '某人' WHERE seq = 1")
        raw.commit()
        raw.close()
        with pytest.raises(DatabaseError) as refused:
            restore_backup(db, backup)
        assert "审计记录已被改动" in str(refused.value)
        assert [h.code for h in list_halls(db)] == ["H1", "H2"]
    finally:
        db.close()


def test_a_backup_that_fails_half_way_keeps_the_previous_one_and_leaves_no_part(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import hallmonitor.storage.backups as backups

    db = open_database(sqlite_url)
    try:
        init_hall(db, "H1", "东区大厅")
        target = make_backup(db, tmp_path / "backups" / "today.sqlite3")
        before = target.read_bytes()
        init_hall(db, "H2", "西区大厅")

        connect = sqlite3.connect

        def disk_full(path: Path) -> sqlite3.Connection:
            connect(path).close()  # the copy has begun ...
            raise sqlite3.OperationalError("database or disk is full")  # ... and dies

        monkeypatch.setattr(backups.sqlite3, "connect", disk_full)
        with pytest.raises(sqlite3.OperationalError):
            make_backup(db, target)
        monkeypatch.undo()
        assert target.read_bytes() == before
        assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    finally:
        db.close()
