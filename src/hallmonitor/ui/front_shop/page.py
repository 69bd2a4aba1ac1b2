"""前店后厂: cases whose approval evidence says it happened outside the hall.

A flag is a suspicion until a supervisor has looked at it; confirming or
dismissing it needs a written note, because the note is what the supervisor
will show the department later. Nothing here deletes a flag.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import FlagState
from hallmonitor.services.front_shop import FlagRow, list_flags, review_flag
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.cases import flag_state_name
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.shell import Operation, ReloadWhenShown, UiEnv, show_error, start_save

Index = QModelIndex | QPersistentModelIndex

_STATE_COLOURS = {
    FlagState.PENDING: QColor("#fff1b8"),
    FlagState.CONFIRMED: QColor("#ffccc7"),
    FlagState.DISMISSED: QColor("#f0f0f0"),
}


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class FlagTableModel(QAbstractTableModel):
    """At most a few thousand flags, reviewed or not: small enough to hold whole."""

    FLAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.rows: list[FlagRow] = []
        self._titles = [
            self.tr("State"),
            self.tr("Case number"),
            self.tr("Window"),
            self.tr("Department"),
            self.tr("Item"),
            self.tr("Approved"),
            self.tr("Approver"),
            self.tr("Reasons"),
            self.tr("Review note"),
        ]

    def set_rows(self, rows: list[FlagRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, flag_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.flag_id == flag_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                flag_state_name(row.state),
                row.case_no,
                row.window_no,
                row.department,
                row.item_name,
                _when(row.approved_at),
                row.approver,
                "；".join(row.reasons),
                row.note,
            )
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(_STATE_COLOURS[row.state])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 7:
            return "\n".join(row.reasons)
        if role == self.FLAG_ID_ROLE:
            return row.flag_id
        return None


class FlagsPage(QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._painted = False
        self._generation = 0
        self._selected_id: int | None = None
        self._error_shown = False
        self._reload = ReloadWhenShown(self)

        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All flags"), None)
        for state in FlagState:
            self.state_combo.addItem(flag_state_name(state), state.name)
        self.state_combo.setCurrentIndex(self.state_combo.findData(FlagState.PENDING.name))
        self.count_label = QLabel()
        self.model = FlagTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Narrow enough that the review note, the last column, shows on a 1366-pixel screen.
        for column, width in enumerate((70, 190, 56, 100, 150, 122, 70, 220)):
            header.resizeSection(column, width)

        self.case_label = QLabel()
        self.case_label.setStyleSheet("font-weight: bold;")
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.review_label = QLabel()
        self.review_label.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(
            self.tr("What you found, e.g. who approved where, and what was agreed")
        )
        self.note_edit.setMaximumHeight(110)
        self.confirm_button = QPushButton(self.tr("Confirm: approved outside the hall"))
        self.dismiss_button = QPushButton(self.tr("Dismiss: approved in the hall"))
        self.open_button = QPushButton(self.tr("Open case…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("flagSaving")
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()

        title = QLabel(self.tr("Front shop, back factory"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.empty_hint = EmptyHint(self.table)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.state_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        review = QGroupBox(self.tr("Review"))
        form = QFormLayout(review)
        form.addRow(self.case_label)
        form.addRow(self.tr("Evidence"), self.reasons_label)
        form.addRow(self.tr("Last review"), self.review_label)
        form.addRow(self.tr("Note (required)"), self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.busy_label)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        form.addRow(buttons)
        form.addRow(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(review)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.state_combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_case())
        self.note_edit.textChanged.connect(self._note_typed)
        self.confirm_button.clicked.connect(lambda: self.review(FlagState.CONFIRMED))
        self.dismiss_button.clicked.connect(lambda: self.review(FlagState.DISMISSED))
        self.open_button.clicked.connect(self.open_case)
        env.bus.changed.connect(self._on_changed)
        self._show_selected()

    # --- loading ----------------------------------------------------------------------------------

    @property
    def state_filter(self) -> FlagState | None:
        name = self.state_combo.currentData()
        return FlagState[name] if name else None

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        ctx, state = self.env.ctx, self.state_filter

        def done(rows: list[FlagRow]) -> None:
            if generation != self._generation:
                return
            self.model.set_rows(rows)
            self.count_label.setText(self.tr("%1 flags").replace("%1", str(len(rows))))
            self.empty_hint.set_text(self._empty_text(state))
            row = self.model.row_of(self._selected_id) if self._selected_id is not None else None
            if row is None and rows:
                row = 0
            if row is not None:
                self.table.selectRow(row)
            self._show_selected()
            if not self._painted:
                self._painted = True
                self.data_ready.emit()

        def failed(exc: BaseException) -> None:
            self.count_label.setText(self.tr("Could not load flags: %1").replace("%1", str(exc)))

        op = Operation(
            "list flags", lambda _p: list_flags(ctx, state), on_success=done, on_failure=failed, parent=self
        )
        self.env.runner.start(op)

    def _empty_text(self, state: FlagState | None) -> str:
        if state is None:
            return self.tr(
                "No case has been flagged. A case whose approval took place outside the hall "
                "(front shop, back factory) is listed here for you to confirm or dismiss."
            )
        if state is FlagState.PENDING:
            return self.tr("No flag waits for review. Choose “All flags” above to see the reviewed ones.")
        return self.tr("No flag is “%1”. Choose “All flags” above to see every flag.").replace(
            "%1", flag_state_name(state)
        )

    # --- reviewing --------------------------------------------------------------------------------

    def selected(self) -> FlagRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def review(self, decision: FlagState) -> Operation | None:
        """Store the review in the background (it writes the case's history and the change log).

        None when nothing was started: no flag chosen, no note, or a review already being stored.
        """
        flag = self.selected()
        if flag is None:
            return None
        note = self.note_edit.toPlainText()
        if not note.strip():
            self._say(self.tr("Write a note first: it is what the department will be shown."), error=True)
            self.note_edit.setFocus()
            return None
        ctx, at = self.env.ctx, self.env.clock().replace(microsecond=0)

        def reviewed(_result: object) -> None:
            self.note_edit.clear()
            # Said after the note is cleared, and kept while the list moves on to the next flag:
            # it goes with the next thing the user does (typing a note, another review).
            self._say(
                self.tr("%1 is now: %2.")
                .replace("%1", flag.case_no)
                .replace("%2", flag_state_name(decision)),
                error=False,
            )
            self.env.bus.announce("flags")

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self._say(str(exc), error=True)
            else:
                show_error(self, exc)

        return start_save(
            self,
            self.env.runner,
            "review flag",
            lambda: review_flag(ctx, flag.flag_id, decision, note, at=at),
            controls=[self.confirm_button, self.dismiss_button, self.note_edit],
            label=self.busy_label,
            on_success=reviewed,
            on_failure=refused,
        )

    def open_case(self) -> None:
        flag = self.selected()
        if flag is None:
            return
        from hallmonitor.ui.cases import CaseDialog

        dialog = CaseDialog(self.env, flag.case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- showing ----------------------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        flag = self.selected()
        if flag is not None and flag.flag_id != self._selected_id and self._error_shown:
            self.message.clear()  # a refusal was about the flag left; a confirmation stays
        self._selected_id = flag.flag_id if flag else self._selected_id
        self._show_selected()

    def _show_selected(self) -> None:
        flag = self.selected()
        if flag is None:
            self.case_label.setText(self.tr("Select a flag to review it."))
            self.reasons_label.clear()
            self.review_label.clear()
        else:
            self.case_label.setText(f"{flag.case_no}  {flag.window_no}  {flag.department}  {flag.item_name}")
            self.reasons_label.setText("\n".join(f"• {r}" for r in flag.reasons))
            if flag.reviewed_at:
                self.review_label.setText(
                    f"{flag_state_name(flag.state)} · {flag.reviewed_by} · {_when(flag.reviewed_at)}：{flag.note}"
                )
            else:
                self.review_label.setText(self.tr("Not reviewed yet"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        flag = self.selected()
        has_note = bool(self.note_edit.toPlainText().strip())
        self.confirm_button.setEnabled(
            flag is not None and has_note and flag.state is not FlagState.CONFIRMED
        )
        self.dismiss_button.setEnabled(
            flag is not None and has_note and flag.state is not FlagState.DISMISSED
        )
        self.open_button.setEnabled(flag is not None)
        self.note_edit.setEnabled(flag is not None)

    def _say(self, text: str, *, error: bool) -> None:
        self._error_shown = error
        self.message.setStyleSheet("color: #cf1322;" if error else "color: #237804; font-weight: bold;")
        self.message.setText(text)

    def _note_typed(self) -> None:
        if self.note_edit.toPlainText():
            self.message.clear()
        self._update_buttons()

    def _on_changed(self, topic: str) -> None:
        if topic in ("flags", "cases"):
            self._reload.request(self.refresh)
