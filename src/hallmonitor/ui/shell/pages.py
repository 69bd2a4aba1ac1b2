"""The pages of the main window, in navigation order, imported only when first shown.

Each entry is (key, page package, class name, permission): the package's ``__init__`` exports the page,
and the window shows it only to an actor holding the permission, so what each role sees is
decided here, in one list. The hall's pages need READ_HALL; an 审计员 holds only READ_AUDIT and
sees the audit trail and nothing of the hall's cases, roster or alerts. A page class takes
``(env: UiEnv, parent=None)``, has ``refresh()``, and a ``data_ready = Signal()``
it emits once its data is painted (``--smoke`` and the screenshot script wait
for it). Optional: ``confirm_leave() -> bool`` to keep unsaved edits,
``open_alerts_changed = Signal(int)`` to feed the status bar's counter, and
``open_alert_requested = Signal(int)`` to open the alert center (whose ``show_alert(id)``) on an alert.
A module that is not there yet is skipped by the window with a log line.
"""

from __future__ import annotations

from hallmonitor.domain.permissions import Permission

_HALL = Permission.READ_HALL

PAGES: list[tuple[str, str, str, Permission]] = [
    ("board", "hallmonitor.ui.board", "BoardPage", _HALL),
    ("roster", "hallmonitor.ui.roster", "RosterPage", _HALL),
    ("cases", "hallmonitor.ui.cases", "CasesPage", _HALL),
    ("flags", "hallmonitor.ui.front_shop", "FlagsPage", _HALL),
    ("alerts", "hallmonitor.ui.alerts", "AlertsPage", _HALL),
    ("charts", "hallmonitor.ui.charts", "ChartsPage", _HALL),
    ("hall_data", "hallmonitor.ui.hall_data", "HallDataPage", _HALL),
    ("settings", "hallmonitor.ui.settings", "SettingsPage", _HALL),
    ("audit", "hallmonitor.ui.audit", "AuditPage", Permission.READ_AUDIT),
]
