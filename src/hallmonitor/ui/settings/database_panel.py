"""Which database the app opens: the current one, a test of another, and the choice for next start.

Switching databases while pages hold data from the old one would mix halls,
so a new choice is only remembered (in QSettings) and used at the next start.
The test connects without creating or upgrading anything and answers in a
sentence; a password is never shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.hall import ServiceError
from hallmonitor.services.settings import DatabaseCheck, check_database, database_url, shown_url
from hallmonitor.ui.shell import (
    DATABASE_URL_KEY,
    Operation,
    UiEnv,
    app_settings,
    save_database_url,
    saved_database_url,
)


class DatabasePanel(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.last_check: DatabaseCheck | None = None
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.url_edit = QLineEdit(
            placeholderText=self.tr("A SQLite file, or postgresql://user:password@server:5432/database")
        )
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.save_button = QPushButton(self.tr("Use at next start"))
        self.forget_button = QPushButton(self.tr("Back to the default"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)

        chooser = QHBoxLayout()
        chooser.addWidget(self.url_edit, 1)
        chooser.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("In use"), self.current_label)
        form.addRow(self.tr("At next start"), self.saved_label)
        form.addRow(self.tr("Another database"), chooser)
        form.addRow("", buttons)
        form.addRow("", self.result_label)
        note = QLabel(
            self.tr(
                "Several PCs of a hall can share one PostgreSQL database. A new choice takes effect when "
                "the app is started again; the database is upgraded then if needed (a SQLite file is "
                "copied aside first)."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #595959;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)

        self.browse_button.clicked.connect(self._browse)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save_choice)
        self.forget_button.clicked.connect(self.forget_choice)

    def refresh(self) -> None:
        self.current_label.setText(self.env.ctx.db.display_name)
        saved = saved_database_url()
        self.saved_label.setText(
            shown_url(saved) if saved else self.tr("The same as now (no other choice saved)")
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("SQLite database file"),
            "",
            self.tr("SQLite database (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.url_edit.setText(path)

    def test_connection(self) -> None:
        text = self.url_edit.text()
        self.test_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Connecting…"))

        def done(check: DatabaseCheck) -> None:
            self.test_button.setEnabled(True)
            self.last_check = check
            self.result_label.setStyleSheet("color: #237804;" if check.ok else "color: #cf1322;")
            self.result_label.setText(check.message)

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.result_label.setStyleSheet("color: #cf1322;")
            self.result_label.setText(str(exc))

        op = Operation(
            "test database", lambda _p: check_database(text), on_success=done, on_failure=failed, parent=self
        )
        self.env.runner.start(op)

    def save_choice(self) -> bool:
        try:
            url = database_url(self.url_edit.text())
        except ServiceError as exc:
            self.result_label.setStyleSheet("color: #cf1322;")
            self.result_label.setText(str(exc))
            return False
        save_database_url(url)
        self.result_label.setStyleSheet("color: #237804;")
        self.result_label.setText(
            self.tr("Saved: the app opens %1 at its next start.").replace("%1", shown_url(url))
        )
        self.refresh()
        return True

    def forget_choice(self) -> None:
        settings = app_settings()
        settings.remove(DATABASE_URL_KEY)
        settings.sync()
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("The app opens its default database at its next start."))
        self.refresh()
