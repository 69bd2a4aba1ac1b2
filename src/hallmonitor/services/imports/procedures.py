"""The special-procedure file (特别程序): periods that stop a case's clock, for cases already in.

A row is one period of one case, matched to a stored period of that case by
its start date, so the file a department keeps and sends again every week
changes nothing the second time; a later end date or 说明 updates the period.
It checks what the case dialog checks when a clerk adds a period by hand,
and, like the dialog, moves the case's due date and status and records the
change in the case's history.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.reports.imports import Record
from hallmonitor.services.cases import case_due_date
from hallmonitor.services.hall import facts_changed, load_calendar
from hallmonitor.services.imports.case_history import imported_again
from hallmonitor.services.imports.kinds import IN_CHUNK, Key, KindImporter, chunked
from hallmonitor.storage.models import Case, CaseEvent, Item, SpecialPeriod

__all__ = ["ProcedureImporter"]

ACTION = "特别程序"


@dataclass(frozen=True, slots=True)
class _Case:
    id: int
    received_at: datetime
    status: CaseStatus
    voided: bool


@dataclass(frozen=True, slots=True)
class _Period:
    """A period as it will stand after the import; ``row`` is the file's row, None for a stored one."""

    start: date
    end: date | None
    row: int | None

    def overlaps(self, other: _Period) -> bool:
        return self.start <= (other.end or date.max) and other.start <= (self.end or date.max)

    @property
    def span(self) -> str:
        return _span(self.start, self.end)


def _span(start: date, end: date | None) -> str:
    # The case dialog's words for a period, so the history reads the same whichever way it came.
    if end:
        return say("{start} to {end}", start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}")
    return say("from {start}", start=f"{start:%Y-%m-%d}")


