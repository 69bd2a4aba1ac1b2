"""The roster page driven as a supervisor would: type, drag, mark, undo, copy, save."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from hallmonitor.domain.enums import Role, Session, StaffingVerdict
from hallmonitor.services.hall import Actor, PermissionDenied
from hallmonitor.services.staffing import CellKey, load_week
from hallmonitor.ui.roster import page as roster_page
from hallmonitor.ui.roster.model import EntriesRole, PendingRole, RosterModel, VerdictRole
from hallmonitor.ui.roster.page import RosterPage
from hallmonitor.ui.shell import MainWindow
from tests.support.hall_builder import MONDAY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WEDNESDAY = date(2026, 5, 13)


def open_roster(qtbot, env) -> RosterPage:
    page = RosterPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    return page


def select(page: RosterPage, key: CellKey) -> None:
    index = page.model.index_of(key)
    assert index.isValid()
    page.table.setCurrentIndex(index)


def type_with_ime(widget, text: str) -> None:
    """Chinese arrives through the input method, as a committed string, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def names(page: RosterPage, key: CellKey) -> list[str]:
    return [a.name for a in page.model.cell(key)]


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, env):
    page = open_roster(qtbot, env)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.panel.staff_model)
    qtmodeltester.check(page.panel.staff_proxy)
    empty = RosterModel()
    qtmodeltester.check(empty)


def test_the_grid_shows_the_week_with_formal_staff_first(qtbot, env, small):
    page = open_roster(qtbot, env)
    model = page.model
    assert model.rowCount() == 6
    assert model.columnCount() == 10  # five working days, two sessions each
    assert model.headerData(0, Qt.Orientation.Horizontal) == "5/11 Mon\nMorning"
    key = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    index = model.index_of(key)
    assert model.data(index) == "张伟\n王芳"
    assert model.data(index, VerdictRole) == StaffingVerdict.COMPLIANT.value
    closed = model.index_of(replace(key, window_id=small.windows["B02"]))
    assert model.data(closed, VerdictRole) is None


def test_typing_a_name_in_the_completer_adds_and_colours_before_saving(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    select(page, key)
    assert page.model.verdict(key) is StaffingVerdict.UNSTAFFED
    edit, completer = page.panel.add_edit, page.panel.completer
    page.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5_000)
    type_with_ime(edit, "刘")
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5_000)
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "S004 刘洋（Contract outside quota）"
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert names(page, key) == ["刘洋"]
    assert page.model.verdict(key) is StaffingVerdict.AUXILIARY_ONLY
    assert page.model.data(page.model.index_of(key), PendingRole) is True
    assert page.save_button.isEnabled()
    qtbot.waitUntil(lambda: edit.text() == "", timeout=5_000)

    page.undo_stack.undo()
    assert names(page, key) == []
    assert page.model.verdict(key) is StaffingVerdict.UNSTAFFED
    assert not page.model.dirty
    page.undo_stack.redo()
    assert page.model.verdict(key) is StaffingVerdict.AUXILIARY_ONLY

    select(page, key)
    qtbot.keyClicks(edit, "S003")  # 李娜, public institution staff: formal
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert names(page, key) == ["李娜", "刘洋"]
    assert page.model.verdict(key) is StaffingVerdict.COMPLIANT

    with qtbot.waitSignal(env.bus.changed, timeout=10_000, check_params_cb=lambda topic: topic == "roster"):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.model.dirty
    saved = load_week(env.ctx, MONDAY).cell(key)
    assert [(a.name, a.attendance) for a in saved] == [("李娜", None), ("刘洋", None)]


def test_an_ambiguous_or_unknown_name_adds_nobody_and_says_why(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    select(page, key)
    qtbot.keyClicks(page.panel.add_edit, "S00")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)
    assert "6" in page.message_label.text()
    page.panel.add_edit.clear()
    qtbot.keyClicks(page.panel.add_edit, "X999")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)
    assert "X999" in page.message_label.text()
    assert names(page, key) == [] and not page.model.dirty


