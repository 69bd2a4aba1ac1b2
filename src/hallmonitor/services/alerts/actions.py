"""The workflow's actions: what each may be done on, by whom, and how a message names it.

Kept apart from the acting itself (``workflow``) so that the alert center can ask
what to offer for a row with the same tests the actions apply.
"""

from __future__ import annotations

from enum import StrEnum

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Role, WindowState
from hallmonitor.domain.permissions import Permission, may
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.alerts.query import AlertRow

__all__ = ["NOMINAL_REVIEWS", "Action", "action_name", "allowed_actions"]


class Action(StrEnum):
    """The workflow's actions; values are what the history shows."""

    ACKNOWLEDGE = "确认"
    START_RECTIFICATION = "开始整改"
    MARK_RECTIFIED = "已整改"
    CLOSE_WINDOW = "临时关闭窗口"
    REOPEN_WINDOW = "重新开放"
    REVOKE = "撤销"
    #: A 人员挂名 alert's sessions, checked: confirmed (they count as 仅辅助人员) or dismissed.
    CONFIRM_NOMINAL = "确认挂名"
    DISMISS_NOMINAL = "排除挂名"


#: How a message names each action (its value is the history's stored word).
_ACTION_NAMES: dict[Action, str] = {
    Action.ACKNOWLEDGE: mark("acknowledge"),
    Action.START_RECTIFICATION: mark("start rectification"),
    Action.MARK_RECTIFIED: mark("mark as rectified"),
    Action.CLOSE_WINDOW: mark("close the window temporarily"),
    Action.REOPEN_WINDOW: mark("reopen the window"),
    Action.REVOKE: mark("revoke"),
    Action.CONFIRM_NOMINAL: mark("confirm nominal presence"),
    Action.DISMISS_NOMINAL: mark("rule out nominal presence"),
}


def action_name(action: Action) -> str:
    """The action as a message names it ("revoke"; 撤销 in Chinese, as the history stores it)."""
    return say(_ACTION_NAMES[action])


_ACTIVE = (AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.RECTIFYING)
_FROM_STATES: dict[Action, tuple[AlertState, ...]] = {
    Action.ACKNOWLEDGE: (AlertState.OPEN,),
    Action.START_RECTIFICATION: (AlertState.OPEN, AlertState.ACKNOWLEDGED),
    Action.MARK_RECTIFIED: _ACTIVE,
    Action.CLOSE_WINDOW: _ACTIVE,
    Action.REOPEN_WINDOW: (AlertState.WINDOW_CLOSED,),
    Action.REVOKE: _ACTIVE,
    Action.CONFIRM_NOMINAL: _ACTIVE,
    Action.DISMISS_NOMINAL: _ACTIVE,
}
#: Acknowledging and reporting a fix may be done by whoever keeps the hall's records;
#: closing, reopening and revoking are the supervisor's decisions.
_ROLES: dict[Action, Permission] = {
    Action.ACKNOWLEDGE: Permission.ANSWER_ALERTS,
    Action.START_RECTIFICATION: Permission.ANSWER_ALERTS,
    Action.MARK_RECTIFIED: Permission.ANSWER_ALERTS,
    Action.CLOSE_WINDOW: Permission.CLOSE_WINDOWS,
    Action.REOPEN_WINDOW: Permission.CLOSE_WINDOWS,
    Action.REVOKE: Permission.ACT_ON_ALERTS,
    Action.CONFIRM_NOMINAL: Permission.ACT_ON_ALERTS,
    Action.DISMISS_NOMINAL: Permission.ACT_ON_ALERTS,
}
#: Which 人员挂名 alerts each review takes: confirming evidence still to check, dismissing it or a confirmation.
NOMINAL_REVIEWS: dict[Action, frozenset[AlertLevel]] = {
    Action.CONFIRM_NOMINAL: frozenset({AlertLevel.TO_VERIFY}),
    Action.DISMISS_NOMINAL: frozenset({AlertLevel.TO_VERIFY, AlertLevel.RED_CARD}),
}


def _may_close(kind: AlertKind, level: AlertLevel, window_state: WindowState | None) -> bool:
    """Only the ladder's last step may close a window: a staffing alert at 建议临时关闭."""
    return (
        kind is AlertKind.STAFFING
        and level is AlertLevel.SUGGEST_CLOSURE
        and window_state in (WindowState.OPEN, WindowState.RECTIFYING)
    )


def allowed_actions(row: AlertRow, role: Role | None) -> frozenset[Action]:
    """What the UI may offer for ``row``: the same tests the actions themselves apply."""
    allowed = set()
    for action, states in _FROM_STATES.items():
        if row.state not in states or role is None or not may(role, _ROLES[action]):
            continue
        if action is Action.CLOSE_WINDOW and not _may_close(row.kind, row.level, row.window_state):
            continue
        if action in NOMINAL_REVIEWS and not (
            row.kind is AlertKind.NOMINAL_PRESENCE and row.level in NOMINAL_REVIEWS[action]
        ):
            continue
        allowed.add(action)
    return frozenset(allowed)
