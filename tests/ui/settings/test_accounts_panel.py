"""Settings ▸ 账号: an administrator creates, locks and unlocks accounts; nobody else sees the tab."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import SignInRefused, add_account, sign_in
from hallmonitor.services.hall import Actor
from hallmonitor.ui.settings.page import SettingsPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.accounts import fast_passwords  # noqa: F401

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.usefixtures("fast_passwords"),
]


def _page(qtbot, ctx) -> SettingsPage:  # type: ignore[no-untyped-def]
    env = UiEnv(ctx=ctx, runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    page = SettingsPage(env)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)
    return page


def test_only_an_administrator_has_the_accounts_tab(qtbot, sqlite_hall) -> None:
    supervisor = replace(sqlite_hall, actor=Actor("张督查", Role.SUPERVISOR, login="zhang"))
    assert _page(qtbot, supervisor).accounts is None
    assert (
        _page(qtbot, sqlite_hall).accounts is not None
    )  # a hall without accounts: its user is administrator


def test_the_administrator_creates_locks_and_unlocks_an_account(qtbot, sqlite_hall) -> None:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    assert not panel.create("zhang", "张督查", Role.SUPERVISOR, "short", [])
    assert "至少需要 8 个字符" in panel.message.text()
    assert panel.create("zhang", "张督查", Role.SUPERVISOR, "Duchayuan1", [])
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == ["admin", "zhang"]
    panel.table.selectRow(1)
    panel.lock_button.click()
    with pytest.raises(SignInRefused, match="已被管理员锁定"):
        sign_in(admin.db, admin.hall_code, "zhang", "Duchayuan1")
    panel.table.selectRow(1)
    panel.unlock_button.click()
    assert sign_in(admin.db, admin.hall_code, "zhang", "Duchayuan1").actor.name == "张督查"
    panel.table.selectRow(0)
    panel.lock_button.click()
    assert "不能锁定自己" in panel.message.text()


def test_the_administrator_reads_an_account_s_history_without_its_password_hash(qtbot, sqlite_hall) -> None:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    assert panel.create("zhang", "张督查", Role.SUPERVISOR, "Duchayuan1", [])
    panel.table.selectRow(1)
    panel.lock_button.click()
    panel.table.selectRow(1)
    panel.unlock_button.click()
    panel.table.selectRow(1)
    panel.history_button.click()
    dialog = panel.history_dialog
    assert dialog is not None and dialog.isVisible() and "zhang" in dialog.windowTitle()
    table = dialog.table
    lines = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [(line[1], line[2], line[4]) for line in lines] == [
        ("王管理", "Changed", "active: 否 → 是"),
        ("王管理", "Changed", "active: 是 → 否"),
        ("王管理", "Added", lines[2][4]),
    ]
    assert lines[2][4].startswith("login=zhang；name=张督查") and "argon2" not in repr(lines)
