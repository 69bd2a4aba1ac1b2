"""How far the rules have judged a hall, and the date from which facts changed since.

The rules judge a hall up to a moment and remember it (``judged_until``), so a
report of a past week reads what they decided instead of judging again. When
a fact dated in the past changes (a roster corrected, a case entered late, a
calendar day moved), its writer records ``facts_changed`` in its own
transaction, and the next rules run judges again from that date. Every writer
of facts goes through here; this package sits below all of them.

Complaints are read by one rule only, the complaint card: a complaint written
records ``complaints_changed``, and the next run judges the complaint cards
again from its date and every other rule from where it stands (a hundred
complaints imported no longer have the staffing ladder, the case cards and the
挂名 judgement worked out again over every day since the oldest of them).

Two PCs may write at once: ``dirty_seq`` grows with every change, and a rules
run clears ``dirty_from`` and ``complaints_from`` only if nothing changed since
it read the mark.

The calendar is the one fact every hall of a database shares: a change to it
marks every hall, and counts up ``calendar_seq`` so each hall's next run
recomputes its stored due dates, whichever PC or hall made the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from hallmonitor.domain.plausible import AFTER_LATEST_MOMENT, EARLIEST_MOMENT
from hallmonitor.storage.models import Hall, RulesMark
from hallmonitor.storage.upsert import upsert


@dataclass(frozen=True, slots=True)
class Mark:
    judged_until: datetime | None
    dirty_from: datetime | None
    dirty_seq: int
    calendar_seq: int = 0
    due_dates_seq: int = 0
    complaints_from: datetime | None = None

    @property
    def due_dates_stale(self) -> bool:
        """The calendar changed since the hall's due dates were last worked out."""
        return self.calendar_seq != self.due_dates_seq

    def start(self) -> datetime | None:
        """Where the next run must start judging every rule: None means from the very beginning."""
        if self.judged_until is None:
            return None
        if self.dirty_from is not None and self.dirty_from < self.judged_until:
            return self.dirty_from
        return self.judged_until

    def complaints_start(self) -> datetime | None:
        """Where the next run must start judging the complaint cards: never after ``start``."""
        start = self.start()
        if start is not None and self.complaints_from is not None and self.complaints_from < start:
            return self.complaints_from
        return start

    def covers(self, moment: datetime) -> bool:
        """Whether everything up to ``moment`` is judged and nothing judged is out of date."""
        return (
            self.judged_until is not None
            and moment <= self.judged_until
            and self.complaints_start() == self.judged_until
        )


def _moment(since: date | datetime) -> datetime:
    return since if isinstance(since, datetime) else datetime.combine(since, time.min)


def ensure_mark(session: Session, hall_id: int) -> None:
    """The hall's mark row, created when missing; two PCs creating it at once both succeed."""
    if session.get(RulesMark, hall_id) is not None:
        return
    values = {
        "hall_id": hall_id,
        "judged_until": None,
        "dirty_from": None,
        "complaints_from": None,
        "dirty_seq": 0,
        "calendar_seq": 0,
        "due_dates_seq": 0,
    }
    insert = upsert(session.get_bind().dialect.name, RulesMark)
    session.execute(insert.values(**values).on_conflict_do_nothing(index_elements=["hall_id"]))


def _dirty_from(moment: datetime, column=RulesMark.dirty_from):  # type: ignore[no-untyped-def]
    return case((column.is_(None), moment), (column > moment, moment), else_=column)


def _changed(session: Session, hall_id: int, **values: Any) -> None:
    ensure_mark(session, hall_id)
    session.execute(
        update(RulesMark)
        .where(RulesMark.hall_id == hall_id)
        .values(dirty_seq=RulesMark.dirty_seq + 1, **values)
        .execution_options(synchronize_session=False)
    )


def facts_changed(session: Session, hall_id: int, since: date | datetime) -> None:
    """Facts dated from ``since`` on changed: the rules must judge again from there."""
    _changed(session, hall_id, dirty_from=_dirty_from(_moment(since)))


def complaints_changed(session: Session, hall_id: int, since: date | datetime) -> None:
    """Complaints dated from ``since`` on changed: the complaint cards must be judged again from there."""
    _changed(session, hall_id, complaints_from=_dirty_from(_moment(since), RulesMark.complaints_from))


def calendar_changed(session: Session, since: date | datetime) -> None:
    """Working days from ``since`` on changed, for every hall: each judges again and recomputes due dates."""
    moment = _moment(since)
    for (hall_id,) in session.execute(select(Hall.id)):
        ensure_mark(session, hall_id)
    session.execute(
        update(RulesMark)
        .values(
            dirty_from=_dirty_from(moment),
            dirty_seq=RulesMark.dirty_seq + 1,
            calendar_seq=RulesMark.calendar_seq + 1,
        )
        .execution_options(synchronize_session=False)
    )


def due_dates_current(session: Session, hall_id: int, seen: Mark) -> None:
    """The hall's due dates were worked out with the calendar as it was when ``seen`` was read."""
    session.execute(
        update(RulesMark)
        .where(RulesMark.hall_id == hall_id)
        .values(due_dates_seq=seen.calendar_seq)
        .execution_options(synchronize_session=False)
    )


def read_mark(session: Session, hall_id: int) -> Mark:
    ensure_mark(session, hall_id)
    row = session.execute(
        select(
            RulesMark.judged_until,
            RulesMark.dirty_from,
            RulesMark.dirty_seq,
            RulesMark.calendar_seq,
            RulesMark.due_dates_seq,
            RulesMark.complaints_from,
        ).where(RulesMark.hall_id == hall_id)
    ).one()
    judged_until, dirty_from, dirty_seq, calendar_seq, due_dates_seq, complaints_from = row
    # A mark edited by hand or written by another program: judged "until 9999" would have the next
    # run judge eight thousand years, changed "since the year 1" two thousand. Neither can be true.
    if judged_until is not None and judged_until >= AFTER_LATEST_MOMENT:
        judged_until = None
    if dirty_from is not None and dirty_from < EARLIEST_MOMENT:
        dirty_from = EARLIEST_MOMENT
    if complaints_from is not None and complaints_from < EARLIEST_MOMENT:
        complaints_from = EARLIEST_MOMENT
    return Mark(judged_until, dirty_from, dirty_seq, calendar_seq, due_dates_seq, complaints_from)


def advance_mark(session: Session, hall_id: int, judged_until: datetime, seen: Mark) -> None:
    """Record a run that judged up to ``judged_until`` from the facts as they were when ``seen`` was read.

    A moment judged is never taken back: another run that judged further meanwhile keeps its mark.
    """
    session.execute(
        update(RulesMark)
        .where(RulesMark.hall_id == hall_id)
        .values(
            judged_until=case(
                (RulesMark.judged_until.is_(None), judged_until),
                (RulesMark.judged_until >= AFTER_LATEST_MOMENT, judged_until),
                (RulesMark.judged_until < judged_until, judged_until),
                else_=RulesMark.judged_until,
            ),
            dirty_from=case((RulesMark.dirty_seq == seen.dirty_seq, None), else_=RulesMark.dirty_from),
            complaints_from=case(
                (RulesMark.dirty_seq == seen.dirty_seq, None), else_=RulesMark.complaints_from
            ),
        )
        .execution_options(synchronize_session=False)
    )
