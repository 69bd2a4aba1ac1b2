"""A hall written straight into the tables for the charts' comparisons, and the counts they are held to.

The charts are checked on halls of thousands of rows whose every awkward
fact is placed by hand or drawn at random (``tests/services/statistics``);
both are written here the same way, in bulk, and both are compared with the
same case-by-case and session-by-session computation: ``judge_range``,
``compute_indicators`` and the flags counted one by one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session as DbSession

from hallmonitor.domain.enums import (
    ApplicantType,
    CaseStatus,
    CaseType,
    FlagState,
    ItemCategory,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.domain.indicators import CaseFacts, ItemFacts, compute_indicators
from hallmonitor.domain.plausible import moment_ok, trips_ok
from hallmonitor.services.hall import HallContext, load_calendar, load_settings
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import (
    Case,
    Department,
    FrontShopFlag,
    Item,
    NominalReview,
    RosterEntry,
    Staff,
    StaffCategoryChange,
    Window,
    WindowStateChange,
)

FLAG_REASON = "审批地点为部门后台"


@dataclass
class ChartHall:
    """Writes one hall's rows in the session it is given; ids are there once ``flush`` has run."""

    ctx: HallContext
    session: DbSession

    def departments(self, *names: str) -> list[Department]:
        rows = [Department(hall_id=self.ctx.hall_id, name=name) for name in names]
        self.session.add_all(rows)
        self.session.flush()
        return rows

    def window(
        self, n: int, department: Department, state: WindowState, created_at: datetime | None = None
    ) -> Window:
        """Window ``n`` (from 0), numbered 01, 02...: ``created_at`` None is one entered before it was recorded."""
        return Window(hall_id=self.ctx.hall_id, number=f"{n + 1:02d}", name=f"窗口{n + 1}",
                      department_id=department.id, kind=WindowKind.DEPARTMENT, state=state,
                      created_at=created_at)  # fmt: skip

    def item(
        self,
        code: str,
        department: Department,
        category: ItemCategory,
        *,
        promised_days: int,
        legal_days: int,
        admitted: bool,
        window_may_approve: bool,
    ) -> Item:
        return Item(hall_id=self.ctx.hall_id, code=code, name=f"事项{code}", department_id=department.id,
                    category=category, case_type=CaseType.PROMISED, promised_days=promised_days,
                    legal_days=legal_days, admitted=admitted, window_may_approve=window_may_approve)  # fmt: skip

    def person(self, staff_no: str, department: Department, category: StaffCategory) -> Staff:
        return Staff(hall_id=self.ctx.hall_id, staff_no=staff_no, name=f"人员{staff_no}",
                     department_id=department.id, category=category)  # fmt: skip

    def add(self, rows: Sequence[object]) -> None:
        self.session.add_all(rows)
        self.session.flush()

    def state_change(self, window: Window, at: datetime, before: WindowState, after: WindowState) -> None:
        self.session.add(WindowStateChange(window_id=window.id, at=at, from_state=before, to_state=after))

    def category_change(self, person: Staff, day: date, before: StaffCategory, after: StaffCategory) -> None:
        self.session.add(
            StaffCategoryChange(staff_id=person.id, day=day, from_category=before, to_category=after)
        )

    def roster(self, rows: Iterable[tuple[date, Session, int, int, bool | None]]) -> list[dict[str, object]]:
        """(day, session, window id, staff id, attendance) rows; returns them as written."""
        written = [
            {"day": day, "session": session, "window_id": window_id, "staff_id": staff_id,
             "attendance": attendance}
            for day, session, window_id, staff_id, attendance in rows
        ]  # fmt: skip
        self.session.flush()
        self.session.execute(insert(RosterEntry), written)
        return written

    def reviews(self, rows: Iterable[tuple[int, date, Session, bool, datetime]]) -> None:
        """挂名 reviews as (window id, day, session, confirmed, at), by the one supervisor."""
        self.session.execute(
            insert(NominalReview),
            [
                {"hall_id": self.ctx.hall_id, "window_id": window_id, "day": day, "session": session,
                 "confirmed": confirmed, "actor": "督查员", "at": at}
                for window_id, day, session, confirmed, at in rows
            ],
        )  # fmt: skip

    def case(
        self,
        n: int,
        *,
        window_id: int,
        item_id: int,
        received: datetime,
        status: CaseStatus,
        completed: datetime | None,
        trips: int | None,
        bundle: str | None,
        voided: datetime | None,
        prefix: str = "G",
    ) -> dict[str, object]:
        """Case ``n``'s row, a person's, due five days after its receipt."""
        return {
            "hall_id": self.ctx.hall_id,
            "case_no": f"{prefix}{n:06d}",
            "window_id": window_id,
            "item_id": item_id,
            "applicant_type": ApplicantType.PERSON,
            "applicant_name": f"申请人{n}",
            "applicant_id_display": "",
            "applicant_id_hash": "",
            "received_at": received,
            "status": status,
            "completed_at": completed,
            "trips": trips,
            "bundle_key": bundle,
            "voided_at": voided,
            "due_date": received.date() + timedelta(days=5),
        }

    def cases(self, rows: list[dict[str, object]]) -> dict[str, int]:
        """Writes the case rows; returns each one's id by its number."""
        for start in range(0, len(rows), 500):
            self.session.execute(insert(Case), rows[start : start + 500])
        return dict(
            self.session.execute(select(Case.case_no, Case.id).where(Case.hall_id == self.ctx.hall_id)).all()
        )

    def flags(self, rows: Iterable[tuple[int, datetime, FlagState]]) -> None:
        """前店后厂 flags as (case id, created at, state)."""
        self.session.execute(
            insert(FrontShopFlag),
            [
                {"case_id": case_id, "reasons": FLAG_REASON, "created_at": at, "state": state}
                for case_id, at, state in rows
            ],
        )


