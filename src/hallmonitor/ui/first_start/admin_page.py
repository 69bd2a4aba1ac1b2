"""The first-start wizard's page for the hall's first administrator account."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWizardPage

from hallmonitor.services.hall import ServiceError


class AdminPage(QWizardPage):
    """The hall's first account, an administrator: from then on the app asks who is there.

    Offered rather than forced: a hall run by one person on one PC may go on
    without accounts, as before, and create them later in Settings.
    """

    def __init__(self, wizard: Any, next_id: int) -> None:
        """``wizard`` is the FirstStartWizard, whose ``create_admin`` does the work."""
        super().__init__(wizard)
        self.wizard_ = wizard
        self.next_id = next_id
        self.setTitle(self.tr("The administrator"))
        self.setSubTitle(
            self.tr(
                "With accounts, everyone signs in and every change names who made it. "
                "The administrator creates the other accounts in Settings."
            )
        )
        self.protect = QCheckBox(self.tr("Protect the hall with accounts: create the administrator now"))
        self.protect.setObjectName("protectHall")
        self.protect.setChecked(True)
        self.login = QLineEdit()
        self.login.setObjectName("adminLogin")
        self.login.setPlaceholderText(self.tr("e.g. admin"))
        self.name = QLineEdit()
        self.name.setObjectName("adminName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("adminPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.protect)
        form.addRow(self.tr("Account"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        self.problem = QLabel()
        self.problem.setObjectName("adminProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #cf1322;")
        form.addRow(self.problem)
        for edit in (self.login, self.name, self.password, self.again):
            edit.textChanged.connect(self.completeChanged)
        self.protect.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        for edit in (self.login, self.name, self.password, self.again):
            edit.setEnabled(on)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if not self.protect.isChecked():
            return True
        return all(e.text().strip() for e in (self.login, self.name, self.password, self.again))

    def nextId(self) -> int:
        return self.next_id

    def validatePage(self) -> bool:
        self.problem.clear()
        if not self.protect.isChecked():
            return True
        if self.password.text() != self.again.text():
            self.problem.setText(self.tr("The two passwords differ; type the same password twice."))
            return False
        try:
            self.wizard_.create_admin(self.login.text(), self.name.text(), self.password.text())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return False
        finally:
            self.password.clear()
            self.again.clear()
        self.protect.setEnabled(False)
        return True
