"""What every part of the demo plan shares: the one random source, the days, and the notes.

The plan is drawn part by part (people, roster, cases, complaints, the
planted violations), each in its own module, and they must agree on a few
things for a seed to give the same hall every time: they draw from the same
``random.Random`` in a fixed order, they see the same working days and the
same showcase day, they know that today's afternoon has not happened yet, and
they add to one list of notes that tells what was planted where. Every random
choice comes from that one source, and nothing iterates over a set.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from hallmonitor.domain.enums import Session
from hallmonitor.domain.work_calendar import WorkCalendar

_AM, _PM = Session.MORNING, Session.AFTERNOON
#: When cases are taken in: the session's first minute and how many minutes after it.
_SESSION_SPAN = {_AM: (time(9, 0), 165), _PM: (time(13, 30), 195)}
#: Working days before the showcase day that, like it, carry only planted violations.
QUIET_DAYS_BEFORE_SHOWCASE = 5


class Story:
    """The days of the demo, its random source and its notes."""

    def __init__(self, rng: random.Random, calendar: WorkCalendar, today: date, workdays: list[date]) -> None:
        if len(workdays) < 5:
            raise ValueError("the demo needs at least five working days")
        self.rng = rng
        self.cal = calendar
        self.today = today
        self.workdays = workdays
        self.today_is_workday = workdays[-1] == today
        #: The last full working day, which carries a violation of every kind.
        self.showcase = workdays[-2] if self.today_is_workday else workdays[-1]
        #: Index of the showcase day in ``workdays``.
        self.si = workdays.index(self.showcase)
        #: What was planted where, one Chinese sentence each.
        self.notes: list[str] = []

    @property
    def first_quiet(self) -> int:
        """Index of the first working day that carries only planted violations, up to today."""
        return max(0, self.si - QUIET_DAYS_BEFORE_SHOWCASE)

    def sessions(self, day: date) -> tuple[Session, ...]:
        # Today's afternoon has not happened yet: nothing is received or approved in it.
        return (_AM,) if day == self.today else (_AM, _PM)

    def at(self, day: date, session: Session, after: datetime | None = None) -> datetime:
        """A moment in a session of ``day`` when a case can be taken in, later than ``after`` if given."""
        start, span = _SESSION_SPAN[session]
        moment = datetime.combine(day, start) + timedelta(minutes=self.rng.randint(0, span))
        if after is not None and moment <= after:
            moment = after + timedelta(minutes=self.rng.randint(5, 30))
        return moment
