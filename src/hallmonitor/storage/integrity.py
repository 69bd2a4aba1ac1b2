"""Opening a SQLite file: where it is, whether it may be written, whether it is whole.

Each way a file can be unfit has its own sentence naming the path: a folder
given instead of a file, a folder that cannot be made, a folder SQLite may not
create its -wal and -shm files in, a read-only file, a damaged one. A file
that is read-only or fails ``PRAGMA quick_check`` is still opened, to be read
(SQLite reads what it can), and every write is refused with the sentence, so
nothing is ever written into broken pages. The check runs once, before the
first write an open database makes rather than at every opening, so a
command that only reads stays quick; the app runs it as soon as it opens, to
say so at once.
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

from hallmonitor.storage.contention import BUSY_SENTENCE, is_busy, sqlite_code
from hallmonitor.storage.database import DatabaseError

log = logging.getLogger("hallmonitor.storage")

RESTORE_HINT = "请从最近的备份恢复（设置 ▸ 备份，或 hallmonitor restore 备份文件 --yes）"

#: Statements that change the file; everything else (SELECT, PRAGMA, BEGIN...) may go to a damaged one.
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)

# SQLite's primary result codes.
_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26


def _file(path: Path | None) -> str:
    return f"数据库文件 {path}" if path is not None else "数据库文件"


def damaged_sentence(path: Path | None) -> str:
    return f"{_file(path)} 已损坏（完整性检查未通过），为免写坏数据只能查看、不能写入；{RESTORE_HINT}。"


def read_only_sentence(path: Path | None) -> str:
    return (
        f"{_file(path)} 是只读的，只能查看、不能写入；"
        "如需修改，请取消该文件的只读属性，或请管理员给予写入权限。"
    )


def folder_read_only_sentence(path: Path) -> str:
    return (
        f"数据库所在的文件夹 {path.parent} 不允许写入，而 SQLite 需要在数据库旁建立临时文件"
        f"（{path.name}-wal、{path.name}-shm）；请管理员给予该文件夹写入权限，或把数据库放到可以写入的文件夹。"
    )


def folder_given_sentence(path: Path) -> str:
    return (
        f"数据库路径 {path} 是一个文件夹，不是数据库文件；"
        f"请在路径末尾加上文件名，例如 {path / 'hallmonitor.sqlite3'}。"
    )


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "没有写入权限",
        errno.EPERM: "没有写入权限",
        errno.EROFS: "所在磁盘是只读的",
        errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
        errno.EEXIST: "同名的文件已存在",
        errno.ENOSPC: "磁盘已满",
        errno.ENOENT: "路径不存在",
        errno.ENAMETOOLONG: "路径太长",
    }
    return reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)


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
            f"无法建立数据库所在的文件夹 {folder}（{_os_reason(exc)}）；请检查路径是否正确、网络盘是否已连接。"
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
        return f"数据库所在的文件夹 {folder} 不存在；请检查路径是否正确、网络盘是否已连接。"
    if path.exists() and not os.access(path, os.R_OK):
        return f"没有读取数据库文件 {path} 的权限；请管理员给予读写权限。"
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
    database is open (a restore replaces the file and opens it anew).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._checked = False
        self._problem: str | None = None

    @property
    def cleared(self) -> bool:
        return self._checked and self._problem is None

    def problem(self, connection: Any) -> str | None:
        """Why nothing may be written (checked on ``connection``, a DB-API one, the first time)."""
        with self._lock:
            if not self._checked:
                self._problem = read_only_reason(self.path)
                if self._problem is None:
                    found = quick_check(connection)
                    if found is not None:
                        log.error("integrity check of %s failed: %s", self.path, found[:500])
                        self._problem = damaged_sentence(self.path)
                self._checked = True
            return self._problem

    def attach(self, engine: Engine) -> WriteGuard:
        @event.listens_for(engine, "before_cursor_execute")
        def _before_write(_conn, cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
            if self.cleared or not _WRITES.match(statement):
                return
            problem = self.problem(cursor.connection)
            if problem is not None:
                raise DatabaseError(problem)

        return self


def explain(exc: BaseException, path: Path | None = None) -> str | None:
    """A sentence for a SQLite error that reached the user, naming the file where known; None if not one."""
    if is_busy(exc):
        return BUSY_SENTENCE
    code = sqlite_code(exc)
    if code in (_CORRUPT, _NOTADB):
        return f"{_file(path)} 已损坏，SQLite 读不出其中的数据，本次操作未完成；{RESTORE_HINT}。"
    if code == _READONLY:
        return read_only_sentence(path)
    if code == _FULL:
        return f"磁盘已满，{_file(path)} 无法写入，本次操作未完成；请清理磁盘空间后再试。"
    if code == _IOERR:
        return f"读写{_file(path)}时出现磁盘错误（网络盘断开或磁盘故障），本次操作未完成；请检查后再试。"
    if code == _CANTOPEN:
        return (unopenable_sentence(path) if path else None) or f"无法打开{_file(path)}，请检查路径和权限。"
    return None


def refuse_unfit_for_upgrade(engine: Engine, path: Path) -> None:
    """Before a SQLite file is copied aside and upgraded: it must be writable and whole."""
    if read_only_reason(path) is not None:
        raise DatabaseError(
            f"数据库文件 {path} 不能写入，而本版本需要先升级它才能打开；"
            "请取消只读属性或请管理员给予写入权限（文件和所在文件夹）后再打开。"
        )
    with engine.connect() as conn:
        found = quick_check(conn.connection.driver_connection)
    if found is not None:
        log.error("integrity check of %s failed before upgrading: %s", path, found[:500])
        raise DatabaseError(
            f"数据库文件 {path} 已损坏（完整性检查未通过），不能升级到本版本；{RESTORE_HINT}。"
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
        return f"无法打开数据库 {shown}：它不是 SQLite 数据库文件，或已严重损坏；如是本软件的数据库，{RESTORE_HINT}。"
    sentence = explain(exc, path)
    if sentence is not None:
        return sentence
    reason = getattr(exc, "orig", None) or exc
    first_line = str(reason).strip().splitlines()[0] if str(reason).strip() else type(exc).__name__
    return f"无法打开数据库 {shown}：{first_line}"
