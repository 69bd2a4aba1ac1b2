"""The demo hall: realistic, reproducible data to try the app on and to show it.

A supervisor judging the app needs to see it find things, so the demo holds
every kind of violation the rules look for, placed on known windows and days
(``DemoSummary.notes``), amid mostly compliant everyday work. Everything
follows from the seed and ``today`` alone, never from the clock, so the same
pair gives the same rows for screenshots and tests. Only raw records are
written (rosters, attendance, cases, complaints); flags and alerts are left to
the rules engine, which must find them in demo data exactly as in real data.
The engine runs in the demo's own transaction: a demo hall killed half-way is
no demo hall at all, never one without its alerts (see ``demo.finishing``).
The one thing that differs between two builds is the keyed hash of applicant
IDs: its key is a fresh secret of each database, as for any hall.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session as DbSession

from hallmonitor.demo.cases import CaseDraft
from hallmonitor.demo.hall import DEPARTMENTS, HALL_CODE, HALL_NAME, WINDOWS
from hallmonitor.demo.planner import DemoPlan, plan_demo
from hallmonitor.domain.deadlines import due_date
from hallmonitor.domain.enums import AlertLevel, CaseStatus, WindowState
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import CalendarOverride, WorkCalendar
from hallmonitor.services.cases import applicant_identity
from hallmonitor.services.hall import (
    ServiceError,
    ensure_hash_key,
    ensure_mark,
    make_hall_key,
    take_new_hall_key,
)
from hallmonitor.services.rules import RunSummary, run_rules
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import (
    CalendarOverrideRow,
    Case,
    CaseEvent,
    Complaint,
    Department,
    Hall,
    Item,
    RosterEntry,
    Setting,
    SpecialPeriod,
    Staff,
    Window,
)

__all__ = ["NOT_EMPTY", "DemoSummary", "Judged", "build_demo", "judge_demo", "judging_moment"]

NOT_EMPTY = "数据库中已有大厅数据，演示数据只能写入空数据库。请用 --db 指定新的数据库文件。"
MIN_WORKING_DAYS = 5
_CHUNK = 5000


@dataclass(frozen=True)
class DemoSummary:
    hall_code: str
    hall_name: str
    departments: int
    windows: int
    windows_in_service: int
    staff: int
    items: int
    roster_rows: int
    cases: int
    complaints: int
    first_day: date
    last_day: date
    working_days: int
    #: The last full working day, which carries a violation of every kind.
    showcase_day: date
    #: What was planted where, one Chinese sentence each, for demonstrations and tests.
    notes: tuple[str, ...] = ()
    #: What the rules found, in the same transaction as the records.
    judged: Judged | None = None

    def __str__(self) -> str:
        return (
            f"已创建演示大厅 {self.hall_code} {self.hall_name}：\n"
            f"  部门 {self.departments} 个，窗口 {self.windows} 个（在用 {self.windows_in_service} 个），"
            f"工作人员 {self.staff} 名，事项 {self.items} 项；\n"
            f"  排班 {self.roster_rows} 条，办件 {self.cases} 件，办不成事反映 {self.complaints} 件；\n"
            f"  日期 {self.first_day.isoformat()} 至 {self.last_day.isoformat()}，"
            f"共 {self.working_days} 个工作日。\n"
            f"  各类问题集中在 {self.showcase_day.isoformat()}，"
            f"可运行 hallmonitor check --date {self.showcase_day.isoformat()} 查看。"
        )


@dataclass(frozen=True)
class Judged:
    """The rules' first run over the demo hall."""

    as_of: datetime
    new_flags: int
    new_alerts: int
    closures: int

    def __str__(self) -> str:
        return (
            f"已按 {self.as_of:%Y-%m-%d %H:%M} 检查规则：前店后厂标记 {self.new_flags} 件，"
            f"预警 {self.new_alerts} 条，其中升级为建议临时关闭 {self.closures} 条。"
        )


def judging_moment(today: date) -> datetime:
    """The demo is judged up to now when it ends today, else at the end of its last working day."""
    now = datetime.now()
    return now.replace(microsecond=0) if today == now.date() else datetime.combine(today, time(17, 30))


def judge_demo(db: Database, as_of: datetime) -> Judged:
    """Run the rules over the demo hall up to ``as_of``, inside the caller's transaction if one is open."""
    from hallmonitor.services.hall import hall_context

    run: RunSummary = run_rules(hall_context(db), as_of)
    closures = sum(1 for c in run.changes if c.level is AlertLevel.SUGGEST_CLOSURE)
    return Judged(as_of, run.new_flags, len(run.new_alerts), closures)


