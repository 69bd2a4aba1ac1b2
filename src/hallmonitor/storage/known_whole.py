"""Whether this PC last left a SQLite file whole, so that its first write need not check it again.

Before the first write of every open database, ``PRAGMA quick_check`` reads
the whole file (storage.integrity): 2.5 seconds for a hall of a million cases
when the file is in the disk cache, forty and more the first time after a
start of the PC, paid by every command that writes (a daily ``check``, an
import of a hundred complaints) and by the app's first save. Most of those
files are exactly as this program last left them.

So when a process that found a file whole (checked, or marked) closes it
cleanly, it notes here what the file looks like: its size, its time of last
change to the nanosecond (moved on by a microsecond, which no later write
would leave), its file number and its disk. The next open whose
file still looks so, with no write-ahead log holding changes beside it, skips
the check. Anything else runs it: a file restored, copied, replaced or written
by another program or PC since (each changes one of the four), a process that
died with the file open (no note: a note is written only after a clean close,
and a check that finds damage removes it), a log left with changes in it.

What this gives up, on purpose: damage that changes none of the four (a disk
sector failing under a file nobody wrote) is found when SQLite reads that page
(it says so, integrity.explain) instead of before the first write. A backup
to restore from and a file to upgrade are still checked every time.

The notes sit in the user's cache (one small file per database, named by a
hash of its path): they can always be worked out again, and one that cannot
be read or written only means the check runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from hallmonitor.files import cache_folder

log = logging.getLogger("hallmonitor.storage")

#: Bumped when what a note holds changes, so an older note is not trusted.
_REVISION = 1
#: How far the noted file's change time is moved on (see ``remember``).
_NUDGE_NS = 1000


def _note_file(path: Path, folder: Path | None = None) -> Path:
    name = hashlib.sha256(os.fsencode(_resolved(path))).hexdigest()[:32]
    return (folder or cache_folder()) / "whole" / f"{name}.json"


def _resolved(path: Path) -> str:
    return str(path.expanduser().resolve())


def _looks(path: Path) -> dict[str, Any] | None:
    """The file's size, change time, file number and disk; None if it is not there."""
    try:
        st = path.stat()
    except OSError:
        return None
    return {
        "revision": _REVISION,
        "path": _resolved(path),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "file": st.st_ino,
        "disk": st.st_dev,
    }


def _log_holds_changes(path: Path) -> bool:
    """A -wal file with anything in it: another program has the file open, or one died writing it."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False
    except OSError:
        return True


def still_whole(path: Path) -> bool:
    """The file is as this PC last left it whole (and no log holds changes beside it)."""
    looks = _looks(path)
    if looks is None or _log_holds_changes(path):
        return False
    try:
        noted = json.loads(_note_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return noted == looks


def remember(path: Path) -> None:
    """After a clean close of a file this process found whole: note how it looks now.

    Not when a log is still beside it (another connection, in this process or
    another, has it open and may go on writing).
    """
    wal = Path(f"{path}-wal")
    if wal.exists():
        return
    try:
        # A microsecond on from the close's own write: a write by anyone in the same tick of a
        # coarse file-system clock would leave the very time noted otherwise, and go unseen.
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + _NUDGE_NS))
    except OSError:
        return
    looks = _looks(path)
    if looks is None or wal.exists():
        return
    note = _note_file(path)
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        part = note.with_name(f"{note.name}.{os.getpid()}.part")
        part.write_text(json.dumps(looks), encoding="utf-8")
        os.replace(part, note)
    except OSError as exc:
        log.info("could not note %s as whole: %s", path, exc)


def forget(path: Path) -> None:
    """The file failed its check (or is being replaced): the next open checks it again."""
    with contextlib.suppress(OSError):
        _note_file(path).unlink()
