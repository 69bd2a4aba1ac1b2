"""Stored facts outside the plausible range: kept out of the judgements in SQL, and found to be named.

The judgements filter such rows in their own queries (``moment_in_range``),
which costs nothing on a healthy hall; ``implausible_records`` finds what was
left out so that ``check`` and the weekly report can say so. Every query here
is an index range (below 2000-01-01, from 2100-01-01 on) or reads a small
table, so a hall with a million cases pays a few index look-ups for it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, operators
from sqlalchemy.sql.expression import UnaryExpression

from hallmonitor.domain.plausible import (
    AFTER_LATEST_MOMENT,
    EARLIEST,
    EARLIEST_MOMENT,
    LATEST,
    MAX_LIMIT_DAYS,
    MAX_TRIPS,
    Implausible,
    skipped_sentence,
)
from hallmonitor.domain.rule_settings import implausible_settings
from hallmonitor.domain.texts import say
from hallmonitor.services.hall.context import HallContext
from hallmonitor.storage.models import (
    Case,
    Complaint,
    Item,
    RosterEntry,
    RuleSettingsVersion,
    Setting,
    SpecialPeriod,
    Window,
)

__all__ = [
    "Findings",
    "implausible_records",
    "moment_in_range",
    "plausible_limit",
    "plausible_trips",
]

#: Examples kept per kind of finding; the count is always complete.
_EXAMPLES = 5


def moment_in_range(column: Any) -> ColumnElement[bool]:
    """A stored moment (or day) on a plausible day; NULL is not in range (say so with ``or_``)."""
    return and_(column >= EARLIEST_MOMENT, column < AFTER_LATEST_MOMENT)


def plausible_trips(column: Any = Case.trips) -> ColumnElement[bool]:
    return and_(column >= 0, column <= MAX_TRIPS)


def plausible_limit(column: Any = Item.promised_days) -> ColumnElement[bool]:
    return and_(column >= 0, column <= MAX_LIMIT_DAYS)


@dataclass(frozen=True)
class Findings:
    """What the judgements left out: the first few of each kind, and how many in all."""

    total: int = 0
    examples: tuple[Implausible, ...] = ()

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def sentence(self) -> str | None:
        return skipped_sentence(self.examples, self.total)

    def listing(self, named: int) -> str | None:
        """The same sentence naming up to ``named`` of them, for a report that has room."""
        return skipped_sentence(self.examples, self.total, named=named)

    def plus(self, more: Sequence[Implausible]) -> Findings:
        """These findings and ``more`` found while judging, each record and field once."""
        fresh = [m for m in dict.fromkeys(more) if m not in self.examples]
        return Findings(self.total + len(fresh), (*self.examples, *fresh))


def implausible_records(ctx: HallContext) -> Findings:
    """Every stored fact of the hall the judgements leave out, as of now."""
    found: list[Implausible] = []
    total = 0
    with ctx.db.session() as session:
        ranges = _ranges(ctx.hall_id)
        counts = _counts(session, [query for _name, query in ranges])
        for (name, query), count in zip(ranges, counts, strict=True):
            if not count:
                continue
            total += count
            record, field = name
            for key, value in session.execute(query.limit(_EXAMPLES)):
                if record == "排班":
                    key = say("window {number}", number=key)
                found.append(Implausible.of(record, key, field, value))
        items = session.execute(
            select(Item.code, Item.promised_days, Item.legal_days)
            .where(Item.hall_id == ctx.hall_id, or_(~plausible_limit(), ~plausible_limit(Item.legal_days)))
            .order_by(Item.code)
        ).all()
        for code, promised, legal in items:
            for field, value in (("承诺时限", promised), ("法定时限", legal)):
                if not 0 <= value <= MAX_LIMIT_DAYS:
                    total += 1
                    found.append(Implausible.of("事项", code, field, value))
        total, found = _periods(session, ctx.hall_id, total, found)
        total, found = _settings(session, ctx.hall_id, total, found)
    return Findings(total, tuple(found))


#: (record, key column, field, dated column, the table's hall column) of every dated fact a rule counts from.
_DATED: tuple[tuple[str, Any, str, Any, Any], ...] = (
    ("办件", Case.case_no, "受理时间", Case.received_at, Case.hall_id),
    ("办件", Case.case_no, "审批时间", Case.approved_at, Case.hall_id),
    ("办件", Case.case_no, "办结时间", Case.completed_at, Case.hall_id),
    ("反映", Complaint.complaint_no, "受理时间", Complaint.received_at, Complaint.hall_id),
    ("反映", Complaint.complaint_no, "办结时间", Complaint.completed_at, Complaint.hall_id),
)


def _ranges(hall_id: int) -> list[tuple[tuple[str, str], Any]]:
    """Each kind of out-of-range value as a query of (key, value): one index range each.

    Below and above the range are two queries, not one with OR: an index on
    (hall, value) serves each as a range, where an OR makes SQLite, which keeps
    no statistics, read the hall's every entry of it (150 ms at a million cases).
    """
    ranges: list[tuple[tuple[str, str], Any]] = []
    for record, key, field, column, hall_column in _DATED:
        base = select(key, column).where(hall_column == hall_id)
        ranges += [
            ((record, field), base.where(column < EARLIEST_MOMENT)),
            ((record, field), base.where(column >= AFTER_LATEST_MOMENT)),
        ]
    trips = select(Case.case_no, Case.trips).where(Case.hall_id == hall_id)
    ranges += [
        (("办件", "跑动次数"), trips.where(Case.trips < 0)),
        (("办件", "跑动次数"), trips.where(Case.trips > MAX_TRIPS)),
    ]
    # Roster rows dated out of range: never judged, since only plausible days are.
    roster = (
        select(Window.number, RosterEntry.day)
        .join(Window, RosterEntry.window_id == Window.id)
        .where(Window.hall_id == hall_id)
    )
    ranges += [
        (("排班", "日期"), roster.where(RosterEntry.day < EARLIEST)),
        (("排班", "日期"), roster.where(RosterEntry.day > LATEST)),
    ]
    return ranges


def _counts(session: Session, queries: Sequence[Any]) -> list[int]:
    """Each query's row count, in one statement: a healthy hall pays one round of index look-ups."""
    counted = [select(func.count()).select_from(q.subquery()).scalar_subquery() for q in queries]
    row = session.execute(select(*counted)).one()
    return [int(n or 0) for n in row]


