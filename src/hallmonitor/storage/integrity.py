"""Opening a SQLite file: where it is, whether it may be written, whether it is whole.

Each way a file can be unfit has its own sentence naming the path: a folder
given instead of a file, a folder that cannot be made, a folder SQLite may not
create its -wal and -shm files in, a read-only file, a damaged one. A file
that is read-only or fails ``PRAGMA quick_check`` is still opened, to be read
(SQLite reads what it can), and every write is refused with the sentence, so
nothing is ever written into broken pages. The check runs once, before the
first write an open database makes rather than at every opening, so a
command that only reads stays quick; the app runs it as soon as it opens, to
say so at once. It is skipped for a file that looks exactly as this PC last
closed it whole (storage.known_whole says what that gives up).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hallmonitor.domain.texts import mark, say
from hallmonitor.storage import known_whole
from hallmonitor.storage.contention import busy_sentence, is_busy, sqlite_code
from hallmonitor.storage.database import DatabaseError

log = logging.getLogger("hallmonitor.storage")


#: Statements that change the file; everything else (SELECT, PRAGMA, BEGIN...) may go to a damaged one.
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)

# SQLite's primary result codes.
_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26


def restore_hint() -> str:
    """How to get a whole database back, said after every sentence about a damaged one."""
    return say(
        "restore it from the latest backup (Settings ▸ Backups, or hallmonitor restore BACKUP_FILE --yes)"
    )


def _file(path: Path | None) -> str:
    """The file as a sentence names it: "The {file} is …" reads right with and without its path."""
    return say("database file {path}", path=path) if path is not None else say("database file")


def damaged_sentence(path: Path | None) -> str:
    return say(
        "The {file} is damaged (its integrity check failed): it can be viewed but not written, "
        "so that nothing is written into broken data; {hint}.",
        file=_file(path),
        hint=restore_hint(),
    )


def read_only_sentence(path: Path | None) -> str:
    return say(
        "The {file} is read-only: it can be viewed but not written. To change it, clear the file's "
        "read-only attribute or ask the administrator for write permission.",
        file=_file(path),
    )


def folder_read_only_sentence(path: Path) -> str:
    return say(
        "The database's folder {folder} may not be written, and SQLite needs to create temporary files "
        "beside the database ({name}-wal, {name}-shm). Ask the administrator for write permission on "
        "the folder, or put the database in a folder that can be written.",
        folder=path.parent,
        name=path.name,
    )


def folder_given_sentence(path: Path) -> str:
    return say(
        "The database path {path} is a folder, not a database file: add a file name at the end of "
        "the path, e.g. {example}.",
        path=path,
        example=path / "hallmonitor.sqlite3",
    )


#: Why a folder could not be made, by errno; any other error in the system's own words.
_OS_REASONS = {
    errno.EACCES: mark("no write permission"),
    errno.EPERM: mark("no write permission"),
    errno.EROFS: mark("the disk is read-only"),
    errno.ENOTDIR: mark("a part of the path is a file, not a folder"),
    errno.EEXIST: mark("a file of that name already exists"),
    errno.ENOSPC: mark("the disk is full"),
    errno.ENOENT: mark("the path does not exist"),
    errno.ENAMETOOLONG: mark("the path is too long"),
}


def _os_reason(exc: OSError) -> str:
    reason = _OS_REASONS.get(exc.errno or 0)
    return say(reason) if reason else exc.strerror or type(exc).__name__


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names (None for another database or an in-memory one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def prepare_location(path: Path) -> None:
    """Refuse a folder given for the file; make the file's folder, or say in a sentence why it cannot be."""
    if path.is_dir():
        raise DatabaseError(folder_given_sentence(path))
    folder = path.expanduser().resolve().parent
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            say(
                "Cannot create the database's folder {folder} ({reason}): check that the path is right "
                "and the network drive is connected.",
                folder=folder,
                reason=_os_reason(exc),
            )
        ) from exc


def _can_create_in(folder: Path) -> bool:
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".hallmonitor-probe-")
    except OSError:
        return False
    os.close(handle)
    os.unlink(name)
    return True


def unopenable_sentence(path: Path) -> str | None:
    """Why SQLite could not open ``path`` at all, when it is the place rather than the file's content."""
    if path.is_dir():
        return folder_given_sentence(path)
    folder = path.expanduser().resolve().parent
    if not folder.is_dir():
        return say(
            "The database's folder {folder} does not exist: check that the path is right and the "
            "network drive is connected.",
            folder=folder,
        )
    if path.exists() and not os.access(path, os.R_OK):
        return say(
            "No permission to read the database file {path}: ask the administrator for read and write "
            "permission.",
            path=path,
        )
    if not _can_create_in(folder):
        return folder_read_only_sentence(path)
    return None


def read_only_reason(path: Path) -> str | None:
    """Why the file at ``path`` may not be written: the file read-only, or its folder.

    Never by opening the file: closing any descriptor of it would drop the
    locks SQLite holds on it in this process (POSIX), and another program
    could then take this one's WAL for its own and delete it.
    """
    if not path.exists():
        return None
    if not os.access(path, os.W_OK):
        return read_only_sentence(path)
    if not _can_create_in(path.expanduser().resolve().parent):
        return folder_read_only_sentence(path)
    return None