class ProcedureImporter(KindImporter):
    model = SpecialPeriod
    key_attrs = ("case_id", "start_day")
    value_attrs = ("end_day", "reason")
    #: The rules judge again from each touched case's receipt (after_write); the pipeline from the start.
    dated_by = "start_day"
    hall_scoped = False
    wants_new_ids = True

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self.calendar: WorkCalendar = load_calendar(self.ctx)
        wanted = sorted({rec["case_no"] for rec in records if rec["case_no"]})
        self.cases: dict[str, _Case] = {}
        for chunk in chunked(wanted, IN_CHUNK):
            rows = session.execute(
                select(Case.case_no, Case.id, Case.received_at, Case.status, Case.voided_at).where(
                    Case.hall_id == self.ctx.hall_id, Case.case_no.in_(chunk)
                )
            )
            for case_no, case_id, received_at, status, voided_at in rows:
                self.cases[case_no] = _Case(case_id, received_at, status, voided_at is not None)
        #: Stored periods by case id and start day: (end, reason), the "before" of every change.
        self.stored: dict[int, dict[date, tuple[date | None, str]]] = defaultdict(dict)
        ids = [c.id for c in self.cases.values()]
        for chunk in chunked(ids, IN_CHUNK):
            rows = session.execute(
                select(
                    SpecialPeriod.case_id,
                    SpecialPeriod.start_day,
                    SpecialPeriod.end_day,
                    SpecialPeriod.reason,
                ).where(SpecialPeriod.case_id.in_(chunk))
            )
            for case_id, start, end, reason in rows:
                self.stored[case_id][start] = (end, reason)
        # Every case's periods as they will stand, so a row is judged against the others and the store.
        self.planned: dict[int, dict[date, _Period]] = defaultdict(dict)
        for case_id, periods in self.stored.items():
            for start, (end, _reason) in periods.items():
                self.planned[case_id][start] = _Period(start, end, None)
        for rec in records:
            case = self.cases.get(rec["case_no"])
            if case is not None and rec["start_day"] is not None:
                self.planned[case.id][rec["start_day"]] = _Period(
                    rec["start_day"], self._end(case, rec), rec.row
                )

    def _end(self, case: _Case, rec: Record) -> date | None:
        """The row's end date; a file without the column keeps the stored period's end."""
        if self.binding.present("end_day"):
            return rec["end_day"]
        stored = self.stored.get(case.id, {}).get(rec["start_day"])
        return stored[0] if stored else None

    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        case_no, start = rec["case_no"], rec["start_day"]
        if not case_no:
            return
        case = self.cases.get(case_no)
        if case is None:
            yield (
                "case_no",
                say("there is no case numbered {case_no} (import or enter the case first)", case_no=case_no),
            )
            return
        if case.voided:
            yield (
                "case_no",
                say("case {case_no} is voided: no special procedure can be entered for it", case_no=case_no),
            )
            return
        if start is None:
            return
        received = case.received_at.date()
        if start < received:
            yield (
                "start_day",
                say(
                    "a special procedure cannot start before the day of receipt, {received}",
                    received=f"{received:%Y-%m-%d}",
                ),
            )
        end = self._end(case, rec)
        if end is None and case.status.is_finished:
            yield (
                "end_day",
                say(
                    "case {case_no} is already “{status}”: only a special procedure that has ended can be added; "
                    "fill in the end date",
                    case_no=case_no,
                    status=case.status.value,
                ),
            )
        if end is not None and end < start:
            return  # the row's own check has said so
        this = _Period(start, end, rec.row)
        for other in sorted(self.planned[case.id].values(), key=lambda p: p.start):
            if other.start != start and this.overlaps(other):
                if other.row is not None:
                    overlap = say(
                        "overlaps the special procedure in row {row} ({span})", row=other.row, span=other.span
                    )
                else:
                    overlap = say(
                        "overlaps a special procedure the case already has ({span})", span=other.span
                    )
                yield "start_day", overlap
                break

    def key(self, rec: Record) -> Key:
        return (self.cases[rec["case_no"]].id, rec["start_day"])

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        return {
            "case_id": self.cases[rec["case_no"]].id,
            "start_day": rec["start_day"],
            "reason": rec["reason"],
            **self._present([("end_day", "end_day", rec["end_day"])]),
        }

    def after_write(
        self,
        session: Session,
        inserted: Sequence[tuple[int, Record]],
        updated: Sequence[tuple[int, Record, list[str]]],
    ) -> None:
        """Each change in the case's history, then the case's status and due date, as the dialog does."""
        actor = self.ctx.actor.name
        events: list[dict[str, Any]] = []
        touched: set[int] = set()
        for _period_id, rec in inserted:
            case_id = self.cases[rec["case_no"]].id
            touched.add(case_id)
            span = _span(rec["start_day"], self._end(self.cases[rec["case_no"]], rec))
            note = self._note(span, rec)
            events.append(
                {"case_id": case_id, "at": self.now, "actor": actor, "action": ACTION, "note": note}
            )
        for _period_id, rec, _attrs in updated:
            case = self.cases[rec["case_no"]]
            touched.add(case.id)
            before_end, before_reason = self.stored[case.id][rec["start_day"]]
            after_end = self._end(case, rec)
            changes = {}
            if before_end != after_end:
                changes["结束日期"] = [_day(before_end), _day(after_end)]
            if before_reason != rec["reason"]:
                changes["说明"] = [before_reason, rec["reason"]]
            note = self._note(_span(rec["start_day"], after_end), rec)
            events.append(
                {
                    "case_id": case.id,
                    "at": self.now,
                    "actor": actor,
                    "action": ACTION,
                    "note": note,
                    "reason": imported_again(self.path.name),
                    "changes": json.dumps(changes, ensure_ascii=False),
                }
            )
        if events:
            session.execute(
                CaseEvent.__table__.insert(), [{"reason": "", "changes": "", **e} for e in events]
            )
        for case_id in sorted(touched):
            self._refresh(session, case_id)

    def _note(self, span: str, rec: Record) -> str:
        return say(
            "{span}; {reason} (file {file}, row {row})",
            span=span,
            reason=rec["reason"],
            file=self.path.name,
            row=rec.row,
        )

    def _refresh(self, session: Session, case_id: int) -> None:
        case = session.get(Case, case_id)
        assert case is not None
        session.refresh(case, ["special_periods"])
        periods = [(p.start_day, p.end_day) for p in case.special_periods]
        if not case.status.is_finished:
            if any(end is None for _start, end in periods):
                case.status = CaseStatus.SPECIAL_PROCEDURE
            elif case.status is CaseStatus.SPECIAL_PROCEDURE:
                case.status = CaseStatus.ACCEPTED
        item = session.get(Item, case.item_id)
        assert item is not None
        case.due_date = case_due_date(
            self.calendar, case.received_at, item.case_type, item.promised_days, periods, case.completed_at
        )
        facts_changed(session, case.hall_id, case.received_at)


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""