def _periods(
    session: Session, hall_id: int, total: int, found: list[Implausible]
) -> tuple[int, list[Implausible]]:
    """Special procedures dated out of range or ending before they start (a small table)."""
    # "+hall_id" is the same test, but one no index serves: SQLite, which keeps no statistics, would
    # otherwise walk the hall's every case to look up its periods instead of reading the few periods.
    unindexed_hall = UnaryExpression(Case.hall_id, operator=operators.custom_op("+"), type_=Integer())
    rows = session.execute(
        select(Case.case_no, SpecialPeriod.start_day, SpecialPeriod.end_day)
        .join(Case, SpecialPeriod.case_id == Case.id)
        .where(
            unindexed_hall == hall_id,
            or_(
                SpecialPeriod.start_day < EARLIEST,
                SpecialPeriod.start_day > LATEST,
                SpecialPeriod.end_day < EARLIEST,
                SpecialPeriod.end_day > LATEST,
                SpecialPeriod.end_day < SpecialPeriod.start_day,
            ),
        )
        .order_by(Case.case_no, SpecialPeriod.start_day)
    ).all()
    for case_no, start, end in rows:
        total += 1
        if len(found) < 50:
            bad_start = not EARLIEST <= start <= LATEST
            field = "特别程序开始日期" if bad_start else "特别程序结束日期"
            found.append(Implausible.of("办件", case_no, field, start if bad_start else end))
    return total, found


def _settings(
    session: Session, hall_id: int, total: int, found: list[Implausible]
) -> tuple[int, list[Implausible]]:
    """Rule settings, current and every saved version, whose numbers no hall could mean."""
    current = dict(
        session.execute(select(Setting.key, Setting.value).where(Setting.hall_id == hall_id)).all()
    )
    seen: set[tuple[str, str]] = set()
    sets: list[tuple[datetime | None, dict[str, str]]] = [(None, current)]
    for effective, values in session.execute(
        select(RuleSettingsVersion.effective_from, RuleSettingsVersion.values).where(
            RuleSettingsVersion.hall_id == hall_id
        )
    ):
        try:
            sets.append((effective, json.loads(values)))
        except ValueError:
            continue  # unreadable: the settings' own loading says so
    for _effective, values in sets:
        if not isinstance(values, dict):
            continue
        for key, raw in implausible_settings({str(k): str(v) for k, v in values.items()}):
            if (key, raw) not in seen:
                seen.add((key, raw))
                total += 1
                found.append(Implausible.of("设置", key, "取值", raw))
    return total, found
