"""A day's check: run the rules as of that day and gather what a supervisor must see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import and_, or_, select

from hallmonitor.domain.enums import AlertState, CaseStatus
from hallmonitor.domain.staffing import SessionStaffing
from hallmonitor.services.front_shop import FlagRow, list_flags
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.services.rules.engine import RunSummary, run_rules
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import Alert, Case, Item, Window


@dataclass(frozen=True, slots=True)
class AlertLine:
    alert_id: int
    kind: str
    level: str
    state: str
    window_no: str
    summary: str
    deadline: date | None
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class LateCase:
    case_no: str
    window_no: str
    item_name: str
    due: date
    completed: datetime | None
    due_today: bool


@dataclass
class DayCheck:
    day: date
    as_of: datetime
    is_workday: bool
    calendar_warning: str | None
    staffing: list[SessionStaffing] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    late_cases: list[LateCase] = field(default_factory=list)
    alerts: list[AlertLine] = field(default_factory=list)
    run: RunSummary | None = None

    @property
    def violations(self) -> list[SessionStaffing]:
        return [s for s in self.staffing if s.verdict.is_violation]


def check_day(ctx: HallContext, day: date, *, now: datetime | None = None) -> DayCheck:
    """Run the rules as of the end of ``day`` (or ``now`` when that is earlier) and report the day."""
    now = now or datetime.now()
    as_of = (
        min(datetime.combine(day, time(23, 59, 59)), now)
        if day >= now.date()
        else datetime.combine(day, time(23, 59, 59))
    )
    calendar = load_calendar(ctx)
    result = DayCheck(day, as_of, calendar.is_workday(day), calendar.warning_for([day.year]))
    result.run = run_rules(ctx, as_of)
    result.staffing = judge_range(ctx, day, day, calendar)
    result.flags = list_flags(ctx, approved_on=day)
    with ctx.db.session() as session:
        rows = session.execute(
            select(Case.case_no, Window.number, Item.name, Case.due_date, Case.completed_at)
            .join(Window, Case.window_id == Window.id)
            .join(Item, Case.item_id == Item.id)
            .where(
                Case.hall_id == ctx.hall_id,
                Case.due_date.is_not(None),
                Case.received_at <= as_of,
                or_(
                    and_(
                        Case.completed_at.is_(None),
                        Case.status.not_in([CaseStatus.REFUSED, CaseStatus.RETURNED]),
                        Case.due_date <= day,
                    ),
                    and_(
                        Case.completed_at >= datetime.combine(day, time.min),
                        Case.completed_at <= as_of,
                        Case.due_date < day,
                    ),
                ),
            )
            .order_by(Case.due_date, Case.case_no)
        ).all()
        result.late_cases = [LateCase(n, w, i, d, c, c is None and d == day) for n, w, i, d, c in rows]
        alerts = session.execute(
            select(Alert, Window.number)
            .outerjoin(Window, Alert.window_id == Window.id)
            .where(
                Alert.hall_id == ctx.hall_id,
                Alert.raised_at <= as_of,
                or_(Alert.closed_at.is_(None), Alert.closed_at >= datetime.combine(day, time.min)),
            )
            .order_by(Alert.raised_at, Alert.id)
        ).all()
        result.alerts = [
            AlertLine(
                a.id,
                a.kind.value,
                a.level.value,
                a.state.value,
                number or "",
                a.summary,
                a.deadline,
                a.raised_at,
            )
            for a, number in alerts
            if a.state is not AlertState.REVOKED
        ]
    return result
