"""The File menu's Excel work: import a file, export the weekly report, write an import template.

Each runs off the UI thread behind a progress dialog with Cancel, and ends in
a summary the supervisor can act on: how many rows went in, or every bad row
with its reason, or where the report was written. The services do the work
(the same ones ``hallmonitor import/export/template`` use); openpyxl is only
imported by them, inside the worker, when the supervisor first asks.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.ui.shell import (
    Operation,
    UiEnv,
    app_settings,
    open_path,
    owned_operation,
    show_error,
    start_with_progress,
)

#: Import kinds in menu order, with the bus topic each one changes.
KINDS: dict[str, tuple[str, str]] = {
    "windows": (QT_TRANSLATE_NOOP("ExcelActions", "Windows"), "windows"),
    "staff": (QT_TRANSLATE_NOOP("ExcelActions", "Staff"), "staff"),
    "roster": (QT_TRANSLATE_NOOP("ExcelActions", "Roster and attendance"), "roster"),
    "items": (QT_TRANSLATE_NOOP("ExcelActions", "Item catalogue"), "items"),
    "cases": (QT_TRANSLATE_NOOP("ExcelActions", "Cases"), "cases"),
    "complaints": (QT_TRANSLATE_NOOP("ExcelActions", "Complaints"), "complaints"),
    "procedures": (QT_TRANSLATE_NOOP("ExcelActions", "Special procedures"), "cases"),
    "calendar": (QT_TRANSLATE_NOOP("ExcelActions", "Holiday arrangements"), "settings"),
}
FOLDER_KEY = "excel/folder"
MAX_ERRORS_SHOWN = 500


def kind_title(kind: str) -> str:
    return QCoreApplication.translate("ExcelActions", KINDS[kind][0])


def _folder() -> str:
    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(app_settings().value(FOLDER_KEY, default) or default)


def _remember_folder(path: Path) -> None:
    app_settings().setValue(FOLDER_KEY, str(path if path.is_dir() else path.parent))


def last_week(today: date) -> str:
    """The report a hall sends on Monday: the ISO week that ended last Sunday."""
    year, week, _ = (today - timedelta(days=7)).isocalendar()
    return f"{year}-W{week:02d}"


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class ImportDialog(QDialog):
    """What to import: the kind of data, the file, and whether to skip bad rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from Excel or CSV"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_title(kind), kind)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.skip_invalid = QCheckBox(self.tr("Import the good rows and list the bad ones"))
        hint = QLabel(
            self.tr(
                "Without this, a file with any bad row is not imported at all, and every bad row is listed."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        form.addRow(self.tr("Data"), self.kind)
        form.addRow(self.tr("File"), row)
        form.addRow("", self.skip_invalid)
        form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        browse.clicked.connect(self._browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the file to import"),
            _folder(),
            self.tr("Spreadsheets or CSV (*.xlsx *.xls *.ods *.csv)"),
        )
        if path:
            self.path.setText(path)

    def _accept(self) -> None:
        if not self.path.text().strip():
            self.path.setFocus()
            return
        self.accept()

    def choice(self) -> tuple[str, Path, bool]:
        return self.kind.currentData(), Path(self.path.text().strip()), self.skip_invalid.isChecked()


class ExportWeekDialog(QDialog):
    """Which week (any day of it) and which folder."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the weekly report"))
        form = QFormLayout(self)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        start = today - timedelta(days=7)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.week_label = QLabel()
        self.folder = QLineEdit(_folder())
        browse = QPushButton(self.tr("Browse…"))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("A day of the week"), self.day)
        form.addRow(self.tr("Week"), self.week_label)
        form.addRow(self.tr("Folder"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        browse.clicked.connect(self._browse)
        self.day.dateChanged.connect(self._show_week)
        self._show_week()

    def _show_week(self) -> None:
        day = self.day.date().toPython()
        monday = day - timedelta(days=day.weekday())
        self.week_label.setText(
            self.tr("{week} ({first} to {last})").format(
                week=iso_week_of(day), first=monday.isoformat(), last=(monday + timedelta(days=6)).isoformat()
            )
        )

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def choice(self) -> tuple[str, Path]:
        return iso_week_of(self.day.date().toPython()), Path(self.folder.text().strip() or ".")


class ImportResultDialog(QDialog):
    """The import's summary sentence and, when rows were refused, each of them with its reason."""

    def __init__(self, summary: str, errors: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importResult")
        self.setWindowTitle(self.tr("Import finished"))
        self.resize(640, 420 if errors else 160)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > len(shown):
            shown.append(self.tr("… and {count} more").format(count=len(errors) - len(shown)))
        self.errors.setPlainText("\n".join(shown))
        self.errors.setVisible(bool(errors))
        layout.addWidget(self.errors, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)


def _finished_box(parent: QWidget, text: str, folder: Path) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("ExcelActions", "Done"), text)
    box.setObjectName("excelDone")
    box.setParent(parent, box.windowFlags())
    box.addButton(QMessageBox.StandardButton.Ok)
    open_button = box.addButton(
        QCoreApplication.translate("ExcelActions", "Open the folder"), QMessageBox.ButtonRole.ActionRole
    )
    open_button.clicked.connect(lambda: open_path(folder))
    box.open()
    return box


# --- menu entry points (called by the main window) ----------------------------------------------
def import_file(window: QWidget, env: UiEnv) -> Operation | None:
    dialog = ImportDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    kind, path, skip_invalid = dialog.choice()
    return start_import(window, env, kind, path, skip_invalid)


def start_import(window: QWidget, env: UiEnv, kind: str, path: Path, skip_invalid: bool) -> Operation:
    ctx = env.ctx
    _remember_folder(path)

    def work(progress: Any) -> Any:
        from hallmonitor.services.imports import import_file as run_import

        return run_import(ctx, kind, path, skip_invalid=skip_invalid, progress=progress)

    def done(result: Any) -> None:
        if result.written:
            env.bus.announce(KINDS[kind][1])
        dialog = ImportResultDialog(result.summary(), [str(e) for e in result.errors], window)
        window.setProperty("lastImportSummary", result.summary())
        dialog.open()

    op = owned_operation(
        window, "import", work, on_success=done, on_failure=lambda exc: show_error(window, exc)
    )
    label = QCoreApplication.translate("ExcelActions", "Importing {kind} from {name}…").format(
        kind=kind_title(kind), name=path.name
    )
    start_with_progress(window, env.runner, op, label)
    return op


def export_week(window: QWidget, env: UiEnv) -> Operation | None:
    dialog = ExportWeekDialog(env.clock().date(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    week, folder = dialog.choice()
    return start_export(window, env, week, folder)


def start_export(window: QWidget, env: UiEnv, week: str, folder: Path) -> Operation:
    ctx, now = env.ctx, env.clock()
    _remember_folder(folder)

    def work(progress: Any) -> Path:
        from hallmonitor.reports.weekly import report_file_name, write_week
        from hallmonitor.services.weekly import build_week

        # Two halves of one bar: gathering the figures, then writing the workbook.
        report = build_week(
            ctx, week, now=now, progress=lambda done, total: progress(done, 2 * max(total, 1))
        )
        folder.mkdir(parents=True, exist_ok=True)
        return write_week(
            report,
            folder / report_file_name(report),
            progress=lambda done, total: progress(max(total, 1) + done, 2 * max(total, 1)),
        )

    def done(path: Path) -> None:
        window.setProperty("lastExport", str(path))
        text = QCoreApplication.translate("ExcelActions", "The weekly report {week} was written to:\n{path}")
        _finished_box(window, text.format(week=week, path=path), path.parent)

    op = owned_operation(
        window, "export", work, on_success=done, on_failure=lambda exc: show_error(window, exc)
    )
    label = QCoreApplication.translate("ExcelActions", "Exporting the weekly report {week}…").format(
        week=week
    )
    start_with_progress(window, env.runner, op, label)
    return op


def write_template(window: QWidget, env: UiEnv) -> Operation | None:
    titles = [kind_title(k) for k in KINDS]
    title, ok = QInputDialog.getItem(
        window,
        QCoreApplication.translate("ExcelActions", "Import template"),
        QCoreApplication.translate("ExcelActions", "Template for:"),
        titles,
        0,
        False,
    )
    if not ok:
        return None
    kind = list(KINDS)[titles.index(title)]
    suggested = str(
        Path(_folder())
        / QCoreApplication.translate("ExcelActions", "{title} template.xlsx").format(title=title)
    )
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("ExcelActions", "Save the template"),
        suggested,
        QCoreApplication.translate("ExcelActions", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return None
    return start_template(window, env, kind, Path(path).with_suffix(".xlsx"))


def start_template(window: QWidget, env: UiEnv, kind: str, path: Path) -> Operation:
    _remember_folder(path)

    def work(_progress: Any) -> Path:
        from hallmonitor.reports.imports import write_template as write

        return write(kind, path)

    def done(written: Path) -> None:
        text = QCoreApplication.translate("ExcelActions", "The template was written to:\n{path}")
        _finished_box(window, text.format(path=written), written.parent)

    op = owned_operation(
        window, "template", work, on_success=done, on_failure=lambda exc: show_error(window, exc)
    )
    start_with_progress(
        window, env.runner, op, QCoreApplication.translate("ExcelActions", "Writing the template…")
    )
    return op