def test_keys_mark_attendance_and_absent_staff_do_not_count(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    select(page, key)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert [a.attendance for a in page.model.cell(key)] == [False, False]
    assert page.model.verdict(key) is StaffingVerdict.UNSTAFFED
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert [a.attendance for a in page.model.cell(key)] == [True, True]
    assert page.model.verdict(key) is StaffingVerdict.COMPLIANT

    # one person only, from the side panel: 张伟 (formal) absent leaves 王芳 alone
    page.panel.people.item(0).setSelected(True)
    qtbot.mouseClick(page.panel.absent_button, Qt.MouseButton.LeftButton)
    assert [(a.name, a.attendance) for a in page.model.cell(key)] == [("张伟", False), ("王芳", True)]
    assert page.model.verdict(key) is StaffingVerdict.AUXILIARY_ONLY

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.cell(key) == ()
    for _ in range(4):
        page.undo_stack.undo()
    assert [a.attendance for a in page.model.cell(key)] == [None, None]
    assert not page.model.dirty


def test_dragging_staff_from_the_list_onto_a_cell(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.AFTERNOON)
    staff = page.panel.staff_model
    rows = [i for i, p in enumerate(staff.staff) if p.staff_no in ("S003", "S004")]
    data = page.panel.staff_proxy.mimeData([page.panel.staff_proxy.index(r, 0) for r in rows])
    target = page.model.index_of(key)
    assert page.model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    assert page.model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    assert names(page, key) == ["李娜", "刘洋"]
    assert page.model.verdict(key) is StaffingVerdict.COMPLIANT
    assert not page.model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    page.undo_stack.undo()
    assert names(page, key) == []


def test_adding_to_several_selected_cells_at_once(qtbot, env, small):
    page = open_roster(qtbot, env)
    keys = [CellKey(small.windows["A03"], MONDAY, s) for s in Session]
    selection = page.table.selectionModel()
    selection.clearSelection()
    for key in keys:
        selection.select(page.model.index_of(key), selection.SelectionFlag.Select)
    qtbot.keyClicks(page.panel.add_edit, "S003")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)
    assert all(names(page, k) == ["李娜"] for k in keys)
    page.undo_stack.undo()
    assert all(names(page, k) == [] for k in keys)


def test_copy_last_week_fills_empty_cells_and_saves(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], WEDNESDAY, Session.MORNING)
    assert page.model.verdict(key) is StaffingVerdict.UNSTAFFED
    with qtbot.waitSignal(page.undo_stack.indexChanged, timeout=10_000):
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert [(a.name, a.attendance) for a in page.model.cell(key)] == [("李娜", None)]
    assert page.model.verdict(key) is StaffingVerdict.COMPLIANT
    assert len(page.model.pending_keys()) == 2
    monday_a01 = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    assert names(page, monday_a01) == ["张伟", "王芳"]  # untouched
    with qtbot.waitSignal(env.bus.changed, timeout=10_000):
        page.save()
    assert [a.name for a in load_week(env.ctx, MONDAY).cell(key)] == ["李娜"]


def test_week_navigation_and_unsaved_edits_prompt(qtbot, env, small, monkeypatch):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    select(page, key)
    qtbot.keyClicks(page.panel.add_edit, "S003")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    page.go_to_week(date(2026, 5, 18))
    assert page.monday == MONDAY and page.model.dirty

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.go_to_week(date(2026, 5, 18))
    assert page.monday == date(2026, 5, 18)
    assert not page.model.dirty
    assert load_week(env.ctx, MONDAY).cell(key) == ()


def test_leaving_the_page_can_save_first(qtbot, env, small, monkeypatch):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "roster"):
        window.show_page("roster")
    page = window.page("roster")
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    select(page, key)
    qtbot.keyClicks(page.panel.add_edit, "S003")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    window.show_page("board")
    assert window.current_key == "roster"

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    window.show_page("board")
    assert window.current_key == "board"
    assert [a.name for a in load_week(env.ctx, MONDAY).cell(key)] == ["李娜"]


def test_a_viewer_cannot_save_and_is_told_why(qtbot, env, small, monkeypatch):
    env.ctx = replace(env.ctx, actor=Actor("guest", Role.CENTER_VIEWER))
    shown: list[BaseException] = []
    monkeypatch.setattr(roster_page, "show_error", lambda parent, exc: shown.append(exc))
    page = open_roster(qtbot, env)
    select(page, CellKey(small.windows["A03"], MONDAY, Session.MORNING))
    qtbot.keyClicks(page.panel.add_edit, "S003")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)
    page.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert isinstance(shown[0], PermissionDenied)
    assert page.model.dirty and page.save_button.isEnabled()


