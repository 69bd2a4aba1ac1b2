"""One tab of the 大厅资料 page: a search field, the table, and the tab's buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.hall_data.models import RowsModel


class TablePanel(QWidget):
    """Typing in the search field filters on every column, at once (the rows are held whole)."""

    selection_changed = Signal()

    def __init__(
        self, entity: str, model: RowsModel, widths: tuple[int, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entity = entity
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: type any part of a number, name or department"))
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(widths):
            # Never narrower than the heading itself, whatever the font (正式公职人员 in a wide one).
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self.buttons = QHBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.buttons.addStretch(1)
        #: What the table says while the hall has no such rows (the page names its add button).
        self.empty_text = ""
        self.empty_hint = EmptyHint(self.table)
        self.search.textChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        model.modelReset.connect(self._count)

    def add_button(self, text: str, action: Callable[[], None], *, needs_row: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("needs_row", needs_row)
        button.clicked.connect(action)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def selected(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.rows[source.row()] if 0 <= source.row() < len(self.model.rows) else None

    def select_id(self, row_id: int | None) -> None:
        row = self.model.row_of(row_id) if row_id is not None else None
        if row is None:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = str(total) if shown == total else f"{shown} / {total}"
        self.count_label.setText(self.tr("%1 rows").replace("%1", text))
        if total == 0:
            self.empty_hint.set_text(self.empty_text)
        else:
            typed = self.search.text().strip()
            self.empty_hint.set_text(self.tr("Nothing matches “%1”.").replace("%1", typed))
