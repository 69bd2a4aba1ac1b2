"""Help ▸ About: the version, the folders this PC keeps the hall in, and the third-party licences.

The IT staff who install the app ask where the data, the logs and the backups
are, and what the app carries under which licence; both answers are here. The
licences are the texts shipped in ui/assets/licences (scripts/third_party_notices.py
writes them from what is installed, the installer's spec from what it bundles):
the LGPL under which Qt is used asks that its notice and text go with every copy.
"""

from __future__ import annotations

import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallmonitor import __version__
from hallmonitor.logs import log_path
from hallmonitor.services.backups import backup_folder, data_folder
from hallmonitor.ui.shell.desktop import open_url
from hallmonitor.ui.shell.env import UiEnv
from hallmonitor.ui.shell.icon import app_icon

ASSETS = Path(__file__).parents[1] / "assets"
NOTICES_INDEX = ASSETS / "licences" / "index.json"


@dataclass(frozen=True)
class Component:
    """A piece of third-party software the app carries, with the files of its licence."""

    name: str
    version: str
    licence: str
    home: str
    files: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"{self.name} {self.version} — {self.licence}"

    def text(self) -> str:
        parts = []
        for name in self.files:
            path = ASSETS / name
            parts.append(path.read_text(encoding="utf-8") if path.is_file() else f"({name} is missing)")
        return "\n\n".join(part.rstrip() for part in parts) + "\n"


def third_party_components(index: Path = NOTICES_INDEX) -> list[Component]:
    """The shipped notices' components, Qt first (its licence asks the most), then by name."""
    if not index.is_file():
        return []
    entries = json.loads(index.read_text(encoding="utf-8")).get("components", [])
    components = [
        Component(
            name=str(e["name"]),
            version=str(e.get("version", "")),
            licence=str(e.get("licence", "")),
            home=str(e.get("home", "")),
            files=tuple(str(f) for f in e.get("files", [])),
        )
        for e in entries
    ]
    return sorted(components, key=lambda c: (c.name != "Qt", c.name.lower()))


def _folder_label(path: Path, name: str) -> QLabel:
    """The folder as a link that opens it in the file manager."""
    label = QLabel(f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>')
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setWordWrap(True)
    label.linkActivated.connect(lambda link: open_url(QUrl(link)))
    return label


class AboutDialog(QDialog):
    """The version and folders on one tab, the third-party licences on the other."""

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About HallMonitor"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_tab(env), self.tr("About"))
        self.tabs.addTab(self._licences_tab(), self.tr("Third-party software"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(800, 560)

    def _about_tab(self, env: UiEnv) -> QWidget:
        tab = QWidget()
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(
            self.tr(
                "<b>HallMonitor {version}</b><p>Supervision of a government service hall: "
                "formal civil servants at every window, approvals in the hall, "
                "at most one trip, time limits in working days.</p>"
            ).format(version=__version__)
        )
        heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)
        db = env.ctx.db
        self.version_label = QLabel(
            self.tr("{version} (Qt {qt}, PySide6 {pyside}, Python {python})").format(
                version=__version__,
                qt=qVersion(),
                pyside=pyside_version,
                python=".".join(str(n) for n in sys.version_info[:3]),
            )
        )
        self.version_label.setObjectName("aboutVersion")
        self.database_label = QLabel(db.display_name)
        self.database_label.setObjectName("aboutDatabase")
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_label = _folder_label(data_folder(db), "aboutDataFolder")
        self.log_label = _folder_label(log_path().parent, "aboutLogFolder")
        self.backup_label = _folder_label(backup_folder(db), "aboutBackupFolder")
        form = QFormLayout()
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Data folder:"), self.data_label)
        form.addRow(self.tr("Log folder:"), self.log_label)
        form.addRow(self.tr("Backup folder:"), self.backup_label)
        licence = QLabel(
            self.tr(
                "HallMonitor is licensed under the Apache License 2.0. It uses Qt, PySide6 and "
                "Shiboken6 under the GNU Lesser General Public License version 3; their notices and "
                "the licences of everything else it carries are under Third-party software."
            )
        )
        licence.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addSpacing(10)
        layout.addWidget(licence)
        layout.addStretch(1)
        return tab

    def _licences_tab(self) -> QWidget:
        self.components = third_party_components()
        self.component_list = QListWidget()
        self.component_list.setObjectName("aboutComponents")
        for component in self.components:
            item = QListWidgetItem(component.title)
            item.setToolTip(component.home)
            self.component_list.addItem(item)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setObjectName("aboutLicence")
        self.licence_text.setReadOnly(True)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.component_list.currentRowChanged.connect(self._show_licence)
        splitter = QSplitter()
        splitter.addWidget(self.component_list)
        splitter.addWidget(self.licence_text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 510])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        if self.components:
            self.component_list.setCurrentRow(0)
        return tab

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.licence_text.setPlainText(self.components[row].text())
