"""The Settings page's backups: the daily ones listed, how many are kept, one made now, one restored.

A restore replaces every hall in the database, so it asks first and names the
backup's day and halls; afterwards the window opens again on the restored data
(every page's figures were of the old one).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.backups import (
    DEFAULT_KEEP,
    BackupInfo,
    backup_folder,
    list_daily_backups,
    make_backup,
    restore_backup,
)
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.shell import UiEnv, app_settings, owned_operation, show_error

KEEP_KEY = "backup/keep"


def backups_kept() -> int:
    """How many daily backups this PC keeps (a per-PC choice: the backups are this PC's files)."""
    try:
        return max(1, int(app_settings().value(KEEP_KEY, DEFAULT_KEEP)))
    except (TypeError, ValueError):
        return DEFAULT_KEEP


class BackupsPanel(QWidget):
    #: Emitted after a restore: the window must open again on the restored data.
    restored = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.backups: list[BackupInfo] = []
        layout = QVBoxLayout(self)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Daily backups kept")))
        self.keep = QSpinBox()
        self.keep.setObjectName("backupsKept")
        self.keep.setRange(1, 365)
        self.keep.setValue(backups_kept())
        self.keep.valueChanged.connect(self._save_keep)
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        layout.addLayout(keep_row)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        layout.addWidget(self.list, 1)
        self.empty_hint = EmptyHint(
            self.list,
            self.tr(
                "No daily backup yet: the first is made when the app next starts. "
                "“Back up now…” makes one at once, wherever you choose."
            ),
        )
        buttons = QHBoxLayout()
        self.backup_now = QPushButton(self.tr("Back up now…"))
        self.backup_now.setObjectName("backupNow")
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_file = QPushButton(self.tr("Restore from a file…"))
        self.restore_file.setObjectName("restoreFile")
        for button in (self.backup_now, self.restore_button, self.restore_file):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.backup_now.clicked.connect(self._ask_backup)
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file.clicked.connect(self._ask_restore_file)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def _save_keep(self, value: int) -> None:
        settings = app_settings()
        settings.setValue(KEEP_KEY, value)
        settings.sync()

    def _enable(self) -> None:
        self.restore_button.setEnabled(self.list.currentRow() >= 0)

    def refresh(self) -> None:
        db = self.env.ctx.db
        if not db.is_sqlite:
            self.where.setText(
                self.tr(
                    "A shared PostgreSQL database is backed up by the hall's IT (hallmonitor backup uses pg_dump)."
                )
            )
        else:
            self.where.setText(
                self.tr("The app backs this database up once a day when it starts, into {folder}.").format(
                    folder=backup_folder(db)
                )
            )

        def done(found: list[BackupInfo]) -> None:
            self.backups = found
            self.list.clear()
            for info in found:
                text = self.tr("{day} — {halls} — {size} KB").format(
                    day=f"{info.modified:%Y-%m-%d %H:%M}", halls="、".join(info.halls), size=info.size // 1024
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                self.list.addItem(item)
            self._enable()

        self.env.runner.start(
            owned_operation(self, "list backups", lambda _p: list_daily_backups(db), on_success=done)
        )

    def _ask_backup(self) -> None:
        suggested = str(Path.home() / f"hallmonitor-{date.today():%Y%m%d}.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up to"), suggested)
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, path: Path) -> Any:
        db = self.env.ctx.db

        def done(written: Path) -> None:
            self.status.setText(self.tr("Backed up to {path}").format(path=written))

        op = owned_operation(
            self,
            "backup",
            lambda _p: make_backup(db, path),
            on_success=done,
            on_failure=lambda e: show_error(self, e),
        )
        self.env.runner.start(op)
        return op

    def _restore_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.backups):
            self.ask_restore(self.backups[row].path)

    def _ask_restore_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from"), str(Path.home()))
        if path:
            self.ask_restore(Path(path))

    def confirm(self, path: Path) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Everything in this database is replaced by the backup {path}. "
                "What is there now is copied aside first. Restore?"
            ).format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_restore(self, path: Path) -> Any:
        if not self.confirm(path):
            return None
        db = self.env.ctx.db

        def done(aside: Path | None) -> None:
            note = self.tr("Restored from {path}.").format(path=path)
            if aside is not None:
                note += " " + self.tr("What was there before is kept in {aside}.").format(aside=aside)
            self.status.setText(note)
            self.restored.emit()

        op = owned_operation(
            self,
            "restore",
            lambda _p: restore_backup(db, path),
            on_success=done,
            on_failure=lambda e: show_error(self, e),
        )
        self.env.runner.start(op)
        return op
