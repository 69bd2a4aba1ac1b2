"""预警整改: the alert center, its actions and the record of what was done."""

from hallmonitor.ui.alerts.page import AlertsPage

__all__ = ["AlertsPage"]
