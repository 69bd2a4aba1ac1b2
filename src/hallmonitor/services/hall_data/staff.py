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
from hallmonitor.domain.texts import say
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
            say(
                'Staff category "{value}" is not known; it should be one of {categories}.',
                value=value,
                categories=say(", ").join(c.value for c in StaffCategory),
            )
        ) from None


def _staff_no_taken(session, ctx: HallContext, staff_no: str, own_id: int | None) -> None:  # type: ignore[no-untyped-def]
    refuse_taken(
        session,
        ctx,
        Staff.staff_no,
        staff_no,
        own_id,
        say("Staff number {staff_no} is already another person's; check the number.", staff_no=staff_no),
    )


def person_of(session, ctx: HallContext, staff_id: int) -> Staff:  # type: ignore[no-untyped-def]
    return hall_row(session, ctx, Staff, staff_id, say("That person does not exist; refresh and try again."))


def add_staff(ctx: HallContext, data: StaffInput, *, reason: str = "", at: datetime | None = None) -> int:
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    staff_no = required_text(data.staff_no, say("Staff number"), 32)
    name = required_text(data.name, say("Person's name"), 50)
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
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    staff_no = required_text(data.staff_no, say("Staff number"), 32)
    name = required_text(data.name, say("Person's name"), 50)
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if _category(data.category) is not person.category:
            raise ServiceError(
                say(
                    "A change of staff category must say from which day: use Change category, so that the "
                    "roster before it is still judged by the old category."
                )
            )
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
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    category = _category(category)
    reason = reason_text(reason, say("Reason for the category change"))
    day, _today = effective_day(from_day, today, say("First day of the new category"))
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if person.category is category:
            raise ServiceError(
                say(
                    "{name} ({staff_no}) is {category} already.",
                    name=person.name,
                    staff_no=person.staff_no,
                    category=category.value,
                )
            )
        last = session.scalars(
            select(StaffCategoryChange)
            .where(StaffCategoryChange.staff_id == person.id)
            .order_by(StaffCategoryChange.day.desc())
            .limit(1)
        ).first()
        if last is not None and day < last.day:
            raise ServiceError(
                say(
                    "{name} ({staff_no}) is {category} from {day}: a new change cannot be earlier than that day.",
                    name=person.name,
                    staff_no=person.staff_no,
                    day=f"{last.day:%Y-%m-%d}",
                    category=last.to_category.value,
                )
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
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    reason = reason_text(reason, say("Reason for leaving"))
    day, _today = effective_day(on_day, today, say("Day of leaving"))
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if not person.active:
            named = {"name": person.name, "staff_no": person.staff_no}
            if person.left_on:
                raise ServiceError(
                    say("{name} ({staff_no}) left on {day}.", day=f"{person.left_on:%Y-%m-%d}", **named)
                )
            raise ServiceError(say("{name} ({staff_no}) has left.", **named))
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
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    reason = reason_text(reason, say("Note on the return"))
    with ctx.db.session() as session:
        person = person_of(session, ctx, staff_id)
        if person.active:
            raise ServiceError(
                say(
                    "{name} ({staff_no}) is on duty: there is no return to record.",
                    name=person.name,
                    staff_no=person.staff_no,
                )
            )
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
