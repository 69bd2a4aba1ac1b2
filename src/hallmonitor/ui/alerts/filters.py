"""The alert center's filters: window, department, kind, level, state, when raised, and grouping.

They only describe the list; the database does the filtering (``AlertFilter``),
so narrowing a hall's thousands of alerts to one window's open ones is one
short query.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.services.alerts import AlertFilter
from hallmonitor.ui.common import (
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    choice_combo,
    chosen_day,
    open_day_edit,
)

OPEN_FILTER = "open"
#: Levels a filter offers: the ones the rules raise today (提示 only labels alerts raised before them).
OFFERED_LEVELS = tuple(level for level in AlertLevel if level is not AlertLevel.NOTICE)


class AlertFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertFilters")
        self.window_filter = choice_combo(self.tr("All windows"), [])
        self.department_filter = choice_combo(self.tr("All departments"), [])
        self.kind_filter = choice_combo(self.tr("All kinds"), [(alert_kind_name(k), k) for k in AlertKind])
        self.level_filter = choice_combo(
            self.tr("All levels"), [(alert_level_name(v), v) for v in OFFERED_LEVELS]
        )
        self.state_filter = choice_combo(
            self.tr("All states"),
            [(self.tr("Open (needs action)"), OPEN_FILTER)] + [(alert_state_name(s), s) for s in AlertState],
        )
        self.since = open_day_edit(self.tr("any"))
        self.until = open_day_edit(self.tr("any"))
        self.by_window = QCheckBox(self.tr("Group by window"))
        self.by_window.setObjectName("alertsByWindow")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        cells = (
            (self.tr("Window"), self.window_filter),
            (self.tr("Department"), self.department_filter),
            (self.tr("Kind"), self.kind_filter),
            (self.tr("Level"), self.level_filter),
            (self.tr("State"), self.state_filter),
            (self.tr("Raised from"), self.since),
            (self.tr("to"), self.until),
        )
        # Two rows: it fits a 1366-pixel screen beside nothing else, and reads left to right.
        for n, (label, widget) in enumerate(cells):
            row, column = divmod(n, 4)
            layout.addWidget(QLabel(label), row, column * 2)
            layout.addWidget(widget, row, column * 2 + 1)
        layout.addWidget(self.by_window, 1, 7)
        layout.setColumnStretch(8, 1)
        for combo in (
            self.window_filter,
            self.department_filter,
            self.kind_filter,
            self.level_filter,
            self.state_filter,
        ):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._changed)
        self.by_window.toggled.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def current(self) -> AlertFilter:
        state = self.state_filter.currentData()
        return AlertFilter(
            open_only=state == OPEN_FILTER,
            window_no=self.window_filter.currentData(),
            department=self.department_filter.currentData(),
            kind=self.kind_filter.currentData(),
            level=self.level_filter.currentData(),
            state=state if isinstance(state, AlertState) else None,
            raised_from=chosen_day(self.since),
            raised_to=chosen_day(self.until),
            by_window=self.by_window.isChecked(),
        )

    def set_choices(self, windows: list[str], departments: list[str]) -> None:
        """Offer the hall's windows and the departments that have alerts; keep what is chosen."""
        self._refill(self.window_filter, [(self.tr("Window {no}").format(no=n), n) for n in windows])
        self._refill(self.department_filter, [(name, name) for name in departments])

    def _refill(self, combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        known = [combo.itemData(i) for i in range(1, combo.count())]
        if known == [value for _text, value in items]:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)


def empty_text(alert_filter: AlertFilter, has_windows: bool) -> str:
    """Why the alert list is empty: the filters, no windows yet, or nothing wrong (in the page's words)."""
    if replace(alert_filter, by_window=False) != AlertFilter():
        return QCoreApplication.translate(
            "AlertsPage", "No alert matches these filters: widen or clear them above."
        )
    if not has_windows:
        return QCoreApplication.translate(
            "AlertsPage", "No alerts, and no windows yet: add windows on Hall data, or File ▸ Import."
        )
    return QCoreApplication.translate(
        "AlertsPage",
        "No alerts yet: every window has been staffed as required and every case kept its time limit. "
        "When the rules find a problem, its alert appears here.",
    )
