"""A hall whose names are as long as real halls' get, for the tests that measure what the screen shows.

Departments with their bracketed second name, window names of a dozen
characters, compound surnames and minority names with a middle dot, six people
at one window (present, planned and absent), fourteen at another (more than a
tile holds), and both steps of the staffing ladder, one of them on a window that
is compliant again. Two zones of five columns (or four, as the demo hall has).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.services.hall import HallContext, department_id
from hallmonitor.storage.models import Alert, RosterEntry, Staff, Window

MONDAY = date(2026, 5, 11)
MORNING = datetime.combine(MONDAY, time(10, 0))

LONG_DEPARTMENT = "市行政审批服务局（市政务服务管理办公室）"
DEPARTMENTS = (
    "自然资源和规划局（不动产登记中心）",
    LONG_DEPARTMENT,
    "住房公积金管理中心",
    "税务局",
    "人民银行",
)
ZONES = ("A区 企业开办和工程建设项目", "B区 不动产登记与社会事务", "C区 工程建设项目", "D区 社会事务")

FORMAL = (
    StaffCategory.CIVIL_SERVANT,
    StaffCategory.PUBLIC_INSTITUTION,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED,
)
AUXILIARY = (StaffCategory.LABOUR_DISPATCH, StaffCategory.THIRD_PARTY, StaffCategory.CONTRACT_OUTSIDE_QUOTA)
NAMES = (
    "欧阳娜娜",
    "阿依古丽·买买提",
    "司马相如",
    "热依扎·艾尼瓦尔",
    "诸葛明亮",
    "张伟",
    "上官婉儿",
    "王芳",
    "买买提江·吐尔逊",
    "李娜",
    "端木蓉",
    "刘洋",
    "皇甫嵩",
    "陈静",
)
#: Window with six people: (name index, formal?, attendance).
SIX = (
    (0, True, True),
    (1, True, None),
    (2, True, False),
    (3, False, True),
    (4, False, None),
    (5, False, False),
)
CROWDED = "A05"
SIX_AT = "A01"
COMPLIANT_WITH_CLOSURE = "A02"
AUXILIARY_WITH_ORDER = "B01"


@dataclass
class LongHall:
    ctx: HallContext
    windows: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)


def build_long_names_hall(ctx: HallContext, zones: int = 2) -> LongHall:
    hall = LongHall(ctx)
    with ctx.db.session() as s:
        for z, zone in enumerate(ZONES[:zones]):
            for n in range(10):
                number = f"{'ABCD'[z]}{n + 1:02d}"
                department = DEPARTMENTS[(n + z) % len(DEPARTMENTS)]
                window = Window(
                    hall_id=ctx.hall_id,
                    number=number,
                    name="工程建设项目审批综合受理窗口" if n % 3 == 0 else "不动产抵押登记",
                    department_id=department_id(s, ctx.hall_id, department),
                    kind=WindowKind.COMBINED if n == 0 else WindowKind.DEPARTMENT,
                    state=WindowState.OUT_OF_SERVICE if n == 9 else WindowState.OPEN,
                    zone=zone,
                    grid_row=n // 5,
                    grid_col=n % 5,
                )
                s.add(window)
                s.flush()
                hall.windows[number] = window.id
        for i, name in enumerate(NAMES):
            category = FORMAL[i % 3] if i % 2 == 0 else AUXILIARY[i % 3]
            person = Staff(
                hall_id=ctx.hall_id,
                staff_no=f"L{i + 1:03d}",
                name=name,
                department_id=department_id(s, ctx.hall_id, DEPARTMENTS[0]),
                category=category,
                active=True,
            )
            s.add(person)
            s.flush()
            hall.staff[name] = person.id

        def on_duty(window: str, name: str, attendance: bool | None = True) -> None:
            for session in Session:
                s.add(
                    RosterEntry(
                        day=MONDAY,
                        session=session,
                        window_id=hall.windows[window],
                        staff_id=hall.staff[name],
                        attendance=attendance,
                    )
                )

        formal = [n for i, n in enumerate(NAMES) if i % 2 == 0]
        auxiliary = [n for i, n in enumerate(NAMES) if i % 2 == 1]
        for index, is_formal, attendance in SIX:
            on_duty(SIX_AT, (formal if is_formal else auxiliary)[index % 7], attendance)
        for name in NAMES:
            on_duty(CROWDED, name)
        for k, number in enumerate(hall.windows):
            if number in (SIX_AT, CROWDED) or number.endswith("10"):
                continue
            if number == AUXILIARY_WITH_ORDER:
                on_duty(number, auxiliary[k % 7])
                on_duty(number, auxiliary[(k + 1) % 7], None)
                continue
            on_duty(number, formal[k % 7], True if k % 2 else None)
            on_duty(number, auxiliary[k % 7])
            on_duty(number, auxiliary[(k + 3) % 7], None)
        for number, level in (
            (COMPLIANT_WITH_CLOSURE, AlertLevel.SUGGEST_CLOSURE),
            (AUXILIARY_WITH_ORDER, AlertLevel.ORDER_TO_CORRECT),
        ):
            s.add(
                Alert(
                    hall_id=ctx.hall_id,
                    window_id=hall.windows[number],
                    subject_key=f"window:{hall.windows[number]}",
                    kind=AlertKind.STAFFING,
                    level=level,
                    state=AlertState.OPEN,
                    raised_at=MORNING,
                    last_seen_at=MORNING,
                    summary="仅辅助人员",
                )
            )
    return hall
