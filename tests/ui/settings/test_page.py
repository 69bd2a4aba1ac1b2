from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QThreadPool, QTime
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, ApplicantType, Role
from hallmonitor.services.cases import CaseInput, register_case
from hallmonitor.services.hall import Actor, load_settings
from hallmonitor.services.settings import hall_name, overrides_in_year
from hallmonitor.storage.models import Case
from hallmonitor.ui.settings.page import SettingsPage
from hallmonitor.ui.shell import (
    DATABASE_URL_KEY,
    SETTINGS_DIR_ENV,
    ChangeBus,
    OperationRunner,
    UiEnv,
    app_settings,
    saved_database_url,
)
from tests.support.case_seed import seed_hall

NOW = datetime(2026, 5, 11, 10, 0)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _env(ctx, clock: datetime = NOW) -> UiEnv:
    return UiEnv(ctx=ctx, runner=OperationRunner(QThreadPool()), bus=ChangeBus(), clock=lambda: clock)


@pytest.fixture
def env(sqlite_hall, qapp):
    env = _env(sqlite_hall)
    yield env
    env.runner.wait(10_000)


def _page(qtbot, env) -> SettingsPage:
    page = SettingsPage(env)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=5000):
        page.refresh()
    return page


def _idle(qtbot, env) -> None:
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)


def test_settings_round_trip(qtbot, env):
    page = _page(qtbot, env)
    rules = page.rules
    assert rules.code_edit.text() == "H001" and rules.code_edit.isReadOnly()
    assert rules.name_edit.text() == "测试市政务服务大厅"
    assert rules.setup_days.value() == 3 and rules.one_trip.value() == pytest.approx(90.0)

    rules.name_edit.setText("测试市民中心")
    rules.morning_start.setTime(QTime(8, 30))
    rules.afternoon_end.setTime(QTime(17, 30))
    rules.setup_days.setValue(2)
    rules.project_days.setValue(90)
    rules.one_trip.setValue(95.5)
    rules.escalation_count.setValue(4)
    assert rules.rectify_days.value() == 3
    rules.rectify_days.setValue(5)
    rules.alert_checks[AlertKind.MULTIPLE_TRIPS].setChecked(False)
    assert (rules.nominal_cases.value(), rules.nominal_count.value(), rules.nominal_days.value()) == (5, 3, 5)
    rules.nominal_cases.setValue(8)
    rules.nominal_count.setValue(2)
    announced: list[str] = []
    env.bus.changed.connect(announced.append)
    with qtbot.waitSignal(rules.saved, timeout=10_000):
        assert rules.save() is not None
        assert not rules.save_button.isEnabled() and rules.save() is None  # one save at a time
    assert "settings" in announced and "Every PC" in rules.message.text()
    assert rules.save_button.isEnabled() and rules.busy_label.isHidden()

    stored = load_settings(env.ctx)
    assert stored.session_times.morning_start == time(8, 30)
    assert stored.session_times.afternoon_end == time(17, 30)
    assert stored.target_enterprise_setup_days == 2
    assert stored.target_investment_project_days == 90
    assert stored.target_one_trip_rate == pytest.approx(0.955)
    assert stored.escalation_session_count == 4
    assert stored.rectification_deadline_working_days == 5
    assert stored.alerts_enabled == frozenset(AlertKind) - {AlertKind.MULTIPLE_TRIPS}
    assert (stored.nominal_case_threshold, stored.nominal_session_count) == (8, 2)
    assert hall_name(env.ctx) == "测试市民中心"

    # A fresh page shows what was stored.
    again = _page(qtbot, env)
    assert again.rules.edited() == stored
    assert again.rules.name_edit.text() == "测试市民中心"


def test_sessions_out_of_order_are_not_saved(qtbot, env):
    page = _page(qtbot, env)
    page.rules.morning_end.setTime(QTime(14, 0))
    assert page.rules.save() is None
    assert "下午" in page.rules.message.text()
    assert load_settings(env.ctx).session_times.morning_end == time(12, 0)


def test_a_viewer_is_refused_with_a_plain_dialog(qtbot, env):
    env.ctx = replace(env.ctx, actor=Actor("访客", Role.CENTER_VIEWER))
    page = _page(qtbot, env)
    page.rules.setup_days.setValue(9)
    page.rules.save()
    qtbot.waitUntil(lambda: page.rules.error_box is not None, timeout=10_000)
    box = page.rules.error_box
    assert box is not None and box.isVisible()
    assert "无权" in box.text()
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()
    assert load_settings(env.ctx).target_enterprise_setup_days == 3


