"""While the app is open: the rules run after changes and at each session start, and new alerts are announced."""

from hallmonitor.ui.watch.announcer import AlertWatch, attach_alert_watch
from hallmonitor.ui.watch.monitor import AlertMonitor

__all__ = ["AlertMonitor", "AlertWatch", "attach_alert_watch"]
