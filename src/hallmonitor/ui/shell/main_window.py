"""The main window: navigation on the left, the pages on the right, menus and a status bar.

Pages are imported when first shown (``navigation`` switches between them),
so the window opens fast and a page whose module is not installed yet is
simply left out. Menu actions that belong to a page (new case, search) or to
a later feature (Excel import and export, the hall display) look for their
provider lazily and stay disabled, with a tooltip, when it is missing:

- ``hallmonitor.ui.excel``: ``import_file(window, env)``,
  ``export_week(window, env)``, ``write_template(window, env)``;
- ``hallmonitor.ui.display``: ``open_hall_display(window, env)``;
- the cases page: ``new_case()`` and ``focus_search()``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from hallmonitor.domain.permissions import Permission
from hallmonitor.ui.shell.dialogs import show_error
from hallmonitor.ui.shell.env import UiEnv
from hallmonitor.ui.shell.navigation import PageNavigation
from hallmonitor.ui.shell.pages import PAGES
from hallmonitor.ui.shell.preferences import app_settings
from hallmonitor.ui.shell.start_window import DEFAULT_SIZE as DEFAULT_SIZE
from hallmonitor.ui.shell.start_window import FRAME_ALLOWANCE as FRAME_ALLOWANCE
from hallmonitor.ui.shell.start_window import GEOMETRY_KEY, place_window
from hallmonitor.ui.shell.start_window import default_geometry as default_geometry
from hallmonitor.ui.shell.status_bar import HallStatusBar

log = logging.getLogger("hallmonitor.ui")

STATE_KEY = "main_window/state"
LAST_PAGE_KEY = "main_window/last_page"


def module_available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class MainWindow(PageNavigation):
    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("mainWindow")
        # Only the hall: the desktop adds the app's name (QGuiApplication's display name) after it.
        title = env.ctx.hall_name
        if env.demo:
            title += " — " + self.tr("Demo hall")
        self.setWindowTitle(title)
        #: Set when the user leaves the demo hall: the app then opens the hall's own database.
        self.leave_demo = False
        #: Set when the window must open again on the same database (its content was replaced).
        self.reopen_requested = False
        self._logged_ready: set[str] = set()
        self.page_ready.connect(self._log_ready)
        self.specs: list[tuple[str, str, str]] = []
        actor = env.ctx.actor
        #: The hall's own data (pages, menus, the status bar's counter) is shown only to those who read it.
        self.reads_hall = actor.may(Permission.READ_HALL)
        for key, module, class_name, permission in PAGES:
            if not actor.may(permission):
                log.info("page %s hidden: %s lacks %s", key, actor.title, permission.name)
            elif module_available(module):
                self.specs.append((key, module, class_name))
            else:
                log.info("page %s skipped: module %s is not installed", key, module)
        self._pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
        #: False for runs that must leave the user's preferences alone (--smoke).
        self.remember = True
        self._build_body()
        self._build_menus()
        self._build_status_bar()
        self.env.bus.changed.connect(self._on_changed)
        self._restore()

    # --- menus ----------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Any, shortcut: Any = None, name: str = "", fallback: str = ""
    ) -> QAction:
        """An action with the platform's standard shortcut, or ``fallback`` where the platform has none."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(shortcut) or ([QKeySequence(fallback)] if fallback else [])
            action.setShortcuts(bindings)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        excel = module_available("hallmonitor.ui.excel")
        file_menu = bar.addMenu(self.tr("&File"))
        self.action_import = self._action(
            self.tr("&Import…"), lambda: self._excel("import_file"), "Ctrl+I", "import"
        )
        self.action_export = self._action(
            self.tr("&Export weekly report…"), lambda: self._excel("export_week"), "Ctrl+E", "export"
        )
        self.action_templates = self._action(
            self.tr("Import &templates…"), lambda: self._excel("write_template"), None, "templates"
        )
        for action in (self.action_import, self.action_export, self.action_templates):
            action.setEnabled(excel and self.reads_hall)
            if not excel:
                action.setToolTip(self.tr("Excel import and export are not installed in this version."))
            if self.reads_hall:
                file_menu.addAction(action)
        if self.reads_hall:
            file_menu.addSeparator()
        if self.env.demo:
            self.action_leave_demo = self._action(
                self.tr("&Leave the demo hall"), self.leave_demo_hall, None, "leaveDemo"
            )
            file_menu.addAction(self.action_leave_demo)
        file_menu.addAction(
            self._action(self.tr("E&xit"), self.close, QKeySequence.StandardKey.Quit, "quit", "Ctrl+Q")
        )

        view_menu = bar.addMenu(self.tr("&View"))
        self.action_refresh = self._action(
            self.tr("&Refresh"), self.refresh_current, QKeySequence.StandardKey.Refresh, "refresh", "F5"
        )
        view_menu.addAction(self.action_refresh)
        self.action_display = self._action(
            self.tr("&Hall display mode"),
            self._hall_display,
            QKeySequence.StandardKey.FullScreen,
            "hallDisplay",
            "F11",
        )
        self.action_display.setEnabled(module_available("hallmonitor.ui.display") and self.reads_hall)
        if self.reads_hall:
            view_menu.addAction(self.action_display)
        # Ctrl+1, Ctrl+2… : the pages this person sees, in the order the navigation lists them.
        view_menu.addSeparator()
        self.page_actions: list[QAction] = []
        for n, key in enumerate(self.page_keys, start=1):
            action = self._action(
                self.page_title(key),
                lambda _checked=False, key=key: self.show_page(key),
                f"Ctrl+{n}" if n <= 9 else None,
                f"page_{key}",
            )
            view_menu.addAction(action)
            self.page_actions.append(action)

        case_menu = bar.addMenu(self.tr("&Cases"))
        case_menu.menuAction().setVisible(self.reads_hall)
        has_cases = any(key == "cases" for key, _m, _c in self.specs)
        self.action_new_case = self._action(
            self.tr("&New case"),
            lambda: self._call_page("cases", "new_case"),
            QKeySequence.StandardKey.New,
            "newCase",
            "Ctrl+N",
        )
        self.action_search = self._action(
            self.tr("&Search cases"),
            lambda: self._call_page("cases", "focus_search"),
            QKeySequence.StandardKey.Find,
            "searchCases",
            "Ctrl+F",
        )
        for action in (self.action_new_case, self.action_search):
            action.setEnabled(has_cases)
            case_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(
                self.tr("&User guide"), self._guide, QKeySequence.StandardKey.HelpContents, "guide", "F1"
            )
        )
        help_menu.addAction(
            self._action(self.tr("Open the &log folder"), self._open_log_folder, None, "logFolder")
        )
        help_menu.addAction(self._action(self.tr("&About HallMonitor"), self._about, None, "about"))

    def _build_status_bar(self) -> None:
        self.status = HallStatusBar(self.env, self)
        self.setStatusBar(self.status)
        self.status.reload()

    # --- status bar -----------------------------------------------------------------------------
    def set_open_alerts(self, count: int) -> None:
        self.status.set_open_alerts(count)

    def _on_changed(self, topic: str) -> None:
        if topic == "restored":
            QTimer.singleShot(0, self.reopen)
            return
        self.status.reload()

    # --- menu actions ---------------------------------------------------------------------------
    def _excel(self, function: str) -> None:
        try:
            module = importlib.import_module("hallmonitor.ui.excel")
            getattr(module, function)(self, self.env)
        except Exception as exc:
            show_error(self, exc)

    def _hall_display(self) -> None:
        try:
            importlib.import_module("hallmonitor.ui.display").open_hall_display(self, self.env)
        except Exception as exc:
            show_error(self, exc)

    def _log_ready(self, key: str) -> None:
        if key not in self._logged_ready:
            self._logged_ready.add(key)
            log.info("page %s painted its data", key)

    def reopen(self) -> None:
        """Close and open again on the same database (after a restore replaced its content)."""
        self.reopen_requested = True
        if not self.close():
            self.reopen_requested = False

    def leave_demo_hall(self) -> None:
        """Close the demo's window; the app goes on with the hall's own database."""
        self.leave_demo = True
        if not self.close():
            self.leave_demo = False

    def _open_log_folder(self) -> None:
        from hallmonitor.logs import log_path
        from hallmonitor.ui.shell.desktop import open_path

        open_path(log_path().parent)

    def _guide(self) -> None:
        from hallmonitor.ui.shell.guide import open_guide

        self.guide_window = open_guide(self)

    def _about(self) -> None:
        from hallmonitor.ui.shell.about import AboutDialog

        self.about_dialog = AboutDialog(self.env, self)
        self.about_dialog.open()

    # --- persistence ----------------------------------------------------------------------------
    def _restore(self) -> None:
        settings = app_settings()
        place_window(self)
        state = settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)
        last = str(settings.value(LAST_PAGE_KEY, "") or "")
        self.start_key = last if last in self.page_keys else (self.page_keys[0] if self.page_keys else None)

    def open_start_page(self, first: bool = False) -> str | None:
        """Show the page the user left the app on (or the first page: the first time, or when asked)."""
        key = (self.page_keys[0] if self.page_keys else None) if first else self.start_key
        if key is not None:
            self.show_page(key)
        return key

    def save_preferences(self) -> None:
        settings = app_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        if self.current_key:
            settings.setValue(LAST_PAGE_KEY, self.current_key)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for key in list(self._pages):
            if not self._confirm_leave(key):
                event.ignore()
                return
        if self.remember:
            self.save_preferences()
        event.accept()
