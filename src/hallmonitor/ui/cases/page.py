"""办件登记: the entry form beside the table of cases, with search and filters.

The table's count and first page are read off the UI thread; the other rows
arrive a page at a time as the view scrolls, each page read in the background
while its rows show a grey "…" (models.py), so a filter change never loads
more than a screenful and a drag of the scroll bar never stops the window. A
search (services.cases.search) hands over all its cases, at most SEARCH_CAP,
at once.

Every filter that narrows the table shows as a chip above it (chips.py).
A search, 仅超时 and 仅前店后厂 look at every date unless the user chose a
range: under the default 30 days of 受理日期 they hid the oldest overdue
cases, the very ones a supervisor ticks them to find, and a case number read
off a paper from last spring found nothing.

The filters' and the form's choices (windows, departments, items, staff) are
read in the background too, and behind another page a change on the bus
only marks the page to reload when it is shown again.

Longer than most: the page wires the form, the filters, the chips and the table's reads,
which each live in their own module; what is left here is the wiring, read in one place.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.cases import (
    CaseFilter,
    CaseResult,
    EntryChoices,
    FilterChoices,
    entry_choices,
    filter_choices,
    find_cases,
)
from hallmonitor.ui.cases.chips import Chip, ChipBar, result_notice, search_chip_text
from hallmonitor.ui.cases.columns import ColumnFitter
from hallmonitor.ui.cases.dialog import CaseDialog
from hallmonitor.ui.cases.form import CaseForm
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.cases.words import status_name, voided_name
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.shell import LoadGate, Operation, ReloadWhenShown, UiEnv, owned_operation

# How far back the date filter starts by default: recent cases are what a supervisor looks at.
DEFAULT_DAYS = 30
#: The status filter's choice for voided cases (作废), which is no CaseStatus.
_VOIDED = "voided"
_NOTICE_STYLE = "color: #874d00; background: #fff7e6; border: 1px solid #ffd591; padding: 3px 6px;"


class CasesPage(QWidget):
    data_ready = Signal()
    # Emitted each time the table shows a new result: the total count.
    results_shown = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._painted = False
        self._generation = 0
        self._dialog: CaseDialog | None = None
        self._choices_gate = LoadGate()
        self._reload = ReloadWhenShown(self)

        self.form = CaseForm(env)
        form_box = QGroupBox(self.tr("New case"))
        QVBoxLayout(form_box).addWidget(self.form)
        form_box.setMinimumWidth(330)
        form_box.setMaximumWidth(440)

        self.search_edit = QLineEdit(
            placeholderText=self.tr("Case number, applicant, window or ID number (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(
            self.tr(
                "Any part of a case number or of the applicant's name, a window's number, "
                "or a whole ID number or credit code (matched by its keyed hash; the number is not kept)"
            )
        )
        self.date_check = QCheckBox(self.tr("Received"))
        self.date_check.setChecked(True)
        self.from_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.to_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.window_combo = QComboBox()
        self.department_combo = QComboBox()
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status_combo.addItem(status_name(status), status)
        self.status_combo.addItem(voided_name(), _VOIDED)
        self.flagged_check = QCheckBox(self.tr("Front shop only"))
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        self.reset_button = QPushButton(self.tr("Reset filters"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.chip_bar = ChipBar()
        #: What the search could not do, or that it lists only the first cases.
        self.notice = QLabel(wordWrap=True)
        self.notice.setStyleSheet(_NOTICE_STYLE)
        self.notice.hide()
        #: Whether the user chose the date range (or all dates); until then it follows the search,
        #: 仅超时 and 仅前店后厂.
        self._range_chosen = False
        self._last: tuple[str, CaseResult] | None = None

        self.model = CaseTableModel(lambda: self.env.ctx, env.runner, self)
        self.model.load_failed.connect(self._page_failed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        #: The key columns first and always in view; the others only where the width holds them.
        self.columns = ColumnFitter(self.table)
        # The indicator first: enabling sorting sorts by whatever the header shows.
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.empty_hint = EmptyHint(self.table)

        # Two rows, each control as wide as its text: squeezed into one row beside the form, the
        # search box and the combo boxes were cut to "…" on a 1366-pixel screen.
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance(self.search_edit.placeholderText()) + 24
        )
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo, everything in (
            (self.window_combo, self.tr("All windows")),
            (self.department_combo, self.tr("All departments")),
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
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addLayout(more)
        right_layout.addWidget(self.chip_bar)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(form_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        title = QLabel(self.tr("Cases"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        for combo in (self.window_combo, self.department_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        # The range is the user's once they touch it; first that, then the filter applied.
        self.date_check.toggled.connect(self._range_touched)
        self.from_edit.dateChanged.connect(self._range_set)
        self.to_edit.dateChanged.connect(self._range_set)
        for check in (self.date_check, self.flagged_check, self.overdue_check):
            check.toggled.connect(self.apply_filters)
        self.from_edit.dateChanged.connect(self.apply_filters)
        self.to_edit.dateChanged.connect(self.apply_filters)
        self.date_check.toggled.connect(self.from_edit.setEnabled)
        self.date_check.toggled.connect(self.to_edit.setEnabled)
        self.reset_button.clicked.connect(self.reset_filters)
        env.bus.changed.connect(self._on_changed)
        self._loading_choices = False
        self.reset_filters(apply=False)

    # --- shell entry points ---------------------------------------------------------------------

    def new_case(self) -> None:
        self.form.clear()
        self.form.focus_first()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Read the filters' and the form's choices in the background, then count and list the cases."""
        if not self._choices_gate.start():
            return
        ctx = self.env.ctx

        def work(_progress):  # type: ignore[no-untyped-def]
            return filter_choices(ctx), entry_choices(ctx)

        def done(choices: tuple[FilterChoices, EntryChoices]) -> None:
            if not self._choices_gate.finish():
                self.refresh()
                return
            self._show_choices(choices[0])
            self.form.show_choices(choices[1])
            self.apply_filters()

        def failed(exc: BaseException) -> None:
            self._choices_gate.fail()
            self.count_label.setText(self.tr("Could not load cases: %1").replace("%1", str(exc)))

        self.env.runner.start(owned_operation(self, "case choices", work, on_success=done, on_failure=failed))

    # --- filters --------------------------------------------------------------------------------

    def reset_filters(self, apply: bool = True) -> None:
        today = self.env.clock().date()
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
            self.apply_filters()

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

    def _dates_follow(self) -> None:
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
            as_of=self.env.clock().date(),
        )

    def apply_filters(self) -> None:
        """Count in the background, then show the first rows; a newer request wins over an older one."""
        if self._loading_choices:
            return
        self._search_timer.stop()
        self._dates_follow()
        f = self.current_filter()
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Counting…"))
        self._show_chips()
        ctx = self.env.ctx
        filter_, sort_key, descending = f, *self.model.query()[1:]
        page = CaseTableModel.PAGE_SIZE

        def work(_progress):  # type: ignore[no-untyped-def]
            return find_cases(ctx, filter_, sort_key, descending, page)

        def done(result: CaseResult) -> None:
            if generation != self._generation:
                return
            total = result.total
            self._last = (filter_.text.strip(), result)
            self.model.apply(filter_, total, result.rows)
            # Every row is here (a search, a short list): a new order comes in the background, whole,
            # not page by page on this thread (for a search on SQLite each page is a pass over the table).
            self.model.resort = self.apply_filters if len(result.rows) == total else None
            counted = self.tr("More than %1 cases") if result.capped else self.tr("%1 cases")
            self.count_label.setText(counted.replace("%1", f"{total:,}"))
            self.empty_hint.set_text(self._empty_text(filter_))
            self._show_notice(result)
            self._show_chips()
            self.results_shown.emit(total)
            if not self._painted:
                self._painted = True
                self.data_ready.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.count_label.setText(self.tr("Could not load cases: %1").replace("%1", str(exc)))

        self.env.runner.start(Operation("count cases", work, on_success=done, on_failure=failed, parent=self))

    # --- what the table is narrowed by ----------------------------------------------------------

    def _empty_text(self, shown: CaseFilter) -> str:
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
            return self.tr("No case matches these filters: widen them, or take one off with its × above.")
        if dated:
            return (
                self.tr(
                    "No case was received from %1 to %2. Register one with the form on the left, "
                    "or untick “Received” to look at every date."
                )
                .replace("%1", f"{shown.received_from:%Y-%m-%d}")
                .replace("%2", f"{shown.received_to:%Y-%m-%d}")
            )
        return self.tr(
            "No cases yet: register the first with the form on the left (Ctrl+N), "
            "or import them with File ▸ Import."
        )

    def _show_notice(self, result: CaseResult) -> None:
        text = result_notice(result)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_chips(self) -> None:
        chips = []
        text = self.search_edit.text().strip()
        if text:
            chips.append(Chip("search", search_chip_text(text, self._last), self._clear_search))
        if self.date_check.isChecked():
            start, end = (edit.date().toString("yyyy-MM-dd") for edit in (self.from_edit, self.to_edit))
            label = self.tr("Received %1 – %2").replace("%1", start).replace("%2", end)
            chips.append(Chip("received", label, partial(self.date_check.setChecked, False)))
        for key, combo, label in (
            ("window", self.window_combo, self.tr("Window: %1")),
            ("department", self.department_combo, self.tr("Department: %1")),
            ("status", self.status_combo, self.tr("Status: %1")),
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
        self.apply_filters()  # now, not after the typing pause

    def _show_choices(self, choices: FilterChoices) -> None:
        self._loading_choices = True
        try:
            for combo, everything, items in (
                (self.window_combo, self.tr("All windows"), choices.windows),
                (self.department_combo, self.tr("All departments"), choices.departments),
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

    # --- table ----------------------------------------------------------------------------------

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.sortable(column):
            # Put the indicator back on the column the rows are really sorted by.
            self.table.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)

    def _page_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("Could not load cases: %1").replace("%1", message))

    def _open(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_id: int) -> CaseDialog:
        dialog = CaseDialog(self.env, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _on_changed(self, topic: str) -> None:
        if topic in ("cases", "flags", "settings"):
            self._reload.request(self.apply_filters)
        elif topic in ("windows", "roster"):
            self._reload.request(self.refresh)
