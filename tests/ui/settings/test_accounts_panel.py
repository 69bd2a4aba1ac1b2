"""Settings ▸ 账号: an administrator creates, locks and unlocks accounts; nobody else sees the tab."""

from __future__ import annotations

import threading
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
    _idle(qtbot, page)
    return page


def _idle(qtbot, page: SettingsPage) -> None:  # type: ignore[no-untyped-def]
    """The change stored (or refused) and the list read again."""
    qtbot.waitUntil(lambda: not page.env.runner.busy, timeout=10_000)


def _logins(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]


def test_only_an_administrator_has_the_accounts_tab(qtbot, sqlite_hall) -> None:
    supervisor = replace(sqlite_hall, actor=Actor("张督查", Role.SUPERVISOR, login="zhang"))
    assert _page(qtbot, supervisor).accounts is None
    page = _page(qtbot, sqlite_hall)
    panel = page.accounts
    assert panel is not None  # a hall without accounts: its user is administrator
    panel.show()
    assert (
        panel.empty_hint.shown
        and "whoever opens the app works as the administrator" in panel.empty_hint.text()
    )


def test_the_administrator_creates_locks_and_unlocks_an_account(qtbot, sqlite_hall) -> None:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    panel.create("zhang", "张督查", Role.SUPERVISOR, "short", [])
    _idle(qtbot, page)
    assert "至少需要 8 个字符" in panel.message.text() and _logins(panel) == ["admin"]
    panel.create("zhang", "张督查", Role.SUPERVISOR, "Duchayuan1", [])
    _idle(qtbot, page)
    assert panel.message.text() == "Account zhang created."
    assert _logins(panel) == ["admin", "zhang"]
    panel.table.selectRow(1)
    panel.lock_button.click()
    _idle(qtbot, page)
    with pytest.raises(SignInRefused, match="已被管理员锁定"):
        sign_in(admin.db, admin.hall_code, "zhang", "Duchayuan1")
    panel.table.selectRow(1)
    panel.unlock_button.click()
    _idle(qtbot, page)
    assert sign_in(admin.db, admin.hall_code, "zhang", "Duchayuan1").actor.name == "张督查"
    panel.table.selectRow(0)
    panel.lock_button.click()
    _idle(qtbot, page)
    assert "不能锁定自己" in panel.message.text()


def test_the_administrator_reads_an_account_s_history_without_its_password_hash(qtbot, sqlite_hall) -> None:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    panel.create("zhang", "张督查", Role.SUPERVISOR, "Duchayuan1", [])
    _idle(qtbot, page)
    panel.table.selectRow(1)
    panel.lock_button.click()
    _idle(qtbot, page)
    panel.table.selectRow(1)
    panel.unlock_button.click()
    _idle(qtbot, page)
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


def test_a_password_is_hashed_off_the_ui_thread_while_the_buttons_wait(
    qtbot, sqlite_hall, monkeypatch
) -> None:
    from hallmonitor.ui.settings import accounts_panel

    threads: list[int] = []
    for name in ("add_account", "change_password"):  # each hashes the password it is given
        original = getattr(accounts_panel, name)

        def noted(*args, original=original, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(threading.get_ident())
            return original(*args, **kwargs)

        monkeypatch.setattr(accounts_panel, name, noted)
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    panel.create("zhang", "张督查", Role.SUPERVISOR, "Duchayuan1", [])
    assert not panel.add_button.isEnabled() and panel.busy_label.text() == "Saving…"
    assert panel.create("li", "李督查", Role.SUPERVISOR, "Duchayuan2", []) is None  # one change at a time
    _idle(qtbot, page)
    assert panel.add_button.isEnabled() and not panel.busy_label.isVisible()
    assert _logins(panel) == ["admin", "zhang"]
    panel.table.selectRow(1)
    panel.reset_password("zhang", "Xinmima2026")
    _idle(qtbot, page)
    assert panel.message.text() == "The password of zhang was reset."
    assert sign_in(admin.db, admin.hall_code, "zhang", "Xinmima2026").actor.name == "张督查"
    assert len(threads) == 2 and threading.get_ident() not in threads


def test_a_refused_password_reset_is_said_in_a_sentence(qtbot, sqlite_hall) -> None:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    page = _page(qtbot, admin)
    panel = page.accounts
    assert panel is not None
    panel.reset_password("admin", "kurz")
    _idle(qtbot, page)
    assert "至少需要 8 个字符" in panel.message.text()
    assert "Traceback" not in panel.message.text() and panel.reset_button.isEnabled()
    assert sign_in(admin.db, admin.hall_code, "admin", "Guanli2026x").actor.name == "王管理"
