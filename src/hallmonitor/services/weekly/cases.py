"""The week's cases as they stood at the end of the week: 办件明细, 超时办件 and per-department counts.

Every query is bounded by the week in SQL (received, approved or completed in
it, or still open at its end), so a hall with years of cases only reads the
week's; see weekly_span for how later facts are set aside.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from hallmonitor.domain.deadlines import DeadlineReport
from hallmonitor.domain.enums import ApprovalPlace, CaseStatus, CaseType, DeadlineState, FlagState
from hallmonitor.domain.indicators import CaseFacts
from hallmonitor.domain.plausible import Implausible, deadline_problem, trips_ok
from hallmonitor.reports.weekly import VOIDED_STATUS, CaseRow, OverdueRow
from hallmonitor.services.cases import special_periods_of
from hallmonitor.services.weekly.front_shop import flags_as_of
from hallmonitor.services.weekly.span import Span, assess, periods_as_of, running_on, status_at
from hallmonitor.storage.models import Case, Department, Item, Window

PAUSED = "暂停计时"
DONE_ON_TIME = "按时办结"
#: 时限状态 of a case whose deadline counts from an implausible fact: not judged, and named in 概览.
IMPLAUSIBLE = "数据异常"
ON_TIME = DeadlineState.ON_TIME.value


@dataclass
class WeekCases:
    rows: list[CaseRow]
    #: For the core indicators: the week's cases and every case a bundle finished this week needs.
    facts: list[CaseFacts]
    #: Cases received in the week and voided since: listed as 作废, counted nowhere.
    voided: list[CaseRow]
    #: Facts left out of the judgement because they are implausible (see domain.plausible).
    skipped: list[Implausible] = field(default_factory=list)


def case_rows(session: Session, hall_id: int, span: Span) -> WeekCases:
    """Cases received in the week, as they stood at its end; personal ID numbers come masked from storage."""
    received = span.within(Case.received_at)
    query = (
        select(
            Case.id,
            Case.case_no,
            Window.number,
            Department.name.label("department"),
            Item.code,
            Item.name.label("item_name"),
            Item.case_type,
            Item.promised_days,
            Item.category,
            Case.applicant_type,
            Case.applicant_name,
            Case.applicant_id_display,
            Case.received_at,
            Case.completed_at,
            Case.status,
            Case.trips,
            Case.approval_place,
            Case.approved_at,
            Case.bundle_key,
            Case.voided_at,
            Case.void_reason,
        )
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .where(Case.hall_id == hall_id, received)
        .order_by(Case.received_at, Case.case_no)
    )
    records = session.execute(query).all()
    periods = special_periods_of(session, [r.id for r in records])
    flags = flags_as_of(session, and_(Case.hall_id == hall_id, received), span.as_of)
    next_workday = span.calendar.next_working_day(span.day)
    rows: list[CaseRow] = []
    facts: list[CaseFacts] = []
    voided: list[CaseRow] = []
    skipped: list[Implausible] = []
    for r in records:
        if r.voided_at is not None:
            voided.append(_voided_row(r))
            continue
        if not trips_ok(r.trips):
            skipped.append(Implausible.of("办件", r.case_no, "跑动次数", r.trips))
        problem = deadline_problem(
            r.received_at, r.case_type, r.promised_days, r.completed_at, periods.get(r.id, ())
        )
        if problem is not None:
            field_name, value = problem
            # An item's limit is the item's fault, named once however many cases it has.
            record, key = ("事项", r.code) if field_name == "承诺时限" else ("办件", r.case_no)
            skipped.append(Implausible.of(record, key, field_name, value))
            rows.append(_unjudged_row(r, span))
            continue
        known = periods_as_of(periods.get(r.id, ()), span.day)
        report = assess(span, r.received_at, r.case_type, r.promised_days, r.completed_at, known)
        status = status_at(r.status, r.completed_at, running_on(known, span.day), span.as_of)
        approved = r.approved_at is not None and r.approved_at <= span.as_of
        flag = flags.get(r.id)
        front_shop = approved and flag is not None and flag.state is not FlagState.DISMISSED
        overdue = report.state is DeadlineState.OVERDUE
        done = span.done(r.completed_at)
        rows.append(
            CaseRow(
                case_no=r.case_no,
                window_no=r.number,
                department=r.department,
                item_code=r.code,
                item_name=r.item_name,
                applicant_type=r.applicant_type.value,
                applicant=r.applicant_name,
                applicant_id=r.applicant_id_display,
                received_at=r.received_at,
                completed_at=r.completed_at if done is not None else None,
                status=status.value,
                trips=r.trips,
                limit_days=0 if r.case_type is CaseType.IMMEDIATE else r.promised_days,
                working_days_used=report.working_days_used,
                overdue=overdue,
                approval_place=r.approval_place.value
                if r.approval_place and (approved or r.approved_at is None)
                else "",
                front_shop=front_shop,
                case_type=r.case_type.value,
                due=report.due,
                deadline_state=_deadline_state(report, done, next_workday),
                approved_at=r.approved_at if approved else None,
                calendar_days_used=report.calendar_days_used,
                bundle_key=r.bundle_key or "",
            )
        )
        facts.append(
            CaseFacts(
                r.case_no,
                r.category,
                r.bundle_key,
                r.received_at.date(),
                done,
                r.trips if trips_ok(r.trips) else None,
                status is CaseStatus.COMPLETED,
            )
        )
    return WeekCases(rows, facts, voided, skipped)


def _unjudged_row(r, span: Span) -> CaseRow:  # type: ignore[no-untyped-def]
    """A case whose deadline counts from an implausible fact: listed as entered, its deadline not judged."""
    done = span.done(r.completed_at)
    approved = r.approved_at is not None and r.approved_at <= span.as_of
    return replace(
        _voided_row(r),
        completed_at=r.completed_at if done is not None else None,
        status=status_at(r.status, r.completed_at, False, span.as_of).value,
        approval_place=r.approval_place.value if r.approval_place and approved else "",
        approved_at=r.approved_at if approved else None,
        deadline_state=IMPLAUSIBLE,
        void_reason="",
    )


def _voided_row(r) -> CaseRow:  # type: ignore[no-untyped-def]
    """A voided case as 办件明细 lists it: what was entered, 作废 and why, nothing judged."""
    return CaseRow(
        case_no=r.case_no,
        window_no=r.number,
        department=r.department,
        item_code=r.code,
        item_name=r.item_name,
        applicant_type=r.applicant_type.value,
        applicant=r.applicant_name,
        applicant_id=r.applicant_id_display,
        received_at=r.received_at,
        completed_at=None,
        status=VOIDED_STATUS,
        trips=r.trips,
        limit_days=0 if r.case_type is CaseType.IMMEDIATE else r.promised_days,
        working_days_used=0,
        overdue=False,
        approval_place="",
        front_shop=False,
        case_type=r.case_type.value,
        due=None,
        deadline_state="",
        approved_at=None,
        calendar_days_used=0,
        bundle_key=r.bundle_key or "",
        void_reason=r.void_reason or VOIDED_STATUS,
    )


def _deadline_state(report: DeadlineReport, done: date | None, next_workday: date) -> str:
    if report.state is DeadlineState.OVERDUE:
        return DeadlineState.OVERDUE.value
    if done is not None:
        return DONE_ON_TIME
    if report.due is None:
        return PAUSED
    if report.due <= next_workday:
        return DeadlineState.DUE_TODAY.value
    return ON_TIME


def on_site_done(row: CaseRow) -> bool:
    """现场办结: completed by the end of the week, approved at the window, and not a 前店后厂 case."""
    return (
        row.status == CaseStatus.COMPLETED.value
        and row.approval_place == ApprovalPlace.WINDOW.value
        and not row.front_shop
    )


@dataclass
class Handled:
    """The week's 经办件: how many per approving department, and those overdue at its end."""

    by_department: dict[str, int]
    overdue: list[OverdueRow]


