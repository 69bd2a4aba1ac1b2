"""Opening a folder or a file in the user's own program (file manager, PDF viewer), as the user would.

Run from source, QDesktopServices does it. The installed app must not hand its
own environment to that program (``hallmonitor.environment``), and
QDesktopServices starts it with this process's: so on Linux the app starts
xdg-open itself, detached, with the user's environment (the same program Qt would
start); elsewhere, or without xdg-open, QDesktopServices runs with the user's
environment put back for the moment it starts the program.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, QUrl
from PySide6.QtGui import QDesktopServices

from hallmonitor.environment import (
    HOOKED,
    LIBRARY_PATH,
    LIBRARY_PATH_ORIGINAL,
    bundle_folder,
    starting_programs,
    user_environment,
)


def open_path(path: str | Path) -> bool:
    """Open a local folder or file; False when no program took it."""
    return open_url(QUrl.fromLocalFile(str(path)))


def open_url(url: QUrl) -> bool:
    """Open ``url`` in the user's program for it, started with the user's environment."""
    if bundle_folder() is None:
        return bool(QDesktopServices.openUrl(url))
    env = user_environment()
    if sys.platform not in ("win32", "darwin"):
        opener = shutil.which("xdg-open", path=env.get("PATH", os.defpath))
        if opener is not None:
            return _start_detached(opener, [url.toLocalFile() if url.isLocalFile() else url.toString()], env)
    with _process_environment(env), starting_programs():
        return bool(QDesktopServices.openUrl(url))


def _start_detached(program: str, arguments: list[str], env: Mapping[str, str]) -> bool:
    process = QProcess()
    process.setProgram(program)
    process.setArguments(arguments)
    environment = QProcessEnvironment()
    for name, value in env.items():
        environment.insert(name, value)
    process.setProcessEnvironment(environment)
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setStandardErrorFile(QProcess.nullDevice())
    result = process.startDetached()
    return bool(result[0] if isinstance(result, tuple) else result)


@contextmanager
def _process_environment(env: Mapping[str, str]) -> Iterator[None]:
    """This process's library and plug-in paths as in ``env`` while the block runs, then as before."""
    names = (LIBRARY_PATH, LIBRARY_PATH_ORIGINAL, *HOOKED)
    saved = {name: os.environ.get(name) for name in names}
    try:
        for name in names:
            _set(name, env.get(name))
        yield
    finally:
        for name, value in saved.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
