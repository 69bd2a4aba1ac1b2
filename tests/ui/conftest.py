"""UI tests run offscreen, with preferences and logs in a temporary folder, and the app's own font.

The platform must be chosen before the QApplication exists, hence at import.
QSettings is pointed at a temporary folder for every test, so no test reads
or writes the user's own window geometry or language. The font the app ships
is in Qt's font list, as the app adds it at start, so the tests that draw
Chinese pass on a PC without any CJK font of its own.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from hallmonitor.ui.shell import SETTINGS_DIR_ENV


@pytest.fixture(autouse=True, scope="session")
def shipped_font(qapp):  # type: ignore[no-untyped-def]
    from hallmonitor.ui.shell import register_shipped_font

    return register_shipped_font()


@pytest.fixture(autouse=True)
def isolated_preferences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "preferences"
    folder.mkdir()
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(folder))
    monkeypatch.setenv("HALLMONITOR_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.delenv("HALLMONITOR_LANG", raising=False)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def small(sqlite_hall):  # type: ignore[no-untyped-def]
    """The small hand-made hall most page tests look at (see tests/hall_builder.py)."""
    from tests.support.hall_builder import build_small_hall

    return build_small_hall(sqlite_hall)


@pytest.fixture
def env(sqlite_hall, small, qapp):  # type: ignore[no-untyped-def]
    """A page environment on the small hall with the test clock; modules needing another hall override it."""
    from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
    from tests.support.hall_builder import Clock

    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    yield env
    env.runner.wait(10_000)
