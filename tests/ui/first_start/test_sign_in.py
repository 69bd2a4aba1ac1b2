"""The sign-in dialog at start and the lock screen: the services' answers, said in the dialog."""

from __future__ import annotations

import threading

import pytest

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account
from hallmonitor.services.hall import HallContext, hall_context
from hallmonitor.ui.first_start import SignInDialog
from tests.support.accounts import fast_passwords  # noqa: F401

pytestmark = [
    pytest.mark.usefixtures("fast_passwords"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

PW = "Guanli2026x"


def _check(qtbot, dialog: SignInDialog) -> bool:
    """Press 登录 and wait for the answer: True when it signed in."""
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as answer:
        assert dialog.try_sign_in() is not None
    return bool(answer.args[0])


@pytest.fixture
def protected(sqlite_hall: HallContext) -> HallContext:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, PW)
    return hall_context(sqlite_hall.db, code=sqlite_hall.hall_code)


def test_a_wrong_password_is_said_in_the_dialog_and_the_right_one_signs_in(qtbot, protected) -> None:
    dialog = SignInDialog(protected)
    qtbot.addWidget(dialog)
    dialog.login.setText("admin")
    dialog.password.setText("wrong-one")
    assert not _check(qtbot, dialog)
    assert "还可再试 4 次" in dialog.message.text()
    assert dialog.password.text() == ""
    dialog.login.setText("nobody")
    dialog.password.setText(PW)
    assert not _check(qtbot, dialog)
    assert "没有账号 nobody" in dialog.message.text()
    dialog.login.setText("admin")
    dialog.password.setText(PW)
    assert _check(qtbot, dialog)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.ctx is not None and dialog.ctx.actor.name == "王管理"
    assert dialog.ctx.actor.role is Role.ADMIN


def test_the_lock_screen_asks_the_same_accounts_password(qtbot, protected) -> None:
    from dataclasses import replace

    from hallmonitor.services.accounts import sign_in

    signed = sign_in(protected.db, protected.hall_code, "admin", PW)
    dialog = SignInDialog(signed, locked=True)
    qtbot.addWidget(dialog)
    assert dialog.login.text() == "admin" and dialog.login.isReadOnly()
    dialog.password.setText("wrong-one")
    assert not _check(qtbot, dialog)
    dialog.password.setText(PW)
    assert _check(qtbot, dialog)
    assert replace(dialog.ctx, db=signed.db).actor == signed.actor  # type: ignore[arg-type]


def test_at_start_a_hall_without_accounts_opens_at_once_and_one_with_accounts_asks(
    qtbot, qapp, sqlite_hall, monkeypatch
) -> None:
    from hallmonitor.ui.first_start import sign_in as module

    assert module.sign_in_at_start(sqlite_hall) is sqlite_hall
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, PW)
    protected = hall_context(sqlite_hall.db, code=sqlite_hall.hall_code)

    def exec_(dialog: SignInDialog) -> int:
        dialog.login.setText("admin")
        dialog.password.setText(PW)
        _check(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    signed = module.sign_in_at_start(protected)
    try:
        assert signed is not None and signed.actor.login == "admin"
        assert module._idle is not None and module._idle.timer.interval() == 15 * 60_000
    finally:
        qapp.removeEventFilter(module._idle)
        module._idle = None
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: 0)
    assert module.sign_in_at_start(protected) is None  # 退出: the app quits


def test_the_password_is_checked_off_the_ui_thread_while_the_dialog_says_so(
    qtbot, protected, monkeypatch
) -> None:
    from hallmonitor.ui.first_start import sign_in as module

    threads: list[int] = []
    check = module.sign_in

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return check(*args, **kwargs)

    monkeypatch.setattr(module, "sign_in", recorded)
    dialog = SignInDialog(protected)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login.setText("admin")
    dialog.password.setText(PW)
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as answer:
        dialog.try_sign_in()
        assert dialog.busy_label.isVisible() and "Checking" in dialog.busy_label.text()
        assert not dialog.buttons.isEnabled() and not dialog.password.isEnabled()
        assert dialog.try_sign_in() is None  # a second 登录 while the first is checked
        dialog.reject()  # nor does Esc leave before the answer
        assert dialog.isVisible()
    assert answer.args == [True] and dialog.result() == SignInDialog.DialogCode.Accepted
    assert len(threads) == 1 and threads[0] != threading.get_ident()
