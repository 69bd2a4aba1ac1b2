"""The main window's navigation: the list of pages on the left and switching between them.

Pages are created on first show, in place of an empty holder, and a page with
unsaved work may refuse to be left; that bookkeeping is apart from the menus
and preferences of ``main_window``, whose window inherits it.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from hallmonitor.ui.shell.dialogs import show_error
from hallmonitor.ui.shell.env import UiEnv
from hallmonitor.ui.shell.status_bar import HallStatusBar

__all__ = ["PAGE_TITLES", "PageNavigation"]

log = logging.getLogger("hallmonitor.ui")

PAGE_TITLES = {
    "board": QT_TRANSLATE_NOOP("MainWindow", "Hall board"),
    "roster": QT_TRANSLATE_NOOP("MainWindow", "Roster and attendance"),
    "cases": QT_TRANSLATE_NOOP("MainWindow", "Cases"),
    "flags": QT_TRANSLATE_NOOP("MainWindow", "Front shop, back factory"),
    "alerts": QT_TRANSLATE_NOOP("MainWindow", "Alerts and rectification"),
    "charts": QT_TRANSLATE_NOOP("MainWindow", "Statistics"),
    "hall_data": QT_TRANSLATE_NOOP("MainWindow", "Hall data"),
    "settings": QT_TRANSLATE_NOOP("MainWindow", "Settings"),
    "audit": QT_TRANSLATE_NOOP("MainWindow", "Audit trail"),
}


class PageNavigation(QMainWindow):
    """The navigation list and the stack of pages; the window sets ``env``, ``specs`` and ``status``."""

    #: Emitted with the page key when a page has painted its data.
    page_ready = Signal(str)

    env: UiEnv
    #: (key, module, class name) of the pages this person sees, in navigation order.
    specs: list[tuple[str, str, str]]
    status: HallStatusBar
    _pages: dict[str, QWidget]
    _holders: dict[str, QWidget]

    def _build_body(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            # No focus frame: drawn inside the selected page's blue it looked like a stray box.
            "QListWidget#navigation { font-size: 15px; border: none; background: #f3f5f8; outline: 0; }"
            "QListWidget#navigation::item { padding: 10px 14px; }"
            "QListWidget#navigation::item:selected { background: #1f5fa8; color: white; }"
        )
        self.stack = QStackedWidget()
        for key, _module, _class in self.specs:
            item = QListWidgetItem(self.page_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            holder = QWidget()
            holder.setObjectName(f"holder_{key}")
            self._holders[key] = holder
            self.stack.addWidget(holder)
        font = QFont(self.nav.font())
        font.setPixelSize(15)  # as in the style sheet above, which the widget has not applied yet
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(self.page_title(k)) for k in self.page_keys), default=100)
        self.nav.setFixedWidth(max(150, widest + 2 * 14 + 24))
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.nav.currentRowChanged.connect(self._nav_changed)

    def page_title(self, key: str) -> str:
        title = PAGE_TITLES.get(key)
        return QCoreApplication.translate("MainWindow", title) if title else key

    @property
    def page_keys(self) -> list[str]:
        return [key for key, _m, _c in self.specs]

    @property
    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.specs[row][0] if 0 <= row < len(self.specs) else None

    def page(self, key: str) -> QWidget | None:
        """The page for ``key``, created (and loaded) on first use; None when it cannot be."""
        if key in self._pages:
            return self._pages[key]
        spec = next((s for s in self.specs if s[0] == key), None)
        if spec is None:
            return None
        try:
            cls = getattr(importlib.import_module(spec[1]), spec[2])
            page = cls(self.env, self)
        except Exception as exc:
            log.exception("page %s could not be created", key)
            show_error(self, exc)
            return None
        if hasattr(page, "data_ready"):
            page.data_ready.connect(lambda key=key: self.page_ready.emit(key))
        if hasattr(page, "open_alerts_changed"):
            page.open_alerts_changed.connect(self.set_open_alerts)
        if hasattr(page, "open_alert_requested"):
            page.open_alert_requested.connect(self.show_alert)
        index = self.stack.indexOf(self._holders[key])
        self.stack.removeWidget(self._holders[key])
        self._holders[key].deleteLater()
        self.stack.insertWidget(index, page)
        self._pages[key] = page
        page.refresh()
        return page

    def show_page(self, key: str) -> bool:
        keys = self.page_keys
        if key not in keys:
            return False
        self.nav.setCurrentRow(keys.index(key))
        return self.current_key == key

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        key = self.specs[row][0]
        shown = self.stack.currentWidget()
        leaving = next((k for k, p in self._pages.items() if p is shown), None)
        if leaving and leaving != key and not self._confirm_leave(leaving):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.page_keys.index(leaving))
            self.nav.blockSignals(False)
            return
        page = self.page(key)
        if page is not None:
            self.stack.setCurrentWidget(page)

    def _confirm_leave(self, key: str) -> bool:
        page = self._pages.get(key)
        confirm = getattr(page, "confirm_leave", None)
        return bool(confirm()) if confirm else True

    def refresh_current(self) -> None:
        page = self._pages.get(self.current_key or "")
        if page is not None:
            page.refresh()
        self.status.reload()

    def show_alert(self, alert_id: int) -> None:
        """Open the alert center on one alert (a link in the board's tile detail)."""
        if self.show_page("alerts"):
            page = self._pages.get("alerts")
            if page is not None and hasattr(page, "show_alert"):
                page.show_alert(alert_id)

    def _call_page(self, key: str, method: str) -> None:
        if self.show_page(key):
            page = self._pages.get(key)
            if page is not None and hasattr(page, method):
                getattr(page, method)()
