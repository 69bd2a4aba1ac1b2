"""The environment of the programs the app starts: the one the user started the app with.

The installed app (a PyInstaller bundle) changes its own environment to load its
bundled libraries: the bootloader puts the bundle's folder first in
LD_LIBRARY_PATH (keeping the user's value in LD_LIBRARY_PATH_ORIG), and the
PySide6 run-time hook points QT_PLUGIN_PATH and QML2_IMPORT_PATH into the bundle
(and puts it on PATH on Windows). A file manager, PDF viewer or pg_dump started
with that environment loads the bundle's Qt, OpenSSL or libpq instead of its
own, and a Qt program among them (Okular, WPS, deepin's viewer) fails to start.
So every program the app starts gets ``user_environment()``.

installer/rthook_environment.py, run before PyInstaller's own run-time hooks,
records the environment as the bootloader handed it over: the variables those
hooks overwrite get the user's values back from it, and are left out when the
user had not set them. Without that record, the bundle's entries are removed.
On Windows the bootloader also sets the DLL search folder with SetDllDirectoryW,
which a started program inherits: ``starting_programs()`` puts the standard
search order back while one starts. Run from source, nothing is changed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

#: Set by installer/rthook_environment.py in the bundle: os.environ before the run-time hooks ran.
RECORD = "_hallmonitor_start_environ"
LIBRARY_PATH = "LD_LIBRARY_PATH"
#: Where the bootloader keeps the user's LD_LIBRARY_PATH (only when the user had one).
LIBRARY_PATH_ORIGINAL = "LD_LIBRARY_PATH_ORIG"
#: What PyInstaller's run-time hooks for PySide6 set or extend.
HOOKED = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "PATH", "DYLD_LIBRARY_PATH")


def bundle_folder() -> str | None:
    """The bundle's folder (``sys._MEIPASS``) when running as the installed app, else None."""
    if not getattr(sys, "frozen", False):
        return None
    folder = getattr(sys, "_MEIPASS", None)
    return str(folder) if folder else None


def user_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``environ`` (default: this process's) as the user had it, for a program the app starts."""
    env = dict(os.environ if environ is None else environ)
    bundle = bundle_folder()
    if bundle is None:
        return env
    original = env.pop(LIBRARY_PATH_ORIGINAL, None)
    if original is not None:
        env[LIBRARY_PATH] = original
    else:
        _strip(env, LIBRARY_PATH, bundle)
    recorded = getattr(sys, RECORD, None)
    for name in HOOKED:
        if isinstance(recorded, Mapping):
            if name in recorded:
                env[name] = recorded[name]
            else:
                env.pop(name, None)
        else:
            _strip(env, name, bundle)
    return env


def _inside(entry: str, folder: str) -> bool:
    entry, folder = os.path.normcase(os.path.normpath(entry)), os.path.normcase(os.path.normpath(folder))
    return entry == folder or entry.startswith(folder.rstrip(os.sep) + os.sep)


def _strip(env: dict[str, str], name: str, bundle: str) -> None:
    """Remove the bundle's entries from the path list ``name``; the variable goes when none is left."""
    if name not in env:
        return
    kept = [entry for entry in env[name].split(os.pathsep) if entry and not _inside(entry, bundle)]
    if kept:
        env[name] = os.pathsep.join(kept)
    else:
        del env[name]


@contextmanager
def starting_programs() -> Iterator[None]:
    """While the block starts a program: on Windows, the DLL search order the user's programs expect.

    The bundle's folder is the search folder again afterwards, for the libraries
    the app itself loads later (a page's module imported when first shown).
    """
    bundle = bundle_folder()
    if bundle is None or sys.platform != "win32":
        yield
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    kernel32.SetDllDirectoryW(None)
    try:
        yield
    finally:
        kernel32.SetDllDirectoryW(bundle)
