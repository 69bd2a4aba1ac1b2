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
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.services.hall_data.log import log_change, plain
from hallmonitor.services.hall_data.text import effective_day, reason_text
from hallmonitor.services.hall_data.windows import window_of
from hallmonitor.services.staffing import session_starts
from hallmonitor.storage.models import RosterEntry, WindowStateChange

#: The states a supervisor sets here; the others belong to the alert workflow.
SETTABLE_STATES: tuple[WindowState, ...] = (WindowState.OPEN, WindowState.OUT_OF_SERVICE)
_SETTABLE = {"open": WindowState.OPEN.value, "closed": WindowState.OUT_OF_SERVICE.value}


@dataclass(frozen=True, slots=True)
class StateResult:
    window_no: str
    state: WindowState
    #: The moment the new state took effect (the day's start, unless the window changed state later that day).
    effective_from: datetime
    #: Roster entries removed because the window has no roster while 停用.
    roster_removed: int

    def sentence(self) -> str:
        said = {"window": self.window_no, "day": f"{self.effective_from:%Y-%m-%d}", "state": self.state.value}
        if self.roster_removed:
            return say(
                "Window {window} is {state} from {day}; {count} roster entries from then on were removed.",
                count=self.roster_removed,
                **said,
            )
        return say("Window {window} is {state} from {day}.", **said)


def parse_state(value: WindowState | str) -> WindowState:
    try:
        state = WindowState(value)
    except ValueError:
        raise ServiceError(
            say(
                'Window state "{value}" is not known; here a window can only be set {open} or {closed}.',
                value=value,
                **_SETTABLE,
            )
        ) from None
    if state not in SETTABLE_STATES:
        raise ServiceError(
            say(
                '"{state}" is decided on an alert (order to correct, temporary closure, reopening) and cannot '
                "be set in the hall's data; here a window can only be set {open} or {closed}.",
                state=state.value,
                **_SETTABLE,
            )
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
    ctx.require(Permission.EDIT_MASTER_DATA, say("set a window's state"))
    state = parse_state(state)
    reason = reason_text(reason, say("Reason for the state change"))
    day, _today = effective_day(from_day, today, say("Effective day"))
    starts = session_starts(ctx, [day])
    with ctx.db.session() as session:
        window = window_of(session, ctx, window_id)
        if window.state is state:
            raise ServiceError(
                say(
                    "Window {window} is {state} already; nothing to change.",
                    window=window.number,
                    state=state.value,
                )
            )
        if state is WindowState.OPEN and window.state is not WindowState.OUT_OF_SERVICE:
            raise ServiceError(
                say(
                    "Window {window} is {state} now: it is reopened on its alert, not in the hall's data.",
                    window=window.number,
                    state=window.state.value,
                )
            )
        last = session.scalar(
            select(func.max(WindowStateChange.at)).where(WindowStateChange.window_id == window.id)
        )
        moment = datetime.combine(day, time.min)
        if last is not None and last.date() > day:
            raise ServiceError(
                say(
                    "Window {window} changed state at {at}: the effective day cannot be earlier than {day}.",
                    window=window.number,
                    at=f"{last:%Y-%m-%d %H:%M}",
                    day=f"{last:%Y-%m-%d}",
                )
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
