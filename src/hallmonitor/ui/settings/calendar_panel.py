"""The work calendar's overrides for one year, edited a day at a time or imported from a file.

Every change moves due dates, so after one the stored due dates of all cases
are recomputed off the UI thread; until that finishes the panel says so.
The warning about years without an official calendar is emitted for the page
to show above its tabs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.work_calendar import CalendarOverride, YearStatus
from hallmonitor.services.hall import ServiceError
from hallmonitor.services.settings import (
    calendar_status,
    overrides_in_year,
    recompute_due_dates,
    remove_day,
    set_day,
)
from hallmonitor.ui.common import EmptyHint, weekday_name
from hallmonitor.ui.shell import Operation, UiEnv, build_error_box


class CalendarPanel(QWidget):
    # The sentence about years without an official calendar, or "" when there is none.
    warning_changed = Signal(str)
    # Emitted when the due dates have been recomputed after a change: how many moved.
    due_dates_updated = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.overrides: list[CalendarOverride] = []
        self.error_box: QMessageBox | None = None
        today = env.clock().date()

        self.year_spin = QSpinBox(minimum=2000, maximum=2100, value=today.year)
        self.year_status = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Day"), self.tr("Note"), self.tr("Source")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 170, 420)):
            header.resizeSection(column, width)
        self.empty_hint = EmptyHint(self.table)
        self.hint = QLabel(
            self.tr(
                "Only days that differ from the official calendar (or, for a year without one, from Monday "
                "to Friday) are listed. Import the State Council's arrangement for next year as soon as it "
                "is published, usually in November."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #595959;")
        self.day_edit = QDateEdit(QDate(today), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Rest day"), False)
        self.kind_combo.addItem(self.tr("Working day"), True)
        self.note_edit = QLineEdit(placeholderText=self.tr("e.g. Labour Day, make-up working day"))
        self.set_button = QPushButton(self.tr("Add or change day"))
        self.remove_button = QPushButton(self.tr("Remove selected day"))
        self.import_button = QPushButton(self.tr("Import from file…"))
        self.import_button.setToolTip(self.tr("A CSV or Excel file with the State Council's arrangement"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year_spin)
        top.addWidget(self.year_status, 1)
        top.addWidget(self.import_button)
        edit = QHBoxLayout()
        edit.addWidget(self.day_edit)
        edit.addWidget(self.kind_combo)
        edit.addWidget(self.note_edit, 1)
        edit.addWidget(self.set_button)
        edit.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(edit)
        layout.addWidget(self.message)

        self.year_spin.valueChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.set_button.clicked.connect(self.set_selected_day)
        self.remove_button.clicked.connect(self.remove_selected_day)
        self.import_button.clicked.connect(self.ask_import)

    # --- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.year_spin.value()
        this_year = self.env.clock().date().year
        self.overrides = overrides_in_year(self.env.ctx, year)
        _, statuses = calendar_status(self.env.ctx, [year])
        self.year_status.setText(
            self.tr("Working days of %1 come from: %2")
            .replace("%1", str(year))
            .replace("%2", self._status_name(statuses[year]))
        )
        # The banner is about the years the hall works in, whichever year is being edited.
        warning, _ = calendar_status(self.env.ctx, [this_year, this_year + 1])
        self.warning_changed.emit(warning or "")
        self.empty_hint.set_text(
            self.tr(
                "Every day of %1 is as the official calendar has it (or Monday to Friday, where there is "
                "none): no day is listed. Add a day below, or import the year's arrangement."
            ).replace("%1", str(year))
        )
        self.table.setRowCount(len(self.overrides))
        for row, o in enumerate(self.overrides):
            values = [
                o.day.isoformat(),
                f"{self.tr('Working day') if o.is_workday else self.tr('Rest day')} ({weekday_name(o.day)})",
                o.note,
                self._source_name(o.source),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.remove_button.setEnabled(False)

    def _status_name(self, status: YearStatus) -> str:
        return {
            YearStatus.OFFICIAL: self.tr("the official calendar"),
            YearStatus.IMPORTED: self.tr("an imported arrangement"),
            YearStatus.GUESSED: self.tr("guessed holidays (not official)"),
            YearStatus.FALLBACK: self.tr("Monday to Friday (no holidays known)"),
        }[status]

    def _source_name(self, source: CalendarSource) -> str:
        return {
            CalendarSource.OFFICIAL: self.tr("Official"),
            CalendarSource.IMPORTED: self.tr("Imported"),
            CalendarSource.MANUAL: self.tr("Typed in"),
            CalendarSource.GUESSED: self.tr("Guessed"),
        }[source]

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.remove_button.setEnabled(bool(rows))
        if rows:
            o = self.overrides[rows[0].row()]
            self.day_edit.setDate(QDate(o.day))
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(o.is_workday))
            self.note_edit.setText(o.note)

    # --- changing ----------------------------------------------------------------------------------

    def set_selected_day(self) -> bool:
        day = self.day_edit.date().toPython()
        assert isinstance(day, date)
        return self._change(
            lambda: set_day(self.env.ctx, day, bool(self.kind_combo.currentData()), self.note_edit.text()),
            day.year,
        )

    def remove_selected_day(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        day = self.overrides[rows[0].row()].day
        return self._change(lambda: remove_day(self.env.ctx, day), day.year)

    def _change(self, action: Any, year: int) -> bool:
        try:
            changed = action()
        except ServiceError as exc:
            self.error_box = build_error_box(self, exc)
            self.error_box.open()
            return False
        if self.year_spin.value() != year:
            self.year_spin.setValue(year)  # refreshes
        else:
            self.refresh()
        if changed:
            self._recompute()
        else:
            self._say(self.tr("Nothing changed."))
        return bool(changed)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import work calendar"),
            "",
            # Every format the calendar's import reads (reports.imports.tabular), not only .xlsx and .csv.
            self.tr("Spreadsheets or CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"),
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Import in the background; the summary sentence and any bad rows end up under the table."""
        from hallmonitor.services.imports import import_file

        ctx = self.env.ctx
        self._say(self.tr("Importing %1…").replace("%1", path))
        self.import_button.setEnabled(False)

        def done(result: Any) -> None:
            self.import_button.setEnabled(True)
            row_problem = self.tr("Row %1, %2: %3")
            lines = [result.summary()] + [
                _filled(row_problem, str(e.row), e.column, e.message) for e in result.errors[:5]
            ]
            self._say("\n".join(lines))
            self.refresh()
            if result.written:
                self._recompute(prefix=result.summary())

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            self._say("")
            self.error_box = build_error_box(self, exc)
            self.error_box.open()

        work = lambda progress: import_file(ctx, "calendar", path, progress=progress)  # noqa: E731
        self.env.runner.start(
            Operation("import calendar", work, on_success=done, on_failure=failed, parent=self)
        )

    def _recompute(self, prefix: str = "") -> None:
        ctx = self.env.ctx
        lead = f"{prefix}。" if prefix else ""
        self._say(lead + self.tr("Saved. Recomputing the due dates of all cases…"))

        def done(moved: int) -> None:
            self._say(lead + self.tr("Saved. Due dates of %1 cases moved.").replace("%1", str(moved)))
            self.env.bus.announce("settings")
            if moved:
                self.env.bus.announce("cases")
            self.due_dates_updated.emit(moved)

        def failed(exc: BaseException) -> None:
            self._say(self.tr("Saved, but due dates could not be recomputed: %1").replace("%1", str(exc)))

        op = Operation(
            "due dates", lambda _p: recompute_due_dates(ctx), on_success=done, on_failure=failed, parent=self
        )
        self.env.runner.start(op)

    def _say(self, text: str) -> None:
        self.message.setText(text)


def _filled(template: str, *values: str) -> str:
    """%1, %2… filled at once, so that a "%2" inside a file's header is not taken for the next place."""
    return re.sub(r"%(\d)", lambda m: values[int(m[1]) - 1], template)
