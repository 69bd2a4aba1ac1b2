"""What a stored fact may plausibly hold, and how a fact outside it is named to the supervisor.

The edges (imports, the case form) refuse a 受理时间 of 9999-12-31 or a 承诺时限
of 3,000,000 working days, but a value can still reach the database by other
ways: an older version's import, another program writing to a shared
database, an old backup restored, the file edited by hand. Counting working
days from such a value either fails (the calendar ends in 9999) or takes
minutes (year 1 onwards), and one such row would stop every check and report
of the hall. So whoever does arithmetic on stored facts first asks here; a
fact outside the range is left out of the judgement and named in one line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from hallmonitor.domain.enums import CaseType
from hallmonitor.domain.texts import say

__all__ = [
    "AFTER_LATEST_MOMENT",
    "EARLIEST",
    "EARLIEST_MOMENT",
    "LATEST",
    "LATEST_DUE",
    "MAX_LIMIT_DAYS",
    "MAX_TRIPS",
    "Implausible",
    "day_ok",
    "deadline_problem",
    "limit_ok",
    "moment_ok",
    "quoted",
    "shown",
    "skipped_sentence",
    "trips_ok",
]

#: Days a hall's records can plausibly fall on (the same range the imports and the case form accept).
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
#: A due date may lie after the last plausible receipt by the longest plausible limit (3,650
#: working days, about fifteen years) and a special procedure's pause.
LATEST_DUE = date(2119, 12, 31)
#: Working days a time limit may plausibly hold (ten years of calendar days).
MAX_LIMIT_DAYS = 3650
#: Trips an applicant can plausibly have made for one case.
MAX_TRIPS = 99

#: Start of the first and end of the last plausible day, for comparing stored moments.
EARLIEST_MOMENT = datetime.combine(EARLIEST, time.min)
AFTER_LATEST_MOMENT = datetime(LATEST.year + 1, 1, 1)

#: How much of a stored key or value a line quotes: a 100,000-character case number must not
#: become a 100,000-character message.
_QUOTED = 40
#: Examples a one-line summary names before it says how many more there are.
_NAMED = 3


def day_ok(day: date | None) -> bool:
    """A missing day is not implausible: the model says where one may be missing."""
    if day is None:
        return True
    if isinstance(day, datetime):
        day = day.date()
    return EARLIEST <= day <= LATEST


def moment_ok(moment: datetime | None) -> bool:
    return moment is None or EARLIEST_MOMENT <= moment < AFTER_LATEST_MOMENT


def limit_ok(days: int | None) -> bool:
    return days is None or 0 <= days <= MAX_LIMIT_DAYS


def trips_ok(trips: int | None) -> bool:
    return trips is None or 0 <= trips <= MAX_TRIPS


def deadline_problem(
    received: datetime,
    case_type: CaseType,
    promised_days: int,
    completed: datetime | None = None,
    periods: Iterable[tuple[date, date | None]] = (),
) -> tuple[str, object] | None:
    """The first fact a case's deadline would be counted from that is implausible: (field, value).

    None when the deadline can be worked out. A special procedure ending before
    it starts is implausible too: the deadline rules refuse it rather than guess
    which day is wrong. (A completion before the receipt is only a typo of
    one of the two; whoever judges it counts it as finished on the day it came in.)
    """
    if not moment_ok(received):
        return "受理时间", received
    if case_type is not CaseType.IMMEDIATE and not limit_ok(promised_days):
        return "承诺时限", promised_days
    if not moment_ok(completed):
        return "办结时间", completed
    for start, end in periods:
        if not day_ok(start):
            return "特别程序开始日期", start
        if not day_ok(end):
            return "特别程序结束日期", end
        if end is not None and end < start:
            return "特别程序结束日期", end
    return None


@dataclass(frozen=True, slots=True, order=True)
class Implausible:
    """One stored fact left out of the judgement: which record, which field, what it holds."""

    #: 办件, 事项, 反映, 设置…
    record: str
    #: The record's key as the hall knows it (办件编号, 事项编码, 反映编号…).
    key: str
    #: The field's name as the forms and files call it.
    field: str
    value: str

    @classmethod
    def of(cls, record: str, key: object, field: str, value: object) -> Implausible:
        return cls(record, quoted(key), field, shown(value))

    def __str__(self) -> str:
        return f"{self.record} {self.key} {self.field} {self.value}"


def shown(value: object) -> str:
    """A stored value as a line shows it: dates as the hall writes them, everything bounded."""
    if value is None:
        return say("(empty)")
    # isoformat, not strftime: strftime writes the year 1 as "1", not "0001".
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return quoted(value)


def quoted(value: object) -> str:
    """Control characters escaped (a newline must not start a second line) and at most 40 characters."""
    text = "".join(_escaped(ch) for ch in str(value))
    if len(text) <= _QUOTED:
        return text
    return say("{start}… ({count} characters)", start=text[:_QUOTED], count=len(text))


def _escaped(ch: str) -> str:
    if unicodedata.category(ch)[0] != "C":
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def skipped_sentence(
    found: Sequence[Implausible], total: int | None = None, *, named: int = _NAMED
) -> str | None:
    """One line naming the first ``named`` of what was left out, or None when nothing was.

    ``total`` counts every such record when ``found`` holds only the first few of them.
    """
    if not found:
        return None
    count = max(total or 0, len(found))
    names = say("; ").join(str(f) for f in found[:named])
    if count > named:
        names = say("{names} and others, {count} in all", names=names, count=count)
    return say(
        "{count} records hold values outside the plausible range and were left out: {names}. "
        "Check and correct these records.",
        count=count,
        names=names,
    )
