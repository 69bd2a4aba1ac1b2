"""One case in full: its facts, where it stands against its deadline, its history, and what can still happen.

Errors show inside the dialog rather than in a second modal box: the
supervisor is in the middle of recording something and should be able to
correct a date without losing what was typed.

The dialog opens at once and reads its case in the background (its history,
its special procedures and its deadline worked out over the calendar take a
few tens of milliseconds, more on a shared database); until the case is
there it says it is loading and offers nothing to record.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import CaseStatus, DeadlineState
from hallmonitor.services.cases import (
    CaseDetail,
    EventInfo,
    case_detail,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.cases.actions import CaseActions
from hallmonitor.ui.cases.words import (
    applicant_type_name,
    approval_place_name,
    case_type_name,
    deadline_name,
    flag_state_name,
    status_name,
    voided_name,
)
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.shell import UiEnv, owned_operation, show_error

_CARD_STYLE = {
    DeadlineState.ON_TIME: "background: #d9f7be; color: #135200;",
    DeadlineState.DUE_TODAY: "background: #fff1b8; color: #614700;",
    DeadlineState.OVERDUE: "background: #ffccc7; color: #a8071a;",
}
_VOIDED_STYLE = "background: #f0f0f0; color: #595959; text-decoration: line-through;"
_BADGE = "padding: 4px 10px; border-radius: 4px; font-weight: bold; "


def _event_details(event: EventInfo) -> str:
    """A correction as one line per field, before → after; any other event as its note."""
    if not event.changes:
        # A void's note is its reason, shown once, in the reason column.
        return "" if event.note == event.reason else event.note
    return "\n".join(f"{field}：{before or '—'} → {after or '—'}" for field, before, after in event.changes)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class CaseDialog(CaseActions, QDialog):
    # The case as stored is on screen: after opening, after each action, after a correction.
    detail_shown = Signal()

    def __init__(self, env: UiEnv, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.changed = False
        self.resize(760, 620)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.badge = QLabel()
        self.deadline_text = QLabel()
        self.deadline_text.setWordWrap(True)
        self.facts = QGridLayout()
        self._fact_labels: list[tuple[QLabel, QLabel]] = []
        self.setStyleSheet("QLabel#factName { color: #595959; }")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf1322;")
        self.error.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("caseSaving")
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()

        self.history = _table(
            [self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Details"), self.tr("Reason")]
        )
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.horizontalHeader().setStretchLastSection(False)
        # The reason is often empty: as wide as its heading it sat squeezed against the edge.
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.history.horizontalHeader().resizeSection(4, 140)
        self.history.setWordWrap(True)
        self.periods = _table([self.tr("From"), self.tr("To"), self.tr("Reason")])
        day = self.periods.fontMetrics().horizontalAdvance("2026-12-31") + 24
        for column in (0, 1):  # a date's width even while there is none
            self.periods.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.periods.horizontalHeader().resizeSection(column, day)
        self.periods_empty = EmptyHint(
            self.periods,
            self.tr(
                "No special procedure: the clock runs without a pause. A hearing, an expert review or a "
                "public notice stops it while it lasts; add one below."
            ),
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self._periods_tab(), self.tr("Special procedures"))
        self.tabs.addTab(self._completion_tab(), self.tr("Record completion"))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.badge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.correct_button = buttons.addButton(self.tr("Correct…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.void_button = buttons.addButton(self.tr("Void…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.clicked.connect(self.open_correction)
        self.void_button.clicked.connect(self.open_void)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.deadline_text)
        layout.addLayout(self.facts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        foot = QHBoxLayout()
        foot.addWidget(self.busy_label)
        foot.addWidget(buttons, 1)
        layout.addLayout(foot)
        self._show_loading()
        self.reload_later()

    # --- building ------------------------------------------------------------------------

    def _periods_tab(self) -> QWidget:
        page = QWidget()
        self.period_start = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.period_has_end = QCheckBox(self.tr("Already ended on"))
        self.period_end = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd", enabled=False)
        self.period_reason = QLineEdit(placeholderText=self.tr("e.g. expert review, hearing, public notice"))
        self.add_period_button = QPushButton(self.tr("Add special procedure"))
        self.end_date = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.end_period_button = QPushButton(self.tr("End the running procedure"))
        self.period_has_end.toggled.connect(self.period_end.setEnabled)
        self.add_period_button.clicked.connect(self.add_period)
        self.end_period_button.clicked.connect(self.end_period)
        form = QFormLayout()
        # Dates and buttons as wide as they need; only the reason takes the width.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Starts on"), self.period_start)
        ends = QHBoxLayout()
        ends.addWidget(self.period_has_end)
        ends.addWidget(self.period_end)
        ends.addStretch(1)
        form.addRow("", ends)
        form.addRow(self.tr("Reason"), self.period_reason)
        form.addRow("", self.add_period_button)
        ending = QHBoxLayout()
        ending.addWidget(QLabel(self.tr("Last day")))
        ending.addWidget(self.end_date)
        ending.addWidget(self.end_period_button)
        ending.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.periods, 1)
        layout.addLayout(ending)
        layout.addLayout(form)
        return page

    def _completion_tab(self) -> QWidget:
        page = QWidget()
        self.completed_edit = QDateTimeEdit(calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        self.outcome_combo = QComboBox()
        for status in (CaseStatus.COMPLETED, CaseStatus.REFUSED, CaseStatus.RETURNED):
            self.outcome_combo.addItem(status_name(status), status)
        self.completion_note = QLineEdit()
        self.complete_button = QPushButton(self.tr("Record completion"))
        self.complete_button.clicked.connect(self.record_completion)
        # Why nothing can be recorded: the case is finished or voided.
        self.completion_done = QLabel()
        self.completion_done.setWordWrap(True)
        self.completion_done.setStyleSheet("color: #595959;")
        self.completion_done.hide()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.completion_done)
        form.addRow(self.tr("Finished at"), self.completed_edit)
        form.addRow(self.tr("Outcome"), self.outcome_combo)
        form.addRow(self.tr("Note"), self.completion_note)
        form.addRow("", self.complete_button)
        return page

    # --- showing ---------------------------------------------------------------------------

    def _show_loading(self) -> None:
        """Until the case arrives: its window's title, a line saying it loads, nothing to press but Close."""
        self.setWindowTitle(self.tr("Case"))
        self.title.setText(self.tr("Loading the case…"))
        for widget in self._action_widgets():
            widget.setEnabled(widget is self.close_button)
        self.tabs.setEnabled(False)

    def reload_later(self) -> None:
        """Read the case in the background: when the dialog opens, and after a correction or a void."""
        ctx, case_id, today = self.env.ctx, self.case_id, self.env.clock().date()

        def failed(exc: BaseException) -> None:
            if self.detail is None:
                self.title.setText(self.tr("The case could not be read."))
            if isinstance(exc, ServiceError):
                self._error(str(exc))
            else:
                show_error(self, exc)

        self.env.runner.start(
            owned_operation(
                self,
                "case detail",
                lambda _p: case_detail(ctx, case_id, as_of=today),
                on_success=self.show_detail,
                on_failure=failed,
            )
        )

    def show_detail(self, detail: CaseDetail) -> None:
        today = self.env.clock().date()
        self.detail = detail
        self.setWindowTitle(self.tr("Case %1").replace("%1", detail.case_no))
        self.title.setText(f"{detail.case_no}  {detail.item}")
        report = detail.deadline
        if detail.voided:
            self.badge.setText(voided_name())
            self.badge.setStyleSheet(_BADGE + _VOIDED_STYLE)
        else:
            self.badge.setText(deadline_name(report.state))
            self.badge.setStyleSheet(_BADGE + _CARD_STYLE[report.state])
        if report.due is None:
            due = self.tr("The clock is stopped by a special procedure.")
        else:
            due = self.tr("Due %1 (%2, %3 working days).").replace("%1", report.due.isoformat())
            due = due.replace("%2", case_type_name(detail.case_type)).replace("%3", str(detail.promised_days))
        used = self.tr("Used %1 working days / %2 calendar days.")
        used = used.replace("%1", str(report.working_days_used)).replace("%2", str(report.calendar_days_used))
        late = ""
        if report.state is DeadlineState.OVERDUE:
            late = self.tr("Late by %1 working days.").replace("%1", str(report.overdue_working_days))
        self.deadline_text.setText(" ".join(p for p in (due, used, late) if p))
        if detail.implausible:
            self.deadline_text.setText(detail.implausible)
        if detail.voided and detail.voided_at is not None:
            self.deadline_text.setText(
                self.tr("Voided on %1: %2. It counts in no figure or report.")
                .replace("%1", f"{detail.voided_at:%Y-%m-%d %H:%M}")
                .replace("%2", detail.void_reason)
            )
        self._show_facts(detail)
        _fill(
            self.history,
            [
                [f"{e.at:%Y-%m-%d %H:%M}", e.actor, e.action, _event_details(e), e.reason]
                for e in detail.history
            ],
        )
        self.history.resizeRowsToContents()
        _fill(
            self.periods,
            [
                [p.start.isoformat(), p.end.isoformat() if p.end else self.tr("running"), p.reason]
                for p in detail.periods
            ],
        )
        received = detail.received_at.date()
        self.period_start.setDate(QDate(today if today >= received else received))
        self.period_end.setDate(QDate(today if today >= received else received))
        self.end_date.setDate(QDate(today))
        self.end_period_button.setEnabled(detail.open_period is not None)
        self.end_date.setEnabled(detail.open_period is not None)
        self.completed_edit.setDateTime(
            max(self.env.clock(), detail.received_at).replace(second=0, microsecond=0)
        )
        self.complete_button.setEnabled(not detail.finished and not detail.voided)
        if detail.voided:
            done = self.tr("The case is voided: nothing more is recorded on it.")
        elif detail.finished:
            done = self.tr("The case is finished (%1): its completion is recorded.").replace(
                "%1", status_name(detail.status)
            )
        else:
            done = ""
        self.completion_done.setText(done)
        self.completion_done.setVisible(bool(done))
        # A voided case is kept as it was: nothing more is recorded on it.
        for widget in (self.correct_button, self.void_button, self.add_period_button):
            widget.setEnabled(not detail.voided)
        if detail.voided:
            self.end_period_button.setEnabled(False)
        self.tabs.setEnabled(True)
        self.error.hide()
        self.detail_shown.emit()

    def _show_facts(self, d: CaseDetail) -> None:
        when = lambda v: f"{v:%Y-%m-%d %H:%M}" if v else "—"  # noqa: E731
        pairs = [
            (self.tr("Window"), d.window),
            (self.tr("Department"), d.department),
            (self.tr("Applicant"), f"{d.applicant_name}（{applicant_type_name(d.applicant_type)}）"),
            (self.tr("ID number"), d.applicant_id_display or "—"),
            (self.tr("Received"), when(d.received_at)),
            (self.tr("Status"), voided_name() if d.voided else status_name(d.status)),
            (
                self.tr("Approval"),
                f"{approval_place_name(d.approval_place)} {d.approver}" if d.approval_place else "—",
            ),
            (self.tr("Approved"), when(d.approved_at)),
            (self.tr("Completed"), when(d.completed_at)),
            (self.tr("Trips"), str(d.trips)),
            (self.tr("Bundle"), d.bundle_key or "—"),
            (
                self.tr("Front shop"),
                f"{flag_state_name(d.flag_state)}：{d.flag_reasons}" if d.flag_state else "—",
            ),
        ]
        if not self._fact_labels:
            # Made once and filled after every action: two dozen labels made again, each polished by
            # its style sheet, were most of the time the dialog took to show a saved case.
            for n in range(len(pairs)):
                row, col = divmod(n, 2)
                name, shown = QLabel(), QLabel()
                name.setObjectName("factName")
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.facts.addWidget(name, row, col * 2)
                self.facts.addWidget(shown, row, col * 2 + 1)
                self._fact_labels.append((name, shown))
            self.facts.setColumnStretch(1, 1)
            self.facts.setColumnStretch(3, 1)
        for (name, shown), (label, value) in zip(self._fact_labels, pairs, strict=True):
            name.setText(label + "：")
            shown.setText(value)

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
