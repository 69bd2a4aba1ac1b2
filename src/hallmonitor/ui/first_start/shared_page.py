"""The first start's page for a hall's shared PostgreSQL database: its address, tested before use.

A database that already holds halls ends the wizard (the app opens it); an
empty one goes on to the hall page, which creates the hall in it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWizardPage

from hallmonitor.services.settings import DatabaseCheck, check_database, database_url
from hallmonitor.ui.first_start.page_ids import HALL
from hallmonitor.ui.shell import owned_operation


class SharedPage(QWizardPage):
    """The shared database's address, tested before it is used."""

    def __init__(self, wizard: Any) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("The hall's shared database"))
        self.setSubTitle(
            self.tr(
                "Ask the hall's IT staff for the address, e.g. postgresql://user:password@10.0.0.5:5432/hall."
            )
        )
        self.url = QLineEdit()
        self.url.setObjectName("sharedUrl")
        self.url.setPlaceholderText("postgresql://user:password@host:5432/database")
        self.test = QPushButton(self.tr("Test the connection"))
        self.test.setObjectName("testConnection")
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.check: DatabaseCheck | None = None
        form = QFormLayout(self)
        # The address takes the width; the button stays a button.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Address"), self.url)
        form.addRow("", self.test)
        form.addRow(self.result)
        self.test.clicked.connect(self.test_connection)
        self.url.textChanged.connect(self._forget)

    def _forget(self) -> None:
        self.check = None
        self.result.clear()
        self.completeChanged.emit()

    def test_connection(self) -> None:
        text = self.url.text()
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Connecting…"))

        def done(check: DatabaseCheck) -> None:
            self.test.setEnabled(True)
            self.check = check
            self.result.setStyleSheet("color: #237804;" if check.ok else "color: #cf1322;")
            self.result.setText(check.message)
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self.test.setEnabled(True)
            self.result.setStyleSheet("color: #cf1322;")
            self.result.setText(str(exc))

        op = owned_operation(
            self, "test database", lambda _p: check_database(text), on_success=done, on_failure=failed
        )
        self.wizard_.runner.start(op)

    def isComplete(self) -> bool:
        return self.check is not None and self.check.ok

    def validatePage(self) -> bool:
        try:
            self.wizard_.use_shared(database_url(self.url.text()))
        except Exception as exc:
            self.result.setStyleSheet("color: #cf1322;")
            self.result.setText(str(exc))
            return False
        if self.wizard_.result.outcome == "shared":
            # It has its halls: nothing more to set up here.
            QTimer.singleShot(0, self.wizard_.accept)
        return True

    def nextId(self) -> int:
        return HALL
