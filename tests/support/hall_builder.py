"""A small hall with one window of every colour, for board, roster and app tests.

Monday 11 May 2026 is an ordinary working day (the week before has the May
holidays and a make-up Saturday), so tests pin the clock there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    ApplicantType,
    CaseType,
    ItemCategory,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.services.hall import HallContext, department_id
from hallmonitor.storage.models import Alert, Case, Item, RosterEntry, Staff, Window

MONDAY = date(2026, 5, 11)
WEDNESDAY_BEFORE = date(2026, 5, 6)
MORNING = datetime.combine(MONDAY, time(10, 0))

#: number, department, zone, row, col, state
WINDOWS = [
    ("A01", "市场监管局", "A区", 0, 0, WindowState.OPEN),
    ("A02", "市场监管局", "A区", 0, 1, WindowState.OPEN),
    ("A03", "税务局", "A区", 1, 0, WindowState.OPEN),
    ("B01", "不动产登记中心", "B区", 0, 0, WindowState.OPEN),
    ("B02", "人社局", "B区", 0, 1, WindowState.CLOSED),
    ("B03", "公安局", "B区", 0, 2, WindowState.OUT_OF_SERVICE),
]

#: 工号, name, department, category
STAFF = [
    ("S001", "张伟", "市场监管局", StaffCategory.CIVIL_SERVANT),
    ("S002", "王芳", "市场监管局", StaffCategory.LABOUR_DISPATCH),
    ("S003", "李娜", "税务局", StaffCategory.PUBLIC_INSTITUTION),
    ("S004", "刘洋", "税务局", StaffCategory.CONTRACT_OUTSIDE_QUOTA),
    ("S005", "陈静", "不动产登记中心", StaffCategory.CIVIL_SERVANT_LAW_MANAGED),
    ("S006", "杨磊", "人社局", StaffCategory.THIRD_PARTY),
]

#: (window, staff) on duty on MONDAY in both sessions: A01 compliant, A02 auxiliary only,
#: A03 unstaffed, B01 compliant.
ROSTER = [("A01", "S001"), ("A01", "S002"), ("A02", "S004"), ("B01", "S005")]


@dataclass
class Clock:
    """A wall clock the test moves by hand."""

    now: datetime = MORNING

    def __call__(self) -> datetime:
        return self.now


@dataclass
class SmallHall:
    ctx: HallContext
    windows: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)


def build_small_hall(ctx: HallContext, *, with_last_week: bool = True) -> SmallHall:
    hall = SmallHall(ctx)
    with ctx.db.session() as s:
        for number, dept, zone, row, col, state in WINDOWS:
            w = Window(
                hall_id=ctx.hall_id,
                number=number,
                name=f"{dept}窗口",
                department_id=department_id(s, ctx.hall_id, dept),
                kind=WindowKind.DEPARTMENT,
                state=state,
                zone=zone,
                grid_row=row,
                grid_col=col,
            )
            s.add(w)
            s.flush()
            hall.windows[number] = w.id
        for staff_no, name, dept, category in STAFF:
            p = Staff(
                hall_id=ctx.hall_id,
                staff_no=staff_no,
                name=name,
                department_id=department_id(s, ctx.hall_id, dept),
                category=category,
                active=True,
            )
            s.add(p)
            s.flush()
            hall.staff[staff_no] = p.id
        for session in Session:
            for window_no, staff_no in ROSTER:
                s.add(
                    RosterEntry(
                        day=MONDAY,
                        session=session,
                        window_id=hall.windows[window_no],
                        staff_id=hall.staff[staff_no],
                    )
                )
            if with_last_week:
                s.add(
                    RosterEntry(
                        day=WEDNESDAY_BEFORE,
                        session=session,
                        window_id=hall.windows["A03"],
                        staff_id=hall.staff["S003"],
                        attendance=True,
                    )
                )
        item = Item(
            hall_id=ctx.hall_id,
            code="MS-001",
            name="企业设立登记",
            department_id=department_id(s, ctx.hall_id, "市场监管局"),
            category=ItemCategory.BUSINESS_LICENCE,
            case_type=CaseType.PROMISED,
            promised_days=3,
            legal_days=15,
        )
        s.add(item)
        s.flush()
        for i in range(3):
            s.add(
                Case(
                    hall_id=ctx.hall_id,
                    case_no=f"2026-{i + 1:06d}",
                    window_id=hall.windows["A01"],
                    item_id=item.id,
                    applicant_type=ApplicantType.ENTERPRISE,
                    applicant_name=f"测试企业{i + 1}",
                    received_at=datetime.combine(MONDAY, time(9, 10 + i)),
                )
            )
        s.add(
            Alert(
                hall_id=ctx.hall_id,
                window_id=hall.windows["A02"],
                subject_key=f"window:{hall.windows['A02']}",
                kind=AlertKind.STAFFING,
                level=AlertLevel.ORDER_TO_CORRECT,
                state=AlertState.OPEN,
                raised_at=MORNING,
                last_seen_at=MORNING,
                summary="仅辅助人员",
            )
        )
    return hall
