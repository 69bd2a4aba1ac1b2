"""A folder opened from the installed app opens in a program started with the user's environment.

The child process starts as the bundle does (PyInstaller's bootloader has put
the bundle first in LD_LIBRARY_PATH, the app's run-time hook records the
environment, then PySide6's points QT_PLUGIN_PATH and QML2_IMPORT_PATH into the
bundle) and opens a folder; the xdg-open it starts is a script on PATH that
writes down the environment and the arguments it was given.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.paths import REPO

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="xdg-open is how Linux opens a folder")

FROZEN_START = textwrap.dedent(
    """
    import os, runpy, sys
    bundle, hook, folder = sys.argv[1:4]
    sys.frozen = True
    sys._MEIPASS = bundle
    runpy.run_path(hook)
    os.environ["QT_PLUGIN_PATH"] = os.path.join(bundle, "PySide6", "Qt", "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(bundle, "PySide6", "Qt", "qml")
    from PySide6.QtWidgets import QApplication
    from hallmonitor.ui.shell import open_path
    app = QApplication([])
    sys.exit(0 if open_path(folder) else 3)
    """
)


def fake_xdg_open(folder: Path, report: Path) -> Path:
    folder.mkdir()
    script = folder / "xdg-open"
    script.write_text(
        f'#!/bin/sh\nenv > "{report}.part"\nprintf "ARG=%s\\n" "$@" >> "{report}.part"\nmv "{report}.part" "{report}"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def read_report(report: Path) -> dict[str, str]:
    deadline = time.monotonic() + 30  # xdg-open runs detached: wait for it to have written
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert report.exists(), "xdg-open was not started"
    return dict(line.split("=", 1) for line in report.read_text(encoding="utf-8").splitlines() if "=" in line)


def test_the_file_manager_gets_the_users_library_and_plugin_paths(tmp_path: Path) -> None:
    bundle = tmp_path / "HallMonitor" / "_internal"
    report = tmp_path / "xdg-open.env"
    tools = fake_xdg_open(tmp_path / "bin", report)
    folder = tmp_path / "日志"
    folder.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PATH"] = f"{tools}{os.pathsep}{env.get('PATH', os.defpath)}"
    env["LD_LIBRARY_PATH"] = f"{bundle}{os.pathsep}/opt/vendor/lib"
    env["LD_LIBRARY_PATH_ORIG"] = "/opt/vendor/lib"
    env["QT_PLUGIN_PATH"] = "/home/li/qt-plugins"
    env.pop("QML2_IMPORT_PATH", None)
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            FROZEN_START,
            str(bundle),
            str(REPO / "installer" / "rthook_environment.py"),
            str(folder),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    seen = read_report(report)
    assert seen["ARG"] == str(folder)
    assert seen["LD_LIBRARY_PATH"] == "/opt/vendor/lib"
    assert seen["QT_PLUGIN_PATH"] == "/home/li/qt-plugins"
    assert "QML2_IMPORT_PATH" not in seen
    assert "LD_LIBRARY_PATH_ORIG" not in seen
    assert not [value for value in seen.values() if str(bundle) in value]
