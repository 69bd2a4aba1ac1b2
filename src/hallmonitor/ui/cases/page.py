"""办件登记: the entry form beside the table of cases, with search and filters.

The table's count and first page are read off the UI thread; the other rows
arrive a page at a time as the view scrolls, each page read in the background
while its rows show a grey "…" (models.py), so a filter change never loads
more than a screenful and a drag of the scroll bar never stops the window. A
search (services.cases.search) hands over all its cases, at most SEARCH_CAP,
at once.

The filters, their chips and the count are the filter bar (filter_bar.py):
a search, 仅超时 and 仅前店后厂 look at every date unless the user chose a range.

The filters' and the form's choices (windows, departments, items, staff) are
read in the background too, and behind another page a change on the bus
only marks the page to reload when it is shown again.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.cases import (
    CaseFilter,
    CaseResult,
    EntryChoices,
    FilterChoices,
    entry_choices,
    filter_choices,
    find_cases,
)
from hallmonitor.ui.cases.columns import ColumnFitter
from hallmonitor.ui.cases.dialog import CaseDialog
from hallmonitor.ui.cases.filter_bar import CaseFilterBar
from hallmonitor.ui.cases.form import CaseForm
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.shell import LoadGate, Operation, ReloadWhenShown, UiEnv, owned_operation


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

        self.filters = CaseFilterBar(env.clock)
        self.filters.changed.connect(self.apply_filters)
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

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filters)
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

        env.bus.changed.connect(self._on_changed)

    # --- shell entry points ---------------------------------------------------------------------

    def new_case(self) -> None:
        self.form.clear()
        self.form.focus_first()

    def focus_search(self) -> None:
        self.filters.search_edit.setFocus()
        self.filters.search_edit.selectAll()

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
            self.filters.show_choices(choices[0])
            self.form.show_choices(choices[1])
            self.apply_filters()

        def failed(exc: BaseException) -> None:
            self._choices_gate.fail()
            self.filters.count_label.setText(self.tr("Could not load cases: %1").replace("%1", str(exc)))

        self.env.runner.start(owned_operation(self, "case choices", work, on_success=done, on_failure=failed))

    # --- filters --------------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        return self.filters.current_filter()

    def apply_filters(self) -> None:
        """Count in the background, then show the first rows; a newer request wins over an older one."""
        self.filters.search_timer.stop()
        self.filters.dates_follow()
        f = self.current_filter()
        self._generation += 1
        generation = self._generation
        self.filters.count_label.setText(self.tr("Counting…"))
        self.filters.show_chips(self._last)
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
            self.filters.count_label.setText(counted.replace("%1", f"{total:,}"))
            self.empty_hint.set_text(self.filters.empty_text(filter_))
            self.filters.show_notice(result)
            self.filters.show_chips(self._last)
            self.results_shown.emit(total)
            if not self._painted:
                self._painted = True
                self.data_ready.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.filters.count_label.setText(self.tr("Could not load cases: %1").replace("%1", str(exc)))

        self.env.runner.start(Operation("count cases", work, on_success=done, on_failure=failed, parent=self))

    # --- table ----------------------------------------------------------------------------------

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.sortable(column):
            # Put the indicator back on the column the rows are really sorted by.
            self.table.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)

    def _page_failed(self, message: str) -> None:
        self.filters.count_label.setText(self.tr("Could not load cases: %1").replace("%1", message))

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
