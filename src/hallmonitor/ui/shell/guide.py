"""帮助 ▸ 用户手册 (F1): the guides in docs/, shown in the app as they read on paper.

The Markdown files in docs/ are the one copy of the guides: the bundle carries
that folder beside the program, and a source checkout has it above the package,
so the app shows exactly what the repository holds. Their pictures are the
screenshots in docs/screenshots, made by scripts/screenshots.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from hallmonitor.ui.shell.desktop import open_url

USER_GUIDE = "用户手册.md"
ADMIN_GUIDE = "管理员手册.md"


def docs_folders() -> list[Path]:
    """Where the guides may be: inside the bundle, then beside a source checkout's package."""
    folders = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "docs")
    folders.append(Path(__file__).resolve().parents[4] / "docs")
    return folders


def guide_path(name: str = USER_GUIDE) -> Path | None:
    return next((folder / name for folder in docs_folders() if (folder / name).is_file()), None)


class GuideWindow(QDialog):
    """A browser over the guide: its links to the other guide open in place, web links outside."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(960, screen.width() - 80), min(900, screen.height() - 80))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            open_url(url)  # with the user's environment, not the installed app's
        elif url.isRelative() and url.path() == "":
            self.scroll_to_heading(url.fragment())
        else:
            target = self.browser.source().resolved(url)
            if target.isLocalFile() and Path(target.toLocalFile()).suffix == ".md":
                self.browser.setSource(target)
            else:
                open_url(target)

    def scroll_to_heading(self, fragment: str) -> bool:
        """A table of contents' link (GitHub's heading ids), since Qt gives Markdown headings no anchors."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and heading_id(block.text()) == fragment:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # To the top of the view, not just into it: scroll to the end first, then back.
                self.browser.verticalScrollBar().setValue(self.browser.verticalScrollBar().maximum())
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False


def heading_id(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(ch for ch in text.strip().lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def open_guide(parent: QWidget) -> QDialog | None:
    """The user guide in its window (kept by the caller), or a sentence when this install lacks it."""
    path = guide_path()
    if path is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("GuideWindow", "User guide"),
            QCoreApplication.translate(
                "GuideWindow",
                "The user guide is not installed with this copy of HallMonitor: it is docs/{name} in the "
                "program's source.",
            ).format(name=USER_GUIDE),
        )
        return None
    window = GuideWindow(path, parent)
    window.show()
    return window
