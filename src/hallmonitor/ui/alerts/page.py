"""预警整改 (alert center): what needs acting on, the actions, and the record of what was done.

Open alerts come first, the most severe on top. The buttons offered are the
ones the workflow would accept for the selected alert and the user's role,
so a refusal is the exception — and when it happens (a re-check that still
finds only auxiliary staff, a reopening without a formal civil servant) the
sentence is shown next to the buttons, where the user is looking, rather
than in a box to click away.

The list, the detail, the actions and their refusals share the selected alert
and its version, so that state lives here; the filters, the detail panel, the
column widths, the bulk actions and the notices each have their own module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.staffing import window_sort_key
from hallmonitor.services.alerts import (
    Action,
    AlertDetail,
    AlertFilter,
    AlertRow,
    alert_departments,
    alert_detail,
    count_alerts,
    count_open,
    list_alerts,
    perform,
)
from hallmonitor.services.hall import ServiceError, StaleRecord
from hallmonitor.services.staffing import windows as list_windows
from hallmonitor.ui.alerts.bulk import button_text, run_bulk, selected_rows, show_allowed
from hallmonitor.ui.alerts.columns import fit_columns
from hallmonitor.ui.alerts.detail_panel import AlertDetailPanel
from hallmonitor.ui.alerts.dialogs import ask_action_text, ask_notice_path
from hallmonitor.ui.alerts.filters import AlertFilterBar, empty_text
from hallmonitor.ui.alerts.models import AlertTableModel
from hallmonitor.ui.alerts.notice_printing import ask_copy, print_notice
from hallmonitor.ui.common import EmptyHint, action_name, alert_state_name
from hallmonitor.ui.shell import LoadGate, Operation, ReloadWhenShown, UiEnv, show_error

log = logging.getLogger("hallmonitor.ui")

#: Alerts fetched at a time; scrolling to the end fetches the next page.
PAGE_SIZE = 200
#: Actions that change a window's state, so the board and the rules must hear of them.
WINDOW_ACTIONS = frozenset(
    {
        Action.START_RECTIFICATION,
        Action.MARK_RECTIFIED,
        Action.CLOSE_WINDOW,
        Action.REOPEN_WINDOW,
        Action.REVOKE,
        # A confirmed 挂名 turns the window's sessions 仅辅助人员; a dismissal turns them back.
        Action.CONFIRM_NOMINAL,
        Action.DISMISS_NOMINAL,
    }
)


@dataclass(frozen=True)
class Loaded:
    rows: list[AlertRow]
    total: int
    open_count: int
    windows: list[str]
    departments: list[str]
    alert_filter: AlertFilter


class AlertsPage(QWidget):
    data_ready = Signal()
    open_alerts_changed = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("alertsPage")
        self.detail: AlertDetail | None = None
        self.selected_id: int | None = None
        self.open_count = 0
        #: Swappable so tests answer the dialogs: (action, row) -> text or None, row -> path or None.
        self.ask_text: Callable[[Action, AlertRow], str | None] = lambda a, r: ask_action_text(self, a, r)
        self.ask_path: Callable[[AlertRow], str | None] = lambda r: ask_notice_path(self, r)
        self.ask_copy: Callable[[AlertRow], bool] = lambda r: ask_copy(self, r)
        self.open_saved_notice = True
        self.last_notice: Path | None = None
        self._gate = LoadGate()
        self._reload = ReloadWhenShown(self)
        #: Detail request whose arrival completes the current list load (-1: the list is loading).
        self._ready_for: int | None = None
        self._detail_requests = 0
        #: The filter of the list on screen: a page fetched for another one is dropped.
        self.shown_filter: AlertFilter | None = None
        self._build()
        env.bus.changed.connect(self._on_changed)

    # --- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel(self.tr("Alerts and rectification"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.count_label = QLabel()
        self.count_label.setObjectName("alertsOpenCount")
        self.shown_label = QLabel()
        self.shown_label.setObjectName("alertsShown")
        self.shown_label.setStyleSheet("color: #5f6368;")
        self.bulk_buttons = {
            action: QPushButton(button_text(action)) for action in (Action.ACKNOWLEDGE, Action.REVOKE)
        }
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.count_label)
        header.addSpacing(12)
        header.addWidget(self.shown_label)
        header.addStretch(1)
        for action, button in self.bulk_buttons.items():
            button.setObjectName(f"bulk_{action.name.lower()}")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, action=action: self.run_bulk(action))
            header.addWidget(button)
        header.addWidget(refresh)
        outer.addLayout(header)

        self.filter_bar = AlertFilterBar()
        self.filter_bar.changed.connect(self.refresh)
        outer.addWidget(self.filter_bar)

        self.model = AlertTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("alertTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for the bulk actions; the current row is the one the panel shows.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        # Sized from the rows' text when a new list arrives (columns.py), not ResizeToContents.
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: show_allowed(self))
        self.model.more_wanted.connect(self.load_more)
        self.empty_hint = EmptyHint(self.table)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        self.panel = AlertDetailPanel(self.env.ctx.actor.role)
        self.panel.action_requested.connect(self.run_action)
        self.panel.print_requested.connect(self.print_notice)
        # The panel's parts, named here as well: tests and callers reach them through the page.
        self.action_buttons = self.panel.action_buttons
        self.print_button = self.panel.print_button
        self.message_label = self.panel.message_label
        self.fact_labels = self.panel.fact_labels
        self.history_model = self.panel.history_model
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 560])
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

    # --- loading ------------------------------------------------------------------------------
    def filters(self) -> AlertFilter:
        return self.filter_bar.current()

    def refresh(self) -> None:
        if not self._gate.start():
            return
        self._ready_for = -1
        ctx, alert_filter = self.env.ctx, self.filters()

        def work(_progress: Any) -> Loaded:
            rows = list_alerts(ctx, alert_filter, limit=PAGE_SIZE)
            numbers = sorted((w.number for w in list_windows(ctx)), key=window_sort_key)
            return Loaded(
                rows,
                count_alerts(ctx, alert_filter),
                count_open(ctx),
                numbers,
                alert_departments(ctx),
                alert_filter,
            )

        self.env.runner.start(Operation("alert list", work, on_success=self._loaded, on_failure=self._failed))

    def load_more(self) -> None:
        """The next page of the same list, fetched off the UI thread when the view scrolls to its end.

        It starts after the last row shown, not at an offset: an alert closed or
        raised since the page before would otherwise be shown twice or skipped.
        """
        ctx, alert_filter = self.env.ctx, self.shown_filter
        if alert_filter is None or not self.model.rows:
            return
        last = self.model.rows[-1]

        def arrived(rows: list[AlertRow]) -> None:
            if alert_filter == self.shown_filter:
                self.model.append(rows)
                self._say_shown()

        self.env.runner.start(
            Operation(
                "alert page",
                lambda _p: list_alerts(ctx, alert_filter, after=last, limit=PAGE_SIZE),
                on_success=arrived,
                on_failure=self._failed,
            )
        )

    def _loaded(self, result: Loaded) -> None:
        if not self._gate.finish():
            self.refresh()
            return
        rows, self.open_count = result.rows, result.open_count
        self.filter_bar.set_choices(result.windows, result.departments)
        self.shown_filter = result.alert_filter
        self.model.set_rows(rows, result.total)
        self.fit_columns()
        self.empty_hint.set_text(empty_text(result.alert_filter, bool(result.windows)))
        self._say_shown()
        show_allowed(self)
        colour = "#b3261e" if self.open_count else "#2e7d32"
        self.count_label.setText(self.tr("Open alerts: {count}").format(count=self.open_count))
        self.count_label.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {colour};")
        self.open_alerts_changed.emit(self.open_count)
        row = self.model.row_of(self.selected_id) if self.selected_id is not None else None
        if row is None and rows:
            row = 0
        # data_ready is emitted once per list load, when its detail has arrived: a detail
        # requested by an earlier load must not announce this one.
        self._ready_for = None
        if row is not None:
            requests = self._detail_requests
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            if self._detail_requests == requests:  # the selection did not move: reload its detail
                self.load_detail(self.model.rows[row].id)
            self._ready_for = self._detail_requests
        else:
            self._show_detail(None)
            self.data_ready.emit()

    def fit_columns(self) -> None:
        fit_columns(self.table, self.model)

    def _say_shown(self) -> None:
        self.shown_label.setText(
            self.tr("Showing {shown} of {total}").format(shown=len(self.model.rows), total=self.model.total)
        )

    def _failed(self, exc: BaseException) -> None:
        self._gate.fail()
        show_error(self, exc)

    def _on_changed(self, topic: str) -> None:
        if topic in ("alerts", "windows"):
            self._reload.request(self.refresh)

    def _row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid() and 0 <= current.row() < len(self.model.rows):
            alert_id = self.model.rows[current.row()].id
            if alert_id != self.selected_id:
                self.message_label.setVisible(False)
                self.load_detail(alert_id)

    def show_alert(self, alert_id: int) -> None:
        """Select one alert (a board tile's link): its row when the list holds it, its detail in any case."""
        self.selected_id = None  # so the row's selection loads the detail even when it was selected
        row = self.model.row_of(alert_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
        if self.selected_id != alert_id:
            self.load_detail(alert_id)

    def load_detail(self, alert_id: int) -> None:
        self.selected_id = alert_id
        self._detail_requests += 1
        request = self._detail_requests
        ctx = self.env.ctx
        self.env.runner.start(
            Operation(
                "alert detail",
                lambda _p: alert_detail(ctx, alert_id, with_evidence=True),
                on_success=lambda detail: self._detail_loaded(detail, request),
                on_failure=self._failed,
            )
        )

    def _detail_loaded(self, detail: AlertDetail, request: int | None = None) -> None:
        if detail.alert.id == self.selected_id:
            self._show_detail(detail)
        if request is None or request == self._ready_for or self._ready_for is None:
            self._ready_for = None
            self.data_ready.emit()

    def _show_detail(self, detail: AlertDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.selected_id = None
        self.panel.show_detail(detail)

    def say(self, text: str, *, error: bool = False) -> None:
        self.panel.say(text, error=error)

    def run_action(self, action: Action) -> None:
        if self.detail is None:
            return
        row = self.detail.alert
        text = self.ask_text(action, row)
        if text is None:
            return
        self.message_label.setVisible(False)
        ctx, at = self.env.ctx, self.env.clock()

        def done(updated: AlertRow) -> None:
            self.say(
                self.tr("{action}: alert #{id} is now “{state}”.").format(
                    action=action_name(action), id=updated.id, state=alert_state_name(updated.state)
                )
            )
            self._announce(action, updated.window_id is not None)

        self.env.runner.start(
            Operation(
                f"alert {action.name}",
                lambda _p: perform(ctx, row.id, action, text, at=at, expected_version=row.version),
                on_success=done,
                on_failure=self._action_failed,
            )
        )

    def _announce(self, action: Action, window: bool) -> None:
        """Views redraw ("alerts"), the rules judge again ("alert_actions"), the board turns ("windows")."""
        for topic in (
            "alerts",
            "alert_actions",
            *(("windows",) if window and action in WINDOW_ACTIONS else ()),
            *(("roster",) if action in (Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL) else ()),
        ):
            self.env.bus.announce(topic)

    def _action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.say(str(exc), error=True)
        else:
            show_error(self, exc)
        if isinstance(exc, StaleRecord):
            self.refresh()  # the alert as it is now, with whatever the other PC did

    # --- many at once ---------------------------------------------------------------------------
    def selected_rows(self) -> list[AlertRow]:
        return selected_rows(self)

    def run_bulk(self, action: Action) -> None:
        run_bulk(self, action)

    def print_notice(self) -> None:
        if self.detail is not None:
            print_notice(self, self.detail.alert)
