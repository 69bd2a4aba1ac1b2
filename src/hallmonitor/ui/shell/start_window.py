"""The window a start shows at once, where the main window will be, while the hall is being opened.

Opening the database means loading SQLAlchemy, the models and the services
(a second or more on an office PC) before the first query: without a window a
supervisor who double-clicked the icon sees nothing happen and clicks again.
This window needs Qt alone, so it is on screen before any of that is loaded,
and the main window takes its place once the hall is open. Where a window
goes (the size remembered, or the default for the screen) is decided here
for both.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hallmonitor.ui.shell.preferences import app_settings

GEOMETRY_KEY = "main_window/geometry"
# The first window's size where the screen holds it.
DEFAULT_SIZE = QSize(1360, 840)
# The title bar and borders a desktop adds around the window, before the window can ask.
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)


def default_geometry(available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The first window on a screen whose free area (without the taskbar) is ``available``.

    The default size where it fits, otherwise as large as the free area with the title bar
    and borders, so on a 1366×768 screen no edge or status bar hides under the taskbar.
    """
    room = available.marginsRemoved(frame)
    size = DEFAULT_SIZE.boundedTo(room.size())
    geometry = QRect(room.topLeft(), size)
    geometry.moveCenter(room.center())
    return geometry


def place_window(window: QWidget) -> None:
    """Where the user left the main window, or the default where that no longer fits the screen."""
    geometry = app_settings().value(GEOMETRY_KEY)
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), DEFAULT_SIZE)
    restored = geometry is not None and window.restoreGeometry(geometry)
    if not restored or not available.contains(window.geometry()):  # none saved, or saved on a larger screen
        window.setGeometry(default_geometry(available))


class StartWindow(QWidget):
    """The app's name and "Opening the hall…", where the main window is about to appear."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startWindow")
        self.setWindowTitle(self.tr("Opening the hall…"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("HallMonitor"))
        title.setStyleSheet("font-size: 28px; font-weight: bold; color: #202124;")
        self.status = QLabel(self.tr("Opening the hall's database…"))
        self.status.setStyleSheet("font-size: 16px; color: #5f6368;")
        for label in (title, self.status):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addStretch(2)
        place_window(self)

    def show_now(self) -> None:
        """Shown and painted before the caller goes on to work that holds the UI thread."""
        self.show()
        QGuiApplication.processEvents()
