"""Alert kinds, levels, states and actions as the interface names them.

The stored values are Chinese; an English interface still needs English
words, so the alert pages name them through these functions (as the other
pages do through ``vocabulary``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState

if TYPE_CHECKING:
    # Every page imports these words, the first one at the start, which shows no action and no
    # suspected session: the workflow and the staffing judgement load when a name is first asked for.
    from hallmonitor.services.alerts import Action
    from hallmonitor.services.staffing import SuspectedLine

_KINDS = {
    AlertKind.STAFFING: QT_TRANSLATE_NOOP("AlertWords", "Staffing"),
    AlertKind.CASE_OVERDUE: QT_TRANSLATE_NOOP("AlertWords", "Case overdue"),
    AlertKind.CASE_DUE: QT_TRANSLATE_NOOP("AlertWords", "Case due today"),
    AlertKind.FRONT_SHOP: QT_TRANSLATE_NOOP("AlertWords", "Front shop, back factory"),
    AlertKind.MULTIPLE_TRIPS: QT_TRANSLATE_NOOP("AlertWords", "More than one trip"),
    AlertKind.COMPLAINT_OVERDUE: QT_TRANSLATE_NOOP("AlertWords", "Complaint overdue"),
    AlertKind.NOMINAL_PRESENCE: QT_TRANSLATE_NOOP("AlertWords", "Nominal presence"),
}
_LEVELS = {
    AlertLevel.NOTICE: QT_TRANSLATE_NOOP("AlertWords", "Notice"),
    AlertLevel.ORDER_TO_CORRECT: QT_TRANSLATE_NOOP("AlertWords", "Order to correct"),
    AlertLevel.SUGGEST_CLOSURE: QT_TRANSLATE_NOOP("AlertWords", "Closure suggested"),
    AlertLevel.YELLOW_CARD: QT_TRANSLATE_NOOP("AlertWords", "Yellow card"),
    AlertLevel.RED_CARD: QT_TRANSLATE_NOOP("AlertWords", "Red card"),
    AlertLevel.TO_VERIFY: QT_TRANSLATE_NOOP("AlertWords", "To verify"),
}
_STATES = {
    AlertState.OPEN: QT_TRANSLATE_NOOP("AlertWords", "Pending"),
    AlertState.ACKNOWLEDGED: QT_TRANSLATE_NOOP("AlertWords", "Acknowledged"),
    AlertState.RECTIFYING: QT_TRANSLATE_NOOP("AlertWords", "Rectifying"),
    AlertState.RESOLVED: QT_TRANSLATE_NOOP("AlertWords", "Rectified"),
    AlertState.WINDOW_CLOSED: QT_TRANSLATE_NOOP("AlertWords", "Window closed"),
    AlertState.REVOKED: QT_TRANSLATE_NOOP("AlertWords", "Revoked"),
    AlertState.EXPIRED: QT_TRANSLATE_NOOP("AlertWords", "Expired"),
}
#: By the name of each ``services.alerts.Action``, which this module need not import to hold them.
_ACTIONS = {
    "ACKNOWLEDGE": QT_TRANSLATE_NOOP("AlertWords", "Acknowledge"),
    "START_RECTIFICATION": QT_TRANSLATE_NOOP("AlertWords", "Start rectification"),
    "MARK_RECTIFIED": QT_TRANSLATE_NOOP("AlertWords", "Mark rectified"),
    "CLOSE_WINDOW": QT_TRANSLATE_NOOP("AlertWords", "Close window temporarily"),
    "REOPEN_WINDOW": QT_TRANSLATE_NOOP("AlertWords", "Reopen window"),
    "REVOKE": QT_TRANSLATE_NOOP("AlertWords", "Revoke"),
    "CONFIRM_NOMINAL": QT_TRANSLATE_NOOP("AlertWords", "Confirm nominal presence"),
    "DISMISS_NOMINAL": QT_TRANSLATE_NOOP("AlertWords", "Dismiss nominal presence"),
}
#: What each action asks for, and whether it may be left empty.
_PROMPTS = {
    "ACKNOWLEDGE": (QT_TRANSLATE_NOOP("AlertWords", "Note (optional):"), True),
    "START_RECTIFICATION": (QT_TRANSLATE_NOOP("AlertWords", "Rectification plan:"), False),
    "MARK_RECTIFIED": (QT_TRANSLATE_NOOP("AlertWords", "What was done:"), False),
    "CLOSE_WINDOW": (QT_TRANSLATE_NOOP("AlertWords", "Reason for closing the window:"), False),
    "REOPEN_WINDOW": (QT_TRANSLATE_NOOP("AlertWords", "Note on reopening:"), False),
    "REVOKE": (QT_TRANSLATE_NOOP("AlertWords", "Reason for revoking:"), False),
    "CONFIRM_NOMINAL": (
        QT_TRANSLATE_NOOP("AlertWords", "What the check found (kept with the alert):"),
        False,
    ),
    "DISMISS_NOMINAL": (QT_TRANSLATE_NOOP("AlertWords", "Why the evidence does not hold:"), False),
}
#: History rows store the Chinese action; English readers get the same words as the buttons.
_SYSTEM_EVENT_ACTIONS = {
    "触发": QT_TRANSLATE_NOOP("AlertWords", "Raised"),
    "升级": QT_TRANSLATE_NOOP("AlertWords", "Escalated"),
    "自动关闭": QT_TRANSLATE_NOOP("AlertWords", "Closed automatically"),
    "确认违规": QT_TRANSLATE_NOOP("AlertWords", "Confirmed"),
    "全部排除": QT_TRANSLATE_NOOP("AlertWords", "All dismissed"),
    "撤回": QT_TRANSLATE_NOOP("AlertWords", "Withdrawn"),
}


@cache
def _event_actions() -> dict[str, str]:
    from hallmonitor.services.alerts import Action

    return {**_SYSTEM_EVENT_ACTIONS, **{Action[name].value: text for name, text in _ACTIONS.items()}}


#: Row colours by level (background, text), the board's palette.
LEVEL_COLOURS = {
    AlertLevel.NOTICE: ("#fff8e1", "#7a5a00"),
    AlertLevel.TO_VERIFY: ("#eef3fb", "#1f4f8a"),
    AlertLevel.YELLOW_CARD: ("#fff8e1", "#7a5a00"),
    AlertLevel.ORDER_TO_CORRECT: ("#fff3d4", "#8a4b00"),
    AlertLevel.RED_CARD: ("#fde8e7", "#b3261e"),
    AlertLevel.SUGGEST_CLOSURE: ("#fde8e7", "#b3261e"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("AlertWords", text)


def alert_kind_name(kind: AlertKind) -> str:
    return _t(_KINDS[kind])


def alert_level_name(level: AlertLevel) -> str:
    return _t(_LEVELS[level])


def alert_state_name(state: AlertState) -> str:
    return _t(_STATES[state])


def action_name(action: Action) -> str:
    return _t(_ACTIONS[action.name])


def action_prompt(action: Action) -> tuple[str, bool]:
    """(the question, whether the answer may be empty)."""
    text, optional = _PROMPTS[action.name]
    return _t(text), optional


def event_action_name(stored: str) -> str:
    text = _event_actions().get(stored)
    return _t(text) if text else stored


def stored_alert_state_name(stored: str) -> str:
    """A state as stored in a history row (its Chinese value), named for the interface."""
    try:
        return alert_state_name(AlertState(stored))
    except ValueError:
        return stored


#: How a suspected 挂名 session stands, in the order of the weekly report's words for it (the center's format).
_NOMINAL_STATUS_WORDS = (
    QT_TRANSLATE_NOOP("AlertWords", "confirmed"),
    QT_TRANSLATE_NOOP("AlertWords", "dismissed"),
    QT_TRANSLATE_NOOP("AlertWords", "to verify"),
    QT_TRANSLATE_NOOP("AlertWords", "too seldom for an alert"),
)


@cache
def _nominal_statuses() -> dict[str, str]:
    from hallmonitor.services.staffing import NOMINAL_STATUSES  # confirmed, dismissed, to verify, too seldom

    return dict(zip(NOMINAL_STATUSES, _NOMINAL_STATUS_WORDS, strict=True))


def nominal_status_name(line: SuspectedLine) -> str:
    """How a suspected session stands, in the interface's language (the report keeps its Chinese word)."""
    known = _nominal_statuses().get(line.status)
    if known is not None:
        return QCoreApplication.translate("AlertWords", known)
    if line.alert_state is not None:
        return QCoreApplication.translate("AlertWords", "not reviewed (alert %1)").replace(
            "%1", alert_state_name(line.alert_state)
        )
    return line.status
