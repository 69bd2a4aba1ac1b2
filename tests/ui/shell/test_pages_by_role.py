"""The main window shows each signed-in person only the pages their role may use."""

from __future__ import annotations

import pytest

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account, sign_in
from hallmonitor.services.hall import HallContext
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from hallmonitor.ui.shell.pages import PAGES
from tests.support.accounts import fast_passwords  # noqa: F401
from tests.support.hall_builder import Clock

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.usefixtures("fast_passwords"),
]

HALL_PAGES = [key for key, *_rest in PAGES if key != "audit"]


@pytest.fixture
def accounts(small, sqlite_hall: HallContext) -> HallContext:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    add_account(admin, "shenji", "赵审计", Role.AUDITOR, "Shenji2026x")
    add_account(admin, "ducha", "张督查", Role.SUPERVISOR, "Ducha2026x")
    add_account(admin, "zhongxin", "钱中心", Role.CENTER_VIEWER, "Zhongxin2026x")
    return sqlite_hall


def window_for(qtbot, ctx: HallContext) -> MainWindow:  # type: ignore[no-untyped-def]
    env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    window = MainWindow(env)
    window.remember = False
    qtbot.addWidget(window)
    return window


def signed_in(ctx: HallContext, login: str, password: str) -> HallContext:
    return sign_in(ctx.db, ctx.hall_code, login, password)


def test_an_auditor_sees_the_audit_trail_and_nothing_of_the_hall(qtbot, accounts) -> None:
    window = window_for(qtbot, signed_in(accounts, "shenji", "Shenji2026x"))
    assert window.page_keys == ["audit"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["Audit trail"]
    for action in (
        window.action_import,
        window.action_export,
        window.action_templates,
        window.action_display,
        window.action_new_case,
        window.action_search,
    ):
        assert not action.isEnabled()
    visible_menus = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert visible_menus == ["&File", "&View", "&Help"]
    assert not window.status.shows_alerts and window.status.alerts_label.text() == ""
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "audit"):
        assert window.open_start_page(first=True) == "audit"
    assert window.current_key == "audit"
    assert window.env.runner.wait(10_000)
    assert window.status.alerts_label.text() == ""  # the hall's open alerts were never read


@pytest.mark.parametrize(
    ("login", "password"),
    [("ducha", "Ducha2026x"), ("admin", "Guanli2026x"), ("zhongxin", "Zhongxin2026x")],
)
def test_those_who_read_the_hall_see_its_pages_and_not_the_audit_trail(
    qtbot, accounts, login: str, password: str
) -> None:
    window = window_for(qtbot, signed_in(accounts, login, password))
    assert window.page_keys == HALL_PAGES
    assert window.reads_hall and window.status.shows_alerts


def test_a_hall_without_accounts_shows_its_pages_to_its_one_user(qtbot, small, sqlite_hall) -> None:
    window = window_for(qtbot, sqlite_hall)
    assert window.page_keys == [*HALL_PAGES, "audit"]  # one person answers for everything, the trail too
