"""Staff (人员): listed, added and edited; a category change from a day; leaving (调离) and returning (返岗).

A person's category decides whether a window is staffed by a formal civil
servant, and past weeks must keep the verdicts they had, so a category is
never overwritten in place: a change is dated, and the days before it keep
the old category (see staffing's ``category_on``). A person who leaves is
kept, since past rosters and cases name them; their roster from that day on
is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select

from hallmonitor.domain.enums import StaffCategory
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.services.hall_data.departments import EDIT, department_of
from hallmonitor.services.hall_data.log import log_change
from hallmonitor.services.hall_data.text import (
    effective_day,
    hall_row,
    matches,
    reason_text,
    refuse_taken,
    required_text,
)
from hallmonitor.storage.models import Department, RosterEntry, Staff, StaffCategoryChange


@dataclass(frozen=True, slots=True)
class StaffInput:
    staff_no: str
    name: str
    department_id: int
    category: StaffCategory


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    staff_no: str
    name: str
    department_id: int
    department: str
    category: StaffCategory
    active: bool
    left_on: date | None
    #: The first day of the current category, when it ever changed.
    category_since: date | None
    #: The row's change count when read; an edit based on it is refused once it moved on.
    version: int = 0

    @property
    def formal(self) -> bool:
        return self.category.is_formal

    def as_input(self) -> StaffInput:
        return StaffInput(self.staff_no, self.name, self.department_id, self.category)


def list_staff(ctx: HallContext, search: str = "") -> list[StaffRow]:
    """Everyone of the hall by 工号, those who left included; ``search`` matches 工号, name, department, category."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        since = dict(
            session.execute(
                select(StaffCategoryChange.staff_id, func.max(StaffCategoryChange.day))
                .join(Staff, StaffCategoryChange.staff_id == Staff.id)
                .where(Staff.hall_id == ctx.hall_id)
                .group_by(StaffCategoryChange.staff_id)
            ).all()
        )
        rows = session.execute(
            select(
                Staff.id,
                Staff.staff_no,
                Staff.name,
                Staff.department_id,
                Department.name,
                Staff.category,
                Staff.active,
                Staff.left_on,
                Staff.version,
            )
            .join(Department, Staff.department_id == Department.id)
            .where(Staff.hall_id == ctx.hall_id)
            .order_by(Staff.staff_no)
        ).all()
    return [
        StaffRow(i, no, name, dept_id, dept, category, bool(active), left_on, since.get(i), version)
        for i, no, name, dept_id, dept, category, active, left_on, version in rows
        if matches(search, no, name, dept, category.value)
    ]


def staff_fields(person: Staff) -> dict[str, Any]:
    return {
        "staff_no": person.staff_no,
        "name": person.name,
        "department": person.department.name if person.department else "",
        "category": person.category,
    }


def _category(value: StaffCategory | str) -> StaffCategory:
    try:
        return StaffCategory(value)
    except ValueError:
        raise ServiceError(
            f"人员类别“{value}”无法识别，应为{'、'.join(c.value for c in StaffCategory)}之一。"
        ) from None


def _staff_no_taken(session, ctx: HallContext, staff_no: str, own_id: int | None) -> None:  # type: ignore[no-untyped-def]
    refuse_taken(
        session, ctx, Staff.staff_no, staff_no, own_id, f"工号 {staff_no} 已被另一位人员使用，请核对工号。"
    )


def person_of(session, ctx: HallContext, staff_id: int) -> Staff:  # type: ignore[no-untyped-def]
    return hall_row(session, ctx, Staff, staff_id, "该人员不存在，请刷新后重试。")


def add_staff(ctx: HallContext, data: StaffInput, *, reason: str = "", at: datetime | None = None) -> int:
    ctx.require(Permission.EDIT_MASTER_DATA, EDIT)
    staff_no = required_text(data.staff_no, "工号", 32)
    name = required_text(data.name, "姓名", 50)
    category = _category(data.category)
    with ctx.db.session() as session:
        _staff_no_taken(session, ctx, staff_no, None)
        dept = department_of(session, ctx, data.department_id)
        person = Staff(
            hall_id=ctx.hall_id,
            staff_no=staff_no,
            name=name,
            department_id=dept.id,
            category=category,
            active=True,
        )
        session.add(person)
        session.flush()
        person.department = dept
        after = {**staff_fields(person), "active": True}
        log_change(session, ctx, "staff", person.id, "add", reason=reason, after=after, at=at)
        return person.id