def python_weekly(ctx: HallContext, weeks: int, as_of: date) -> list[tuple[date, int, int]]:
    """The chart as it was worked out before: every session judged by ``judge_range``, counted in Python."""
    this_monday = as_of - timedelta(days=as_of.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    judged: dict[date, int] = defaultdict(int)
    compliant: dict[date, int] = defaultdict(int)
    for verdict in judge_range(ctx, first_monday, as_of, load_calendar(ctx)):
        monday = verdict.day - timedelta(days=verdict.day.weekday())
        judged[monday] += 1
        compliant[monday] += not verdict.verdict.is_violation
    mondays = [first_monday + timedelta(weeks=n) for n in range(weeks)]
    return [(m, judged[m], compliant[m]) for m in mondays]


def _received(ctx: HallContext, start: date, end: date) -> list[tuple[Case, Item]]:
    with ctx.db.session() as s:
        rows = s.execute(select(Case, Item).join(Item, Case.item_id == Item.id)).all()
    return [(c, i) for c, i in rows if c.voided_at is None and start <= c.received_at.date() <= end]


def python_indicators(ctx: HallContext, start: date, end: date):  # type: ignore[no-untyped-def]
    """Every case of the range read and handed to the domain, as the chart and the weekly report did."""
    facts = [
        CaseFacts(
            case_no=c.case_no,
            item_category=i.category,
            bundle_key=c.bundle_key,
            accepted=c.received_at.date(),
            completed=c.completed_at.date() if c.completed_at and moment_ok(c.completed_at) else None,
            trips=c.trips if c.trips is not None and trips_ok(c.trips) else None,
            finished_ok=c.status is CaseStatus.COMPLETED,
        )
        for c, i in _received(ctx, start, end)
    ]
    with ctx.db.session() as s:
        items = [ItemFacts(i.code, i.admitted, i.window_may_approve) for i in s.scalars(select(Item))]
    return compute_indicators(facts, items, load_calendar(ctx), load_settings(ctx))


def python_front_shop(ctx: HallContext, start: date, end: date) -> list[tuple[str, int, int]]:
    with ctx.db.session() as s:
        flags = {f.case_id: f.state for f in s.scalars(select(FrontShopFlag))}
        departments = {d.id: d.name for d in s.scalars(select(Department))}
    counts: dict[str, list[int]] = {}
    for c, i in _received(ctx, start, end):
        entry = counts.setdefault(departments[i.department_id], [0, 0])
        entry[0] += 1
        entry[1] += flags.get(c.id) in (FlagState.PENDING, FlagState.CONFIRMED)
    return [(name, *counts[name]) for name in sorted(counts)]
