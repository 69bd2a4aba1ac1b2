"""How far the rules have judged a hall, and the date from which facts changed since.

The rules judge a hall up to a moment and remember it (``judged_until``), so a
report of a past week reads what they decided instead of judging again. When
a fact dated in the past changes (a roster corrected, a case entered late, a
calendar day moved), its writer records ``facts_changed`` in its own
transaction, and the next rules run judges again from that date. Every writer
of facts goes through here; this package sits below all of them.

Two PCs may write at once: ``dirty_seq`` grows with every change, and a rules
run clears ``dirty_from`` only if nothing changed since it read the mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from hallmonitor.storage.models import RulesMark


@dataclass(frozen=True, slots=True)
class Mark:
    judged_until: datetime | None
    dirty_from: datetime | None
    dirty_seq: int

    def start(self) -> datetime | None:
        """Where the next run must start judging: None means from the very beginning."""
        if self.judged_until is None:
            return None
        if self.dirty_from is not None and self.dirty_from < self.judged_until:
            return self.dirty_from
        return self.judged_until

    def covers(self, moment: datetime) -> bool:
        """Whether everything up to ``moment`` is judged and nothing judged is out of date."""
        return (
            self.judged_until is not None
            and moment <= self.judged_until
            and self.start() == self.judged_until
        )


def _moment(since: date | datetime) -> datetime:
    return since if isinstance(since, datetime) else datetime.combine(since, time.min)


def ensure_mark(session: Session, hall_id: int) -> None:
    if session.get(RulesMark, hall_id) is None:
        session.add(RulesMark(hall_id=hall_id, judged_until=None, dirty_from=None, dirty_seq=0))
        session.flush()


def facts_changed(session: Session, hall_id: int, since: date | datetime) -> None:
    """Facts dated from ``since`` on changed: the rules must judge again from there."""
    moment = _moment(since)
    ensure_mark(session, hall_id)
    session.execute(
        update(RulesMark)
        .where(RulesMark.hall_id == hall_id)
        .values(
            dirty_from=case(
                (RulesMark.dirty_from.is_(None), moment),
                (RulesMark.dirty_from > moment, moment),
                else_=RulesMark.dirty_from,
            ),
            dirty_seq=RulesMark.dirty_seq + 1,
        )
        .execution_options(synchronize_session=False)
    )


def read_mark(session: Session, hall_id: int) -> Mark:
    ensure_mark(session, hall_id)
    row = session.execute(
        select(RulesMark.judged_until, RulesMark.dirty_from, RulesMark.dirty_seq).where(
            RulesMark.hall_id == hall_id
        )
    ).one()
    return Mark(*row)


def advance_mark(session: Session, hall_id: int, judged_until: datetime, seen: Mark) -> None:
    """Record a run that judged up to ``judged_until`` from the facts as they were when ``seen`` was read."""
    session.execute(
        update(RulesMark)
        .where(RulesMark.hall_id == hall_id)
        .values(
            judged_until=judged_until,
            dirty_from=case((RulesMark.dirty_seq == seen.dirty_seq, None), else_=RulesMark.dirty_from),
        )
        .execution_options(synchronize_session=False)
    )
