"""The dialogs scripts/screenshots.py shoots beside the pages: each opened as a user would open it.

A case's dialog (its three tabs, the correction and void forms), the entry
form with a mistyped ID number, a window's edit form on 大厅资料, every tab of
设置, the first-start wizard page by page, and signing in (with a refused
password) and the lock screen. Each picture is the dialog alone, at the size
the app gives it on the screen the run draws on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

#: How long a dialog may take to show its data.
WAIT_MS = 30_000


def settle(app: Any, rounds: int = 3) -> None:
    """Let queued shows, layouts, loads and repaints run before grabbing."""
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(rounds):
        app.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(120, loop.quit)
        loop.exec()


def wait_until(app: Any, test: Callable[[], bool], timeout_ms: int = WAIT_MS) -> bool:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    clock = QElapsedTimer()
    clock.start()
    while not test():
        if clock.elapsed() > timeout_ms:
            return False
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
    return True


class Shooter:
    """Saves widgets as ``out/<name>.png`` and counts what could not be shot."""

    def __init__(self, app: Any, out: Path) -> None:
        self.app, self.out, self.failures = app, out, 0

    def shoot(self, widget: Any, name: str) -> None:
        settle(self.app)
        target = self.out / f"{name}.png"
        widget.grab().save(str(target))
        print(f"{name}: {target}")

    def failed(self, name: str, why: str) -> None:
        self.failures += 1
        print(f"{name}: {why}", file=sys.stderr)


def case_dialogs(shots: Shooter, window: Any, env: Any, today: date) -> None:
    """The oldest open overdue case: its history, special procedures and completion, then its forms."""
    from hallmonitor.services.cases import CaseFilter, fetch_cases

    overdue = fetch_cases(env.ctx, CaseFilter(overdue=True, as_of=today), "received_at", False, 0, 1)
    if not overdue:
        shots.failed("case_dialog", "the demo hall has no overdue case")
        return
    window.show_page("cases")
    page = window.page("cases")
    dialog = page.open_case(overdue[0].id)
    if not wait_until(shots.app, lambda: dialog.detail is not None):
        shots.failed("case_dialog", "the case did not load")
        return
    for tab, name in enumerate(("case_dialog", "case_dialog_procedures", "case_dialog_completion")):
        dialog.tabs.setCurrentIndex(tab)
        shots.shoot(dialog, name)
    dialog.tabs.setCurrentIndex(0)
    for opener, name in ((dialog.open_correction, "case_correction"), (dialog.open_void, "case_void")):
        form = opener()
        if form is None:
            shots.failed(name, "the form did not open")
            continue
        shots.shoot(form, name)
        form.close()
    dialog.close()
    settle(shots.app, 1)


def case_entry(shots: Shooter, window: Any) -> None:
    """The entry form half filled, with an ID number one digit short: the form says what is wrong."""
    window.show_page("cases")
    form = window.page("cases").form
    form.clear()
    form.window_edit.setText("01")
    form.item_edit.setText("SC001")
    form.name_edit.setText("张三")
    form.id_edit.setText("33010619900101123")
    form.focus_first()
    shots.shoot(window, "cases_entry")
    form.clear()


def hall_data_dialog(shots: Shooter, window: Any) -> None:
    window.show_page("hall_data")
    page = window.page("hall_data")
    page.tabs.setCurrentWidget(page.windows)
    wait_until(shots.app, lambda: bool(page.windows.model.rows))
    rows = page.windows.model.rows
    if not rows:
        shots.failed("hall_data_window", "no window to edit")
        return
    page.windows.select_id(rows[0].id)
    page.edit_window()
    shots.shoot(page.dialog, "hall_data_window")
    page.dialog.reject()


def settings_tabs(shots: Shooter, window: Any) -> None:
    """Every tab of 设置, named by the panel it holds (rules, calendar, database…)."""
    from PySide6.QtWidgets import QScrollArea

    window.show_page("settings")
    page = window.page("settings")
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        panel = page.tabs.widget(index)
        if isinstance(panel, QScrollArea):
            panel = panel.widget()
        slug = type(panel).__name__.removesuffix("Panel").lower()
        shots.shoot(window, f"settings_{slug}")
    page.tabs.setCurrentIndex(0)


def wizard_pages(shots: Shooter, work: Path, today: date) -> None:
    """The first start on a database without a hall: welcome, the hall, its key, the administrator,
    the next steps; then the shared database's page."""
    from hallmonitor.storage.database import open_database, upgrade
    from hallmonitor.ui.first_start import FirstStartWizard
    from hallmonitor.ui.shell import OperationRunner

    url = f"sqlite:///{work / 'new-hall.sqlite3'}"
    upgrade(url)
    runner = OperationRunner()
    wizard = FirstStartWizard(url, "hallmonitor.sqlite3", open_database, runner, today=today)
    wizard.show()
    shots.shoot(wizard, "wizard_start")
    wizard.start_page.create.setChecked(True)
    wizard.next()
    wizard.hall_page.code.setText("330100")
    wizard.hall_page.name.setText("杭州市民中心政务服务大厅")
    shots.shoot(wizard, "wizard_hall")
    wizard.next()  # creates the hall
    for name, page in (("wizard_key", wizard.key_page), ("wizard_admin", wizard.admin_page)):
        if wizard.currentPage() is not page:
            shots.failed(name, f"the wizard is on page {wizard.currentId()}")
            break
        shots.shoot(wizard, name)
        if page is wizard.key_page:
            page.written.setChecked(True)
        else:
            page.protect.setChecked(False)
        wizard.next()
    else:
        shots.shoot(wizard, "wizard_next")
    wizard.close()
    shared = FirstStartWizard(url, "hallmonitor.sqlite3", open_database, runner, today=today)
    shared.show()
    shared.start_page.shared.setChecked(True)
    shared.next()
    shots.shoot(shared, "wizard_shared")
    shared.close()
    runner.wait(10_000)


def sign_in_dialogs(shots: Shooter, ctx: Any, admin: Any) -> None:
    """Signing in, refused with a wrong password, and the lock screen after a pause."""
    from hallmonitor.ui.first_start import SignInDialog

    dialog = SignInDialog(ctx)
    dialog.show()
    shots.shoot(dialog, "sign_in")
    dialog.login.setText("admin")
    dialog.password.setText("wrong password")
    dialog.try_sign_in()
    shots.shoot(dialog, "sign_in_refused")
    dialog.close()
    locked = SignInDialog(admin, locked=True)
    locked.show()
    shots.shoot(locked, "lock_screen")
    locked.close()


def all_dialogs(shots: Shooter, window: Any, env: Any, work: Path, today: date, moment: datetime) -> None:
    del moment  # the window's clock already stands at it
    for shoot in (
        lambda: case_dialogs(shots, window, env, today),
        lambda: case_entry(shots, window),
        lambda: hall_data_dialog(shots, window),
        lambda: settings_tabs(shots, window),
        lambda: wizard_pages(shots, work, today),
    ):
        shoot()
