"""The first-start wizard, driven as a supervisor on a new PC would."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QWizard

from hallmonitor.services.hall import hall_context, list_halls, load_settings
from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from hallmonitor.ui.first_start import FirstStartWizard
from hallmonitor.ui.first_start.page_ids import ADMIN, HALL, KEY, NEXT, SHARED
from hallmonitor.ui.shell import OperationRunner
from tests.support.accounts import fast_passwords  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def runner():
    r = OperationRunner()
    yield r
    r.wait(5_000)


def past_the_key(wizard: FirstStartWizard) -> str:
    """The key page: written down and ticked before the wizard goes on; returns the key shown."""
    assert wizard.currentId() == KEY
    shown = wizard.key_page.key.text()
    wizard.key_page.written.setChecked(True)
    wizard.next()
    return shown


def make_wizard(qtbot, url: str, runner: OperationRunner) -> FirstStartWizard:
    wizard = FirstStartWizard(url, "hall.sqlite3", open_database, runner, today=date(2026, 12, 1))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_creating_the_hall_stores_its_code_name_and_sessions_and_offers_the_templates_in_order(
    qtbot, sqlite_url, runner, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, sqlite_url, runner)
    wizard.start_page.create.setChecked(True)
    wizard.next()
    assert wizard.currentId() == HALL
    page = wizard.hall_page
    assert "2026" in page.calendar.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # code and name first
    page.code.setText("330100")
    page.name.setText("杭州市民中心政务服务大厅")
    page.morning_start.setTime(QTime(8, 30))
    wizard.next()
    assert wizard.currentId() == KEY
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # written down first
    shown = past_the_key(wizard)
    assert wizard.currentId() == ADMIN
    wizard.admin_page.protect.setChecked(False)  # a single supervisor may go on without accounts
    wizard.next()

    assert wizard.currentId() == NEXT
    db = open_database(sqlite_url)
    try:
        assert [(h.code, h.name) for h in list_halls(db)] == [("330100", "杭州市民中心政务服务大厅")]
        assert load_settings(hall_context(db)).session_times.morning_start == time(8, 30)
        assert db.keys["hall_key"] == keys.parse_key(shown)  # the key shown is the one this PC keeps
    finally:
        db.close()

    panel = wizard.next_page.templates
    assert panel.button.isEnabled()
    folder = tmp_path / "templates"
    panel.save_to(folder)
    qtbot.waitUntil(lambda: bool(panel.done.text()), timeout=10_000)
    names = sorted(p.name for p in folder.glob("*.xlsx"))
    assert [n.split(" ")[0] for n in names] == ["1", "2", "3", "4", "5"]
    assert "windows" in names[0] and "cases" in names[-1]

    wizard.next_page.by_hand.setChecked(True)
    wizard.accept()
    assert wizard.result.outcome == "created"
    assert wizard.result.hall_code == "330100"
    assert wizard.result.enter_by_hand


def test_a_wrong_hall_code_or_sessions_are_said_on_the_page_and_nothing_is_created(
    qtbot, sqlite_url, runner
) -> None:
    wizard = make_wizard(qtbot, sqlite_url, runner)
    wizard.next()
    page = wizard.hall_page
    page.code.setText("H 01")
    page.name.setText("测试大厅")
    wizard.next()
    assert wizard.currentId() == HALL
    assert "只能由字母、数字" in page.problem.text()
    page.code.setText("H01")
    page.morning_end.setTime(QTime(8, 0))
    wizard.next()
    assert wizard.currentId() == HALL
    assert "上午的结束时间应晚于开始时间" in page.problem.text()
    db = open_database(sqlite_url)
    try:
        assert list_halls(db) == []
    finally:
        db.close()


def test_the_demo_ends_the_wizard_at_once(qtbot, sqlite_url, runner) -> None:
    wizard = make_wizard(qtbot, sqlite_url, runner)
    wizard.start_page.demo.setChecked(True)
    assert wizard.start_page.isFinalPage() or wizard.start_page.nextId() == -1
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.FinishButton).isVisible())
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result.outcome == "demo"


@pytest.mark.pg
def test_a_shared_database_is_tested_then_a_hall_is_created_in_it_when_it_has_none(
    qtbot, pg_url, runner
) -> None:
    wizard = make_wizard(qtbot, "sqlite:///unused.sqlite3", runner)
    wizard.start_page.shared.setChecked(True)
    wizard.next()
    assert wizard.currentId() == SHARED
    page = wizard.shared_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # tested first
    page.url.setText(pg_url)
    page.test.click()
    qtbot.waitUntil(lambda: page.check is not None, timeout=10_000)
    assert page.check is not None and page.check.ok, page.result.text()
    assert "还没有大厅" in page.result.text()
    wizard.next()
    assert wizard.currentId() == HALL
    wizard.hall_page.code.setText("SHARED1")
    wizard.hall_page.name.setText("共享大厅")
    wizard.next()
    past_the_key(wizard)
    assert wizard.currentId() == ADMIN
    wizard.admin_page.protect.setChecked(False)
    wizard.next()
    assert wizard.currentId() == NEXT
    assert wizard.result.url == pg_url
    db = open_database(pg_url)
    try:
        assert [h.code for h in list_halls(db)] == ["SHARED1"]
    finally:
        db.close()


def test_a_shared_database_that_cannot_be_reached_keeps_the_wizard_on_its_page(qtbot, runner) -> None:
    wizard = make_wizard(qtbot, "sqlite:///unused.sqlite3", runner)
    wizard.start_page.shared.setChecked(True)
    wizard.next()
    page = wizard.shared_page
    page.url.setText("postgresql://nobody@127.0.0.1:1/none")
    page.test.click()
    qtbot.waitUntil(lambda: page.check is not None, timeout=20_000)
    assert page.check is not None and not page.check.ok
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.result.text()


@pytest.mark.usefixtures("fast_passwords")
def test_the_admin_page_creates_the_first_administrator_and_the_hall_then_asks_for_a_sign_in(
    qtbot, sqlite_url, runner
) -> None:
    from hallmonitor.services.accounts import sign_in

    wizard = make_wizard(qtbot, sqlite_url, runner)
    wizard.start_page.create.setChecked(True)
    wizard.next()
    wizard.hall_page.code.setText("330100")
    wizard.hall_page.name.setText("某市政务服务中心")
    wizard.next()
    past_the_key(wizard)
    assert wizard.currentId() == ADMIN
    page = wizard.admin_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # protected unless unticked
    page.login.setText("admin")
    page.name.setText("王管理")
    page.password.setText("Guanli2026x")
    page.again.setText("Guanli2026y")
    wizard.next()
    assert wizard.currentId() == ADMIN and page.problem.text()  # the two passwords differ
    page.password.setText("short1")
    page.again.setText("short1")
    wizard.next()
    assert wizard.currentId() == ADMIN and "至少需要 8 个字符" in page.problem.text()
    page.password.setText("Guanli2026x")
    page.again.setText("Guanli2026x")
    wizard.next()
    assert wizard.currentId() == NEXT, page.problem.text()
    assert page.password.text() == ""  # nothing typed stays in the widgets
    assert wizard.result.admin_login == "admin"
    db = open_database(sqlite_url)
    try:
        assert hall_context(db).actor.roles == ()  # the hall now asks who is there
        assert sign_in(db, "330100", "admin", "Guanli2026x").actor.name == "王管理"
    finally:
        db.close()
