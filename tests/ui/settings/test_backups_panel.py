"""The Settings page's backups: listed, made, restored after a confirmation, and the window reopened."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.services.backups import backup_folder, daily_backup
from hallmonitor.services.hall import init_hall, list_halls
from hallmonitor.ui.settings.backups_panel import BackupsPanel
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv

# The daily backups are copies of the SQLite file beside it.
pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"), pytest.mark.sqlite_only]


@pytest.fixture
def env(sqlite_hall, qapp):
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    yield env
    env.runner.wait(10_000)


def _panel(qtbot, env) -> BackupsPanel:
    panel = BackupsPanel(env)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_daily_backups_are_listed_and_one_restored_after_confirmation(qtbot, env, monkeypatch) -> None:
    db = env.ctx.db
    daily_backup(db, date(2026, 11, 30))
    init_hall(db, "H2", "西区大厅")
    daily_backup(db, date(2026, 12, 1))
    panel = _panel(qtbot, env)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=5000)
    assert not panel.empty_hint.shown
    assert str(backup_folder(db)) in panel.where.text()
    assert "西区大厅（H2）" in panel.list.item(0).text()  # newest first
    assert not panel.restore_button.isEnabled()

    panel.list.setCurrentRow(1)  # 30 November: before the second hall
    assert panel.restore_button.isEnabled()
    monkeypatch.setattr(panel, "confirm", lambda path: True)
    import hallmonitor.ui.settings.backups_panel as module

    errors: list[BaseException] = []
    monkeypatch.setattr(module, "show_error", lambda parent, exc: errors.append(exc))
    restored: list[bool] = []
    panel.restored.connect(lambda: restored.append(True))
    panel.restore_button.click()
    qtbot.waitUntil(lambda: bool(restored or errors), timeout=10_000)
    assert not errors
    assert [h.code for h in list_halls(db)] == ["H001"]
    assert str(panel.backups[1].path) in panel.status.text()


def test_a_restore_not_confirmed_changes_nothing(qtbot, env, monkeypatch) -> None:
    db = env.ctx.db
    daily_backup(db, date(2026, 11, 30))
    init_hall(db, "H2", "西区大厅")
    panel = _panel(qtbot, env)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    monkeypatch.setattr(panel, "confirm", lambda path: False)
    assert panel.ask_restore(panel.backups[0].path) is None
    assert [h.code for h in list_halls(db)] == ["H001", "H2"]


def test_back_up_now_writes_the_file(qtbot, env, tmp_path: Path) -> None:
    panel = _panel(qtbot, env)
    target = tmp_path / "now.sqlite3"
    panel.back_up_to(target)
    qtbot.waitUntil(lambda: target.exists() and bool(panel.status.text()), timeout=10_000)
    assert str(target) in panel.status.text()


def test_the_window_opens_again_after_a_restore(qtbot, env) -> None:
    from hallmonitor.ui.settings import SettingsPage
    from hallmonitor.ui.shell import MainWindow

    window = MainWindow(env)
    window.remember = False
    qtbot.addWidget(window)
    window.show()
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.backups.restored.emit()  # what a finished restore emits
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.reopen_requested


def test_no_backup_yet_says_when_the_first_is_made(qtbot, env) -> None:
    panel = _panel(qtbot, env)
    panel.refresh()
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=5000)
    assert panel.list.count() == 0 and panel.empty_hint.shown
    assert panel.empty_hint.text().startswith("No daily backup yet")