def test_calendar_day_added_changes_due_dates_and_is_removed(qtbot, env):
    seed_hall(env.ctx)
    case_id = register_case(
        env.ctx, CaseInput("01", "SC001", ApplicantType.PERSON, "张三", datetime(2026, 5, 11, 9, 0)), now=NOW
    )
    page = _page(qtbot, env)
    panel = page.calendar
    assert panel.table.rowCount() == 0
    assert panel.empty_hint.shown and panel.empty_hint.text().startswith("Every day of 2026 is as")
    panel.day_edit.setDate(date(2026, 5, 13))
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(False))
    panel.note_edit.setText("停电闭厅")
    with qtbot.waitSignal(panel.due_dates_updated, timeout=10_000) as moved:
        assert panel.set_selected_day()
    assert moved.args == [1]
    assert panel.table.rowCount() == 1 and not panel.empty_hint.shown
    assert panel.table.item(0, 0).text() == "2026-05-13"
    assert "停电闭厅" in panel.table.item(0, 2).text()
    with env.ctx.db.session() as s:
        assert s.scalar(select(Case.due_date).where(Case.id == case_id)) == date(2026, 5, 15)

    panel.table.selectRow(0)
    assert panel.remove_button.isEnabled()
    with qtbot.waitSignal(panel.due_dates_updated, timeout=10_000):
        assert panel.remove_selected_day()
    assert panel.table.rowCount() == 0
    assert overrides_in_year(env.ctx, 2026) == []


def test_calendar_import_from_csv(qtbot, env, tmp_path):
    page = _page(qtbot, env)
    panel = page.calendar
    path = tmp_path / "calendar.csv"
    path.write_text(
        "日期,类型,说明\n2026-10-01,休息日,国庆节\n2026-10-10,工作日,国庆调休\n", encoding="utf-8"
    )
    with qtbot.waitSignal(panel.due_dates_updated, timeout=10_000):
        panel.import_file(str(path))
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == [
        "2026-10-01",
        "2026-10-10",
    ]
    assert "新增 2 行" in panel.message.text()


def test_warning_banner_for_years_without_an_official_calendar(qtbot, sqlite_hall, tmp_path):
    env = _env(sqlite_hall, datetime(2098, 6, 1, 9, 0))
    page = _page(qtbot, env)
    assert page.banner.isVisible()
    assert "2098年" in page.banner.text() and "2099年" in page.banner.text()
    panel = page.calendar
    # A day typed in by hand says nothing about the rest of its year: the warning stays.
    panel.day_edit.setDate(date(2098, 1, 1))
    panel.note_edit.setText("元旦")
    with qtbot.waitSignal(panel.due_dates_updated, timeout=10_000):
        panel.set_selected_day()
    assert page.banner.isVisible() and "2098年" in page.banner.text()
    path = tmp_path / "arrangement.csv"
    path.write_text("日期,类型,说明\n2098-01-01,休息日,元旦\n2099-01-01,休息日,元旦\n", encoding="utf-8")
    with qtbot.waitSignal(panel.due_dates_updated, timeout=10_000):
        panel.import_file(str(path))
    assert not page.banner.isVisible()
    env.runner.wait(10_000)


def test_database_test_and_choice_for_next_start(qtbot, env, tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(tmp_path / "preferences"))
    page = _page(qtbot, env)
    panel = page.database
    tab = page.tabs.indexOf(panel)
    page.tabs.setCurrentIndex(tab)
    assert panel.current_label.text() == env.ctx.db.display_name

    panel.url_edit.setText(env.ctx.db.url)
    panel.test_button.click()
    _idle(qtbot, env)
    assert panel.last_check is not None and panel.last_check.ok
    assert "测试市政务服务大厅" in panel.result_label.text()

    panel.url_edit.setText("postgresql://someone:hunter2@127.0.0.1:1/nothing")
    panel.test_button.click()
    _idle(qtbot, env)
    assert not panel.last_check.ok
    assert "hunter2" not in panel.result_label.text()

    target = tmp_path / "next.sqlite3"
    panel.url_edit.setText(str(target))
    assert panel.save_choice()
    assert saved_database_url() == f"sqlite:///{target}"
    assert str(target) in panel.saved_label.text()
    assert not target.exists()
    panel.forget_choice()
    assert app_settings().value(DATABASE_URL_KEY, "") in ("", None)


def test_the_settings_are_stored_off_the_ui_thread(qtbot, env, monkeypatch):
    from hallmonitor.ui.settings import page as module

    threads: list[int] = []
    store = module.save_settings

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return store(*args, **kwargs)

    monkeypatch.setattr(module, "save_settings", recorded)
    page = _page(qtbot, env)
    page.rules.setup_days.setValue(4)
    with qtbot.waitSignal(page.rules.saved, timeout=10_000):
        page.rules.save()
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert load_settings(env.ctx).target_enterprise_setup_days == 4
