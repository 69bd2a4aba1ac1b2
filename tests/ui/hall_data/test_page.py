"""The 大厅资料 page: add a window, set it 停用 from a day, see who did it in its history."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt, QThreadPool

from hallmonitor.domain.enums import Session, StaffCategory, WindowState
from hallmonitor.services.hall_data import add_department, list_staff, list_windows
from hallmonitor.services.staffing import load_week
from hallmonitor.ui.hall_data import HallDataPage
from hallmonitor.ui.hall_data.models import DepartmentModel, HistoryModel, ItemModel, StaffModel, WindowModel
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support import builders as b

NOW = datetime(2026, 5, 13, 10, 0)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, qapp):
    add_department(sqlite_hall, "税务局")
    b.item(sqlite_hall, "I-1", department="税务局")
    person = b.staff(sqlite_hall, "A1", "李协理", StaffCategory.LABOUR_DISPATCH, "税务局")
    w = b.window(sqlite_hall, "1", "税务局")
    b.duty(sqlite_hall, w, person, date(2026, 5, 12), Session.MORNING)
    runner = OperationRunner(QThreadPool())
    yield UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    runner.wait(10_000)


def _page(qtbot, env) -> HallDataPage:
    page = HallDataPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    return page


def _idle(qtbot, env) -> None:
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)


def test_every_model_passes_the_model_tester(qtbot, qtmodeltester, env):
    page = _page(qtbot, env)
    _idle(qtbot, env)
    for model in (page.departments.model, page.windows.model, page.staff.model, page.items.model):
        assert model.rowCount() >= 1
        qtmodeltester.check(model)
    page.windows.select_id(page.windows.model.rows[0].id)
    _idle(qtbot, env)
    assert page.history_model.rowCount() == 0  # a window made by the builder has no log yet
    assert page.history_empty.shown and page.history_empty.text().startswith("No change recorded yet")
    for cls in (DepartmentModel, WindowModel, StaffModel, ItemModel, HistoryModel):
        qtmodeltester.check(cls())


def test_add_a_window_set_it_out_of_service_and_see_it_in_the_history(qtbot, env):
    heard: list[str] = []
    env.bus.changed.connect(heard.append)
    page = _page(qtbot, env)
    page.tabs.setCurrentWidget(page.windows)
    page.add_window()
    dialog = page.dialog
    dialog.number_edit.setText("9")
    dialog.name_edit.setText("综合受理")
    dialog.zone_edit.setText("A区")
    dialog.row_spin.setValue(1)
    dialog.accept()
    _idle(qtbot, env)
    assert not dialog.isVisible()
    assert "9" in page.message.text()
    assert "windows" in heard
    new = next(w for w in list_windows(env.ctx) if w.number == "9")
    page.windows.select_id(new.id)
    assert page.stop_button.isEnabled() and not page.open_button.isEnabled()

    page.stop_window()
    stop = page.dialog
    stop.accept()  # without a reason: refused in the dialog, which stays open
    _idle(qtbot, env)
    assert stop.isVisible() and "原因不能为空" in stop.error.text()
    stop.reason_edit.setText("窗口撤并")
    stop.day_edit.setDate(QDate(2026, 5, 12))
    stop.accept()
    _idle(qtbot, env)
    assert not stop.isVisible()
    assert next(w for w in list_windows(env.ctx) if w.number == "9").state is WindowState.OUT_OF_SERVICE
    assert {"windows", "roster"} <= set(heard)
    row = page.windows.model.row_of(new.id)
    assert page.windows.model.index(row, 6).data() == "Out of service"
    page.windows.select_id(new.id)
    _idle(qtbot, env)
    texts = [
        [page.history_model.index(r, c).data() for c in range(page.history_model.columnCount())]
        for r in range(page.history_model.rowCount())
    ]
    assert len(texts) == 2
    newest = texts[0]
    assert newest[1] == "tester" and newest[4] == "窗口撤并"
    assert "2026-05-12" in newest[3]
    assert page.open_button.isEnabled() and not page.stop_button.isEnabled()


def test_a_person_leaves_and_is_off_the_roster_from_that_day(qtbot, env):
    page = _page(qtbot, env)
    page.tabs.setCurrentWidget(page.staff)
    person = page.staff.model.rows[0]
    page.staff.select_id(person.id)
    page.leave()
    page.dialog.reason_edit.setText("调回局机关")
    page.dialog.day_edit.setDate(QDate(2026, 5, 12))
    page.dialog.accept()
    _idle(qtbot, env)
    assert "1" in page.message.text()
    assert not list_staff(env.ctx)[0].active
    assert not load_week(env.ctx, date(2026, 5, 11)).cells
    assert page.return_button.isEnabled()


def test_an_item_is_deactivated_from_its_button_with_a_reason_and_greyed(qtbot, qtmodeltester, env):
    heard: list[str] = []
    env.bus.changed.connect(heard.append)
    page = _page(qtbot, env)
    page.tabs.setCurrentWidget(page.items)
    item = page.items.model.rows[0]
    page.items.select_id(item.id)
    assert page.deactivate_button.isEnabled() and not page.activate_button.isEnabled()
    status = page.items.model.columnCount() - 1
    assert page.items.model.headerData(status, Qt.Orientation.Horizontal) == "Status"
    assert page.items.model.index(0, status).data() == "In use"

    page.deactivate_item()
    dialog = page.dialog
    dialog.accept()  # without a reason: refused in the dialog, which stays open
    _idle(qtbot, env)
    assert dialog.isVisible() and "停用原因不能为空" in dialog.error.text()
    dialog.reason_edit.setText("事项取消")
    dialog.accept()
    _idle(qtbot, env)
    assert not dialog.isVisible()
    assert "已停用" in page.message.text()
    assert "items" in heard
    qtmodeltester.check(page.items.model)
    row = page.items.model.row_of(item.id)
    index = page.items.model.index(row, status)
    assert index.data() == "Deactivated"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    page.items.select_id(item.id)
    _idle(qtbot, env)
    assert page.activate_button.isEnabled() and not page.deactivate_button.isEnabled()
    newest = [page.history_model.index(0, c).data() for c in range(page.history_model.columnCount())]
    assert newest[1:] == ["tester", "Deactivated", "Status：In use → Deactivated", "事项取消"]


def test_the_page_has_a_title_and_an_empty_tab_names_its_add_button(qtbot, sqlite_hall, qapp):
    from PySide6.QtWidgets import QLabel

    runner = OperationRunner(QThreadPool())
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    page = _page(qtbot, env)
    assert "Hall data" in [label.text() for label in page.findChildren(QLabel)]
    for panel, button in (
        (page.departments, "Add department…"),
        (page.windows, "Add window…"),
        (page.staff, "Add person…"),
        (page.items, "Add item…"),
    ):
        assert panel.empty_hint.text().startswith("No ") and f"“{button}”" in panel.empty_hint.text()
        assert "File ▸ Import" in panel.empty_hint.text()
    assert page.windows.empty_hint.shown  # the tab shown first
    runner.wait(10_000)


def test_a_search_that_matches_nothing_says_so(qtbot, env):
    page = _page(qtbot, env)
    panel = page.windows
    assert not panel.empty_hint.shown
    panel.search.setText("不存在的窗口")
    assert panel.empty_hint.shown and panel.empty_hint.text() == "Nothing matches “不存在的窗口”."
    panel.search.clear()
    assert not panel.empty_hint.shown


def test_a_change_is_stored_off_the_ui_thread_while_the_dialog_waits(qtbot, env, monkeypatch):
    from hallmonitor.ui.hall_data import actions

    threads: list[int] = []
    original = actions.add_window

    def add_window(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(actions, "add_window", add_window)
    page = _page(qtbot, env)
    page.tabs.setCurrentWidget(page.windows)
    page.add_window()
    dialog = page.dialog
    dialog.number_edit.setText("9")
    dialog.name_edit.setText("综合受理")
    dialog.accept()
    # Storing: OK and Cancel wait, the dialog says so, and Esc does not drop the change.
    assert not dialog.buttons.isEnabled() and dialog.busy_label.text() == "Saving…"
    dialog.reject()
    assert dialog.isVisible()
    _idle(qtbot, env)
    assert not dialog.isVisible() and "9" in page.message.text()
    assert threads and threading.get_ident() not in threads
    assert any(w.number == "9" for w in list_windows(env.ctx))


def test_a_refused_change_leaves_the_dialog_open_with_the_service_s_sentence(qtbot, env):
    page = _page(qtbot, env)
    page.tabs.setCurrentWidget(page.windows)
    page.add_window()
    dialog = page.dialog
    dialog.number_edit.setText("1")  # window 1 exists already
    dialog.name_edit.setText("综合受理")
    dialog.accept()
    _idle(qtbot, env)
    assert dialog.isVisible() and dialog.buttons.isEnabled() and not dialog.busy_label.isVisible()
    assert "窗口编号 1 已被另一个窗口使用" in dialog.error.text() and dialog.error.isVisible()
    assert "Traceback" not in dialog.error.text()
    assert [w.number for w in list_windows(env.ctx)] == ["1"]
