"""The audit page's filters: kind of record, record, person, action and days.

They only describe the list; the database does the filtering (``TrailFilter``).
Lists and days apply at once; the typed record and person apply on Enter or
when the field is left, so a half-typed number does not start a query.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from hallmonitor.services.audit import TrailFilter
from hallmonitor.ui.audit.words import action_choices, kind_choices
from hallmonitor.ui.common import choice_combo, chosen_day, open_day_edit


class TrailFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditFilters")
        self.kind_filter = choice_combo(self.tr("All kinds"), kind_choices())
        self.kind_filter.setObjectName("auditKind")
        self.record_filter = QLineEdit()
        self.record_filter.setObjectName("auditRecord")
        self.record_filter.setPlaceholderText(self.tr("any"))
        self.record_filter.setClearButtonEnabled(True)
        self.record_filter.setMaximumWidth(110)
        self.actor_filter = QComboBox()
        self.actor_filter.setObjectName("auditActor")
        self.actor_filter.setEditable(True)
        self.actor_filter.setMinimumContentsLength(12)
        self.actor_filter.lineEdit().setPlaceholderText(self.tr("anyone"))
        self.action_filter = choice_combo(self.tr("All actions"), action_choices())
        self.since = open_day_edit(self.tr("any"))
        self.until = open_day_edit(self.tr("any"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("auditClearFilters")
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        cells = (
            (self.tr("Kind"), self.kind_filter),
            (self.tr("Record no."), self.record_filter),
            (self.tr("By"), self.actor_filter),
            (self.tr("Action"), self.action_filter),
            (self.tr("From"), self.since),
            (self.tr("to"), self.until),
        )
        for n, (label, widget) in enumerate(cells):
            if n:
                layout.addSpacing(8)
            layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        for combo in (self.kind_filter, self.action_filter):
            combo.currentIndexChanged.connect(self._changed)
        self.actor_filter.activated.connect(self._changed)
        for edit in (self.record_filter, self.actor_filter.lineEdit()):
            edit.editingFinished.connect(self._typed)
        for day in (self.since, self.until):
            day.dateChanged.connect(self._changed)
        self._applied = self.current()

    def _changed(self, *_args: object) -> None:
        self._applied = self.current()
        self.changed.emit()

    def _typed(self) -> None:
        """Enter, or leaving the field: apply what was typed, once (both signals come for an Enter)."""
        if self.current() != self._applied:
            self._changed()

    def _actor(self) -> str | None:
        text = self.actor_filter.currentText().strip()
        index = self.actor_filter.findText(text)
        if index >= 0 and self.actor_filter.itemData(index):
            return str(self.actor_filter.itemData(index))  # a listed account: its login
        return text or None

    def current(self) -> TrailFilter:
        return TrailFilter(
            kind=self.kind_filter.currentData(),
            row_key=self.record_filter.text().strip() or None,
            actor=self._actor(),
            since=chosen_day(self.since),
            until=chosen_day(self.until),
            action=self.action_filter.currentData(),
        )

    def set_actors(self, accounts: list[tuple[str, str]]) -> None:
        """Offer the hall's accounts as ``name（login）``; what is typed stays."""
        known = [self.actor_filter.itemData(i) for i in range(self.actor_filter.count())]
        if known == [login for login, _name in accounts]:
            return
        text = self.actor_filter.currentText()
        self.actor_filter.blockSignals(True)
        self.actor_filter.clear()
        for login, name in accounts:
            self.actor_filter.addItem(self.tr("{name} ({login})").format(name=name, login=login), login)
        self.actor_filter.setEditText(text)
        self.actor_filter.blockSignals(False)

    def show_record(self, kind: str, record: str) -> None:
        """Narrow the list to one record's entries (its history), keeping the other filters."""
        self.blockSignals(True)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(kind), 0))
        self.record_filter.setText(record)
        self.blockSignals(False)
        self._changed()

    def clear(self, *, announce: bool = True) -> None:
        """Every filter back to "any"; ``announce`` False for a caller that loads the list itself."""
        self.blockSignals(True)
        self.kind_filter.setCurrentIndex(0)
        self.action_filter.setCurrentIndex(0)
        self.record_filter.clear()
        self.actor_filter.setEditText("")
        for day in (self.since, self.until):
            day.setDate(day.minimumDate())
        self.blockSignals(False)
        self._applied = self.current()
        if announce:
            self.changed.emit()
