"""How each import kind meets the database: lookups, cross-reference checks, keys and values.

The import service drives these the same way for every kind: preload the
lookups once (a few queries, whatever the file's size), check each row
against them, then turn each good row into column values that are compared
with the stored row of the same key. Only columns present in the file are
compared and written, so a file without a 到岗 column never wipes attendance
that someone confirmed in the app.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CalendarSource, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.imports import Binding, DayType, Record
from hallmonitor.services.hall import HallContext, department_id
from hallmonitor.services.imports.states import StaffLeaving, WindowStates
from hallmonitor.storage.base import Base
from hallmonitor.storage.models import (
    CalendarOverrideRow,
    Department,
    Item,
    RosterEntry,
    Staff,
    Window,
)

#: Rows per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
IN_CHUNK = 500

Key = tuple[Hashable, ...]


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def unknown_window(number: str) -> str:
    return say("there is no window numbered {number} (import the windows first)", number=number)


class KindImporter:
    """One import kind's side of the database. Subclasses set the class attributes below."""

    model: ClassVar[type[Base]]
    #: Model attributes that identify a row (besides the hall).
    key_attrs: ClassVar[tuple[str, ...]]
    #: Model attributes an import may set, besides the key.
    value_attrs: ClassVar[tuple[str, ...]]
    permission: ClassVar[Permission] = Permission.ENTER_CASES
    #: What the permission is asked for, kept with ``mark`` and rendered when it is asked.
    action: ClassVar[str] = mark("import data")
    hall_scoped: ClassVar[bool] = True
    #: Whether after_write needs the ids of inserted rows (as the database gave them).
    wants_new_ids: ClassVar[bool] = False
    #: The attribute that dates a row's fact, so the rules judge again from the earliest one written;
    #: None for facts without a date (windows, staff, items), which change every day judged.
    dated_by: ClassVar[str | None] = None
    #: The kind's rows are every hall's facts (the calendar): a change marks every hall.
    shared_by_halls: ClassVar[bool] = False
    #: The kind's rows are read by the complaint cards alone: a change judges only those again.
    complaints: ClassVar[bool] = False

    def __init__(self, ctx: HallContext, binding: Binding, path: Path, now: datetime | None = None) -> None:
        self.ctx = ctx
        self.binding = binding
        self.path = path
        #: When the import happens: what it creates is dated by it.
        self.now = now or datetime.now().replace(microsecond=0)
        self._departments: dict[str, int] = {}

    # -- lookups -----------------------------------------------------------
    def preload(self, session: Session, records: Sequence[Record]) -> None:
        """Load every lookup the checks need, in a few queries."""

    def _load_departments(self, session: Session) -> None:
        rows = session.execute(
            select(Department.name, Department.id).where(Department.hall_id == self.ctx.hall_id)
        )
        self._departments = dict(rows.all())

    def department(self, session: Session, name: str) -> int:
        """The department's id, created on first use: a file may name a new department."""
        found = self._departments.get(name)
        if found is None:
            found = self._departments[name] = department_id(session, self.ctx.hall_id, name)
        return found

    def _number_map(self, session: Session, attr: Any) -> dict[str, int]:
        model = attr.class_
        return dict(session.execute(select(attr, model.id).where(model.hall_id == self.ctx.hall_id)).all())

    # -- per row -------------------------------------------------------------
    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        """(column key, message) for each reference the database cannot satisfy."""
        return iter(())

    def key(self, rec: Record) -> Key:
        raise NotImplementedError

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        """The model attributes this row sets: the key and the columns present in the file."""
        raise NotImplementedError

    def new_row_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Attributes set only on rows the import creates, from the row's ``values``."""
        return {}

    def _present(self, pairs: Iterable[tuple[str, str, Any]]) -> dict[str, Any]:
        return {attr: value for column, attr, value in pairs if self.binding.present(column)}

    # -- writing -------------------------------------------------------------
    def load_existing(self, session: Session, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
        """The stored rows with these keys, as {attr: value} including ``id``."""
        model = self.model
        columns = [getattr(model, a).label(a) for a in ("id", *self.key_attrs, *self.value_attrs)]
        key_column = getattr(model, self.key_attrs[0])
        found: dict[Key, dict[str, Any]] = {}
        for chunk in chunked([k[0] for k in keys], IN_CHUNK):
            stmt = select(*columns).where(key_column.in_(chunk))
            if self.hall_scoped:
                stmt = stmt.where(model.hall_id == self.ctx.hall_id)  # type: ignore[attr-defined]
            for row in session.execute(stmt):
                stored = row._asdict()
                found[tuple(stored[a] for a in self.key_attrs)] = stored
        return found

    def after_write(
        self,
        session: Session,
        inserted: Sequence[tuple[int, Record]],
        updated: Sequence[tuple[int, Record, list[str]]],
    ) -> None:
        """Hook for history rows that must accompany the written rows."""


class WindowImporter(KindImporter):
    model = Window
    permission = Permission.EDIT_MASTER_DATA
    key_attrs = ("number",)
    value_attrs = ("name", "department_id", "kind")

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self._load_departments(session)

    def key(self, rec: Record) -> Key:
        return (rec["window_no"],)

    def new_row_values(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"created_at": self.now}

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        return {
            "number": rec["window_no"],
            "name": rec["window_name"],
            "department_id": self.department(session, rec["department"]),
            "kind": rec["window_kind"],
        }


class StaffImporter(KindImporter):
    model = Staff
    permission = Permission.EDIT_MASTER_DATA
    key_attrs = ("staff_no",)
    value_attrs = ("name", "department_id", "category", "active")

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self._load_departments(session)

    def key(self, rec: Record) -> Key:
        return (rec["staff_no"],)

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        return {
            "staff_no": rec["staff_no"],
            "name": rec["staff_name"],
            "department_id": self.department(session, rec["department"]),
            "category": rec["category"],
            **self._present([("active", "active", rec["active"])]),
        }


class ItemImporter(KindImporter):
    model = Item
    permission = Permission.EDIT_MASTER_DATA
    key_attrs = ("code",)
    value_attrs = (
        "name",
        "department_id",
        "category",
        "case_type",
        "promised_days",
        "legal_days",
        "admitted",
        "window_may_approve",
    )

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self._load_departments(session)

    def key(self, rec: Record) -> Key:
        return (rec["item_code"],)

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        return {
            "code": rec["item_code"],
            "name": rec["item_name"],
            "department_id": self.department(session, rec["department"]),
            "category": rec["category"],
            "case_type": rec["case_type"],
            "promised_days": rec["promised_days"],
            "admitted": rec["admitted"],
            "window_may_approve": rec["window_may_approve"],
            **self._present([("legal_days", "legal_days", rec["legal_days"])]),
        }


class WindowStaffLookups(KindImporter):
    """Kinds whose rows name windows and staff by number."""

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self.windows = self._number_map(session, Window.number)
        self.staff = self._number_map(session, Staff.staff_no)

    def _unknown_window(self, number: str | None) -> str | None:
        if number and number not in self.windows:
            return unknown_window(number)
        return None

    def _unknown_staff(self, number: str | None) -> str | None:
        if number and number not in self.staff:
            return say("there is no staff number {number} (import the staff first)", number=number)
        return None


class RosterImporter(WindowStaffLookups):
    model = RosterEntry
    permission = Permission.EDIT_ROSTER
    key_attrs = ("day", "session", "window_id", "staff_id")
    value_attrs = ("attendance",)
    dated_by = "day"
    hall_scoped = False

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        super().preload(session, records)
        self.window_states = WindowStates(session, self.ctx.hall_id)
        self.leaving = StaffLeaving(session, self.ctx.hall_id, self.now.date())
        # One person cannot sit at two windows in the same half day.
        self.places: dict[tuple[Any, Any, str], list[tuple[int, str]]] = defaultdict(list)
        for rec in records:
            if None not in (rec["day"], rec["session"], rec["staff_no"], rec["window_no"]):
                self.places[(rec["day"], rec["session"], rec["staff_no"])].append((rec.row, rec["window_no"]))

    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        window_no, staff_no = rec["window_no"], rec["staff_no"]
        day = rec["day"]
        if reason := self._unknown_window(window_no):
            yield "window_no", reason
        elif window_no and day and self.windows[window_no] in self.window_states.out_of_service_on(day):
            yield (
                "window_no",
                say(
                    "window {window} is “{state}” on {day}: nobody can be rostered there",
                    window=window_no,
                    state=WindowState.OUT_OF_SERVICE.value,
                    day=f"{day:%Y-%m-%d}",
                ),
            )
        if reason := self._unknown_staff(staff_no) or self._gone(staff_no, day):
            yield "staff_no", reason
        others = [
            (row, window)
            for row, window in self.places.get((rec["day"], rec["session"], staff_no), ())
            if window != window_no
        ]
        if others:
            row, window = others[0]
            yield (
                "staff_no",
                say(
                    "staff number {staff_no} is also rostered at window {window} in the same session (row {row}); "
                    "nobody can be at two windows at once",
                    staff_no=staff_no,
                    window=window,
                    row=row,
                ),
            )

    def _gone(self, staff_no: str | None, day: Any) -> str | None:
        return self.leaving.refusal(self.staff[staff_no], staff_no, day) if staff_no and day else None

    def key(self, rec: Record) -> Key:
        return (rec["day"], rec["session"], self.windows[rec["window_no"]], self.staff[rec["staff_no"]])

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        day, session_, window_id, staff_id = self.key(rec)
        return {
            "day": day,
            "session": session_,
            "window_id": window_id,
            "staff_id": staff_id,
            **self._present([("attendance", "attendance", rec["attendance"])]),
        }

    def load_existing(self, session: Session, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
        wanted = set(keys)
        days = sorted({k[0] for k in wanted})
        window_ids = sorted({k[2] for k in wanted})
        columns = [getattr(RosterEntry, a).label(a) for a in ("id", *self.key_attrs, *self.value_attrs)]
        found: dict[Key, dict[str, Any]] = {}
        for day_chunk in chunked(days, IN_CHUNK):
            stmt = select(*columns).where(
                RosterEntry.day.in_(day_chunk), RosterEntry.window_id.in_(window_ids)
            )
            for row in session.execute(stmt):
                stored = row._asdict()
                key = tuple(stored[a] for a in self.key_attrs)
                if key in wanted:
                    found[key] = stored
        return found


class CalendarImporter(KindImporter):
    """Overrides by day, replaced like hall.save_overrides does, marked as imported."""

    model = CalendarOverrideRow
    key_attrs = ("day",)
    value_attrs = ("is_workday", "note", "source")
    dated_by = "day"
    shared_by_halls = True
    permission = Permission.EDIT_SETTINGS
    action = mark("import the work calendar")
    hall_scoped = False

    def key(self, rec: Record) -> Key:
        return (rec["day"],)

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        return {
            "day": rec["day"],
            "is_workday": rec["day_type"] is DayType.WORK,
            "source": CalendarSource.IMPORTED,
            **self._present([("note", "note", rec["note"])]),
        }
