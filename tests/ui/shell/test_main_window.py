"""The title bar names the hall once and the app once.

Qt adds the application's display name (窗口监管台) to every window's title that
does not already end with it (QPlatformWindow::formatWindowTitle, on Windows and
on X11 and Wayland alike), so a title must not carry the app's name itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hallmonitor.storage.database import open_database
from hallmonitor.ui.first_start import FirstStartWizard
from hallmonitor.ui.shell import MainWindow

APP_NAME = "窗口监管台"


def as_the_desktop_shows(title: str) -> str:
    return title if title.endswith(APP_NAME) else f"{title} — {APP_NAME}"


@pytest.fixture
def display_name(qapp):  # type: ignore[no-untyped-def]
    saved = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName(APP_NAME)
    yield APP_NAME
    qapp.setApplicationDisplayName(saved)


def test_the_main_window_title_names_the_hall_and_the_app_once_each(qtbot, env, display_name) -> None:
    window = MainWindow(env)
    qtbot.addWidget(window)
    hall = env.ctx.hall_name
    assert window.windowTitle() == hall
    shown = as_the_desktop_shows(window.windowTitle())
    assert shown.count(hall) == 1 and shown.count(APP_NAME) == 1


def test_the_demo_halls_title_says_it_is_the_demo(qtbot, env, display_name) -> None:
    window = MainWindow(replace(env, demo=True))
    qtbot.addWidget(window)
    assert window.windowTitle() == f"{env.ctx.hall_name} — Demo hall"
    assert as_the_desktop_shows(window.windowTitle()).count(APP_NAME) == 1


def test_the_first_start_wizard_names_the_app_once(qtbot, sqlite_url, display_name) -> None:
    from hallmonitor.ui.shell import OperationRunner

    runner = OperationRunner()
    wizard = FirstStartWizard(sqlite_url, "hall.sqlite3", open_database, runner, today=date(2026, 12, 1))
    qtbot.addWidget(wizard)
    assert as_the_desktop_shows(wizard.windowTitle()).count(APP_NAME) == 1
    assert "HallMonitor" not in wizard.windowTitle()
    runner.wait(10_000)
