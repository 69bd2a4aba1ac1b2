"""Departments: listed with how much of the hall names them, added and renamed, never deleted.

Windows, staff, items and past cases name their department, so a department
that is no longer in the hall keeps its row; renaming it renames it everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.hall_data.log import log_change
from hallmonitor.services.hall_data.text import hall_row, matches, required_text
from hallmonitor.storage.models import Department, Item, Staff, Window

#: What a refusal says the person may not do (rendered with ``say(EDIT)``).
EDIT = mark("keep the hall's data")


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    id: int
    name: str
    windows: int
    staff: int
    items: int


def list_departments(ctx: HallContext, search: str = "") -> list[DepartmentRow]:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:

        def counts(model) -> dict[int, int]:  # type: ignore[no-untyped-def]
            return dict(
                session.execute(
                    select(model.department_id, func.count())
                    .where(model.hall_id == ctx.hall_id)
                    .group_by(model.department_id)
                ).all()
            )

        windows, staff, items = counts(Window), counts(Staff), counts(Item)
        rows = session.execute(
            select(Department.id, Department.name)
            .where(Department.hall_id == ctx.hall_id)
            .order_by(Department.name)
        ).all()
    return [
        DepartmentRow(i, name, windows.get(i, 0), staff.get(i, 0), items.get(i, 0))
        for i, name in rows
        if matches(search, name)
    ]


def _taken(session, ctx: HallContext, name: str, own_id: int | None = None) -> bool:  # type: ignore[no-untyped-def]
    found = session.scalar(
        select(Department.id).where(Department.hall_id == ctx.hall_id, Department.name == name)
    )
    return found is not None and found != own_id


def add_department(ctx: HallContext, name: str, *, reason: str = "", at: datetime | None = None) -> int:
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    name = required_text(name, say("Department name"), 100)
    with ctx.db.session() as session:
        if _taken(session, ctx, name):
            raise ServiceError(say('Department "{name}" already exists.', name=name))
        dept = Department(hall_id=ctx.hall_id, name=name)
        session.add(dept)
        session.flush()
        log_change(session, ctx, "department", dept.id, "add", reason=reason, after={"name": name}, at=at)
        return dept.id


def rename_department(
    ctx: HallContext, department_id: int, name: str, *, reason: str = "", at: datetime | None = None
) -> None:
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    name = required_text(name, say("Department name"), 100)
    with ctx.db.session() as session:
        dept = session.get(Department, department_id)
        if dept is None or dept.hall_id != ctx.hall_id:
            raise ServiceError(say("That department does not exist; refresh and try again."))
        if dept.name == name:
            return
        if _taken(session, ctx, name, dept.id):
            raise ServiceError(
                say('Department "{name}" already exists: another department cannot take its name.', name=name)
            )
        before = {"name": dept.name}
        dept.name = name
        log_change(
            session,
            ctx,
            "department",
            dept.id,
            "edit",
            reason=reason,
            before=before,
            after={"name": name},
            at=at,
        )


def department_of(session, ctx: HallContext, department_id: int) -> Department:  # type: ignore[no-untyped-def]
    return hall_row(
        session,
        ctx,
        Department,
        department_id,
        say("The department chosen does not exist; refresh and try again."),
    )
