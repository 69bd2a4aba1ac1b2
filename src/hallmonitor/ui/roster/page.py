"""排班与到岗: the week's roster as a grid of windows by days and sessions.

Edits stay pending, coloured by the verdict they would have, until the
supervisor saves; every edit is one undoable command, and saving writes all
of them in one transaction and tells the rest of the app ("roster" on the
bus) so the board turns at once. Leaving the page or the week with unsaved
edits asks first.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services import staffing
from hallmonitor.services.staffing import Cell, CellKey, RosterWeek, SaveResult
from hallmonitor.ui.common import EmptyHint, day_label, session_name, verdict_name
from hallmonitor.ui.roster.grid import RosterGrid
from hallmonitor.ui.roster.header import RosterHeaderBar
from hallmonitor.ui.roster.model import RosterModel, SetCellsCommand
from hallmonitor.ui.roster.panel import RosterPanel
from hallmonitor.ui.shell import ReloadWhenShown, UiEnv, owned_operation, run_and_wait, show_error

log = logging.getLogger("hallmonitor.ui")


class RosterPage(RosterHeaderBar, QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("rosterPage")
        self.monday = staffing.monday_of(env.clock().date())
        self.week: RosterWeek | None = None
        self.model = RosterModel(self, today=lambda: env.clock().date())
        self.undo_stack = QUndoStack(self)
        self._loading = False
        self._saving = False
        self._own_announcement = False
        self._reload = ReloadWhenShown(self)
        self._build()
        self._build_actions()
        env.bus.changed.connect(self._on_changed)
        self.model.pending_changed.connect(self._pending_changed)
        self.model.staff_dropped.connect(self.add_staff_ids)
        self.model.dataChanged.connect(lambda *_: self._show_selection())

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.addWidget(self._build_header())

        self.table = RosterGrid(self.model)
        self.panel = RosterPanel()
        self.empty_hint = EmptyHint(self.table)
        self.no_staff_hint = EmptyHint(self.panel.staff_view)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        # The grid stays; the panel folds away (隐藏侧栏, or dragged to the edge) for more days' room.
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)
        splitter.splitterMoved.connect(lambda *_: self._panel_shown_changed())
        outer.addWidget(splitter, 1)
        self.message_label = QLabel()
        self.message_label.setObjectName("rosterMessage")
        outer.addWidget(self.message_label)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selection())
        self.panel.add_requested.connect(self.add_typed)
        self.panel.attendance_requested.connect(lambda ids, value: self.set_attendance(value, ids))
        self.panel.remove_requested.connect(lambda ids: self.remove(ids))
        self.table.attendance_requested.connect(lambda ids, value: self.set_attendance(value, ids))
        self.table.remove_requested.connect(lambda ids: self.remove(ids))
        self.table.add_requested.connect(self._focus_add_box)

    @property
    def panel_shown(self) -> bool:
        return self.panel.isVisibleTo(self) and self.splitter.sizes()[1] > 0

    def show_panel(self, shown: bool) -> None:
        if shown and not self.panel_shown:
            self.panel.show()
            total = sum(self.splitter.sizes())
            width = self.panel.sizeHint().width()
            self.splitter.setSizes([max(total - width, 0), width])
        elif not shown:
            self.panel.hide()
        self._panel_shown_changed()

    def _panel_shown_changed(self) -> None:
        shown = self.panel_shown
        self.panel_button.setText(self.tr("Hide side panel") if shown else self.tr("Show side panel"))

    def _focus_add_box(self) -> None:
        self.show_panel(True)  # adding someone is typed in the panel
        self.panel.add_edit.setFocus()

    # --- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.load_week(self.monday)

    def load_week(self, monday: date) -> None:
        if self._loading:
            return
        self._loading = True
        ctx, monday, now = self.env.ctx, staffing.monday_of(monday), self.env.clock()

        def work(_progress: Any) -> RosterWeek:
            return staffing.load_week(ctx, monday, now=now)

        self.env.runner.start(
            owned_operation(self, "roster week", work, on_success=self._loaded, on_failure=self._load_failed)
        )

    def _loaded(self, week: RosterWeek) -> None:
        self._loading = False
        self.week, self.monday = week, week.monday
        self.undo_stack.clear()
        self.model.load(week)
        self.panel.set_staff(week.staff)
        iso = week.monday.isocalendar()
        self.week_label.setText(
            self.tr("Week {week} of {year} ({first} – {last})").format(
                week=iso.week,
                year=iso.year,
                first=day_label(week.monday),
                last=day_label(week.monday + timedelta(days=6)),
            )
        )
        self.table.resizeRowsToContents()
        if self.model.rowCount() and self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.empty_hint.set_text(
            "" if week.windows else self.tr("No windows yet: add them on Hall data, or File ▸ Import.")
        )
        self.no_staff_hint.set_text(
            "" if week.staff else self.tr("No staff yet: add them on Hall data, or File ▸ Import.")
        )
        self.message_label.clear()
        self._show_selection()
        self.data_ready.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        show_error(self, exc)

    def go_to_week(self, day: date) -> None:
        if staffing.monday_of(day) == self.monday or not self.confirm_leave():
            return
        self.load_week(day)

    def _on_changed(self, topic: str) -> None:
        if self._own_announcement or topic not in ("roster", "windows", "staff", "settings"):
            return
        if not self.model.dirty:
            self._reload.request(self.refresh)

    # --- editing --------------------------------------------------------------------------------
    def selected_keys(self) -> list[CellKey]:
        return self.table.selected_keys()

    def apply(self, after: dict[CellKey, Cell], text: str) -> bool:
        """Push one undoable edit; nothing is pushed when it changes nothing."""
        changed = {k: v for k, v in after.items() if self.model.cell(k) != v}
        if not changed:
            return False
        self.undo_stack.push(SetCellsCommand(self.model, changed, text))
        return True

    def add_typed(self, text: str) -> None:
        if self.week is None:
            return
        matches = staffing.find_staff(self.week.staff, text)
        if len(matches) != 1:
            message = (
                self.tr("Nobody matches “{text}”.")
                if not matches
                else self.tr("{count} people match “{text}”; type more of the number or name.")
            )
            self.message_label.setText(message.format(text=text, count=len(matches)))
            return
        self.add_staff_ids(self.selected_keys(), [matches[0].id])
        self.panel.clear_typed()

    def add_staff_ids(self, keys: CellKey | list[CellKey], staff_ids: list[int]) -> None:
        if self.week is None:
            return
        keys = [keys] if isinstance(keys, CellKey) else keys
        people = [p for p in self.week.staff if p.id in set(staff_ids)]
        after = {}
        for key in keys:
            entries = self.model.cell(key)
            for person in people:
                entries = staffing.with_staff(entries, person)
            after[key] = entries
        names = "、".join(p.name for p in people)
        if self.apply(after, self.tr("Add {names}").format(names=names)):
            self.message_label.setText(self.tr("Added {names}; not saved yet.").format(names=names))

    def set_attendance(self, attendance: bool | None, staff_ids: list[int] | None = None) -> None:
        keys = self.selected_keys()
        after = {k: staffing.with_attendance(self.model.cell(k), staff_ids, attendance) for k in keys}
        self.apply(after, self.tr("Mark attendance"))

    def remove(self, staff_ids: list[int] | None = None) -> None:
        keys = self.selected_keys()
        after = {k: staffing.without_staff(self.model.cell(k), staff_ids) for k in keys}
        self.apply(after, self.tr("Remove from roster"))

    def copy_last_week(self) -> None:
        if self.week is None:
            return
        ctx, week = self.env.ctx, self.week
        current = self.model.current_cells()

        def work(_progress: Any) -> dict[CellKey, Cell]:
            source = staffing.load_week(ctx, week.monday - timedelta(days=7))
            return staffing.copied_cells(source, week, current)

        def done(cells: dict[CellKey, Cell]) -> None:
            if self.week is not week:
                return
            if self.apply(cells, self.tr("Copy last week")):
                self.message_label.setText(
                    self.tr("Copied last week into {count} empty cells; not saved yet.").format(
                        count=len(cells)
                    )
                )
            else:
                self.message_label.setText(
                    self.tr("Nothing to copy: last week's cells are empty or already filled here.")
                )

        self.env.runner.start(
            owned_operation(
                self, "copy last week", work, on_success=done, on_failure=lambda e: show_error(self, e)
            )
        )

    # --- saving ---------------------------------------------------------------------------------
    def _save_work(self) -> Any:
        ctx, changes = self.env.ctx, self.model.pending_changes()
        return lambda _progress: staffing.save_roster_changes(ctx, changes)

    def save(self) -> None:
        if self._saving or not self.model.dirty:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.env.runner.start(
            owned_operation(
                self, "save roster", self._save_work(), on_success=self._saved, on_failure=self._save_failed
            )
        )

    def _saved(self, result: SaveResult) -> None:
        self._saving = False
        self.model.mark_saved()
        self.undo_stack.setClean()
        self.message_label.setText(
            self.tr("Saved: {added} added, {removed} removed, {updated} attendance changes.").format(
                added=result.added, removed=result.removed, updated=result.updated
            )
        )
        self._own_announcement = True
        try:
            self.env.bus.announce("roster")
        finally:
            self._own_announcement = False

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._pending_changed(len(self.model.pending_keys()))
        show_error(self, exc)
        if isinstance(exc, staffing.RosterConflict):
            # Someone else's change is the truth now: show it rather than the stale week.
            self.refresh()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(
            self,
            self.tr("Unsaved roster"),
            self.tr("The roster has {count} unsaved cells. Save them before leaving?").format(
                count=len(self.model.pending_keys())
            ),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )

    def confirm_leave(self) -> bool:
        """True when it is fine to leave: nothing pending, saved now, or discarded on purpose."""
        if not self.model.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Discard:
            self.undo_stack.clear()
            if self.week is not None:
                self.model.load(self.week)
            return True
        if answer != QMessageBox.StandardButton.Save:
            return False
        try:
            result = run_and_wait(
                self, self.env.runner, "save roster", self._save_work(), self.tr("Saving the roster…")
            )
        except Exception as exc:
            show_error(self, exc)
            return False
        self._saved(result)
        return True

    # --- display --------------------------------------------------------------------------------
    def _pending_changed(self, count: int) -> None:
        self.pending_label.setText(self.tr("{count} unsaved cells").format(count=count) if count else "")
        self.save_button.setEnabled(bool(count) and not self._saving)

    def _show_selection(self) -> None:
        keys = self.selected_keys()
        if self.week is None or not keys:
            self.panel.show_cell(self.tr("Select a cell in the grid."), None)
            return
        if len(keys) > 1:
            self.panel.show_cell(self.tr("{count} cells selected").format(count=len(keys)), None)
            return
        key = keys[0]
        window = next(w for w in self.week.windows if w.id == key.window_id)
        verdict = self.model.verdict(key)
        state = verdict_name(verdict) if verdict else self.tr("not judged")
        self.panel.show_cell(
            f"<b>{window.number}</b> {window.department}<br>{day_label(key.day)} {session_name(key.session)} · {state}",
            self.model.cell(key),
        )

    def index_of(self, key: CellKey) -> QModelIndex:
        return self.model.index_of(key)
