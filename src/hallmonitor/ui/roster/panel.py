"""The roster page's side panel: the selected cell's people, the add-by-typing box, the staff list.

Kept apart from the grid so the page reads as "grid + panel"; the panel only
shows and asks, and the page turns every request into an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QSortFilterProxyModel, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.staffing import Cell, StaffOption
from hallmonitor.ui.common import auxiliary_badge, category_name, formal_badge
from hallmonitor.ui.roster.model import attendance_text
from hallmonitor.ui.roster.staff_list import StaffListModel

PANEL_WIDTH = 220


def staff_completion(person: StaffOption) -> str:
    """What the completer offers and inserts: 工号, name and category, searchable by any of them."""
    return f"{person.staff_no} {person.name}（{category_name(person.category)}）"


class RosterPanel(QWidget):
    #: Text typed (or chosen) in the add box, to be resolved to a staff member.
    add_requested = Signal(str)
    #: (staff ids or None for everyone in the cell, attendance)
    attendance_requested = Signal(object, object)
    #: staff ids or None for everyone
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Narrow at first, so that a week's ten sessions fit beside it on a 1366-pixel screen;
        # it may be dragged wider, or folded away (the page's 隐藏侧栏).
        self.setMinimumWidth(PANEL_WIDTH)
        self.setMaximumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        cell_box = QGroupBox(self.tr("Selected cell"))
        cell_layout = QVBoxLayout(cell_box)
        self.cell_label = QLabel(self.tr("Select a cell in the grid."))
        self.cell_label.setWordWrap(True)
        cell_layout.addWidget(self.cell_label)
        add_row = QHBoxLayout()
        self.add_edit = QLineEdit()
        self.add_edit.setObjectName("addStaff")
        self.add_edit.setPlaceholderText(self.tr("Staff number or name"))
        self.add_edit.setClearButtonEnabled(True)
        self.completion_model = QStringListModel(self)
        self.completer = QCompleter(self.completion_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.add_edit.setCompleter(self.completer)
        self.add_button = QPushButton(self.tr("Add"))
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_button)
        cell_layout.addLayout(add_row)
        self.people = QListWidget()
        self.people.setObjectName("cellPeople")
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.people.setMaximumHeight(150)
        cell_layout.addWidget(self.people)
        buttons = QGridLayout()
        self.present_button = QPushButton(self.tr("Present"))
        self.absent_button = QPushButton(self.tr("Absent"))
        self.planned_button = QPushButton(self.tr("Planned"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for i, button in enumerate(
            (self.present_button, self.absent_button, self.planned_button, self.remove_button)
        ):
            buttons.addWidget(button, i // 2, i % 2)
        cell_layout.addLayout(buttons)
        hint = QLabel(self.tr("Keys in the grid: P present, A absent, U planned, Delete removes."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368; font-size: 12px;")
        cell_layout.addWidget(hint)
        layout.addWidget(cell_box)

        staff_box = QGroupBox(self.tr("Staff (drag onto a cell)"))
        staff_layout = QVBoxLayout(staff_box)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter"))
        self.filter_edit.setClearButtonEnabled(True)
        staff_layout.addWidget(self.filter_edit)
        self.staff_model = StaffListModel(self)
        self.staff_proxy = QSortFilterProxyModel(self)
        self.staff_proxy.setSourceModel(self.staff_model)
        self.staff_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.staff_view = QListView()
        self.staff_view.setObjectName("staffList")
        self.staff_view.setModel(self.staff_proxy)
        self.staff_view.setDragEnabled(True)
        self.staff_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.staff_view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.staff_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        staff_layout.addWidget(self.staff_view, 1)
        layout.addWidget(staff_box, 1)

        self.filter_edit.textChanged.connect(self.staff_proxy.setFilterFixedString)
        self.add_edit.returnPressed.connect(self._add_typed)
        self.add_button.clicked.connect(self._add_typed)
        self.completer.activated.connect(self._add_completed)
        self.present_button.clicked.connect(lambda: self.attendance_requested.emit(self._chosen(), True))
        self.absent_button.clicked.connect(lambda: self.attendance_requested.emit(self._chosen(), False))
        self.planned_button.clicked.connect(lambda: self.attendance_requested.emit(self._chosen(), None))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self._chosen()))

    def sizeHint(self) -> QSize:
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def set_staff(self, staff: tuple[StaffOption, ...]) -> None:
        self.staff_model.set_staff(staff)
        self.completion_model.setStringList([staff_completion(p) for p in staff])

    def show_cell(self, title: str, entries: Cell | None) -> None:
        """The selected cell(s): ``entries`` is None when several cells are selected."""
        self.cell_label.setText(title)
        self.people.clear()
        for a in entries or ():
            badge = formal_badge() if a.formal else auxiliary_badge()
            item = QListWidgetItem(f"{badge}  {a.staff_no} {a.name} · {attendance_text(a.attendance)}")
            item.setData(Qt.ItemDataRole.UserRole, a.staff_id)
            font = item.font()
            font.setBold(a.formal)
            font.setStrikeOut(a.attendance is False)
            item.setFont(font)
            self.people.addItem(item)

    def _chosen(self) -> list[int] | None:
        """The people picked in the list, or None (everyone in the selected cells)."""
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.people.selectedItems()]
        return ids or None

    def _add_typed(self) -> None:
        text = self.add_edit.text().strip()
        if text:
            self.add_requested.emit(text)

    def _add_completed(self, text: str) -> None:
        # Return may reach the box as well after the completer: adding someone already in the cell
        # changes nothing, so the second request is harmless.
        if text:
            self.add_requested.emit(text)

    def clear_typed(self) -> None:
        """Empty the box once the completer, which writes its choice into it after us, is done."""
        QTimer.singleShot(0, self.add_edit.clear)
