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
