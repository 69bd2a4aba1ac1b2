"""Import, export and templates from the File menu: progress off the UI thread, a summary at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from hallmonitor.services.staffing import load_week
from hallmonitor.ui.excel import actions as excel_actions
from hallmonitor.ui.excel.actions import ExportWeekDialog, ImportDialog, ImportResultDialog, last_week
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv, app_settings
from tests.support.hall_builder import Clock, build_small_hall

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot, sqlite_hall, qapp, tmp_path):
    build_small_hall(sqlite_hall)
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    app_settings().setValue(excel_actions.FOLDER_KEY, str(tmp_path))
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    yield window
    env.runner.wait(10_000)


def accept(monkeypatch, dialog_class, **choice) -> None:
    monkeypatch.setattr(dialog_class, "exec", lambda self: QDialog.DialogCode.Accepted)
    if choice:
        monkeypatch.setattr(dialog_class, "choice", lambda self: tuple(choice.values()))


def test_the_menu_actions_are_enabled_now_that_excel_is_installed(window):
    assert window.action_import.isEnabled() and window.action_export.isEnabled()


def test_export_the_weekly_report_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    accept(monkeypatch, ExportWeekDialog)
    window.action_export.trigger()
    qtbot.waitUntil(lambda: window.property("lastExport") is not None, timeout=30_000)
    path = Path(window.property("lastExport"))
    assert path.parent == tmp_path
    assert path.name == "H001_2026-W19_窗口监管周报.xlsx"
    assert "概览" in load_workbook(path, read_only=True).sheetnames
    assert window.findChild(QDialog, "excelDone") is not None


def test_the_export_dialog_offers_last_week_and_shows_its_days(qtbot, window):
    dialog = ExportWeekDialog(window.env.clock().date(), window)
    qtbot.addWidget(dialog)
    assert dialog.choice()[0] == last_week(window.env.clock().date()) == "2026-W19"
    assert "2026-05-04" in dialog.week_label.text() and "2026-05-10" in dialog.week_label.text()


def test_import_staff_from_the_menu_adds_them_and_tells_the_other_pages(qtbot, window, monkeypatch, tmp_path):
    csv = tmp_path / "staff.csv"
    csv.write_text(
        "工号,姓名,部门,人员类别\nS101,赵敏,税务局,公务员\nS102,钱进,税务局,劳务派遣\n", encoding="utf-8"
    )
    accept(monkeypatch, ImportDialog, kind="staff", path=csv, skip=False)
    with qtbot.waitSignal(window.env.bus.changed, timeout=30_000, check_params_cb=lambda t: t == "staff"):
        window.action_import.trigger()
    qtbot.waitUntil(lambda: window.findChild(ImportResultDialog) is not None, timeout=10_000)
    result = window.findChild(ImportResultDialog)
    assert "2" in result.summary.text() and not result.errors.isVisible()
    staff = {s.staff_no for s in load_week(window.env.ctx, window.env.clock().date()).staff}
    assert {"S101", "S102"} <= staff


def test_a_bad_file_imports_nothing_and_lists_every_bad_row(qtbot, window, monkeypatch, tmp_path):
    csv = tmp_path / "staff.csv"
    csv.write_text(
        "工号,姓名,部门,人员类别\nS101,赵敏,税务局,公务员\nS102,钱进,税务局,志愿者\n", encoding="utf-8"
    )
    accept(monkeypatch, ImportDialog, kind="staff", path=csv, skip=False)
    window.action_import.trigger()
    qtbot.waitUntil(lambda: window.findChild(ImportResultDialog) is not None, timeout=30_000)
    result = window.findChild(ImportResultDialog)
    assert "第3行" in result.errors.toPlainText()
    staff = {s.staff_no for s in load_week(window.env.ctx, window.env.clock().date()).staff}
    assert "S101" not in staff


def test_write_an_import_template_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    target = tmp_path / "roster template.xlsx"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: ("Roster and attendance", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.action_templates.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "excelDone") is not None, timeout=30_000)
    headers = [c.value for c in next(load_workbook(target).active.iter_rows(max_row=1))]
    assert headers[:4] == ["日期", "时段", "窗口号", "工号"]
