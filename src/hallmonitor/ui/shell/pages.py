"""The pages of the main window, in navigation order, imported only when first shown.

Each entry is (key, page package, class name): the package's ``__init__`` exports the page. A page class takes
``(env: UiEnv, parent=None)``, has ``refresh()``, and a ``data_ready = Signal()``
it emits once its data is painted (``--smoke`` and the screenshot script wait
for it). Optional: ``confirm_leave() -> bool`` to keep unsaved edits, and
``open_alerts_changed = Signal(int)`` to feed the status bar's counter.
A module that is not there yet is skipped by the window with a log line.
"""

from __future__ import annotations

PAGES: list[tuple[str, str, str]] = [
    ("board", "hallmonitor.ui.board", "BoardPage"),
    ("roster", "hallmonitor.ui.roster", "RosterPage"),
    ("cases", "hallmonitor.ui.cases", "CasesPage"),
    ("flags", "hallmonitor.ui.front_shop", "FlagsPage"),
    ("alerts", "hallmonitor.ui.alerts", "AlertsPage"),
    ("charts", "hallmonitor.ui.charts", "ChartsPage"),
    ("hall_data", "hallmonitor.ui.hall_data", "HallDataPage"),
    ("settings", "hallmonitor.ui.settings", "SettingsPage"),
]
