"""The roster page's header: the week's navigation, the edit buttons and their keyboard shortcuts.

The header's widgets and shortcuts are many lines of wiring and no roster
logic, so they live apart from the page's loading, editing and saving, which
they call. ``RosterPage`` inherits this mixin and puts the header on top.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from hallmonitor.ui.common import WrappingBar
from hallmonitor.ui.roster.grid import RosterGrid
from hallmonitor.ui.shell import UiEnv

__all__ = ["RosterHeaderBar"]


class RosterHeaderBar:
    """The header of ``RosterPage``, which provides the week, the grid and the slots named here."""

    env: UiEnv
    monday: date
    undo_stack: QUndoStack
    table: RosterGrid
    header: WrappingBar

    def go_to_week(self, day: date) -> None:
        raise NotImplementedError

    def copy_last_week(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def set_attendance(self, attendance: bool | None, staff_ids: list[int] | None = None) -> None:
        raise NotImplementedError

    def remove(self, staff_ids: list[int] | None = None) -> None:
        raise NotImplementedError

    @property
    def panel_shown(self) -> bool:
        raise NotImplementedError

    def show_panel(self, shown: bool) -> None:
        raise NotImplementedError

    def _build_header(self) -> WrappingBar:
        """The title, the week's navigation and the edit buttons, wired to the page."""
        bar = QHBoxLayout()
        title = QLabel(self.tr("Roster and attendance"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.prev_button = QPushButton(self.tr("◀ Previous week"))
        self.week_label = QLabel()
        self.week_label.setStyleSheet("font-size: 15px; padding: 0 8px;")
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.this_week_button = QPushButton(self.tr("This week"))
        self.copy_button = QPushButton(self.tr("Copy last week"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveRoster")
        self.save_button.setStyleSheet("font-weight: bold;")
        self.pending_label = QLabel()
        self.pending_label.setStyleSheet("color: #1f5fa8;")
        self.panel_button = QPushButton(self.tr("Hide side panel"))
        self.panel_button.setObjectName("rosterPanelToggle")
        bar.addWidget(title)
        bar.addSpacing(12)
        for widget in (self.prev_button, self.week_label, self.next_button, self.this_week_button):
            bar.addWidget(widget)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for widget in (
            self.pending_label,
            self.panel_button,
            self.copy_button,
            self.undo_button,
            self.redo_button,
            self.save_button,
        ):
            actions.addWidget(widget)
        # The actions go under the week's navigation where one line would not fit (English at 1366 px).
        self.header = WrappingBar(bar, actions)
        self.prev_button.clicked.connect(lambda: self.go_to_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.go_to_week(self.monday + timedelta(days=7)))
        self.this_week_button.clicked.connect(lambda: self.go_to_week(self.env.clock().date()))
        self.copy_button.clicked.connect(self.copy_last_week)
        self.panel_button.clicked.connect(lambda: self.show_panel(not self.panel_shown))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.save_button.clicked.connect(self.save)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        return self.header

    def _build_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], slot: Any, widget: QWidget | None = None) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            (widget or self).addAction(act)
            return act

        undo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Undo) or [QKeySequence("Ctrl+Z")]
        redo_keys = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        self.undo_action = action(self.tr("Undo"), undo_keys, self.undo_stack.undo)
        self.redo_action = action(self.tr("Redo"), redo_keys, self.undo_stack.redo)
        save_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Save) or [QKeySequence("Ctrl+S")]
        self.save_action = action(self.tr("Save"), save_keys, self.save)
        self.present_action = action(
            self.tr("Mark present"), [QKeySequence("P")], lambda: self.set_attendance(True), self.table
        )
        self.absent_action = action(
            self.tr("Mark absent"), [QKeySequence("A")], lambda: self.set_attendance(False), self.table
        )
        self.planned_action = action(
            self.tr("Mark planned"), [QKeySequence("U")], lambda: self.set_attendance(None), self.table
        )
        self.remove_action = action(
            self.tr("Remove everyone"),
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")],
            lambda: self.remove(None),
            self.table,
        )
        self.table.cell_actions = [
            self.present_action,
            self.absent_action,
            self.planned_action,
            self.remove_action,
        ]
