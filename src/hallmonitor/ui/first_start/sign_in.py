"""Signing in at start, and the lock screen after the hall's idle time.

Both ask the services (``services.accounts.sign_in``), so a wrong password
counts towards the same lock as on every other PC and on the command line.
Checking a password against its argon2id hash is slow on purpose (a few
tenths of a second on an office PC), so it runs in the background while the
dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.accounts import load_policy, sign_in
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.ui.shell import Operation, OperationRunner, is_saving, show_error, start_save


class SignInDialog(QDialog):
    """Accepted with ``ctx`` acting as the account; rejected means quit."""

    # After each check of what was typed: True when it signed in.
    checked = Signal(bool)

    def __init__(self, ctx: HallContext, parent: QWidget | None = None, *, locked: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.base = ctx
        self.ctx: HallContext | None = None
        self.setWindowTitle(self.tr("Screen locked") if locked else self.tr("Sign in"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("{hall} is locked after a pause. Type your password to go on.").format(hall=ctx.hall_name)
            if locked
            else self.tr("Sign in to {hall}.").format(hall=ctx.hall_name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.login = QLineEdit()
        self.login.setObjectName("signInLogin")
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        if locked:
            self.login.setText(ctx.actor.login)
            self.login.setReadOnly(True)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #cf1322;")
        layout.addWidget(self.message)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("signInChecking")
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()
        layout.addWidget(self.busy_label)
        self.runner = OperationRunner(parent=self)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if locked else self.login).setFocus()

    def try_sign_in(self) -> Operation | None:
        """Check what is typed in the background; the password field is emptied whatever the outcome.

        None when a check already runs. Signed in, the dialog is accepted; refused, it says why.
        """
        base, login, password = self.base, self.login.text(), self.password.text()

        def signed_in(ctx: HallContext) -> None:
            self.ctx = ctx
            self.accept()
            self.checked.emit(True)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.message.setText(str(exc))
            else:
                show_error(self, exc)
            self.password.setFocus()
            self.checked.emit(False)

        started = start_save(
            self,
            self.runner,
            "sign in",
            lambda: sign_in(base.db, base.hall_code, login, password),
            controls=[self.login, self.password, self.buttons],
            label=self.busy_label,
            text=self.tr("Checking the password…"),
            on_success=signed_in,
            on_failure=refused,
        )
        if started is not None:
            self.password.clear()
            self.message.clear()
        return started

    def reject(self) -> None:
        if not is_saving(self):  # Esc while the password is checked: the answer is a moment away
            super().reject()


class IdleLock(QObject):
    """Locks the screen after ``minutes`` without a key or mouse input, asking the same account's password."""

    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, ctx: HallContext, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in self._INPUT:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide what the app shows behind a dialog until the account's password is typed again."""
        self.locked = True
        hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, QDialog)]
        for widget in hidden:
            widget.hide()
        dialog = SignInDialog(self.ctx, locked=True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            QApplication.quit()
            return
        for widget in hidden:
            widget.show()
        self.locked = False
        self.timer.start()


_idle: IdleLock | None = None


def sign_in_at_start(ctx: HallContext) -> HallContext | None:
    """The context to open: ``ctx`` itself for a hall without accounts, else the account signed in.

    None means quit. With accounts, the idle lock is armed for the account.
    """
    global _idle
    app = QApplication.instance()
    if _idle is not None and app is not None:
        app.removeEventFilter(_idle)
        _idle.deleteLater()
        _idle = None
    if ctx.actor.roles:
        return ctx
    dialog = SignInDialog(ctx)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    signed, _ = dialog.ctx, dialog.deleteLater()
    if not accepted or signed is None:
        return None
    minutes = load_policy(signed.db, signed.hall_id).idle_minutes
    if minutes and app is not None:
        _idle = IdleLock(signed, minutes, app)
        app.installEventFilter(_idle)
    return signed