def handled_cases(session: Session, span: Span) -> Handled:
    """Cases received or completed in the week or still open at its end, counted, and the overdue ones.

    The population is counted in SQL; only the cases whose stored due date is before the week's last
    day (the candidates: a third of a big hall's population is not) are read, and the domain judges
    them with the special procedures known at the end of the week.
    """
    handled = span.handled()
    by_department = session.execute(
        select(Department.name, func.count(Case.id))
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .where(handled)
        .group_by(Department.name)
    ).all()
    candidates = session.execute(
        select(
            Case.id,
            Case.case_no,
            Window.number,
            Department.name.label("department"),
            Item.name.label("item_name"),
            Item.case_type,
            Item.promised_days,
            Case.received_at,
            Case.completed_at,
            Case.status,
        )
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .where(handled, Case.due_date.is_not(None), Case.due_date < span.day)
    ).all()
    periods = special_periods_of(session, [r.id for r in candidates])
    rows = []
    for r in candidates:
        if deadline_problem(
            r.received_at, r.case_type, r.promised_days, r.completed_at, periods.get(r.id, ())
        ):
            continue  # its stored due date is a leftover: 办件明细 shows it as 数据异常
        known = periods_as_of(periods.get(r.id, ()), span.day)
        report = assess(span, r.received_at, r.case_type, r.promised_days, r.completed_at, known)
        if report.state is not DeadlineState.OVERDUE or report.due is None:
            continue
        rows.append(
            OverdueRow(
                r.case_no,
                r.number,
                r.department,
                r.item_name,
                r.received_at,
                report.due,
                r.completed_at if span.done(r.completed_at) else None,
                report.overdue_working_days,
                status_at(r.status, r.completed_at, running_on(known, span.day), span.as_of).value,
            )
        )
    rows.sort(key=lambda o: (o.due, o.case_no))
    return Handled({name: count for name, count in by_department}, rows)


def counts_by_department(session: Session, condition: ColumnElement[bool]) -> dict[str, int]:
    """Cases of a Span population (``condition``) per approving department (the item's), counted in SQL."""
    rows = session.execute(
        select(Department.name, func.count(Case.id))
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .where(condition)
        .group_by(Department.name)
    ).all()
    return {name: count for name, count in rows}
