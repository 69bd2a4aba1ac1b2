"""The roster of the demo hall: who sits at which window in each session, and who came.

Everything else is built on it: a case can only be taken in by someone
present, approved at the window only by a formal civil servant present, and
the staffing rules judge the hall from nothing else. Past sessions get their
attendance filled in, today's afternoon is only planned. The planted staffing
violations arrive as a script (see ``showcase``), which the roster follows
without changing what it draws, so planting one does not reshuffle the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hallmonitor.demo.hall import WINDOWS, WindowSpec
from hallmonitor.demo.people import PlannedStaff
from hallmonitor.demo.story import Story
from hallmonitor.domain.enums import Session, WindowKind

_AM, _PM = Session.MORNING, Session.AFTERNOON

#: What is planted in a window's session: "nobody" (no one on the roster), "aux_only"
#: (only auxiliary staff on it), "formal_absent" (its formal staff absent) or "all_absent".
StaffingScript = dict[tuple[str, date, Session], str]


@dataclass(frozen=True)
class RosterLine:
    window_no: str
    day: date
    session: Session
    staff: PlannedStaff
    attendance: bool | None


class Roster:
    """The roster lines, and who was present where, for the parts planned after it."""

    def __init__(self, story: Story, teams: dict[str, tuple[list[PlannedStaff], list[PlannedStaff]]]) -> None:
        self.story = story
        self.rng = story.rng
        self.teams = teams
        self.duty: dict[tuple[str, date, Session], list[tuple[PlannedStaff, bool | None]]] = {}
        self.lines: list[RosterLine] = []

    def plan(self, script: StaffingScript) -> None:
        """Who sits where, session by session; past attendance is filled in, today's afternoon is planned.

        Formal staff take turns so each is at the window at least once a day;
        now and then someone is on leave, usually covered by the other formal
        colleague. The last week up to the showcase day, and today, carry only
        the planted violations, so what they show can be described exactly.
        """
        workdays = self.story.workdays
        quiet = set(workdays[self.story.first_quiet :])
        numbers = sorted(self.teams)
        for index, day in enumerate(workdays):
            on_leave: set[str] = set()
            if day not in quiet:
                for number in numbers:
                    formal, aux = self.teams[number]
                    on_leave.update(p.no for p in formal if self.rng.random() < 0.02)
                    on_leave.update(p.no for p in aux if self.rng.random() < 0.03)
            for w in WINDOWS:
                if not w.in_service:
                    continue
                for turn, session in enumerate((_AM, _PM)):
                    entries = self._duty(w.number, index, turn, script, on_leave)
                    self.duty[(w.number, day, session)] = entries
                    self.lines += [RosterLine(w.number, day, session, p, att) for p, att in entries]

    def _duty(
        self,
        number: str,
        index: int,
        turn: int,
        script: StaffingScript,
        on_leave: set[str],
    ) -> list[tuple[PlannedStaff, bool | None]]:
        day, session = self.story.workdays[index], (_AM, _PM)[turn]
        formal, aux = self.teams[number]
        planned_only = day == self.story.today and session is _PM
        # Draw the same numbers whatever the plan says, so planting one
        # violation does not reshuffle every later day.
        if len(formal) > 1:
            duty_f = list(formal) if self.rng.random() < 0.35 else [formal[(index + turn) % 2]]
        else:
            duty_f = list(formal)
        duty_a = [a for a in aux if self.rng.random() < 0.8] or [aux[(index + turn) % len(aux)]]
        cover_draw = self.rng.random()
        present: bool | None = None if planned_only else True
        what = script.get((number, day, session), "")
        if what == "nobody":
            return []
        if what == "aux_only":
            return [(a, present) for a in duty_a]
        if what == "formal_absent":
            return [(f, False) for f in duty_f] + [(a, present) for a in duty_a]
        if what == "all_absent":
            return [(p, False) for p in duty_f + duty_a]
        entries = [(p, None if planned_only else p.no not in on_leave) for p in duty_f + duty_a]
        if not planned_only and all(p.no in on_leave for p in duty_f):
            cover = [f for f in formal if f not in duty_f and f.no not in on_leave]
            if cover and cover_draw < 0.6:
                entries.append((cover[0], True))
        return entries

    def present(self, number: str, day: date, session: Session) -> list[PlannedStaff]:
        """Who was (or, today afternoon, is planned to be) at a window in a session."""
        return [p for p, att in self.duty.get((number, day, session), ()) if att is not False]

    def receive(
        self, candidates: Sequence[WindowSpec], day: date
    ) -> tuple[WindowSpec, Session, PlannedStaff] | None:
        """A staffed window and session to take something in, or None when every candidate is empty."""
        sessions = self.story.sessions(day)
        weights = [0.5 if w.kind is WindowKind.COMBINED else 1.0 for w in candidates]
        for _ in range(6):
            w = self.rng.choices(list(candidates), weights=weights)[0]
            session = self.rng.choice(sessions)
            people = self.present(w.number, day, session)
            if people:
                return w, session, self.rng.choice(people)
        for w in candidates:
            for session in sessions:
                people = self.present(w.number, day, session)
                if people:
                    return w, session, people[0]
        return None