def test_a_change_saved_elsewhere_reloads_a_clean_page(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    from hallmonitor.services.staffing import RosterCellChange, save_roster_changes

    save_roster_changes(env.ctx, [RosterCellChange(key, ())])
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        env.bus.announce("roster")
    assert page.model.data(page.model.index_of(key), EntriesRole) == ()


def test_a_cell_changed_on_another_pc_meanwhile_is_refused_and_the_fresh_week_shown(
    qtbot, env, small, monkeypatch
):
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.staffing import (
        RosterCellChange,
        RosterConflict,
        save_roster_changes,
        with_staff,
    )
    from hallmonitor.storage.database import open_database

    shown: list[BaseException] = []
    monkeypatch.setattr(roster_page, "show_error", lambda parent, exc: shown.append(exc))
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    other_db = open_database(env.ctx.db.url)
    try:
        other = hall_context(other_db)
        week = load_week(other, MONDAY)
        person = next(s for s in week.staff if s.staff_no == "S006")
        save_roster_changes(
            other, [RosterCellChange(key, with_staff(week.cell(key), person), week.cell(key))]
        )
    finally:
        other_db.close()

    select(page, key)
    qtbot.keyClicks(page.panel.add_edit, "S003")
    qtbot.keyClick(page.panel.add_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.save()
    assert isinstance(shown[0], RosterConflict)
    assert names(page, key) == ["杨磊"]  # what the other PC saved, not this page's stale edit
    assert not page.model.dirty


def _empty_unstaffed(page: RosterPage, day: date) -> CellKey:
    model = page.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            key = model.key(model.index(row, column))
            if key.day == day and not model.cell(key) and model.verdict(key) is StaffingVerdict.UNSTAFFED:
                return key
    raise AssertionError(f"no empty cell on {day}")


def test_a_day_to_come_without_a_roster_reads_not_planned_rather_than_unstaffed(qtbot, env, small):
    from hallmonitor.services.staffing import TileStatus
    from hallmonitor.ui.common import PALETTE
    from hallmonitor.ui.roster.model import NOT_PLANNED_COLOURS, NotPlannedRole

    page = open_roster(qtbot, env)  # the clock stands on Monday morning
    model = page.model
    red = PALETTE[TileStatus.UNSTAFFED][0]
    today = model.index_of(_empty_unstaffed(page, MONDAY))
    assert today.data(Qt.ItemDataRole.BackgroundRole).color().name() == red  # nobody there now: red
    assert not today.data(NotPlannedRole)
    key = _empty_unstaffed(page, WEDNESDAY)
    later = model.index_of(key)
    assert later.data(NotPlannedRole)
    assert later.data(Qt.ItemDataRole.BackgroundRole).color().name() == NOT_PLANNED_COLOURS[0] != red
    assert later.data(Qt.ItemDataRole.ToolTipRole).startswith("Not planned yet")
    # Planned with auxiliary staff only, the day to come shows the verdict it would have.
    select(page, key)
    page.add_typed("S002")
    assert not later.data(NotPlannedRole)
    assert later.data(Qt.ItemDataRole.BackgroundRole).color().name() == PALETTE[TileStatus.AUXILIARY_ONLY][0]


def test_a_hall_without_windows_or_staff_says_where_to_add_them(qtbot, sqlite_hall, qapp):
    from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
    from tests.support.hall_builder import Clock

    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    page = open_roster(qtbot, env)
    assert page.empty_hint.shown and page.empty_hint.text().startswith("No windows yet")
    assert "File ▸ Import" in page.empty_hint.text()
    assert page.no_staff_hint.shown and page.no_staff_hint.text().startswith("No staff yet")
    env.runner.wait(10_000)


def test_a_row_grows_with_its_fullest_cell_and_keeps_its_height_when_the_grid_is_resized(qtbot, env, small):
    page = open_roster(qtbot, env)
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    row = page.model.index_of(key).row()
    one_line = page.table.rowHeight(row)
    select(page, key)
    page.add_staff_ids(key, [small.staff["S003"], small.staff["S004"]])
    lines = page.table.itemDelegate().sizeHint(QStyleOptionViewItem(), page.model.index_of(key)).height()
    assert page.table.rowHeight(row) == lines > one_line  # two people: two lines, none cut
    page.resize(1200, 700)
    qtbot.wait(50)
    assert page.table.rowHeight(row) == lines
