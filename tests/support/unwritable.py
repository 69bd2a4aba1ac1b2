"""Files and folders nobody may write, for real, even when the tests run as root.

chmod does not stop root; the immutable flag (what chattr +i sets) does, and
root may set it on ext4 and most Linux file systems. Where neither can work,
the test is skipped, saying why.
"""

from __future__ import annotations

import array
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_FS_IOC_GETFLAGS = 0x80086601
_FS_IOC_SETFLAGS = 0x40086602
_FS_IMMUTABLE_FL = 0x00000010


def _set_immutable(path: Path, on: bool) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        flags[0] = flags[0] | _FS_IMMUTABLE_FL if on else flags[0] & ~_FS_IMMUTABLE_FL
        fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags, True)
    finally:
        os.close(fd)


@contextmanager
def unwritable(path: Path) -> Iterator[Path]:
    """``path`` (a file, or a folder nothing may be created in) cannot be written inside the block."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    try:
        _set_immutable(path, True)
    except OSError as exc:
        pytest.skip(
            "running as root, where permission bits do not stop writes, and the immutable flag "
            f"cannot be set on {path} ({exc.strerror})"
        )
    try:
        yield path
    finally:
        _set_immutable(path, False)
