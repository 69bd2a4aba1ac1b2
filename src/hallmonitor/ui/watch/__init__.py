"""While the app is open: the rules run after changes and at each session start, new alerts are announced,
and changes made on other PCs are shown."""

from hallmonitor.ui.watch.announcer import AlertWatch, attach_alert_watch
from hallmonitor.ui.watch.monitor import AlertMonitor
from hallmonitor.ui.watch.remote import RemoteChanges, attach_remote_changes

__all__ = ["AlertMonitor", "AlertWatch", "RemoteChanges", "attach_alert_watch", "attach_remote_changes"]
