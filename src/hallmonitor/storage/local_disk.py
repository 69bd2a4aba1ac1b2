"""Whether a file lies on a disk of this PC, rather than on a network drive or a file system we cannot tell.

Two PCs writing one SQLite file on a network drive is where such a file is
most often damaged: the drive's locks do not always hold, and the shared
memory beside the file is not shared between machines. So what may be
skipped for a file on this PC's own disk (storage.known_whole) is never
skipped for one elsewhere. In doubt, the answer is "not local".
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: File systems of a disk in or attached to this PC (Linux's names, as /proc/self/mountinfo gives them).
LOCAL_FILE_SYSTEMS = frozenset(
    {
        "ext2",
        "ext3",
        "ext4",
        "xfs",
        "btrfs",
        "f2fs",
        "zfs",
        "jfs",
        "reiserfs",
        "bcachefs",
        "tmpfs",
        "overlay",
        "vfat",
        "exfat",
        "ntfs",
        "ntfs3",
        "fuseblk",
    }
)

# Windows' GetDriveTypeW: removable, fixed, RAM disk.
_LOCAL_DRIVE_TYPES = frozenset({2, 3, 6})


def _unescape(field: str) -> str:
    """mountinfo writes a space, a tab, a newline and a backslash in a path as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def file_system_of(path: str, mountinfo: str) -> str | None:
    """The type of the file system ``path`` (resolved) is on, from the text of /proc/self/mountinfo."""
    best, kind = "", None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        mount_point = _unescape(fields[4])
        inside = path == mount_point or path.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, kind = mount_point, right.split()[0]
    return kind


def is_local(path: Path) -> bool:
    """True only when ``path`` is known to lie on this PC's own disk."""
    resolved = str(path.expanduser().resolve())
    if sys.platform == "win32":
        if resolved.startswith("\\\\"):
            return False  # \\server\share
        import ctypes

        root = os.path.splitdrive(resolved)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(root) in _LOCAL_DRIVE_TYPES  # type: ignore[attr-defined]
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            mountinfo = f.read()
    except OSError:
        return False
    return file_system_of(resolved, mountinfo) in LOCAL_FILE_SYSTEMS
