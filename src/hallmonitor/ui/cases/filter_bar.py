"""The case table's filters: the search, the dates received, window, department, status, 仅前店后厂, 仅超时.

A search, 仅超时 and 仅前店后厂 look at every date unless the user chose a
range: under the default 30 days of 受理日期 they hid the oldest overdue
cases, the very ones a supervisor ticks them to find, and a case number read
off a paper from last spring found nothing. Every filter that narrows the
table shows as a chip below the controls (chips.py), with the count of cases
at the right and, when there is one, what the search could not do.

The words are translated in the page's context, ``CasesPage``, where the
catalogue has always held them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.cases import CaseFilter, CaseResult, FilterChoices
from hallmonitor.ui.cases.chips import Chip, ChipBar, result_notice, search_chip_text
from hallmonitor.ui.cases.words import status_name, voided_name

# How far back the date filter starts by default: recent cases are what a supervisor looks at.
DEFAULT_DAYS = 30
# The status filter's choice for voided cases (作废), which is no CaseStatus.
_VOIDED = "voided"
_NOTICE_STYLE = "color: #874d00; background: #fff7e6; border: 1px solid #ffd591; padding: 3px 6px;"
# How long typing must pause before the search runs (ms).
SEARCH_PAUSE_MS = 300


class CaseFilterBar(QWidget):
    """The controls, the chips and the count above the case table."""

    # A filter changed (after a pause in typing, for the search): the page counts and lists anew.
    changed = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.search_edit = QLineEdit(
            placeholderText=QCoreApplication.translate(
                "CasesPage", "Case number, applicant, window or ID number (Ctrl+F)"
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(
            QCoreApplication.translate(
                "CasesPage",
                "Any part of a case number or of the applicant's name, a window's number, "
                "or a whole ID number or credit code (matched by its keyed hash; the number is not kept)",
            )
        )
        self.date_check = QCheckBox(QCoreApplication.translate("CasesPage", "Received"))
        self.date_check.setChecked(True)
        self.from_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.to_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.window_combo = QComboBox()
        self.department_combo = QComboBox()
        self.status_combo = QComboBox()
        self.status_combo.addItem(QCoreApplication.translate("CasesPage", "All statuses"), None)
        for status in CaseStatus:
            self.status_combo.addItem(status_name(status), status)
        self.status_combo.addItem(voided_name(), _VOIDED)
        self.flagged_check = QCheckBox(QCoreApplication.translate("CasesPage", "Front shop only"))
        self.overdue_check = QCheckBox(QCoreApplication.translate("CasesPage", "Overdue only"))
        self.reset_button = QPushButton(QCoreApplication.translate("CasesPage", "Reset filters"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.chip_bar = ChipBar()
        # What the search could not do, or that it lists only the first cases.
        self.notice = QLabel(wordWrap=True)
        self.notice.setStyleSheet(_NOTICE_STYLE)
        self.notice.hide()
        # Whether the user chose the date range (or all dates); until then it follows the search,
        # 仅超时 and 仅前店后厂.
        self._range_chosen = False
        # While the window and department lists are filled, their changes apply nothing.
        self._loading_choices = False
        self._lay_out()

        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self.search_timer.timeout.connect(self._changed)
        self.search_edit.textChanged.connect(self.search_timer.start)
        for combo in (self.window_combo, self.department_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._changed)
        # The range is the user's once they touch it; first that, then the filter applied.
        self.date_check.toggled.connect(self._range_touched)
        self.from_edit.dateChanged.connect(self._range_set)
        self.to_edit.dateChanged.connect(self._range_set)
        for check in (self.date_check, self.flagged_check, self.overdue_check):
            check.toggled.connect(self._changed)
        self.from_edit.dateChanged.connect(self._changed)
        self.to_edit.dateChanged.connect(self._changed)
        self.date_check.toggled.connect(self.from_edit.setEnabled)
        self.date_check.toggled.connect(self.to_edit.setEnabled)
        self.reset_button.clicked.connect(self.reset)
        self.reset(apply=False)

    def _lay_out(self) -> None:
        # Two rows, each control as wide as its text: squeezed into one row beside the form, the
        # search box and the combo boxes were cut to "…" on a 1366-pixel screen.
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance(self.search_edit.placeholderText()) + 24
        )
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo, everything in (
            (self.window_combo, QCoreApplication.translate("CasesPage", "All windows")),
            (self.department_combo, QCoreApplication.translate("CasesPage", "All departments")),
        ):
            # As wide as "all …" at least, not as the hall's longest window name: the row stays within the screen.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(everything) + 40)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.date_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.reset_button)
        more = QHBoxLayout()
        more.addWidget(self.window_combo, 1)
        more.addWidget(self.department_combo, 1)
        more.addWidget(self.status_combo)
        more.addWidget(self.flagged_check)
        more.addWidget(self.overdue_check)
        more.addStretch(1)
        more.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(more)
        layout.addWidget(self.chip_bar)
        layout.addWidget(self.notice)

    def _changed(self) -> None:
        if not self._loading_choices:
            self.changed.emit()

    # --- what the filters say -------------------------------------------------------------------

    def reset(self, apply: bool = True) -> None:
        """The default filters: the last 30 days received, every window, department and status."""
        today = self._clock().date()
        widgets = (self.search_edit, self.date_check, self.from_edit, self.to_edit, self.window_combo,
                   self.department_combo, self.status_combo, self.flagged_check, self.overdue_check)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.date_check.setChecked(True)
        self.from_edit.setDate(QDate(date.fromordinal(today.toordinal() - DEFAULT_DAYS)))
        self.to_edit.setDate(QDate(today))
        for combo in (self.window_combo, self.department_combo, self.status_combo):
            combo.setCurrentIndex(0)
        self.flagged_check.setChecked(False)
        self.overdue_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.from_edit.setEnabled(True)
        self.to_edit.setEnabled(True)
        self._range_chosen = False
        if apply:
            self.changed.emit()

    def _range_touched(self) -> None:
        self._range_chosen = True

    def _range_set(self) -> None:
        self._range_chosen = True
        self._set_dated(True)

    def _set_dated(self, dated: bool) -> None:
        self.date_check.blockSignals(True)
        self.date_check.setChecked(dated)
        self.date_check.blockSignals(False)
        self.from_edit.setEnabled(dated)
        self.to_edit.setEnabled(dated)

    def dates_follow(self) -> None:
        """Until the user chooses a range, a search, 仅超时 and 仅前店后厂 see every date; else 30 days."""
        if not self._range_chosen:
            searching = bool(self.search_edit.text().strip())
            self._set_dated(
                not (searching or self.overdue_check.isChecked() or self.flagged_check.isChecked())
            )

    def current_filter(self) -> CaseFilter:
        dated = self.date_check.isChecked()
        start = self.from_edit.date().toPython() if dated else None
        end = self.to_edit.date().toPython() if dated else None
        return CaseFilter(
            received_from=start,  # type: ignore[arg-type]
            received_to=end,  # type: ignore[arg-type]
            window_id=self.window_combo.currentData(),
            department_id=self.department_combo.currentData(),
            status=CaseStatus(status)
            if (status := self.status_combo.currentData()) not in (None, _VOIDED)
            else None,
            # 作废 is a choice of its own: any other status lists only the cases that count.
            voided=True if status == _VOIDED else False if status else None,
            text=self.search_edit.text(),
            flagged=True if self.flagged_check.isChecked() else None,
            overdue=self.overdue_check.isChecked(),
            as_of=self._clock().date(),
        )

    def show_choices(self, choices: FilterChoices) -> None:
        """Fill the window and department lists, keeping what was chosen where it is still there."""
        self._loading_choices = True
        try:
            for combo, everything, items in (
                (self.window_combo, QCoreApplication.translate("CasesPage", "All windows"), choices.windows),
                (
                    self.department_combo,
                    QCoreApplication.translate("CasesPage", "All departments"),
                    choices.departments,
                ),
            ):
                current = combo.currentData()
                combo.clear()
                combo.addItem(everything, None)
                for key, label in items:
                    combo.addItem(label, key)
                found = combo.findData(current)
                combo.setCurrentIndex(max(0, found))
        finally:
            self._loading_choices = False

    # --- what the table is narrowed by ----------------------------------------------------------

    def empty_text(self, shown: CaseFilter) -> str:
        """Why the table is empty and what to do: widen the filters, look at every date, or register."""
        dated = shown.received_from is not None
        if (
            shown.text.strip()
            or shown.overdue
            or shown.flagged is not None
            or any(
                combo.currentIndex() > 0
                for combo in (self.window_combo, self.department_combo, self.status_combo)
            )
        ):
            return QCoreApplication.translate(
                "CasesPage", "No case matches these filters: widen them, or take one off with its × above."
            )
        if dated:
            return (
                QCoreApplication.translate(
                    "CasesPage",
                    "No case was received from %1 to %2. Register one with the form on the left, "
                    "or untick “Received” to look at every date.",
                )
                .replace("%1", f"{shown.received_from:%Y-%m-%d}")
                .replace("%2", f"{shown.received_to:%Y-%m-%d}")
            )
        return QCoreApplication.translate(
            "CasesPage",
            "No cases yet: register the first with the form on the left (Ctrl+N), "
            "or import them with File ▸ Import.",
        )

    def show_notice(self, result: CaseResult) -> None:
        text = result_notice(result)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_chips(self, last: tuple[str, CaseResult] | None) -> None:
        """A chip for each filter that narrows the table; ``last`` is the search text and result shown."""
        chips = []
        text = self.search_edit.text().strip()
        if text:
            chips.append(Chip("search", search_chip_text(text, last), self._clear_search))
        if self.date_check.isChecked():
            start, end = (edit.date().toString("yyyy-MM-dd") for edit in (self.from_edit, self.to_edit))
            label = QCoreApplication.translate("CasesPage", "Received %1 – %2")
            chips.append(
                Chip(
                    "received",
                    label.replace("%1", start).replace("%2", end),
                    partial(self.date_check.setChecked, False),
                )
            )
        for key, combo, label in (
            ("window", self.window_combo, QCoreApplication.translate("CasesPage", "Window: %1")),
            ("department", self.department_combo, QCoreApplication.translate("CasesPage", "Department: %1")),
            ("status", self.status_combo, QCoreApplication.translate("CasesPage", "Status: %1")),
        ):
            if combo.currentIndex() > 0:
                chips.append(
                    Chip(key, label.replace("%1", combo.currentText()), partial(combo.setCurrentIndex, 0))
                )
        for key, check in (("front_shop", self.flagged_check), ("overdue", self.overdue_check)):
            if check.isChecked():
                chips.append(Chip(key, check.text(), partial(check.setChecked, False)))
        self.chip_bar.show_chips(chips)

    def _clear_search(self) -> None:
        self.search_edit.clear()
        self.search_timer.stop()
        self._changed()  # now, not after the typing pause
