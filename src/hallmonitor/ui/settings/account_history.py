"""An account's history, as the audit trail holds it: created, locked, unlocked, its windows, its password reset.

The administrator keeps the accounts, so they may read what happened to one
(an auditor reads the same on the audit page). The password hash itself is
never shown: the trail's reader hides it, only that it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.audit import TrailEntry

_ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("AccountHistoryDialog", "Added"),
    "update": QT_TRANSLATE_NOOP("AccountHistoryDialog", "Changed"),
    "delete": QT_TRANSLATE_NOOP("AccountHistoryDialog", "Deleted"),
}
_TABLES = {
    "operator": QT_TRANSLATE_NOOP("AccountHistoryDialog", "Account"),
    "operator_window": QT_TRANSLATE_NOOP("AccountHistoryDialog", "Assigned window"),
}


def _word(words: dict[str, str], key: str) -> str:
    text = words.get(key)
    return QCoreApplication.translate("AccountHistoryDialog", text) if text else key


class AccountHistoryDialog(QDialog):
    def __init__(
        self, login: str, entries: tuple[TrailEntry, ...], more: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountHistory")
        self.setWindowTitle(self.tr("History of account {login}").format(login=login))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), 5)
        self.table.setObjectName("accountHistoryTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Of"), self.tr("What changed")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for row, entry in enumerate(entries):
            cells = (
                f"{entry.at:%Y-%m-%d %H:%M:%S}",
                entry.actor,
                _word(_ACTIONS, entry.action),
                _word(_TABLES, entry.table),
                entry.summary,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        if more:
            note = QLabel(self.tr("Only the latest entries are shown; the audit page holds them all."))
            note.setObjectName("accountHistoryMore")
            note.setStyleSheet("color: #5f6368;")
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