def edit_staff(
    ctx: HallContext,
    staff_id: int,
    data: StaffInput,
    *,
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> bool:
    """Correct 工号, name or department; False when nothing changed. The category changes from a day only."""
    ctx.require(Permission.EDIT_MASTER_DATA, EDIT)
    staff_no = required_text(data.staff_no, "工号", 32)
    name = required_text(data.name, "姓名", 50)
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if _category(data.category) is not person.category:
            raise ServiceError("人员类别的变更须注明从哪天起，请用“变更类别”，以便此前的排班仍按原类别评判。")
        _staff_no_taken(session, ctx, staff_no, person.id)
        dept = department_of(session, ctx, data.department_id)
        before = staff_fields(person)
        person.staff_no, person.name = staff_no, name
        person.department_id, person.department = dept.id, dept
        after = staff_fields(person)
        if after == before:
            return False
        log_change(
            session,
            ctx,
            "staff",
            person.id,
            "edit",
            reason=reason,
            before=before,
            after=after,
            at=at,
            expected_version=expected_version,
        )
        return True


def change_category(
    ctx: HallContext,
    staff_id: int,
    category: StaffCategory | str,
    reason: str,
    *,
    from_day: date | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> date:
    """The person has ``category`` from ``from_day`` on (default today); returns that day.

    The day may not be in the future (the staff row holds the category in force
    now) nor before the person's last change (the history only grows at its end).
    """
    ctx.require(Permission.EDIT_MASTER_DATA, EDIT)
    category = _category(category)
    reason = reason_text(reason, "类别变更原因")
    day, _today = effective_day(from_day, today, "类别变更的起始日期")
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if person.category is category:
            raise ServiceError(f"{person.name}（{person.staff_no}）的类别已是{category.value}。")
        last = session.scalars(
            select(StaffCategoryChange)
            .where(StaffCategoryChange.staff_id == person.id)
            .order_by(StaffCategoryChange.day.desc())
            .limit(1)
        ).first()
        if last is not None and day < last.day:
            raise ServiceError(
                f"{person.name}（{person.staff_no}）自 {last.day:%Y-%m-%d} 起已是{last.to_category.value}，"
                f"新的变更不能早于这一天。"
            )
        before = {"category": person.category}
        if last is not None and last.day == day:
            last.to_category = category
        else:
            session.add(
                StaffCategoryChange(
                    staff_id=person.id, day=day, from_category=person.category, to_category=category
                )
            )
        person.category = category
        facts_changed(session, ctx.hall_id, day)
        after = {"category": category, "from": day}
        log_change(
            session, ctx, "staff", person.id, "category", reason=reason, before=before, after=after, at=at
        )
        return day


def leave_staff(
    ctx: HallContext,
    staff_id: int,
    reason: str,
    *,
    on_day: date | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> int:
    """调离 from ``on_day`` (default today): kept in the hall's records, off the roster from then; returns
    how many roster entries were removed."""
    ctx.require(Permission.EDIT_MASTER_DATA, EDIT)
    reason = reason_text(reason, "调离原因")
    day, _today = effective_day(on_day, today, "调离日期")
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if not person.active:
            when = f"于 {person.left_on:%Y-%m-%d} " if person.left_on else ""
            raise ServiceError(f"{person.name}（{person.staff_no}）已{when}调离。")
        removed = session.execute(
            delete(RosterEntry)
            .where(RosterEntry.staff_id == person.id, RosterEntry.day >= day)
            .execution_options(synchronize_session=False)
        ).rowcount
        before = {"active": True, "left_on": None}
        person.active, person.left_on = False, day
        facts_changed(session, ctx.hall_id, day)
        after = {"active": False, "left_on": day, "roster_removed": int(removed or 0)}
        log_change(
            session, ctx, "staff", person.id, "leave", reason=reason, before=before, after=after, at=at
        )
        return int(removed or 0)


def return_staff(ctx: HallContext, staff_id: int, reason: str, *, at: datetime | None = None) -> None:
    """返岗: the person may be rostered again; when they left stays in their history."""
    ctx.require(Permission.EDIT_MASTER_DATA, EDIT)
    reason = reason_text(reason, "返岗说明")
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if person.active:
            raise ServiceError(f"{person.name}（{person.staff_no}）在岗，无需返岗。")
        before = {"active": False, "left_on": person.left_on}
        person.active, person.left_on = True, None
        log_change(
            session,
            ctx,
            "staff",
            person.id,
            "return",
            reason=reason,
            before=before,
            after={"active": True},
            at=at,
        )
