"""预警整改 (alert center): what needs acting on, the actions, and the record of what was done.

Open alerts come first, the most severe on top. The buttons offered are the
ones the workflow would accept for the selected alert and the user's role,
so a refusal is the exception — and when it happens (a re-check that still
finds only auxiliary staff, a reopening without a formal civil servant) the
sentence is shown next to the buttons, where the user is looking, rather
than in a box to click away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.staffing import window_sort_key
from hallmonitor.services.alerts import (
    Action,
    AlertDetail,
    AlertRow,
    alert_detail,
    count_open,
    list_alerts,
    perform,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.services.staffing import windows as list_windows
from hallmonitor.ui.alerts.detail_panel import AlertDetailPanel
from hallmonitor.ui.alerts.dialogs import ask_action_text, ask_notice_path
from hallmonitor.ui.alerts.models import AlertTableModel
from hallmonitor.ui.common import action_name, alert_kind_name, alert_level_name, alert_state_name
from hallmonitor.ui.shell import LoadGate, Operation, UiEnv, show_error

log = logging.getLogger("hallmonitor.ui")

#: The list shows this many alerts at most; filters narrow it down.
LIST_LIMIT = 2000
OPEN_FILTER = "open"
#: Actions that change a window's state, so the board and the rules must hear of them.
WINDOW_ACTIONS = frozenset(
    {
        Action.START_RECTIFICATION,
        Action.MARK_RECTIFIED,
        Action.CLOSE_WINDOW,
        Action.REOPEN_WINDOW,
        Action.REVOKE,
    }
)


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
        self.open_saved_notice = True
        self.last_notice: Path | None = None
        self._gate = LoadGate()
        #: Detail request whose arrival completes the current list load (-1: the list is loading).
        self._ready_for: int | None = None
        self._detail_requests = 0
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
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(refresh)
        outer.addLayout(header)

        filters = QHBoxLayout()
        self.window_filter = QComboBox()
        self.window_filter.addItem(self.tr("All windows"), None)
        self.kind_filter = self._combo(self.tr("All kinds"), [(alert_kind_name(k), k) for k in AlertKind])
        self.level_filter = self._combo(self.tr("All levels"), [(alert_level_name(v), v) for v in AlertLevel])
        self.state_filter = self._combo(
            self.tr("All states"),
            [(self.tr("Open (needs action)"), OPEN_FILTER)] + [(alert_state_name(s), s) for s in AlertState],
        )
        for label, combo in (
            (self.tr("Window"), self.window_filter),
            (self.tr("Kind"), self.kind_filter),
            (self.tr("Level"), self.level_filter),
            (self.tr("State"), self.state_filter),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
            filters.addSpacing(8)
            combo.currentIndexChanged.connect(self.refresh)
        filters.addStretch(1)
        outer.addLayout(filters)

        self.model = AlertTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("alertTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

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

    def _combo(self, everything: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    # --- loading ------------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        state = self.state_filter.currentData()
        return {
            "window_no": self.window_filter.currentData(),
            "kind": self.kind_filter.currentData(),
            "level": self.level_filter.currentData(),
            "state": state if isinstance(state, AlertState) else None,
            "open_only": state == OPEN_FILTER,
        }

    def refresh(self) -> None:
        if not self._gate.start():
            return
        self._ready_for = -1
        ctx, filters = self.env.ctx, self.filters()

        def work(_progress: Any) -> tuple[list[AlertRow], int, list[str]]:
            rows = list_alerts(ctx, limit=LIST_LIMIT, **filters)
            numbers = sorted((w.number for w in list_windows(ctx)), key=window_sort_key)
            return rows, count_open(ctx), numbers

        self.env.runner.start(Operation("alert list", work, on_success=self._loaded, on_failure=self._failed))

    def _loaded(self, result: tuple[list[AlertRow], int, list[str]]) -> None:
        if not self._gate.finish():
            self.refresh()
            return
        rows, self.open_count, numbers = result
        self._fill_windows(numbers)
        self.model.set_rows(rows)
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

    def _fill_windows(self, numbers: list[str]) -> None:
        current = self.window_filter.currentData()
        known = [self.window_filter.itemData(i) for i in range(1, self.window_filter.count())]
        if known == numbers:
            return
        self.window_filter.blockSignals(True)
        while self.window_filter.count() > 1:
            self.window_filter.removeItem(1)
        for number in numbers:
            self.window_filter.addItem(self.tr("Window {no}").format(no=number), number)
        index = self.window_filter.findData(current) if current is not None else 0
        self.window_filter.setCurrentIndex(max(index, 0))
        self.window_filter.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        self._gate.fail()
        show_error(self, exc)

    def _on_changed(self, topic: str) -> None:
        if topic in ("alerts", "windows"):
            self.refresh()

    def _row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid() and 0 <= current.row() < len(self.model.rows):
            alert_id = self.model.rows[current.row()].id
            if alert_id != self.selected_id:
                self.message_label.setVisible(False)
                self.load_detail(alert_id)

    def load_detail(self, alert_id: int) -> None:
        self.selected_id = alert_id
        self._detail_requests += 1
        request = self._detail_requests
        ctx = self.env.ctx
        self.env.runner.start(
            Operation(
                "alert detail",
                lambda _p: alert_detail(ctx, alert_id),
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
            self.env.bus.announce("alerts")
            if action in WINDOW_ACTIONS and updated.window_id is not None:
                self.env.bus.announce("windows")

        self.env.runner.start(
            Operation(
                f"alert {action.name}",
                lambda _p: perform(ctx, row.id, action, text, at=at),
                on_success=done,
                on_failure=self._action_failed,
            )
        )

    def _action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.say(str(exc), error=True)
        else:
            show_error(self, exc)

    def print_notice(self) -> None:
        if self.detail is None:
            return
        row = self.detail.alert
        path = self.ask_path(row)
        if not path:
            return
        self.message_label.setVisible(False)
        ctx, today = self.env.ctx, self.env.clock().date()

        def work(_progress: Any) -> Any:
            from hallmonitor.reports.notices import build_notice
            from hallmonitor.services.alerts import notice_data

            return build_notice(notice_data(ctx, row.id, issued_on=today))

        def render(content: Any) -> None:
            from hallmonitor.ui.printing import write_notice_pdf

            try:
                write_notice_pdf(content, path)
            except (ServiceError, OSError) as exc:
                self._action_failed(exc if isinstance(exc, ServiceError) else ServiceError(str(exc)))
                return
            self.last_notice = Path(path)
            self.say(self.tr("{title} saved: {path}").format(title=content.title, path=path))
            if self.open_saved_notice:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        self.env.runner.start(
            Operation("alert notice", work, on_success=render, on_failure=self._action_failed)
        )
