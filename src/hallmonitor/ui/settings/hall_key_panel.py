"""大厅密钥: whether this PC holds the ID-number hash key, typing it in, and the administrator's part.

The key is asked for where it is missing (a further PC of a shared hall, a
restore onto a new PC) but never forced: without it nothing recorded is lost,
only cases with ID numbers cannot be saved here, and the panel says so.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import (
    KeyState,
    ServiceError,
    enter_hall_key,
    hall_key_status,
    new_key_cost,
    show_hall_key,
    start_new_hall_key,
)
from hallmonitor.ui.common import key_label
from hallmonitor.ui.shell import UiEnv


class KeyEntryDialog(QDialog):
    """Asks for the 大厅密钥 on a PC that lacks it; accepted once a right key is kept."""

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setWindowTitle(self.tr("Hall key"))
        intro = QLabel(
            self.tr(
                "This PC does not hold the hall key of this database yet. Type the key the administrator "
                "wrote down when the hall was created (eight groups of four letters and digits)."
            )
        )
        intro.setWordWrap(True)
        lost = QLabel(hall_key_status(env.ctx.db).sentence)
        lost.setWordWrap(True)
        lost.setStyleSheet("color: #614700;")
        self.edit = QLineEdit(placeholderText="ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
        self.edit.setObjectName("hallKeyEdit")
        self.problem = QLabel()
        self.problem.setObjectName("hallKeyProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #cf1322;")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Keep on this PC"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._enter)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, lost, self.edit, self.problem, buttons):
            layout.addWidget(widget)
        self.resize(560, self.sizeHint().height())

    def _enter(self) -> None:
        try:
            enter_hall_key(self.env.ctx.db, self.edit.text())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


class HallKeyPanel(QWidget):
    changed = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.status = QLabel()
        self.status.setObjectName("hallKeyStatus")
        self.status.setWordWrap(True)
        about = QLabel(
            self.tr(
                "ID numbers are stored only as a mask and a keyed hash, which lets the same person be found "
                "across cases. The key is kept on each PC, never in the database or its backups, so a copy "
                "of the database does not give the numbers away."
            )
        )
        about.setWordWrap(True)
        self.enter_button = QPushButton(self.tr("Enter the hall key…"))
        self.show_button = QPushButton(self.tr("Show the hall key"))
        self.new_button = QPushButton(self.tr("Start a new hall key…"))
        admin = env.ctx.actor.may(Permission.EDIT_SETTINGS)
        for button in (self.show_button, self.new_button):
            button.setEnabled(admin)
            if not admin:
                button.setToolTip(self.tr("Only an administrator may do this."))
        buttons = QHBoxLayout()
        for button in (self.enter_button, self.show_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.enter_button.clicked.connect(self.ask_for_key)
        self.show_button.clicked.connect(self._show)
        self.new_button.clicked.connect(self._new)

    def refresh(self) -> None:
        status = hall_key_status(self.env.ctx.db)
        self.status.setText(status.sentence)
        ready = status.state is KeyState.READY
        self.enter_button.setVisible(status.state is KeyState.MISSING)
        self.show_button.setVisible(ready)

    def ask_for_key(self) -> None:
        if KeyEntryDialog(self.env, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def _show(self) -> None:
        try:
            key = show_hall_key(self.env.ctx)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Hall key"), str(exc))
            return
        self._present(key, self.tr("The hall key kept on this PC:"))

    def _new(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Start a new hall key"),
            new_key_cost() + "\n\n" + self.tr("Start a new hall key now?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            key = start_new_hall_key(self.env.ctx)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Hall key"), str(exc))
            return
        self.refresh()
        self._present(
            key, self.tr("The new hall key. Write it down and keep it safe; every other PC needs it:")
        )

    def _present(self, key: str, heading: str) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Hall key"))
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(heading))
        layout.addWidget(key_label(key))
        row = QHBoxLayout()
        row.addWidget(copy)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.presented = dialog
        dialog.open()
