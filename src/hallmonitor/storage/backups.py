"""Backups of a hall's database, and restoring one, without ever leaving a half-written file.

SQLite is copied with its online backup API (consistent while the app writes,
WAL included) into a temporary file that is renamed into place only when
complete. A restore first checks that the file is one of ours and whole, copies
the current database aside, then writes the backup into the live database
through the same API, so connections that stay open see the restored data.
PostgreSQL goes through pg_dump and pg_restore where they are installed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from hallmonitor.domain.texts import say
from hallmonitor.environment import starting_programs, user_environment
from hallmonitor.files import replacing
from hallmonitor.storage.database import (
    Database,
    DatabaseError,
    backup_sqlite,
    head_revision,
    known_revision,
    upgrade,
)

#: Daily backups are named <database stem>-YYYYMMDD.sqlite3 in the backup folder.
DAILY_FORMAT = "%Y%m%d"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    halls: tuple[str, ...]
    size: int
    modified: datetime


def sqlite_file(db: Database) -> Path | None:
    """The database's file, or None for PostgreSQL (or an in-memory database)."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database
    return Path(name).expanduser().resolve() if name and name != ":memory:" else None


def backup_to(db: Database, dest: Path) -> Path:
    """Write a complete backup of ``db`` to ``dest``; an existing file there is replaced only at the end.

    Written beside it, flushed to the disk and renamed (``files.replacing``): a
    backup killed half-way leaves the previous one and no part of its own.
    """
    dest = dest.expanduser().resolve()
    with replacing(dest) as partial:
        if db.is_sqlite:
            raw = db.engine.raw_connection()
            try:
                target = sqlite3.connect(partial)
                try:
                    raw.driver_connection.backup(target)  # type: ignore[union-attr]
                finally:
                    target.close()
            finally:
                raw.close()
        else:
            _pg_tool("pg_dump", ["--format=custom", f"--file={partial}", _libpq_url(db.url)])
    return dest


def inspect_backup(path: Path) -> BackupInfo:
    """What a SQLite backup holds; DatabaseError with a sentence when it is not a whole one of ours."""
    path = path.expanduser()
    if not path.is_file():
        raise DatabaseError(say("The backup file {path} does not exist.", path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(
            say("The backup file {path} cannot be opened: {reason}", path=path, reason=exc)
        ) from None
    try:
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError:
            raise DatabaseError(
                say("{path} is not a SQLite database file and cannot be restored from.", path=path)
            ) from None
        if not check or check[0] != "ok":
            raise DatabaseError(
                say(
                    "The backup file {path} is damaged ({found}) and cannot be restored from.",
                    path=path,
                    found=check[0] if check else say("it could not be checked"),
                )
            )
        if not {"alembic_version", "hall"} <= tables:
            raise DatabaseError(
                say(
                    "{path} is not a backup of a HallMonitor database and cannot be restored from.", path=path
                )
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row else ""
        halls = tuple(
            say("{name} ({code})", name=name, code=code)
            for code, name in conn.execute("SELECT code, name FROM hall ORDER BY id")
        )
    finally:
        conn.close()
    if not known_revision(revision):
        raise DatabaseError(
            say(
                "The backup {path} comes from a newer version of HallMonitor (database version {revision}): "
                "upgrade this program first.",
                path=path,
                revision=revision,
            )
        )
    stat = path.stat()
    return BackupInfo(path, revision, halls, stat.st_size, datetime.fromtimestamp(stat.st_mtime))


def restore_from(db: Database, source: Path, *, inspected: bool = False) -> Path | None:
    """Replace everything in ``db`` with the backup ``source``; returns the copy of what was there.

    The backup is checked first and nothing changes when it is unfit. A backup
    from an older version is upgraded after it is written in.
    """
    source = source.expanduser().resolve()
    if not db.is_sqlite:
        if not source.is_file():
            raise DatabaseError(say("The backup file {path} does not exist.", path=source))
        _pg_tool(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq_url(db.url)}",
                str(source),
            ],
        )
        return None
    if not inspected:  # the whole file's integrity check: once is enough
        inspect_backup(source)
    live = sqlite_file(db)
    if live is not None and live == source:
        raise DatabaseError(say("A database cannot be restored from its own file."))
    aside = backup_sqlite(live, "before-restore") if live is not None and live.exists() else None
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    raw = db.engine.raw_connection()
    try:
        backup.backup(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
        backup.close()
    db.engine.dispose()  # connections opened before the restore cached the old schema
    if head_revision() != _revision_of(db):
        upgrade(db.url)
    return aside


def _revision_of(db: Database) -> str | None:
    from hallmonitor.storage.database import current_revision

    return current_revision(db.engine)


def daily_backup(db: Database, folder: Path, today: date, keep: int) -> Path | None:
    """Today's automatic backup of a SQLite database, once a day, keeping the newest ``keep``.

    None when today's backup is already there (or the database is not a file).
    """
    live = sqlite_file(db)
    if live is None:
        return None
    target = folder / f"{live.stem}-{today.strftime(DAILY_FORMAT)}.sqlite3"
    made = None
    if not target.exists():
        made = backup_to(db, target)
    for old in list_backups(folder, live.stem)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return made


def list_backups(folder: Path, stem: str) -> list[Path]:
    """The daily backups of the database named ``stem`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.glob(f"{stem}-*.sqlite3")
        if len(p.stem) == len(stem) + 9 and p.stem[len(stem) + 1 :].isdigit()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _libpq_url(url: str) -> str:
    """The address as libpq reads it (no SQLAlchemy driver suffix)."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str, args: list[str]) -> None:
    tool = shutil.which(name)
    if tool is None:
        raise DatabaseError(
            say(
                "{name} was not found: backing up and restoring a PostgreSQL database needs the PostgreSQL "
                "client tools ({name}) installed.",
                name=name,
            )
        )
    # With the user's environment: the installed app's own libraries are not pg_dump's.
    with starting_programs():
        result = subprocess.run(
            [tool, *args], capture_output=True, text=True, check=False, env=user_environment()
        )
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise DatabaseError(
            say("{name} failed: {reason}", name=name, reason=reason[-1] if reason else result.returncode)
        )
