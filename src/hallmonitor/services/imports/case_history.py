"""What a re-imported case row changes, written as a correction (更正) in the case's history.

The queue system's export is sent again when a clerk fixes a case there, so a
changed row is a correction like one made in the case dialog: the same event
(services.cases.record_correction), with each column's value before and after
as the file names it, the reason 重新导入 <file>, and the rules judging again
from the earliest day the old or new values touch. The due date follows a
moved receipt or item at once, as the form's _refresh_due does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CaseType
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.reports.imports import Record
from hallmonitor.services.cases import case_due_date, record_correction, special_periods_of
from hallmonitor.storage.models import Case, Item

__all__ = ["CASE_FIELD_TITLES", "CaseCorrections", "imported_again"]

#: Case attributes by the column of the case file that sets them: the names a correction records.
CASE_FIELD_TITLES = {
    "window_id": "窗口号",
    "item_id": "事项编码",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人",
    "applicant_id_display": "证件号码",
    "applicant_id_hash": "证件号码",
    "received_at": "受理时间",
    "received_by_id": "受理人工号",
    "status": "办件状态",
    "approved_by_id": "审批人工号",
    "approved_at": "审批时间",
    "approval_place": "审批地点",
    "completed_at": "办结时间",
    "trips": "跑动次数",
    "bundle_key": "一件事编号",
}


def imported_again(file: str) -> str:
    """The reason a re-imported row's change carries in the case's history."""
    return say("Imported again from {file}", file=file)


class CaseCorrections:
    """Turns the updated rows of one import into 更正 events, with ids shown as the numbers people use."""

    def __init__(
        self,
        session: Session,
        hall_id: int,
        path: Path,
        calendar: WorkCalendar,
        numbers: Mapping[str, Mapping[str, int]],
    ) -> None:
        self.path = path
        self.calendar = calendar
        self.shown: dict[str, dict[int, str]] = {
            attr: {id_: number for number, id_ in numbers[kind].items()}
            for attr, kind in (
                ("window_id", "windows"),
                ("item_id", "items"),
                ("received_by_id", "staff"),
                ("approved_by_id", "staff"),
            )
        }
        self.limits: dict[int, tuple[CaseType, int]] = {
            item_id: (case_type, days)
            for item_id, case_type, days in session.execute(
                select(Item.id, Item.case_type, Item.promised_days).where(Item.hall_id == hall_id)
            )
        }

    def _value(self, attr: str, value: Any) -> Any:
        if value is not None and attr in self.shown:
            return self.shown[attr].get(value, str(value))
        return value

    def record(
        self,
        session: Session,
        updated: Sequence[tuple[int, Record, list[str]]],
        stored: Mapping[int, Mapping[str, Any]],
        *,
        actor: str,
        at: datetime,
    ) -> None:
        periods = special_periods_of(session, [case_id for case_id, _rec, _attrs in updated])
        reason = imported_again(self.path.name)
        for case_id, rec, attrs in updated:
            case = session.get(Case, case_id)
            assert case is not None
            before = stored[case_id]
            changes: dict[str, tuple[Any, Any]] = {}
            for attr in attrs:
                if attr == "applicant_id_hash" and "applicant_id_display" in attrs:
                    continue  # one column, 证件号码: its shown form says it
                shown_attr = "applicant_id_display" if attr == "applicant_id_hash" else attr
                changes[CASE_FIELD_TITLES[attr]] = (
                    self._value(shown_attr, before[shown_attr]),
                    self._value(shown_attr, getattr(case, shown_attr)),
                )
            event = record_correction(session, case, changes, reason, actor=actor, at=at)
            event.note += say(" (file {file}, row {row})", file=self.path.name, row=rec.row)
            if {"received_at", "item_id"} & set(attrs) or case.due_date is None:
                case_type, days = self.limits[case.item_id]
                case.due_date = case_due_date(
                    self.calendar,
                    case.received_at,
                    case_type,
                    days,
                    periods.get(case_id, ()),
                    case.completed_at,
                )