def build_demo(
    db: Database, *, seed: int = 2026, today: date, weeks: int = 6, as_of: datetime | None = None
) -> DemoSummary:
    """Fill an empty database with the demo hall and judge it, in one transaction.

    Refuses a database that already holds a hall: the demo invents people and
    violations, and mixing them into a real hall's records would be worse
    than useless. The rules judge up to ``as_of`` (``judging_moment`` by
    default) before anything commits. No rules lock is needed on PostgreSQL:
    until the transaction commits, no other PC can see the hall to judge it.
    """
    if not 1 <= weeks <= 52:
        raise ServiceError(say("A demo hall has between 1 and 52 weeks of data."))
    make_hall_key(db)  # the demo's own key, kept beside it like any hall's; nobody needs to write it down
    take_new_hall_key(db)
    with db.transaction() as session:
        if session.scalar(select(Hall.id).limit(1)) is not None:
            raise ServiceError(NOT_EMPTY)
        overrides = [
            CalendarOverride(r.day, r.is_workday, r.note, r.source)
            for r in session.scalars(select(CalendarOverrideRow))
        ]
        calendar = WorkCalendar(overrides)
        first = today - timedelta(days=7 * weeks - 1)
        workdays = calendar.working_days_in(first, today)
        if len(workdays) < MIN_WORKING_DAYS:
            raise ServiceError(
                f"演示数据的时间范围内只有 {len(workdays)} 个工作日，至少需要 {MIN_WORKING_DAYS} 个，请增大 --weeks。"
            )
        plan = plan_demo(random.Random(seed), calendar, today, workdays)
        _Writer(session, calendar).write(plan, first)
        judged = judge_demo(db, as_of or judging_moment(today))
        return DemoSummary(
            hall_code=HALL_CODE,
            hall_name=HALL_NAME,
            departments=len(DEPARTMENTS),
            windows=len(WINDOWS),
            windows_in_service=sum(1 for w in WINDOWS if w.in_service),
            staff=len(plan.staff),
            items=len(plan.items),
            roster_rows=len(plan.roster),
            cases=len(plan.cases),
            complaints=len(plan.complaints),
            first_day=first,
            last_day=today,
            working_days=len(workdays),
            showcase_day=plan.showcase,
            notes=tuple(plan.notes),
            judged=judged,
        )


