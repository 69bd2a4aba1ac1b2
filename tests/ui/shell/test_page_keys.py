"""Ctrl+1, Ctrl+2… move between the pages a person sees, in the navigation's order; each page says what it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account, sign_in
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from tests.support.accounts import fast_passwords  # noqa: F401
from tests.support.hall_builder import Clock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def window_for(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    window = MainWindow(env)
    window.remember = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def test_ctrl_and_a_digit_shows_that_page_of_the_navigation(qtbot, env):
    window = window_for(qtbot, env.ctx)
    keys = window.page_keys
    assert len(keys) >= 8
    for n, action in enumerate(window.page_actions, start=1):
        assert action.shortcut() == QKeySequence(f"Ctrl+{n}")
        assert action.text() == window.nav.item(n - 1).text()
    for n in (3, 1, 6, len(keys)):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key == keys[n - 1]
        assert window.stack.currentWidget() is window.page(keys[n - 1])
    env.runner.wait(10_000)


@pytest.mark.usefixtures("fast_passwords")
def test_the_keys_follow_the_pages_a_role_sees(qtbot, small, sqlite_hall):
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    add_account(admin, "shenji", "赵审计", Role.AUDITOR, "Shenji2026x")
    auditor = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "shenji", "Shenji2026x")
    window = window_for(qtbot, auditor)
    assert window.page_keys == ["audit"]
    assert [a.shortcut().toString() for a in window.page_actions] == ["Ctrl+1"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # no second page: nothing
    assert window.current_key in (None, "audit")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "audit"
    window.env.runner.wait(10_000)


# The cases page is titled by its own package.
@pytest.mark.parametrize("key", ["board", "roster", "flags", "alerts", "charts", "hall_data", "settings"])
def test_every_page_is_titled_with_its_name_in_the_navigation(qtbot, env, key):
    window = window_for(qtbot, env.ctx)
    assert window.show_page(key)
    page = window.page(key)
    title = window.nav.item(window.page_keys.index(key)).text()
    titles = [label for label in page.findChildren(QLabel) if label.text() == title]
    assert titles and titles[0].isVisible()
    assert titles[0].font().pointSizeF() > page.font().pointSizeF() or "22px" in titles[0].styleSheet()
    env.runner.wait(10_000)
