"""While the app is open: the rules run after changes and at each session start, new alerts are announced,
and changes made on other PCs are shown.

Its names load when first asked for: the app follows other PCs' changes from the
start, but loads the rules (and all they import) only once the first page has
painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.ui.watch.announcer import AlertWatch, attach_alert_watch
    from hallmonitor.ui.watch.monitor import AlertMonitor
    from hallmonitor.ui.watch.remote import RemoteChanges, attach_remote_changes

#: Where each name of the package lives.
_HOMES = {
    "AlertMonitor": "monitor",
    "AlertWatch": "announcer",
    "RemoteChanges": "remote",
    "attach_alert_watch": "announcer",
    "attach_remote_changes": "remote",
}

__all__ = ["AlertMonitor", "AlertWatch", "RemoteChanges", "attach_alert_watch", "attach_remote_changes"]


__getattr__ = lazy_names(__name__, _HOMES, globals())
