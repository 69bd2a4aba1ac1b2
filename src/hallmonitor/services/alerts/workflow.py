"""The rectification workflow: what people do with an alert, and the record of it.

Every action appends an AlertEvent (who, when, why) and nothing is ever
edited, because a notice or a closure may be contested and the hall must show
what was decided and on what grounds. A window's state is changed here and
only here when an alert leads to it, with a WindowStateChange row each time,
so that past days keep being judged by the state the window had then.

Actions take ``at`` so tests (and a PC whose clock the app controls) decide
what "now" is; the rule checks use the same moment. The reading side lives in
``query`` and is re-exported here; ``acting.perform`` is the one entry point a
page or a command acts through, the review of a 人员挂名 alert (``nominal``) included.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Role, WindowState
from hallmonitor.domain.escalation import can_reopen, reopen_refusal
from hallmonitor.domain.permissions import Permission, may
from hallmonitor.services.alerts.query import (
    AlertDetail,
    AlertRow,
    EventRow,
    OccurrenceRow,
    alert_detail,
    count_open,
    list_alerts,
)
from hallmonitor.services.alerts.rectified import recheck_staffing, refuse_while_unfinished
from hallmonitor.services.alerts.store import close_alert
from hallmonitor.services.hall import HallContext, ServiceError, StaleRecord, facts_changed, load_calendar
from hallmonitor.services.staffing import category_history
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    RosterEntry,
    Staff,
    Window,
    WindowStateChange,
)

__all__ = [
    "Action",
    "AlertDetail",
    "AlertMovedOn",
    "AlertRow",
    "EventRow",
    "OccurrenceRow",
    "acknowledge",
    "alert_detail",
    "allowed_actions",
    "close_window",
    "count_open",
    "list_alerts",
    "mark_rectified",
    "reopen_window",
    "revoke",
    "start_rectification",
]


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


# --- acting ----------------------------------------------------------------------------------


def _now(at: datetime | None) -> datetime:
    return at if at is not None else datetime.now().replace(microsecond=0)


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(f"请填写{what}。")
    return value


def _load(
    session: DbSession,
    ctx: HallContext,
    alert_id: int,
    action: Action,
    at: datetime,
    expected: int | None = None,
) -> Alert:
    """The alert, locked for this action, after the rules' mark.

    A person's action is a fact the rules read from its moment on. The mark is
    taken first, the order every writer and the rules run use, so two PCs
    acting at once wait for each other instead of deadlocking. ``expected`` is
    the version the person saw: checked under the lock, so of two PCs acting on
    the same alert at once the second is refused, never both accepted.
    """
    ctx.require(_ROLES[action], action.value)
    facts_changed(session, ctx.hall_id, at)
    alert = session.scalar(
        select(Alert).where(Alert.hall_id == ctx.hall_id, Alert.id == alert_id).with_for_update(of=Alert)
    )
    if alert is None:
        raise ServiceError(f"找不到编号为 {alert_id} 的预警。")
    if expected is not None and alert.version != expected:
        raise AlertMovedOn(_moved_on(session, alert))
    if alert.state not in _FROM_STATES[action]:
        raise ServiceError(f"预警 #{alert.id} 当前状态为“{alert.state.value}”，不能{action.value}。")
    ctx.require_window(alert.window_id, action.value)
    return alert


def _window(session: DbSession, alert: Alert, action: Action) -> Window:
    window = session.get(Window, alert.window_id) if alert.window_id is not None else None
    if window is None:
        raise ServiceError(f"预警 #{alert.id} 不针对某个窗口，不能{action.value}。")
    return window


def _set_window_state(
    session: DbSession, window: Window, state: WindowState, at: datetime, actor: str, note: str
) -> None:
    if window.state is state:
        return
    session.add(
        WindowStateChange(
            window_id=window.id, at=at, from_state=window.state, to_state=state, actor=actor, note=note
        )
    )
    window.state = state
    # Whether the window is judged from now on depends on its state: the rules judge again from here.
    facts_changed(session, window.hall_id, at)


def _release_rectifying(session: DbSession, alert: Alert, at: datetime, actor: str, note: str) -> None:
    """A window leaves 整改中 when the last alert holding it there ends."""
    if alert.window_id is None:
        return
    window = session.get(Window, alert.window_id)
    if window is None or window.state is not WindowState.RECTIFYING:
        return
    others = session.scalar(
        select(Alert.id).where(
            Alert.window_id == window.id, Alert.id != alert.id, Alert.state == AlertState.RECTIFYING
        )
    )
    if others is None:
        _set_window_state(session, window, WindowState.OPEN, at, actor, note)


def _event(
    session: DbSession, alert: Alert, at: datetime, actor: str, action: Action, to: AlertState, note: str
) -> None:
    close_alert(session, alert, at=at, actor=actor, action=action.value, state=to, note=note)


def acknowledge(
    ctx: HallContext,
    alert_id: int,
    note: str = "",
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    at = _now(at)
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.ACKNOWLEDGE, at, expected_version)
        _event(session, alert, at, ctx.actor.name, Action.ACKNOWLEDGE, AlertState.ACKNOWLEDGED, note.strip())
    return alert_detail(ctx, alert_id).alert


def start_rectification(
    ctx: HallContext,
    alert_id: int,
    plan: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """A staffing alert puts its window under rectification; other kinds leave the window as it is."""
    at = _now(at)
    plan = _text(plan, "整改措施")
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.START_RECTIFICATION, at, expected_version)
        _event(session, alert, at, ctx.actor.name, Action.START_RECTIFICATION, AlertState.RECTIFYING, plan)
        if alert.kind is AlertKind.STAFFING and alert.window_id is not None:
            window = _window(session, alert, Action.START_RECTIFICATION)
            if window.state is WindowState.OPEN:
                _set_window_state(session, window, WindowState.RECTIFYING, at, ctx.actor.name, plan)
    return alert_detail(ctx, alert_id).alert


def mark_rectified(
    ctx: HallContext,
    alert_id: int,
    what_was_done: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """Only a fact closes the alert: the rule is judged again for the window at ``at``."""
    at = _now(at)
    done = _text(what_was_done, "整改情况")
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.MARK_RECTIFIED, at, expected_version)
        kind, window_id = alert.kind, alert.window_id
        window_no = session.get(Window, window_id).number if window_id is not None else None
        refuse_while_unfinished(session, alert)
    if kind is AlertKind.STAFFING and window_no is not None:
        recheck_staffing(ctx, window_no, at)
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.MARK_RECTIFIED, at)
        _event(session, alert, at, ctx.actor.name, Action.MARK_RECTIFIED, AlertState.RESOLVED, done)
        _release_rectifying(session, alert, at, ctx.actor.name, f"预警 #{alert.id} 已整改：{done}")
    return alert_detail(ctx, alert_id).alert


def close_window(
    ctx: HallContext,
    alert_id: int,
    reason: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    at = _now(at)
    reason = _text(reason, "关闭理由")
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.CLOSE_WINDOW, at, expected_version)
        window = _window(session, alert, Action.CLOSE_WINDOW)
        if window.state not in (WindowState.OPEN, WindowState.RECTIFYING):
            raise ServiceError(f"{window.number}号窗口当前为“{window.state.value}”，不能临时关闭。")
        if not _may_close(alert.kind, alert.level, window.state):
            raise ServiceError(
                f"预警 #{alert.id} 为“{alert.kind.value}·{alert.level.value}”：只有升级为建议临时关闭的"
                "人员配置预警才能临时关闭窗口。"
            )
        _event(session, alert, at, ctx.actor.name, Action.CLOSE_WINDOW, AlertState.WINDOW_CLOSED, reason)
        _set_window_state(
            session, window, WindowState.CLOSED, at, ctx.actor.name, f"预警 #{alert.id}：{reason}"
        )
    return alert_detail(ctx, alert_id).alert


def reopen_window(
    ctx: HallContext,
    alert_id: int,
    note: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """Reopening needs a formal civil servant on the roster today or on the next working day."""
    at = _now(at)
    note = _text(note, "重新开放说明")
    next_day = load_calendar(ctx).next_working_day(at.date())
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.REOPEN_WINDOW, at, expected_version)
        window = _window(session, alert, Action.REOPEN_WINDOW)
        planned = session.execute(
            select(Staff.id, Staff.category, RosterEntry.day)
            .join(RosterEntry, RosterEntry.staff_id == Staff.id)
            .where(
                RosterEntry.window_id == window.id,
                RosterEntry.day.in_([at.date(), next_day]),
                RosterEntry.attendance.is_not(False),
            )
        ).all()
        # Each person by the category they have on the day they are rostered (a dated change may fall between).
        history = category_history(ctx, session)
        categories = [history.on(staff_id, day, current) for staff_id, current, day in planned]
        if not can_reopen(categories):
            raise ServiceError(reopen_refusal())
        _event(session, alert, at, ctx.actor.name, Action.REOPEN_WINDOW, AlertState.RESOLVED, note)
        _set_window_state(session, window, WindowState.OPEN, at, ctx.actor.name, f"预警 #{alert.id}：{note}")
    return alert_detail(ctx, alert_id).alert


def revoke(
    ctx: HallContext,
    alert_id: int,
    reason: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """A closed window is reopened through its own action, so revoking never leaves it closed by mistake."""
    at = _now(at)
    reason = _text(reason, "撤销理由")
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, Action.REVOKE, at, expected_version)
        _event(session, alert, at, ctx.actor.name, Action.REVOKE, AlertState.REVOKED, reason)
        _release_rectifying(session, alert, at, ctx.actor.name, f"预警 #{alert.id} 已撤销：{reason}")
    return alert_detail(ctx, alert_id).alert


class AlertMovedOn(StaleRecord):
    """The alert changed after the supervisor looked at it; nothing was done."""


def _moved_on(session: DbSession, alert: Alert) -> str:
    last = session.scalars(
        select(AlertEvent)
        .where(AlertEvent.alert_id == alert.id)
        .order_by(AlertEvent.at.desc(), AlertEvent.id.desc())
    ).first()
    by = f"已被 {last.actor} 于 {last.at:%m-%d %H:%M} {last.action}" if last else "已在别处修改"
    return (
        f"预警 #{alert.id} {by}（现为“{alert.level.value}·{alert.state.value}”），本次操作未执行；"
        "已显示最新情况，请确认后再操作。"
    )
