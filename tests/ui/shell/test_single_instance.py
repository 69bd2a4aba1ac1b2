"""One app per database on a PC, tried with real app processes: a second start brings the first forward.

The children run the real ``hallmonitor`` entry point offscreen, with their own
temp folder (where the lock lives), preferences and log.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.hall_builder import build_small_hall

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")]


def start_app(url: str, folder: Path, name: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TMPDIR=str(folder / "tmp"),
        HALLMONITOR_SETTINGS_DIR=str(folder / "preferences"),
        HALLMONITOR_LOG_DIR=str(folder / name),
    )
    env.pop("HALLMONITOR_DB", None)
    (folder / name).mkdir(exist_ok=True)
    with open(folder / name / "stderr.txt", "w", encoding="utf-8") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "hallmonitor", "--db", url],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
        )


def stderr_of(folder: Path, name: str) -> str:
    return (folder / name / "stderr.txt").read_text(encoding="utf-8")


def wait_for(predicate, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def log_of(folder: Path, name: str) -> str:
    path = folder / name / "hallmonitor.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_second_start_on_the_same_database_brings_the_first_forward_and_a_crash_frees_it(
    sqlite_hall, tmp_path: Path
) -> None:
    build_small_hall(sqlite_hall)
    url = sqlite_hall.db.url
    (tmp_path / "tmp").mkdir()
    first = start_app(url, tmp_path, "first")
    try:
        assert wait_for(lambda: any((tmp_path / "tmp").glob("hallmonitor-*.lock"))), (
            "the first copy never started"
        )
        assert wait_for(
            lambda: "page board painted its data" in log_of(tmp_path, "first") or first.poll() is not None
        )
        assert first.poll() is None, stderr_of(tmp_path, "first")

        second = start_app(url, tmp_path, "second")
        assert second.wait(timeout=60) == 0
        assert "已在这台电脑上打开同一数据库" in stderr_of(tmp_path, "second")
        assert wait_for(lambda: "bringing the window forward" in log_of(tmp_path, "first"), timeout=10)
        assert first.poll() is None  # the first copy goes on

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        third = start_app(url, tmp_path, "third")
        try:
            # The dead copy's lock is stale: the third copy takes the database and stays open.
            assert wait_for(
                lambda: "page board painted its data" in log_of(tmp_path, "third") or third.poll() is not None
            )
            assert third.poll() is None, stderr_of(tmp_path, "third")
        finally:
            third.terminate()
            third.wait(timeout=20)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=10)
