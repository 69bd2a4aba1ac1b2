"""What the command line and the settings page do with backups; the copying itself is storage's.

A restore replaces every hall in the database, so it is never a side effect:
the caller has asked for it, and the database as it was is copied aside first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import inspect

from hallmonitor.domain.texts import say
from hallmonitor.services.audit import verify_chain
from hallmonitor.storage import backups as store
from hallmonitor.storage import keys
from hallmonitor.storage.backups import BackupInfo
from hallmonitor.storage.database import Database, DatabaseError, default_database_path, open_database

#: Daily backups kept on a SQLite hall, the newest first.
DEFAULT_KEEP = 14


def data_folder(db: Database) -> Path:
    """The folder holding the hall's SQLite file; for a shared (PostgreSQL) hall, this PC's data folder."""
    live = store.sqlite_file(db)
    return live.parent if live is not None else default_database_path().parent


def backup_folder(db: Database) -> Path:
    """Where daily backups go: a "backups" folder beside the SQLite file (else beside the default one)."""
    return data_folder(db) / "backups"


def make_backup(db: Database, dest: Path) -> Path:
    return store.backup_to(db, dest)


def inspect_backup(path: Path) -> BackupInfo:
    return store.inspect_backup(path)


def restore_backup(db: Database, source: Path) -> Path | None:
    """Replace the database's content with ``source``; returns where the previous content was copied.

    A SQLite backup's audit chain is verified first: a backup someone edited is
    not brought back as the hall's history.
    """
    if not db.is_sqlite:
        previous = store.restore_from(db, source)
    else:
        store.inspect_backup(source)
        _refuse_a_broken_chain(source)
        previous = store.restore_from(db, source, inspected=True)
    # The backup names its own hash key: this PC may hold it, or must be given the 大厅密钥.
    keys.load(db)
    return previous


def _refuse_a_broken_chain(source: Path) -> None:
    backup = open_database(f"sqlite:///{source.expanduser().resolve()}", migrate=False)
    try:
        with backup.engine.connect() as conn:
            if not inspect(conn).has_table("audit_log"):
                return  # from a version before the audit trail: nothing to verify
        verdict = verify_chain(backup)
    finally:
        backup.close()
    if not verdict.intact:
        raise DatabaseError(
            say(
                "The audit trail of the backup {path} was altered, so it cannot be restored from: {reason}",
                path=source,
                reason=verdict.message,
            )
        )


def daily_backup(
    db: Database, today: date, keep: int = DEFAULT_KEEP, folder: Path | None = None
) -> Path | None:
    return store.daily_backup(db, folder or backup_folder(db), today, keep)


def list_daily_backups(db: Database, folder: Path | None = None) -> list[BackupInfo]:
    """The daily backups there are, newest first, each checked to be whole (broken ones are left out)."""
    live = store.sqlite_file(db)
    if live is None:
        return []
    found = []
    for path in store.list_backups(folder or backup_folder(db), live.stem):
        try:
            found.append(store.inspect_backup(path))
        except Exception:
            continue
    return found
