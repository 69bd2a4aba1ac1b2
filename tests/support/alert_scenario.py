"""The ladder scenario's hall: window 1 with only auxiliary staff on Monday and Wednesday.

Monday 11 May 2026 is an ordinary working day; a formal civil servant is on
duty on Tuesday, so the order raised on Monday (deadline Tuesday) is broken
again only on Wednesday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hallmonitor.domain.enums import Role, Session, StaffCategory
from hallmonitor.services.hall import Actor, HallContext, hall_context
from tests.support import builders as b

MON, TUE, WED, THU = date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13), date(2026, 5, 14)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def as_role(ctx: HallContext, role: Role) -> HallContext:
    return hall_context(ctx.db, actor=Actor(f"{role.value}甲", role))


@dataclass(frozen=True)
class LadderHall:
    window: int
    aux: int
    formal: int


def build_ladder(ctx: HallContext) -> LadderHall:
    w1 = b.window(ctx, "1", "市场监管局")
    aux = b.staff(ctx, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    formal = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    for session in Session:
        b.duty(ctx, w1, aux, MON, session)
        b.duty(ctx, w1, formal, TUE, session)
        b.duty(ctx, w1, aux, WED, session)
    return LadderHall(w1, aux, formal)
