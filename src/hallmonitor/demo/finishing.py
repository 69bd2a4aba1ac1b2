"""Opening the demo hall whatever state a killed or older run left it in.

The demo is built and judged in one transaction (``build_demo``), so a kill
leaves either no demo hall or a whole one. A demo file written by an older
version, which committed the records first and judged them afterwards, may
hold the hall without its flags and alerts: the rules never judged it (its
mark has judged nothing yet). Saying "the demo hall exists" would show a
hall that finds nothing, so such a hall is finished instead, by judging it in
one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import select

from hallmonitor.demo.builder import DemoSummary, Judged, build_demo, judge_demo, judging_moment
from hallmonitor.demo.hall import HALL_CODE
from hallmonitor.services.hall import read_mark
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import Hall

__all__ = ["DemoOutcome", "DemoState", "demo_state", "ensure_demo"]


class DemoState(Enum):
    #: No hall at all: the demo can be built.
    ABSENT = "absent"
    #: The demo hall, judged by the rules.
    COMPLETE = "complete"
    #: The demo hall's records without the rules' judgement.
    UNFINISHED = "unfinished"
    #: Another hall: the demo never goes in (``build_demo`` says so).
    OTHER = "other"


@dataclass(frozen=True)
class DemoOutcome:
    state: DemoState
    #: The demo built now, when it was absent.
    built: DemoSummary | None = None
    #: The rules run that finished an unfinished demo hall.
    finished: Judged | None = None


def demo_state(db: Database) -> DemoState:
    with db.session() as session:
        halls = session.execute(select(Hall.id, Hall.code)).all()
        if not halls:
            return DemoState.ABSENT
        if [code for _id, code in halls] != [HALL_CODE]:
            return DemoState.OTHER
        judged = read_mark(session, halls[0][0]).judged_until is not None
    return DemoState.COMPLETE if judged else DemoState.UNFINISHED


def ensure_demo(
    db: Database, *, seed: int = 2026, today: date, weeks: int = 6, as_of: datetime | None = None
) -> DemoOutcome:
    """The demo hall in ``db``, whole: built when absent, judged when unfinished, left alone when complete.

    A database holding another hall is refused (ServiceError) as ``build_demo`` refuses it.
    """
    state = demo_state(db)
    if state is DemoState.COMPLETE:
        return DemoOutcome(state)
    if state is DemoState.UNFINISHED:
        with db.transaction():
            if demo_state(db) is DemoState.UNFINISHED:  # another program may have finished it meanwhile
                return DemoOutcome(state, finished=judge_demo(db, as_of or judging_moment(today)))
        return DemoOutcome(DemoState.COMPLETE)
    return DemoOutcome(state, built=build_demo(db, seed=seed, today=today, weeks=weeks, as_of=as_of))
