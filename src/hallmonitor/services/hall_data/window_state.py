"""Setting a window out of service (停用) or open again (开放), from a day, with a reason.

The staffing rules judge a window by its state history, so a window set to
停用 from a day is simply not judged from that day's first session: the state
change is dated then, not when someone typed it. Its roster from then on is
removed (a 停用 window has none) and the rules judge again from that moment.
整改中 and 临时关闭 are steps of the staffing ladder, decided on an alert;
they are refused here, and so is opening a window the alert workflow closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select

from hallmonitor.domain.enums import WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.services.hall_data.log import log_change, plain
from hallmonitor.services.hall_data.text import effective_day, reason_text
from hallmonitor.services.hall_data.windows import window_of
from hallmonitor.services.staffing import session_starts
from hallmonitor.storage.models import RosterEntry, WindowStateChange

#: The states a supervisor sets here; the others belong to the alert workflow.
SETTABLE_STATES: tuple[WindowState, ...] = (WindowState.OPEN, WindowState.OUT_OF_SERVICE)


@dataclass(frozen=True, slots=True)
class StateResult:
    window_no: str
    state: WindowState
    #: The moment the new state took effect (the day's start, unless the window changed state later that day).
    effective_from: datetime
    #: Roster entries removed because the window has no roster while 停用.
    roster_removed: int

    def sentence(self) -> str:
        removed = f"，删除其后排班 {self.roster_removed} 条" if self.roster_removed else ""
        return f"{self.window_no}号窗口自 {self.effective_from:%Y-%m-%d} 起{self.state.value}{removed}。"


def parse_state(value: WindowState | str) -> WindowState:
    try:
        state = WindowState(value)
    except ValueError:
        raise ServiceError(f"窗口状态“{value}”无法识别，这里只能设为开放或停用。") from None
    if state not in SETTABLE_STATES:
        raise ServiceError(
            f"“{state.value}”由预警处理决定（责令整改、临时关闭、重新开放），不能在大厅资料中设置；这里只能设为开放或停用。"
        )
    return state


def set_window_state(
    ctx: HallContext,
    window_id: int,
    state: WindowState | str,
    reason: str,
    *,
    from_day: date | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> StateResult:
    """Set the window 开放 or 停用 from ``from_day`` (default today), which is neither in the future
    nor before the window's last state change."""
    ctx.require(Permission.EDIT_MASTER_DATA, "设置窗口状态")
    state = parse_state(state)
    reason = reason_text(reason, "状态变更原因")
    day, _today = effective_day(from_day, today, "生效日期")
    starts = session_starts(ctx, [day])
    with ctx.db.session() as session:
        window = window_of(session, ctx, window_id)
        label = f"{window.number}号窗口"
        if window.state is state:
            raise ServiceError(f"{label}已是{state.value}，无需变更。")
        if state is WindowState.OPEN and window.state is not WindowState.OUT_OF_SERVICE:
            raise ServiceError(
                f"{label}现为{window.state.value}，须在预警处理中重新开放，不能在大厅资料中开放。"
            )
        last = session.scalar(
            select(func.max(WindowStateChange.at)).where(WindowStateChange.window_id == window.id)
        )
        moment = datetime.combine(day, time.min)
        if last is not None and last.date() > day:
            raise ServiceError(
                f"{label}在 {last:%Y-%m-%d %H:%M} 已变更过状态，生效日期不能早于 {last:%Y-%m-%d}。"
            )
        if last is not None and last >= moment:
            # Changed earlier the same day: the new state follows that change, it does not rewrite it.
            moment = last + timedelta(seconds=1)
        removed = 0
        if state is WindowState.OUT_OF_SERVICE:
            removed = _remove_roster(session, window.id, day, moment, starts)
        before = {"state": window.state}
        session.add(
            WindowStateChange(
                window_id=window.id,
                at=moment,
                from_state=window.state,
                to_state=state,
                actor=ctx.actor.name,
                note=reason,
            )
        )
        window.state = state
        facts_changed(session, ctx.hall_id, moment)
        after = plain({"state": state, "effective_from": moment, "roster_removed": removed})
        log_change(
            session, ctx, "window", window.id, "state", reason=reason, before=before, after=after, at=at
        )
        return StateResult(window.number, state, moment, removed)


def _remove_roster(session, window_id: int, day: date, moment: datetime, starts) -> int:  # type: ignore[no-untyped-def]
    """Delete the window's roster for every session that begins at or after ``moment``."""
    later = session.execute(
        delete(RosterEntry)
        .where(RosterEntry.window_id == window_id, RosterEntry.day > day)
        .execution_options(synchronize_session=False)
    ).rowcount
    same_day = [sess for (_d, sess), start in starts.items() if start >= moment]
    today_removed = 0
    if same_day:
        today_removed = session.execute(
            delete(RosterEntry)
            .where(
                RosterEntry.window_id == window_id, RosterEntry.day == day, RosterEntry.session.in_(same_day)
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    return int(later or 0) + int(today_removed or 0)
