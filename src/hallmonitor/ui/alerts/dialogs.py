"""The questions an alert action asks: the plan, what was done, the reason; and where to save a notice.

Every action is recorded with its why, so the dialog will not accept an
empty answer where the workflow would refuse one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.alerts import Action, AlertRow
from hallmonitor.ui.common import action_name, action_prompt, alert_level_name


class ActionTextDialog(QDialog):
    def __init__(
        self, action: Action, rows: AlertRow | list[AlertRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        rows = rows if isinstance(rows, list) else [rows]
        self.setObjectName("alertActionDialog")
        prompt, self.optional = action_prompt(action)
        layout = QVBoxLayout(self)
        if len(rows) == 1:
            row = rows[0]
            self.setWindowTitle(
                self.tr("{action} — alert #{id}").format(action=action_name(action), id=row.id)
            )
            text = self.tr("Window {window} · {level}\n{summary}").format(
                window=row.window_no or "—", level=alert_level_name(row.level), summary=row.summary
            )
        else:
            self.setWindowTitle(
                self.tr("{action} — {count} alerts").format(action=action_name(action), count=len(rows))
            )
            shown = "\n".join(f"#{r.id} {r.window_no or '—'} {r.summary}" for r in rows[:5])
            more = self.tr("\n… and {count} more").format(count=len(rows) - 5) if len(rows) > 5 else ""
            text = self.tr("The same note is recorded on each of them:\n{alerts}").format(alerts=shown + more)
        about = QLabel(text)
        about.setWordWrap(True)
        about.setStyleSheet("color: #3c4043;")
        layout.addWidget(about)
        layout.addWidget(QLabel(prompt))
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("alertActionText")
        self.edit.setMinimumSize(420, 110)
        layout.addWidget(self.edit)
        if action is Action.CLOSE_WINDOW:
            warning = QLabel(self.tr("The window will be shown as temporarily closed on the board at once."))
            warning.setStyleSheet("color: #b3261e;")
            layout.addWidget(warning)
        elif action is Action.CONFIRM_NOMINAL:
            warning = QLabel(
                self.tr(
                    "Every session of this alert will count as auxiliary only, and the staffing rules "
                    "will order the window to correct."
                )
            )
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #b3261e;")
            layout.addWidget(warning)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.optional or bool(self.text()))

    def text(self) -> str:
        return self.edit.toPlainText().strip()


def ask_action_text(parent: QWidget | None, action: Action, row: AlertRow | list[AlertRow]) -> str | None:
    """The text for ``action`` on one alert or several, or None when the user cancelled."""
    dialog = ActionTextDialog(action, row, parent)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_notice_path(parent: QWidget | None, row: AlertRow, folder: str = "") -> str | None:
    name = f"通知书_{row.window_no or 'alert'}号窗口_{row.id}_{date.today():%Y%m%d}.pdf"
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("AlertDialogs", "Save the notice as PDF"),
        str(Path(folder or Path.home()) / name),
        "PDF (*.pdf)",
    )
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"
