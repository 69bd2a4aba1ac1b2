"""The first-start wizard's page that shows the new 大厅密钥, the one time it is shown unasked."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from hallmonitor.ui.common import key_label


class KeyPage(QWizardPage):
    """The key to write down before going on: other PCs and a restore on a new PC ask for it.

    The page cannot be left until the supervisor ticks that it is written
    down: a key nobody copied is found missing on the day a PC is replaced.
    """

    def __init__(self, wizard: Any, next_id: int) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.next_id = next_id
        self.setTitle(self.tr("The hall key"))
        self.setSubTitle(
            self.tr(
                "ID numbers are kept only as a mask and a keyed hash. The key stays on this PC, never in "
                "the database or its backups. Write it down: every other PC of the hall, and a restore "
                "onto a new PC, asks for it."
            )
        )
        self.key = key_label("")
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key.text()))
        self.written = QCheckBox(self.tr("I have written the hall key down and will keep it safe"))
        self.written.setObjectName("keyWrittenDown")
        self.written.toggled.connect(self.completeChanged)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.written)
        layout.addStretch(1)

    def initializePage(self) -> None:
        made = self.wizard_.new_key
        shown = bool(made)
        self.key.setText(made or "")
        for widget in (self.key, self.copy, self.written):
            widget.setVisible(shown)
        self.note.setText(
            ""
            if shown
            else self.tr(
                "This database already has a hall key: the hall shares it. Nothing to write down here."
            )
        )

    def isComplete(self) -> bool:
        return not self.wizard_.new_key or self.written.isChecked()

    def nextId(self) -> int:
        return self.next_id
