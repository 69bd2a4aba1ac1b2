"""Windows (窗口): listed, searched, added and edited; their state is ``window_state``'s.

A window is never deleted: its cases, roster and alerts name it. Its number
is what people call it ("7号窗口"), so it is unique in the hall and checked
before writing, with a sentence rather than a database error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from hallmonitor.domain.enums import WindowKind, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.staffing import window_sort_key
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.hall_data.departments import EDIT, department_of
from hallmonitor.services.hall_data.log import log_change, now_at
from hallmonitor.services.hall_data.text import hall_row, matches, optional_text, refuse_taken, required_text
from hallmonitor.storage.models import Department, Window, WindowStateChange


@dataclass(frozen=True, slots=True)
class WindowInput:
    number: str
    name: str
    department_id: int
    kind: WindowKind
    zone: str = ""
    grid_row: int = 0
    grid_col: int = 0


@dataclass(frozen=True, slots=True)
class WindowRow:
    id: int
    number: str
    name: str
    department_id: int
    department: str
    kind: WindowKind
    zone: str
    grid_row: int
    grid_col: int
    state: WindowState
    #: When the current state began, if it was ever changed.
    state_since: datetime | None
    #: The row's change count when read; an edit based on it is refused once it moved on.
    version: int = 0

    def as_input(self) -> WindowInput:
        return WindowInput(
            self.number, self.name, self.department_id, self.kind, self.zone, self.grid_row, self.grid_col
        )


def list_windows(ctx: HallContext, search: str = "") -> list[WindowRow]:
    """Every window of the hall in number order; ``search`` matches number, name, department or zone."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        since = dict(
            session.execute(
                select(WindowStateChange.window_id, func.max(WindowStateChange.at))
                .join(Window, WindowStateChange.window_id == Window.id)
                .where(Window.hall_id == ctx.hall_id)
                .group_by(WindowStateChange.window_id)
            ).all()
        )
        rows = session.execute(
            select(
                Window.id,
                Window.number,
                Window.name,
                Window.department_id,
                Department.name,
                Window.kind,
                Window.zone,
                Window.grid_row,
                Window.grid_col,
                Window.state,
                Window.version,
            )
            .join(Department, Window.department_id == Department.id)
            .where(Window.hall_id == ctx.hall_id)
        ).all()
    result = [
        WindowRow(
            i, no, name, dept_id, dept, kind, zone or "", row or 0, col or 0, state, since.get(i), version
        )
        for i, no, name, dept_id, dept, kind, zone, row, col, state, version in rows
        if matches(search, no, name, dept, zone or "")
    ]
    result.sort(key=lambda w: window_sort_key(w.number))
    return result


def window_fields(window: Window) -> dict[str, Any]:
    return {
        "number": window.number,
        "name": window.name,
        "department": window.department.name if window.department else "",
        "kind": window.kind,
        "zone": window.zone or "",
        "grid_row": window.grid_row or 0,
        "grid_col": window.grid_col or 0,
    }


def _checked(data: WindowInput) -> WindowInput:
    try:
        kind = WindowKind(data.kind)
    except ValueError:
        raise ServiceError(
            say(
                'Window kind "{value}" is not known; it should be one of {kinds}.',
                value=data.kind,
                kinds=say(", ").join(k.value for k in WindowKind),
            )
        ) from None
    if data.grid_row < 0 or data.grid_col < 0:
        raise ServiceError(say("A window's row and column on the hall board cannot be negative."))
    return WindowInput(
        number=required_text(data.number, say("Window number"), 20),
        name=required_text(data.name, say("Window name"), 100),
        department_id=data.department_id,
        kind=kind,
        zone=optional_text(data.zone, say("The window's zone"), 40),
        grid_row=int(data.grid_row),
        grid_col=int(data.grid_col),
    )


def _number_taken(session, ctx: HallContext, number: str, own_id: int | None) -> None:  # type: ignore[no-untyped-def]
    refuse_taken(
        session,
        ctx,
        Window.number,
        number,
        own_id,
        say("Window number {number} is already another window's; choose another number.", number=number),
    )


def window_of(session, ctx: HallContext, window_id: int) -> Window:  # type: ignore[no-untyped-def]
    return hall_row(
        session, ctx, Window, window_id, say("That window does not exist; refresh and try again.")
    )


def add_window(ctx: HallContext, data: WindowInput, *, reason: str = "", at: datetime | None = None) -> int:
    """A new window, open from now: it is judged from when it was entered (see staffing's ``judged_since``)."""
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    data = _checked(data)
    with ctx.db.session() as session:
        _number_taken(session, ctx, data.number, None)
        dept = department_of(session, ctx, data.department_id)
        window = Window(
            hall_id=ctx.hall_id,
            number=data.number,
            name=data.name,
            department_id=dept.id,
            kind=data.kind,
            state=WindowState.OPEN,
            zone=data.zone,
            grid_row=data.grid_row,
            grid_col=data.grid_col,
            created_at=now_at(at),
        )
        session.add(window)
        session.flush()
        window.department = dept
        after = {**window_fields(window), "state": WindowState.OPEN}
        log_change(session, ctx, "window", window.id, "add", reason=reason, after=after, at=at)
        return window.id


def edit_window(
    ctx: HallContext,
    window_id: int,
    data: WindowInput,
    *,
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> bool:
    """Change what the window is called, where it belongs and where its tile stands; False when nothing changed."""
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    data = _checked(data)
    with ctx.db.session() as session:
        window = window_of(session, ctx, window_id)
        _number_taken(session, ctx, data.number, window.id)
        dept = department_of(session, ctx, data.department_id)
        before = window_fields(window)
        window.number, window.name, window.kind = data.number, data.name, data.kind
        window.department_id, window.department = dept.id, dept
        window.zone, window.grid_row, window.grid_col = data.zone, data.grid_row, data.grid_col
        after = window_fields(window)
        if after == before:
            return False
        log_change(
            session,
            ctx,
            "window",
            window.id,
            "edit",
            reason=reason,
            before=before,
            after=after,
            at=at,
            expected_version=expected_version,
        )
        return True
