"""Refusing a backup whose audit trail was altered says so in English to an English user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hallmonitor.services.backups import make_backup, restore_backup
from hallmonitor.services.hall import init_hall
from hallmonitor.storage.database import DatabaseError, open_database
from tests.support.english import HAN


def test_a_backup_with_an_altered_audit_trail_is_refused_in_english(
    sqlite_url: str, tmp_path: Path, english
) -> None:
    db = open_database(sqlite_url)
    try:
        init_hall(db, "H1", "East hall")
        backup = make_backup(db, tmp_path / "monday.sqlite3")
        raw = sqlite3.connect(backup)
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 1")
        raw.commit()
        raw.close()
        with pytest.raises(DatabaseError) as refused:
            restore_backup(db, backup)
        message = str(refused.value)
        assert message.startswith(
            f"The audit trail of the backup {backup} was altered, so it cannot be restored from: "
        )
        assert "The audit trail was tampered with: The content of entry 1 (" in message
        assert not HAN.search(message)
    finally:
        db.close()
