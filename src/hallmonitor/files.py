"""Files the user keeps (reports, notices, backups): whole or not at all, and no stray parts.

Each file is written to a temporary file in its target folder, flushed to the
disk and renamed over the target, so a crash, a kill or a full disk leaves the
old file or the new one, never half of one. The temporary file is created with
the user's umask like any file they save (not mkstemp's 0600, which would keep
a weekly report from the colleague it is shared with), and its name says whose
it is: ``.~hallmonitor-<pc>-<process>-<token>.part``. Whatever ends the write,
an error removes it; after a kill, the next write into that folder removes the
parts of processes that no longer run on this PC (and another PC's after a day,
on a shared folder), never one still being written.

Libraries with temporary files of their own (openpyxl streams every sheet of a
weekly report through one, names and masked IDs included) write them into a
private folder of this process under the user's cache (``private_temp``),
removed at exit and, after a kill, by the next process that uses one.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "CACHE_ENV",
    "PART_PREFIX",
    "TEMP_ENV",
    "cache_folder",
    "private_temp",
    "remove_stale_parts",
    "replacing",
]

PART_PREFIX = ".~hallmonitor-"
#: Where the private temporary folders go instead of the user's cache (tests, kiosks).
TEMP_ENV = "HALLMONITOR_TEMP_DIR"
#: Where the app keeps what it can always work out again, instead of the user's cache (tests, kiosks).
CACHE_ENV = "HALLMONITOR_CACHE_DIR"
#: Another PC's leftovers on a shared folder are removed only after this long: its process may still run.
FOREIGN_AGE = 24 * 3600
#: Parts of an older version (".~<random>.xlsx.part"), which named no process.
_LEGACY_PART = re.compile(r"\.~[A-Za-z0-9_]{8}\.xlsx\.part")
_LEGACY_AGE = 3600

_lock = threading.Lock()
_writing: set[str] = set()


def _pc() -> str:
    """This PC's name, as a file name allows it."""
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:20] or "pc"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return False  # Windows refuses to remove a file still open: trying to is the test
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _stale(path: Path, pc: str, pid: int, token: str, now: float) -> bool:
    if pc != _pc():
        with contextlib.suppress(OSError):
            return now - path.stat().st_mtime > FOREIGN_AGE
        return False
    if pid == os.getpid():
        return token not in _writing  # an earlier process of the same number
    return not _alive(pid)


_PART = re.compile(re.escape(PART_PREFIX) + r"(?P<pc>[A-Za-z0-9]+)-(?P<pid>\d+)-(?P<token>[0-9a-f]+)\.part")


def remove_stale_parts(folder: Path) -> int:
    """Remove what killed writes left in ``folder``; returns how many went."""
    removed = 0
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        path = folder / name
        stale = False
        match = _PART.fullmatch(name)
        if match is not None:
            stale = _stale(path, match["pc"], int(match["pid"]), match["token"], now)
        elif _LEGACY_PART.fullmatch(name):
            with contextlib.suppress(OSError):
                stale = now - path.stat().st_mtime > _LEGACY_AGE
        else:
            continue
        if stale:
            with contextlib.suppress(OSError):  # in use (Windows), or gone already
                path.unlink()
                removed += 1
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; Windows has no handle on a folder for this)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new, empty file in ``target``'s folder to write into; renamed over ``target`` if the block succeeds.

    The folder is created when missing; stale parts in it are removed first.
    An error (the folder read-only, the disk full) names the target's folder,
    not the temporary file.
    """
    target = Path(target)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(folder)
    token = secrets.token_hex(6)
    part = folder / f"{PART_PREFIX}{_pc()}-{os.getpid()}-{token}.part"
    try:
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(folder)) from None
    os.close(fd)
    with _lock:
        _writing.add(token)
    try:
        yield part
        _fsync(part)
        try:
            os.replace(part, target)
        except OSError as exc:  # the target open in another program (Windows), or read-only
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    finally:
        with _lock:
            _writing.discard(token)


# --- libraries' own temporary files ------------------------------------------------


_temp_users = 0
_temp_before: str | None = None
_temp_folder: Path | None = None


def cache_folder() -> Path:
    """The user's cache: what the app can always work out again (a year's guessed holidays, which files it found whole)."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("HallMonitor", appauthor=False))


def _temp_root() -> Path:
    given = os.environ.get(TEMP_ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("HallMonitor", appauthor=False)) / "tmp"


def _remove_stale_folders(root: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in root.iterdir():
            match = re.fullmatch(r"(?P<pc>[A-Za-z0-9]+)-(?P<pid>\d+)", entry.name)
            if match is None or not entry.is_dir() or int(match["pid"]) == os.getpid():
                continue
            if match["pc"] == _pc():
                stale = not _alive(int(match["pid"]))
            else:
                stale = now - entry.stat().st_mtime > FOREIGN_AGE
            if stale:
                shutil.rmtree(entry, ignore_errors=True)


def _own_folder() -> Path:
    """This process's folder, made (and its dead neighbours removed) on first use."""
    global _temp_folder
    root = _temp_root()
    if _temp_folder is None or _temp_folder.parent != root:
        root.mkdir(parents=True, exist_ok=True)
        _remove_stale_folders(root)
        _temp_folder = root / f"{_pc()}-{os.getpid()}"
        atexit.register(shutil.rmtree, _temp_folder, True)
    _temp_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _temp_folder


@contextmanager
def private_temp() -> Iterator[Path]:
    """Inside the block, this process's temporary files go to its private folder.

    ``tempfile``'s folder is the process's own setting: it is switched while any
    thread is inside such a block and put back when the last one leaves.
    """
    global _temp_users, _temp_before
    with _lock:
        folder = _own_folder()
        if _temp_users == 0:
            _temp_before = tempfile.tempdir
            tempfile.tempdir = str(folder)
        _temp_users += 1
    try:
        yield folder
    finally:
        with _lock:
            _temp_users -= 1
            if _temp_users == 0:
                tempfile.tempdir = _temp_before
