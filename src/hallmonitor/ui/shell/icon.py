"""The app's icon, for its windows, the taskbar and the tray.

Without one the window shows the desktop's generic icon and the tray a warning
triangle, which reads as a fault. The same SVG is what the installers render
their PNG and .ico from (installer/icons.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICON_FILE = Path(__file__).parents[1] / "assets" / "icons" / "hallmonitor.svg"


def app_icon() -> QIcon:
    """The icon at every size (drawn from the SVG); a null icon only when the file is missing."""
    return QIcon(str(ICON_FILE)) if ICON_FILE.is_file() else QIcon()
