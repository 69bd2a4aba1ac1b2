"""The selected alert in the alert center: facts, the actions it allows, its history.

A widget of its own so the page stays about the list; the buttons only ask
(``action_requested``), the page carries the action out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertKind, AlertLevel, Role
from hallmonitor.services.alerts import Action, AlertDetail, allowed_actions
from hallmonitor.ui.alerts.evidence import NominalEvidenceView
from hallmonitor.ui.alerts.models import HistoryModel
from hallmonitor.ui.common import (
    action_name,
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    window_state_name,
)

# Shown only for a 人员挂名 alert, on a line of their own.
NOMINAL_ACTIONS = (Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL)


class AlertDetailPanel(QWidget):
    action_requested = Signal(object)
    print_requested = Signal()

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.detail: AlertDetail | None = None
        self._build()

    def _build(self) -> None:
        self.setObjectName("alertDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.summary_label = QLabel(self.tr("Select an alert to see what happened and act on it."))
        self.summary_label.setObjectName("alertSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.summary_label)
        # The facts two to a line (the window's sentence on one of its own), so the history below
        # keeps the height a long ladder of actions needs on a 768-pixel screen.
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)
        self.fact_labels: dict[str, QLabel] = {}
        for key, text, row, column in (
            ("window", self.tr("Window"), 0, 0),
            ("level", self.tr("Level"), 1, 0),
            ("state", self.tr("State"), 1, 2),
            ("raised", self.tr("Raised"), 2, 0),
            ("deadline", self.tr("Deadline"), 2, 2),
            ("occurrences", self.tr("Times seen"), 3, 0),
        ):
            label = QLabel("—")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(key == "window")
            self.fact_labels[key] = label
            facts.addWidget(QLabel(text), row, column)
            facts.addWidget(label, row, column + 1, 1, 3 if key == "window" else 1)
        layout.addLayout(facts)

        buttons = QGridLayout()
        self.action_buttons: dict[Action, QPushButton] = {}
        for index, action in enumerate(Action):
            button = QPushButton(action_name(action))
            button.setObjectName(f"action_{action.name.lower()}")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a))
            if action is Action.CLOSE_WINDOW:
                button.setStyleSheet("QPushButton:enabled { color: #b3261e; font-weight: bold; }")
            self.action_buttons[action] = button
            if action in NOMINAL_ACTIONS:
                button.setVisible(False)
                buttons.addWidget(button, 2, NOMINAL_ACTIONS.index(action))
            else:
                buttons.addWidget(button, index // 3, index % 3)
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.print_button.setObjectName("printNotice")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_requested.emit)
        buttons.addWidget(self.print_button, 3, 0, 1, 3)
        layout.addLayout(buttons)
        self.message_label = QLabel()
        self.message_label.setObjectName("alertMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        layout.addWidget(self.message_label)

        self.history_model = HistoryModel(self)
        self.history = QTableView()
        self.history.setObjectName("alertHistory")
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setWordWrap(True)
        self.history_model.modelReset.connect(self.history.resizeRowsToContents)
        self.occurrences = QListWidget()
        self.occurrences.setObjectName("alertOccurrences")
        self.evidence = NominalEvidenceView()
        # History and occurrences share what is left, the history most of it; the split can be dragged.
        self.records = QSplitter(Qt.Orientation.Vertical)
        self.records.setObjectName("alertRecords")
        self.records.setChildrenCollapsible(False)
        self.record_parts: list[QWidget] = []
        for title, view in (
            (self.tr("History (kept as recorded, never edited)"), self.history),
            (self.tr("Occurrences"), self.occurrences),
            (self.tr("Evidence: the roster and every case of each session"), self.evidence),
        ):
            part = QWidget()
            part_layout = QVBoxLayout(part)
            part_layout.setContentsMargins(0, 4, 0, 0)
            part_layout.addWidget(QLabel(title))
            part_layout.addWidget(view, 1)
            self.records.addWidget(part)
            self.record_parts.append(part)
        self.records.setStretchFactor(0, 3)
        self.records.setStretchFactor(1, 1)
        self.records.setStretchFactor(2, 3)
        self.record_parts[2].setVisible(False)
        layout.addWidget(self.records, 1)

    def show_detail(self, detail: AlertDetail | None) -> None:
        self.detail = detail
        allowed = allowed_actions(detail.alert, self.role) if detail else frozenset()
        nominal = detail is not None and detail.alert.kind is AlertKind.NOMINAL_PRESENCE
        for action, button in self.action_buttons.items():
            button.setEnabled(action in allowed)
            if action in NOMINAL_ACTIONS:
                button.setVisible(nominal)
        # A 人员挂名 alert shows its evidence case by case instead of the one-line occurrences,
        # with most of the room: its history is short.
        if nominal != self.record_parts[2].isVisible():
            self.record_parts[1].setVisible(not nominal)
            self.record_parts[2].setVisible(nominal)
            total = sum(self.records.sizes()) or 1
            self.records.setSizes(
                [total // 3, 0, total - total // 3] if nominal else [total * 3 // 4, total // 4, 0]
            )
        self.evidence.show_evidence(detail.evidence if detail is not None and nominal else ())
        if detail is None:
            self.summary_label.setText(self.tr("Select an alert to see what happened and act on it."))
            for label in self.fact_labels.values():
                label.setText("—")
            self.history_model.set_events([])
            self.occurrences.clear()
            self.print_button.setEnabled(False)
            return
        a = detail.alert
        self.summary_label.setText(a.summary)
        window = "—"
        if a.window_no:
            window = self.tr("Window {no} ({department}), now {state}").format(
                no=a.window_no,
                department=a.department,
                state=window_state_name(a.window_state) if a.window_state else "—",
            )
        self.fact_labels["window"].setText(window)
        self.fact_labels["level"].setText(f"{alert_kind_name(a.kind)} · {alert_level_name(a.level)}")
        self.fact_labels["state"].setText(alert_state_name(a.state))
        self.fact_labels["raised"].setText(f"{a.raised_at:%Y-%m-%d %H:%M}")
        self.fact_labels["deadline"].setText(a.deadline.isoformat() if a.deadline else "—")
        self.fact_labels["occurrences"].setText(str(a.occurrence_count))
        self.history_model.set_events(detail.events)
        self.occurrences.clear()
        for o in detail.occurrences:
            self.occurrences.addItem(f"{o.key}  {o.detail}".strip())
        self.print_button.setEnabled(bool(a.window_no) and a.level is not AlertLevel.NOTICE)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {'#b3261e' if error else '#2e7d32'}; font-weight: bold;")
        self.message_label.setVisible(True)
