"""Windows' states and staff's leaving as they stood on a row's day, for the import checks.

A file of last month's cases or roster is judged by what was true then: a
window set to 停用 from 10 May refuses a case received on 11 May and takes one
received on 9 May, whatever its state today. The history is read once per
import (a hall has a few dozen windows and few changes), never once per row.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import WindowState
from hallmonitor.domain.texts import say
from hallmonitor.storage.models import Staff, Window, WindowStateChange

__all__ = ["StaffLeaving", "WindowStates"]


class WindowStates:
    """Each window's state at any moment, from its current state and its change history."""

    def __init__(self, session: Session, hall_id: int) -> None:
        self.current: dict[int, WindowState] = dict(
            session.execute(select(Window.id, Window.state).where(Window.hall_id == hall_id)).all()
        )
        rows = session.execute(
            select(
                WindowStateChange.window_id,
                WindowStateChange.at,
                WindowStateChange.from_state,
                WindowStateChange.to_state,
            )
            .join(Window, WindowStateChange.window_id == Window.id)
            .where(Window.hall_id == hall_id)
            .order_by(WindowStateChange.at, WindowStateChange.id)
        ).all()
        self.history: dict[int, list[tuple[datetime, WindowState, WindowState]]] = defaultdict(list)
        for window_id, at, before, after in rows:
            self.history[window_id].append((at, before, after))
        self._moments = {w: [h[0] for h in changes] for w, changes in self.history.items()}
        self._out_by_day: dict[date, set[int]] = {}

    def at(self, window_id: int, moment: datetime) -> WindowState:
        """The state in force at ``moment``: a change at exactly that moment already applies."""
        changes = self.history.get(window_id)
        if not changes:
            return self.current.get(window_id, WindowState.OPEN)
        done = bisect_right(self._moments[window_id], moment)
        return changes[done - 1][2] if done else changes[0][1]

    def out_of_service_on(self, day: date) -> set[int]:
        """Windows that were 停用 at some moment of ``day``."""
        found = self._out_by_day.get(day)
        if found is None:
            found = self._out_by_day[day] = self._out_of_service_on(day)
        return found

    def _out_of_service_on(self, day: date) -> set[int]:
        start = datetime.combine(day, time.min)
        end = start + timedelta(days=1)
        found = set()
        for window_id in self.current:
            if self.at(window_id, start) is WindowState.OUT_OF_SERVICE or any(
                start <= at < end and after is WindowState.OUT_OF_SERVICE
                for at, _before, after in self.history.get(window_id, ())
            ):
                found.add(window_id)
        return found


class StaffLeaving:
    """Who has left the hall (调离), and from which day they can no longer be rostered."""

    def __init__(self, session: Session, hall_id: int, today: date) -> None:
        rows = session.execute(
            select(Staff.id, Staff.left_on).where(Staff.hall_id == hall_id, Staff.active.is_(False))
        ).all()
        #: A person marked as gone without a day has gone by today: past rosters stay importable.
        self.gone_from: dict[int, tuple[date, bool]] = {
            staff_id: (left_on, True) if left_on else (today + timedelta(days=1), False)
            for staff_id, left_on in rows
        }

    def refusal(self, staff_id: int, staff_no: str, day: date) -> str | None:
        found = self.gone_from.get(staff_id)
        if found is None or day < found[0]:
            return None
        gone, dated = found
        if dated:
            return say(
                "staff number {staff_no} left on {gone} and cannot be rostered on {day}",
                staff_no=staff_no,
                gone=f"{gone:%Y-%m-%d}",
                day=f"{day:%Y-%m-%d}",
            )
        return say(
            "staff number {staff_no} has left (no longer in post) and cannot be rostered from now on",
            staff_no=staff_no,
        )
