"""Alerts: how they are stored, listed, acted on by supervisors, and printed as notices.

The rules (``services.rules``) derive the alerts from the facts and write
what differs; people change them only through the workflow (``perform`` and
the actions it names), so every change is an event in the alert's history.

Its names load when first asked for: the rules run and a day's check ask for what
the store and a day's history hold, not the workflow, the lists or the notices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.services.alerts.acting import (
        perform,
    )
    from hallmonitor.services.alerts.bulk import (
        BULK_ACTIONS,
        BulkResult,
        perform_bulk,
    )
    from hallmonitor.services.alerts.history import (
        AlertThen,
        alerts_then,
    )
    from hallmonitor.services.alerts.nominal import (
        review_nominal,
    )
    from hallmonitor.services.alerts.notices import (
        notice_data,
    )
    from hallmonitor.services.alerts.query import (
        AlertDetail,
        AlertFilter,
        AlertRow,
        EventRow,
        alert_departments,
        alert_detail,
        alert_sessions,
        count_alerts,
        count_open,
        list_alerts,
    )
    from hallmonitor.services.alerts.store import (
        OPEN_STATES,
        SYSTEM_ACTOR,
        Change,
        close_alert,
    )
    from hallmonitor.services.alerts.workflow import (
        Action,
        AlertMovedOn,
        acknowledge,
        allowed_actions,
        close_window,
        mark_rectified,
        reopen_window,
        revoke,
        start_rectification,
    )

#: Where each name of the package lives.
_HOMES = {
    "Action": "workflow",
    "AlertDetail": "query",
    "AlertFilter": "query",
    "AlertMovedOn": "workflow",
    "AlertRow": "query",
    "AlertThen": "history",
    "BULK_ACTIONS": "bulk",
    "BulkResult": "bulk",
    "Change": "store",
    "EventRow": "query",
    "OPEN_STATES": "store",
    "SYSTEM_ACTOR": "store",
    "acknowledge": "workflow",
    "alert_departments": "query",
    "alert_detail": "query",
    "alert_sessions": "query",
    "alerts_then": "history",
    "allowed_actions": "workflow",
    "close_alert": "store",
    "close_window": "workflow",
    "count_alerts": "query",
    "count_open": "query",
    "list_alerts": "query",
    "mark_rectified": "workflow",
    "notice_data": "notices",
    "perform": "acting",
    "perform_bulk": "bulk",
    "reopen_window": "workflow",
    "review_nominal": "nominal",
    "revoke": "workflow",
    "start_rectification": "workflow",
}

__all__ = [
    "BULK_ACTIONS",
    "OPEN_STATES",
    "SYSTEM_ACTOR",
    "Action",
    "AlertDetail",
    "AlertFilter",
    "AlertMovedOn",
    "AlertRow",
    "AlertThen",
    "BulkResult",
    "Change",
    "EventRow",
    "acknowledge",
    "alert_departments",
    "alert_detail",
    "alert_sessions",
    "alerts_then",
    "allowed_actions",
    "close_alert",
    "close_window",
    "count_alerts",
    "count_open",
    "list_alerts",
    "mark_rectified",
    "notice_data",
    "perform",
    "perform_bulk",
    "reopen_window",
    "review_nominal",
    "revoke",
    "start_rectification",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
