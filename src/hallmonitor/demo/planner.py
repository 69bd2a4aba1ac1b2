"""Planning the demo hall in memory: the order in which its parts are drawn, and the finished plan.

Nothing in the planning touches the database (``builder`` writes the plan),
so the story can be followed without storage code in the way: everyday work
that is mostly compliant, sporadic absences in the earlier weeks, and on the
last full working day (the showcase day) one planted example of every
violation the rules look for, described in ``DemoPlan.notes``. The parts live
in their own modules and share one ``Story``; the order below is the order in
which they draw from its random source, so changing it changes every demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hallmonitor.demo.caseload import Caseload
from hallmonitor.demo.cases import CaseDraft, Cases
from hallmonitor.demo.catalogue import planned_items
from hallmonitor.demo.complaints import ComplaintDraft, Complaints
from hallmonitor.demo.items import PlannedItem
from hallmonitor.demo.nominal import plant_nominal
from hallmonitor.demo.people import People, PlannedStaff
from hallmonitor.demo.roster import Roster, RosterLine
from hallmonitor.demo.showcase import Showcase
from hallmonitor.demo.story import Story
from hallmonitor.domain.work_calendar import WorkCalendar

__all__ = ["DemoPlan", "plan_demo"]


@dataclass
class DemoPlan:
    workdays: list[date]
    showcase: date
    staff: list[PlannedStaff]
    items: list[PlannedItem]
    roster: list[RosterLine]
    #: Ordered by receipt, numbered <hall code>-YYYYMMDD-NNNN like cases entered at a window.
    cases: list[CaseDraft]
    complaints: list[ComplaintDraft]
    notes: list[str]


def plan_demo(rng: random.Random, calendar: WorkCalendar, today: date, workdays: list[date]) -> DemoPlan:
    """The whole demo hall's records for ``workdays`` (the working days up to ``today``).

    Needs at least five working days: the planted escalation and the overdue
    examples reach back four working days from the showcase day.
    """
    story = Story(rng, calendar, today, workdays)
    people = People(rng)
    items = planned_items()
    roster = Roster(story, people.teams)
    cases = Cases(story, people, roster)
    caseload = Caseload(story, people, cases, items)
    complaints = Complaints(story, roster, cases, items)
    showcase = Showcase(story, people, roster, cases, complaints, items)

    people.hire_staff()
    roster.plan(showcase.staffing())
    caseload.everyday()
    caseload.projects()
    showcase.plant_cases()
    complaints.everyday()
    showcase.plant_complaints()
    plant_nominal(story, people, roster, cases, items)
    return DemoPlan(
        workdays=story.workdays,
        showcase=story.showcase,
        staff=people.staff,
        items=items,
        roster=roster.lines,
        cases=cases.numbered(),
        complaints=complaints.numbered(),
        notes=story.notes,
    )