class _Writer:
    """Bulk inserts of a plan; keys (window number, 工号, item code, case number) become ids here."""

    def __init__(self, session: DbSession, calendar: WorkCalendar) -> None:
        self.s = session
        self.cal = calendar

    def _insert(self, model: type[Any], rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), _CHUNK):
            self.s.execute(insert(model), rows[start : start + _CHUNK])

    def write(self, plan: DemoPlan, first: date) -> None:
        hall = Hall(code=HALL_CODE, name=HALL_NAME, created_at=datetime.combine(first, time(8, 0)))
        self.s.add(hall)
        self.s.flush()
        hall_id = hall.id
        # The defaults init_hall writes, repeated here so the demo stays one transaction.
        settings = RuleSettings().to_strings()
        self._insert(Setting, [{"hall_id": hall_id, "key": k, "value": v} for k, v in settings.items()])
        ensure_hash_key(self.s)
        ensure_mark(self.s, hall_id)  # nothing judged yet: the first rules run judges everything

        self._insert(Department, [{"hall_id": hall_id, "name": name} for name, _ in DEPARTMENTS])
        depts = self._ids(select(Department.name, Department.id).where(Department.hall_id == hall_id))
        self._insert(
            Window,
            [
                {
                    "hall_id": hall_id,
                    "number": w.number,
                    "name": w.name,
                    "department_id": depts[w.department],
                    "kind": w.kind,
                    "state": WindowState.OPEN if w.in_service else WindowState.OUT_OF_SERVICE,
                    "zone": w.zone,
                    "grid_row": w.row,
                    "grid_col": w.col,
                    "created_at": hall.created_at,
                }
                for w in WINDOWS
            ],
        )
        windows = self._ids(select(Window.number, Window.id).where(Window.hall_id == hall_id))
        self._insert(
            Staff,
            [
                {
                    "hall_id": hall_id,
                    "staff_no": p.no,
                    "name": p.name,
                    "department_id": depts[p.department],
                    "category": p.category,
                    "active": True,
                }
                for p in plan.staff
            ],
        )
        staff = self._ids(select(Staff.staff_no, Staff.id).where(Staff.hall_id == hall_id))
        self._insert(
            Item,
            [
                {
                    "hall_id": hall_id,
                    "code": i.code,
                    "name": i.spec.name,
                    "department_id": depts[i.spec.department],
                    "category": i.spec.category,
                    "case_type": i.spec.case_type,
                    "promised_days": i.spec.promised_days,
                    "legal_days": i.spec.legal_days,
                    "admitted": i.admitted,
                    "window_may_approve": i.may_approve,
                }
                for i in plan.items
            ],
        )
        items = self._ids(select(Item.code, Item.id).where(Item.hall_id == hall_id))
        self._insert(
            RosterEntry,
            [
                {
                    "day": r.day,
                    "session": r.session,
                    "window_id": windows[r.window_no],
                    "staff_id": staff[r.staff.no],
                    "attendance": r.attendance,
                }
                for r in plan.roster
            ],
        )
        cases = self._cases(hall_id, plan.cases, windows, staff, items)
        self._history(plan.cases, cases)
        self._insert(
            Complaint,
            [
                {
                    "hall_id": hall_id,
                    "complaint_no": c.complaint_no,
                    "window_id": windows["D08"],
                    "case_id": cases[c.case.case_no] if c.case else None,
                    "received_at": c.received_at,
                    "category": c.category,
                    "content": c.content,
                    "completed_at": c.completed_at,
                }
                for c in plan.complaints
            ],
        )

    def _ids(self, query: Any) -> dict[str, int]:
        return {key: id_ for key, id_ in self.s.execute(query).all()}

    def _cases(
        self,
        hall_id: int,
        drafts: list[CaseDraft],
        windows: dict[str, int],
        staff: dict[str, int],
        items: dict[str, int],
    ) -> dict[str, int]:
        identities: dict[str, tuple[str, str]] = {}
        rows: list[dict[str, Any]] = []
        for d in drafts:
            raw = d.applicant.raw_id
            if raw not in identities:
                identities[raw] = applicant_identity(self.s, d.applicant.kind, raw)
            shown, hashed = identities[raw]
            spec = d.item.spec
            periods = [(first, last) for first, last, _ in d.periods]
            rows.append(
                {
                    "hall_id": hall_id,
                    "case_no": d.case_no,
                    "window_id": windows[d.window.number],
                    "item_id": items[d.item.code],
                    "applicant_type": d.applicant.kind,
                    "applicant_name": d.applicant.name,
                    "applicant_id_display": shown,
                    "applicant_id_hash": hashed,
                    "received_at": d.received_at,
                    "received_by_id": staff[d.receiver.no],
                    "status": d.status,
                    "approved_at": d.approved_at,
                    "approved_by_id": staff[d.approver.no] if d.approver else None,
                    "approval_place": d.place,
                    "completed_at": d.completed_at,
                    "trips": d.trips,
                    "bundle_key": d.bundle_key,
                    # Stored as case entry stores it, so overdue filters work before any rules run.
                    "due_date": due_date(self.cal, d.day, spec.case_type, spec.promised_days, periods),
                }
            )
        self._insert(Case, rows)
        return self._ids(select(Case.case_no, Case.id).where(Case.hall_id == hall_id))

    def _history(self, drafts: list[CaseDraft], cases: dict[str, int]) -> None:
        """Special periods and the case events that case entry would have appended."""
        periods: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []

        def event(case_id: int, at: datetime, actor: str, action: str, note: str) -> None:
            events.append({"case_id": case_id, "at": at, "actor": actor, "action": action, "note": note})

        for d in drafts:
            case_id = cases[d.case_no]
            event(case_id, d.received_at, d.receiver.name, "登记", f"{d.window.number}号窗口受理")
            if d.supplement:
                at = d.received_at + timedelta(minutes=5)
                event(case_id, at, d.receiver.name, CaseStatus.AWAITING_DOCUMENTS.value, d.supplement)
            for first, last, reason in d.periods:
                periods.append({"case_id": case_id, "start_day": first, "end_day": last, "reason": reason})
                span = f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}" if last else f"{first:%Y-%m-%d} 起"
                event(
                    case_id,
                    datetime.combine(first, time(9, 0)),
                    d.receiver.name,
                    "特别程序",
                    f"{span}；{reason}",
                )
                if last is not None:
                    at = datetime.combine(last, time(17, 0))
                    event(case_id, at, d.receiver.name, "特别程序结束", f"{span}；{reason}")
            if d.completed_at is not None:
                note = f"{d.completed_at:%Y-%m-%d %H:%M}"
                if d.place is not None:
                    note += f"；{d.place.value}审批"
                event(case_id, d.completed_at, (d.approver or d.receiver).name, d.status.value, note)
        self._insert(SpecialPeriod, periods)
        self._insert(CaseEvent, events)