def quick_check(connection: Any) -> str | None:
    """SQLite's quick_check on a DB-API connection: None when whole, else what it found (for the log)."""
    try:
        rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) in (_CORRUPT, _NOTADB):
            return str(exc)
        raise
    found = [str(row[0]) for row in rows]
    return None if found == ["ok"] else "; ".join(found)


class WriteGuard:
    """Refuses every write to a SQLite file that is read-only or fails its integrity check.

    Attached to an engine; asked once, the answer holds for as long as the
    database is open (a restore replaces the file and opens it anew). A file
    this PC last closed whole and nobody changed since is not read again
    (storage.known_whole); one SQLite finds damaged while in use is not noted
    whole again, and its next open checks it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._checked = False
        self._problem: str | None = None
        self._damaged = False

    @property
    def cleared(self) -> bool:
        return self._checked and self._problem is None

    def problem(self, connection: Any) -> str | None:
        """Why nothing may be written (checked on ``connection``, a DB-API one, the first time)."""
        with self._lock:
            if not self._checked:
                self._problem = read_only_reason(self.path)
                if self._problem is None and not known_whole.still_whole(self.path):
                    found = quick_check(connection)
                    if found is not None:
                        log.error("integrity check of %s failed: %s", self.path, found[:500])
                        known_whole.forget(self.path)
                        self._problem = damaged_sentence(self.path)
                self._checked = True
            return self._problem

    def closed(self) -> None:
        """Every connection is closed: if this process found the file whole, the next open need not check it."""
        if self.cleared and not self._damaged:
            known_whole.remember(self.path)

    def found_damaged(self) -> None:
        """SQLite said the file is damaged while it was in use: its next open checks it again."""
        self._damaged = True
        known_whole.forget(self.path)

    def attach(self, engine: Engine) -> WriteGuard:
        @event.listens_for(engine, "before_cursor_execute")
        def _before_write(_conn, cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
            if self.cleared or not _WRITES.match(statement):
                return
            problem = self.problem(cursor.connection)
            if problem is not None:
                raise DatabaseError(problem)

        @event.listens_for(engine, "handle_error")
        def _on_error(context):  # type: ignore[no-untyped-def]
            if sqlite_code(context.original_exception) in (_CORRUPT, _NOTADB):
                self.found_damaged()

        return self


def explain(exc: BaseException, path: Path | None = None) -> str | None:
    """A sentence for a SQLite error that reached the user, naming the file where known; None if not one."""
    if is_busy(exc):
        return busy_sentence()
    code = sqlite_code(exc)
    if code in (_CORRUPT, _NOTADB):
        return say(
            "The {file} is damaged: SQLite cannot read its data, and the operation was not completed; {hint}.",
            file=_file(path),
            hint=restore_hint(),
        )
    if code == _READONLY:
        return read_only_sentence(path)
    if code == _FULL:
        return say(
            "The disk is full: the {file} cannot be written, and the operation was not completed. "
            "Free some disk space and try again.",
            file=_file(path),
        )
    if code == _IOERR:
        return say(
            "A disk error occurred reading or writing the {file} (a network drive disconnected or a "
            "failing disk), and the operation was not completed. Check it and try again.",
            file=_file(path),
        )
    if code == _CANTOPEN:
        return (unopenable_sentence(path) if path else None) or say(
            "Cannot open the {file}: check the path and the permissions.", file=_file(path)
        )
    return None


def refuse_unfit_for_upgrade(engine: Engine, path: Path) -> None:
    """Before a SQLite file is copied aside and upgraded: it must be writable and whole."""
    if read_only_reason(path) is not None:
        raise DatabaseError(
            say(
                "The database file {path} cannot be written, and this version must upgrade it before "
                "opening it. Clear its read-only attribute or ask the administrator for write permission "
                "(on the file and its folder), then open it again.",
                path=path,
            )
        )
    with engine.connect() as conn:
        found = quick_check(conn.connection.driver_connection)
    if found is not None:
        log.error("integrity check of %s failed before upgrading: %s", path, found[:500])
        raise DatabaseError(
            say(
                "The database file {path} is damaged (its integrity check failed) and cannot be upgraded "
                "to this version; {hint}.",
                path=path,
                hint=restore_hint(),
            )
        )


def open_failure_sentence(shown: str, url: str, exc: BaseException) -> str:
    """The sentence for a database that could not be opened at all."""
    path = sqlite_path(url)
    code = sqlite_code(exc)
    if path is not None and code == _CANTOPEN:
        sentence = unopenable_sentence(path)
        if sentence is not None:
            return sentence
    if code in (_CORRUPT, _NOTADB):
        return say(
            "Cannot open the database {shown}: it is not a SQLite database file, or it is badly damaged. "
            "If it is this program's database, {hint}.",
            shown=shown,
            hint=restore_hint(),
        )
    sentence = explain(exc, path)
    if sentence is not None:
        return sentence
    reason = getattr(exc, "orig", None) or exc
    first_line = str(reason).strip().splitlines()[0] if str(reason).strip() else type(exc).__name__
    return say("Cannot open the database {shown}: {reason}", shown=shown, reason=first_line)
