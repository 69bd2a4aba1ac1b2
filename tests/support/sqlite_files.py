"""Real SQLite files for the opening tests: a closed hall file, one with damaged pages, its digest."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from hallmonitor.services.hall import init_hall
from hallmonitor.storage.database import open_database


def hall_file(path: Path, code: str = "H1", name: str = "某市政务服务大厅") -> Path:
    """A real hall's database file, every connection to it closed (its WAL folded in)."""
    db = open_database(f"sqlite:///{path}")
    init_hall(db, code, name)
    db.close()
    return path


def damage(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage; the file's header and other pages stay."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xab" * page_size)


def digest(path: Path) -> str:
    """The file's content, to show nothing was written (read only with no connection open to it)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
