"""The Settings page's accounts: who may sign in to the hall, locked or not, and the lock-out rules.

Shown to administrators only; every action goes through ``services.accounts``,
which refuses anyone else in the same words as the command line. The
password fields are emptied as soon as a password has been used.

Every change runs off the UI thread: a password's argon2id hash costs tens of
milliseconds on purpose, and on a shared database each write waits for the
server. Meanwhile the buttons wait and the panel says it is saving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import (
    AccountPolicy,
    AccountRow,
    add_account,
    change_password,
    list_accounts,
    load_policy,
    lock_account,
    save_policy,
    unlock_account,
)
from hallmonitor.services.audit import entity_history
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.settings.account_history import AccountHistoryDialog
from hallmonitor.ui.shell import Operation, UiEnv, owned_operation, show_error, start_save

#: Entries an account's history shows; an account changes a few times a year.
HISTORY_LIMIT = 500


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AccountDialog(QDialog):
    """A new account (login, name, role, windows, password twice), or a new password for one."""

    def __init__(self, parent: QWidget | None = None, *, reset_for: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("New password for {login}").format(login=reset_for)
            if reset_for
            else self.tr("New account")
        )
        form = QFormLayout(self)
        self.login = QLineEdit(reset_for)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role)
        self.windows = QLineEdit()
        self.windows.setPlaceholderText(self.tr("window numbers, e.g. 3, 5 (window leads only)"))
        if not reset_for:
            form.addRow(self.tr("Account"), self.login)
            form.addRow(self.tr("Name"), self.name)
            form.addRow(self.tr("Role"), self.role)
            form.addRow(self.tr("Windows"), self.windows)
        self.password = _password_edit("accountPassword")
        self.again = _password_edit("accountPasswordAgain")
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #cf1322;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def window_numbers(self) -> list[str]:
        return [n.strip() for n in self.windows.text().replace("，", ",").split(",") if n.strip()]

    def _check(self) -> None:
        if self.password.text() != self.again.text():
            self.problem.setText(self.tr("The two passwords differ; type the same password twice."))
            return
        self.accept()


#: Columns no narrower than this (账号, 姓名, 角色, 状态), even while the list is empty.
MIN_WIDTHS = (140, 140, 120, 160)


class AccountsPanel(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.rows: list[AccountRow] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Name"), self.tr("Role"), self.tr("State"), self.tr("Windows")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_hint = EmptyHint(
            self.table,
            self.tr(
                "No accounts yet: whoever opens the app works as the administrator. Create the first "
                "account with “New account…”; from then on everyone signs in, and the trail names who "
                "did what."
            ),
        )
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New account…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.lock_button = QPushButton(self.tr("Lock"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setObjectName("accountHistoryButton")
        for button in (
            self.add_button,
            self.reset_button,
            self.lock_button,
            self.unlock_button,
            self.history_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.ask_new_account)
        self.reset_button.clicked.connect(self.ask_reset)
        self.lock_button.clicked.connect(lambda: self._act(lock_account))
        self.unlock_button.clicked.connect(lambda: self._act(unlock_account))
        self.history_button.clicked.connect(self.show_history)
        #: The last history shown (tests read it; the dialog is not modal).
        self.history_dialog: AccountHistoryDialog | None = None
        policy = QFormLayout()
        policy.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.max_failures = QSpinBox()
        self.max_failures.setRange(1, 20)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 1440)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 1440)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        policy.addRow(self.tr("Wrong passwords before the account locks"), self.max_failures)
        policy.addRow(self.tr("Lock lasts"), self.lock_minutes)
        policy.addRow(self.tr("Lock the screen after no input for"), self.idle_minutes)
        self.save_policy_button = QPushButton(self.tr("Save these rules"))
        self.save_policy_button.clicked.connect(self.save_policy)
        policy.addRow("", self.save_policy_button)
        layout.addLayout(policy)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("accountsSaving")
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()
        layout.addWidget(self.busy_label)
        self.message = QLabel()
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def load(self) -> None:
        """Read the accounts and the lock-out rules in the background, then show them."""
        ctx = self.env.ctx

        def work(_progress: Any) -> tuple[list[AccountRow], AccountPolicy]:
            return list_accounts(ctx), load_policy(ctx.db, ctx.hall_id)

        self.env.runner.start(
            owned_operation(self, "list accounts", work, on_success=self._show, on_failure=self._failed)
        )

    def _show(self, loaded: tuple[list[AccountRow], AccountPolicy]) -> None:
        self.rows, policy = loaded
        self.max_failures.setValue(policy.max_failures)
        self.lock_minutes.setValue(policy.lock_minutes)
        self.idle_minutes.setValue(policy.idle_minutes)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            if row.locked_by_admin:
                state = self.tr("Locked by an administrator")
            elif row.locked():
                state = self.tr("Locked until {at}").format(at=f"{row.locked_until:%Y-%m-%d %H:%M}")
            else:
                state = self.tr("Active")
            cells = (row.login, row.name, row.role.value, state, ", ".join(row.windows))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, width in enumerate(MIN_WIDTHS):
            header.resizeSection(column, max(width, header.sectionSize(column)))

    def selected_login(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].login if rows else None

    def create(
        self, login: str, name: str, role: Role, password: str, windows: list[str]
    ) -> Operation | None:
        """Create the account in the background (its password hashed there); None while another change runs."""
        ctx = self.env.ctx
        done = self.tr("Account {login} created.").format(login=login.strip())
        return self._store(
            "add account", lambda: add_account(ctx, login, name, role, password, windows=windows), done
        )

    def ask_new_account(self) -> None:
        dialog = AccountDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create(
                dialog.login.text(),
                dialog.name.text(),
                dialog.role.currentData(),
                dialog.password.text(),
                dialog.window_numbers(),
            )
        dialog.password.clear()
        dialog.again.clear()
        dialog.deleteLater()

    def ask_reset(self) -> None:
        login = self.selected_login()
        if login is None:
            self._say(self.tr("Choose an account in the list first."), error=True)
            return
        dialog = AccountDialog(self, reset_for=login)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(login, dialog.password.text())
        dialog.password.clear()
        dialog.again.clear()
        dialog.deleteLater()

    def reset_password(self, login: str, password: str) -> Operation | None:
        ctx = self.env.ctx
        done = self.tr("The password of {login} was reset.").format(login=login)
        return self._store("reset password", lambda: change_password(ctx, login, password), done)

    def _act(self, action) -> Operation | None:  # type: ignore[no-untyped-def]
        login = self.selected_login()
        if login is None:
            self._say(self.tr("Choose an account in the list first."), error=True)
            return None
        ctx = self.env.ctx
        return self._store(action.__name__.replace("_", " "), lambda: action(ctx, login), "")

    def _store(
        self, name: str, work: Callable[[], Any], done: str, *, reload: bool = True
    ) -> Operation | None:
        """Run ``work`` in the background with the panel's buttons waiting; then say ``done`` and reload."""

        def stored(_result: Any) -> None:
            self._say(done, error=False)
            if reload:
                self.load()

        return start_save(
            self,
            self.env.runner,
            name,
            work,
            controls=self._buttons(),
            label=self.busy_label,
            on_success=stored,
            on_failure=self._failed,
        )

    def _buttons(self) -> list[QWidget]:
        return [
            self.add_button,
            self.reset_button,
            self.lock_button,
            self.unlock_button,
            self.history_button,
            self.save_policy_button,
        ]

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self._say(str(exc), error=True)
        else:
            show_error(self, exc)

    def show_history(self) -> None:
        """What the audit trail holds of the selected account: created, locked, unlocked, its windows."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say(self.tr("Choose an account in the list first."), error=True)
            return
        account = self.rows[rows[0].row()]
        try:
            page = entity_history(self.env.ctx, "account", account.id, limit=HISTORY_LIMIT)
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = AccountHistoryDialog(
            account.login, page.entries, page.next_before is not None, self
        )
        self.history_dialog.show()

    def save_policy(self) -> Operation | None:
        policy = AccountPolicy(
            self.max_failures.value(), self.lock_minutes.value(), self.idle_minutes.value()
        )
        ctx = self.env.ctx
        return self._store(
            "save lock-out rules", lambda: save_policy(ctx, policy), self.tr("Saved."), reload=False
        )

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet("color: #cf1322;" if error else "color: #237804;")
        self.message.setText(text)
