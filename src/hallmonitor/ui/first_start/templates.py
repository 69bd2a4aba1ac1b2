"""The import templates, written together into one folder and numbered in the order to fill them.

Windows name their departments, staff their departments, items theirs; the
roster names windows and staff, cases name windows, items and staff. The file
names carry that order so the supervisor cannot start with the wrong one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hallmonitor.ui.shell import Operation, OperationRunner, owned_operation, show_error

#: (import kind, what the file holds), in the order to fill them in.
TEMPLATE_ORDER: list[tuple[str, str]] = [
    ("windows", QT_TRANSLATE_NOOP("TemplatesPanel", "windows and departments")),
    ("staff", QT_TRANSLATE_NOOP("TemplatesPanel", "staff")),
    ("items", QT_TRANSLATE_NOOP("TemplatesPanel", "item catalogue")),
    ("roster", QT_TRANSLATE_NOOP("TemplatesPanel", "roster")),
    ("cases", QT_TRANSLATE_NOOP("TemplatesPanel", "cases")),
]


def template_names() -> list[tuple[str, str]]:
    """(kind, file name) in order: "1 windows and departments.xlsx" and so on, translated."""
    return [
        (kind, f"{n} {QCoreApplication.translate('TemplatesPanel', what)}.xlsx")
        for n, (kind, what) in enumerate(TEMPLATE_ORDER, start=1)
    ]


def write_templates(folder: Path) -> list[Path]:
    from hallmonitor.reports.imports import write_template

    folder.mkdir(parents=True, exist_ok=True)
    return [write_template(kind, folder / name) for kind, name in template_names()]


class TemplatesPanel(QWidget):
    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 0, 0)
        listing = "<br>".join(name.removesuffix(".xlsx") for _kind, name in template_names())
        self.order = QLabel(listing)
        self.order.setObjectName("templateOrder")
        self.button = QPushButton(self.tr("Save the templates to a folder…"))
        self.button.setObjectName("saveTemplates")
        self.button.setEnabled(False)
        self.done = QLabel()
        self.done.setObjectName("templatesWritten")
        self.done.setWordWrap(True)
        layout.addWidget(self.order)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.done)
        self.button.clicked.connect(self.choose_folder)

    def enable(self) -> None:
        self.button.setEnabled(True)

    def choose_folder(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the templates"), start)
        if folder:
            self.save_to(Path(folder))

    def save_to(self, folder: Path) -> Operation:
        def done(paths: list[Path]) -> None:
            self.done.setText(
                self.tr("{count} templates written to {folder}").format(count=len(paths), folder=folder)
            )

        op = owned_operation(
            self,
            "templates",
            lambda _p: write_templates(folder),
            on_success=done,
            on_failure=lambda exc: show_error(self, exc),
        )
        self.runner.start(op)
        return op
