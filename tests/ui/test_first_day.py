"""A hall's first day with the app, driven as its supervisor would: nothing but the screens.

From an empty user folder: the first-start wizard creates the hall; on the 大厅资料
page two departments, three windows, four staff and two items are entered by
hand; a roster cell is filled; the board shows each window in its colour.
Looking at the demo from the wizard leaves the real database's bytes as they were.
"""

from __future__ import annotations

import gc
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool

import hallmonitor.app as app_module
from hallmonitor.domain.enums import Session, StaffCategory
from hallmonitor.services.hall import load_calendar
from hallmonitor.services.hall_data import list_windows
from hallmonitor.services.staffing import CellKey, TileStatus
from hallmonitor.storage.database import open_database
from hallmonitor.ui.first_start import FirstStartResult, FirstStartWizard
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def runner():
    r = OperationRunner(QThreadPool())
    yield r
    r.wait(10_000)


def drive_wizard_to_a_new_hall(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real wizard's pages, filled and clicked through in place of its modal exec()."""

    def exec_(wizard: FirstStartWizard) -> int:
        wizard.show()
        wizard.start_page.create.setChecked(True)
        wizard.next()
        wizard.hall_page.code.setText("330100")
        wizard.hall_page.name.setText("某市政务服务中心")
        wizard.next()  # creates the hall
        assert wizard.result.outcome == "created", wizard.hall_page.problem.text()
        wizard.key_page.written.setChecked(True)
        wizard.next_page.by_hand.setChecked(True)
        wizard.next_page.validatePage()
        wizard.hide()
        return 1

    monkeypatch.setattr(FirstStartWizard, "exec", exec_)


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert index >= 0, f"{text} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def test_from_an_empty_folder_to_a_hall_on_the_board(qtbot, runner, tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'user' / 'hallmonitor.sqlite3'}"
    (tmp_path / "user").mkdir()
    drive_wizard_to_a_new_hall(monkeypatch)
    start = app_module.open_hall_context(url, False, runner)
    assert start is not None and start.ctx.hall_code == "330100" and start.page == "hall_data"
    ctx = start.ctx
    calendar = load_calendar(ctx)
    day = calendar.next_working_day(date.today() + timedelta(days=1))
    env = UiEnv(ctx=ctx, runner=runner, bus=ChangeBus(), clock=lambda: datetime.combine(day, time(10, 0)))
    window = MainWindow(env)
    window.remember = False
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "hall_data"):
        assert window.show_page(start.page)
    data = window.page("hall_data")

    for name in ("市场监管局", "税务局"):
        data.tabs.setCurrentWidget(data.departments)
        data.add_department()
        data.dialog.name_edit.setText(name)
        data.dialog.accept()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    for number, department, col in (("1", "市场监管局", 0), ("2", "市场监管局", 1), ("3", "税务局", 2)):
        data.tabs.setCurrentWidget(data.windows)
        data.add_window()
        dialog = data.dialog
        dialog.number_edit.setText(number)
        dialog.name_edit.setText(f"{department}窗口")
        choose(dialog.department, department)
        dialog.zone_edit.setText("A区")
        dialog.col_spin.setValue(col)
        dialog.accept()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert not dialog.isVisible(), data.message.text()
    people = (
        ("G001", "王正", StaffCategory.CIVIL_SERVANT, "市场监管局"),
        ("G002", "赵公", StaffCategory.CIVIL_SERVANT, "税务局"),
        ("F001", "刘辅", StaffCategory.LABOUR_DISPATCH, "市场监管局"),
        ("F002", "陈协", StaffCategory.LABOUR_DISPATCH, "税务局"),
    )
    for staff_no, name, category, department in people:
        data.tabs.setCurrentWidget(data.staff)
        data.add_person()
        dialog = data.dialog
        dialog.staff_no_edit.setText(staff_no)
        dialog.name_edit.setText(name)
        choose(dialog.department, department)
        dialog.category.setCurrentIndex(dialog.category.findData(category))
        dialog.accept()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert not dialog.isVisible(), data.message.text()
    for code, name, department in (
        ("MS-001", "企业设立登记", "市场监管局"),
        ("SW-001", "税务登记", "税务局"),
    ):
        data.tabs.setCurrentWidget(data.items)
        data.add_item()
        dialog = data.dialog
        dialog.code_edit.setText(code)
        dialog.name_edit.setText(name)
        choose(dialog.department, department)
        dialog.accept()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert not dialog.isVisible(), data.message.text()
    assert data.departments.model.rowCount() == 2
    assert data.windows.model.rowCount() == 3
    assert data.staff.model.rowCount() == 4
    assert data.items.model.rowCount() == 2

    # The roster: window 1 a formal civil servant, window 2 auxiliary staff only, window 3 nobody.
    ids = {w.number: w.id for w in list_windows(ctx)}
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "roster"):
        window.show_page("roster")
    roster = window.page("roster")
    for number, staff_no in (("1", "G001"), ("2", "F001")):
        key = CellKey(ids[number], day, Session.MORNING)
        roster.table.setCurrentIndex(roster.model.index_of(key))
        qtbot.keyClicks(roster.panel.add_edit, staff_no)
        qtbot.keyClick(roster.panel.add_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: roster.panel.add_edit.text() == "", timeout=5000)
    roster.save()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)

    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "board"):
        window.show_page("board")
    board = window.page("board")
    qtbot.waitUntil(lambda: set(board.tiles) == {"1", "2", "3"}, timeout=10_000)
    qtbot.waitUntil(lambda: board.tiles["1"].status is TileStatus.COMPLIANT, timeout=10_000)
    assert board.tiles["2"].status is TileStatus.AUXILIARY_ONLY
    assert board.tiles["3"].status is TileStatus.UNSTAFFED
    window.close()
    ctx.db.close()


def test_looking_at_the_demo_from_the_wizard_leaves_the_real_database_as_it_was(
    qtbot, runner, tmp_path: Path, monkeypatch
) -> None:
    import functools

    import hallmonitor.demo as demo_package

    real = tmp_path / "user" / "hallmonitor.sqlite3"
    real.parent.mkdir()
    url = f"sqlite:///{real}"
    open_database(url).close()
    gc.collect()
    before = real.read_bytes()

    def exec_(wizard: FirstStartWizard) -> int:
        wizard.show()
        wizard.start_page.demo.setChecked(True)
        wizard.result = FirstStartResult("demo")
        wizard.hide()
        return 1

    monkeypatch.setattr(FirstStartWizard, "exec", exec_)
    monkeypatch.setattr(demo_package, "build_demo", functools.partial(demo_package.build_demo, weeks=1))
    start = app_module.open_hall_context(url, False, runner)
    assert start is not None and start.demo
    env = UiEnv(ctx=start.ctx, runner=runner, bus=ChangeBus(), demo=True)
    window = MainWindow(env)
    window.remember = False
    qtbot.addWidget(window)
    window.show()
    assert "演示大厅" in window.windowTitle() or "Demo hall" in window.windowTitle()
    with qtbot.waitSignal(window.page_ready, timeout=20_000, check_params_cb=lambda key: key == "board"):
        window.show_page("board")
    window.close()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    start.ctx.db.close()
    assert real.read_bytes() == before
