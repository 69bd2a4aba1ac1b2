"""One entry point for acting on an alert, whichever button was pressed.

The workflow's actions and the review of a 人员挂名 alert live in their own
modules; a page, the bulk actions and a command only name the action.
"""

from __future__ import annotations

from datetime import datetime

from hallmonitor.services.alerts.nominal import review_nominal
from hallmonitor.services.alerts.query import AlertRow
from hallmonitor.services.alerts.workflow import (
    Action,
    acknowledge,
    close_window,
    mark_rectified,
    reopen_window,
    revoke,
    start_rectification,
)
from hallmonitor.services.hall import HallContext

__all__ = ["perform"]


def perform(
    ctx: HallContext,
    alert_id: int,
    action: Action,
    text: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """Do ``action`` on the alert with ``text`` as its note, plan or reason.

    ``expected_version`` is the alert as the supervisor saw it: when another PC
    (or the rules) changed it since, the action is refused and the fresh alert shown.
    """
    if action in (Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL):
        return review_nominal(
            ctx, alert_id, action is Action.CONFIRM_NOMINAL, text, at=at, expected_version=expected_version
        )
    handlers = {
        Action.ACKNOWLEDGE: acknowledge,
        Action.START_RECTIFICATION: start_rectification,
        Action.MARK_RECTIFIED: mark_rectified,
        Action.CLOSE_WINDOW: close_window,
        Action.REOPEN_WINDOW: reopen_window,
        Action.REVOKE: revoke,
    }
    return handlers[action](ctx, alert_id, text, at=at, expected_version=expected_version)
