"""The case and complaint files: the queue system's exports, by far the largest imports.

Lookups of windows, staff and items are preloaded as dictionaries, so a
100,000-row file costs a few queries for its references, not one per row. A
person's ID number is turned into its mask and keyed hash here, on the way in;
the full number is never written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CaseType, WindowState
from hallmonitor.domain.plausible import deadline_problem
from hallmonitor.domain.texts import say
from hallmonitor.reports.imports import Record
from hallmonitor.services.cases import applicant_identity, case_due_date
from hallmonitor.services.hall import ensure_hash_key, load_calendar
from hallmonitor.services.imports.case_history import CASE_FIELD_TITLES, CaseCorrections
from hallmonitor.services.imports.kinds import (
    IN_CHUNK,
    Key,
    KindImporter,
    WindowStaffLookups,
    chunked,
    unknown_window,
)
from hallmonitor.services.imports.states import WindowStates
from hallmonitor.storage.models import Case, CaseEvent, Complaint, Item, Window

__all__ = ["CaseImporter", "ComplaintImporter"]

#: As at the window: a PC's clock may run a little ahead of another's; a receipt further ahead is a typo.
FUTURE_SLACK = timedelta(minutes=10)


#: The case file's optional columns and the attributes they set.
_OPTIONAL = (
    ("received_by", "received_by_id"),
    ("approved_by", "approved_by_id"),
    ("approved_at", "approved_at"),
    ("approval_place", "approval_place"),
    ("completed_at", "completed_at"),
    ("trips", "trips"),
    ("bundle_key", "bundle_key"),
)


class CaseImporter(WindowStaffLookups):
    model = Case
    key_attrs = ("case_no",)
    value_attrs = tuple(CASE_FIELD_TITLES)
    dated_by = "received_at"
    wants_new_ids = True

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        super().preload(session, records)
        self.items = self._number_map(session, Item.code)
        # Refused before any row when this PC lacks the hall's key, not half-way through the file.
        ensure_hash_key(session)
        self.window_states = WindowStates(session, self.ctx.hall_id)
        # Voided cases are few: one query for all of them beats one per chunk of the file.
        self.voided = set(
            session.scalars(
                select(Case.case_no).where(Case.hall_id == self.ctx.hall_id, Case.voided_at.is_not(None))
            )
        )
        # A deactivated item takes no new case; a stored case that already has it keeps it.
        self.inactive_items = set(
            session.scalars(select(Item.code).where(Item.hall_id == self.ctx.hall_id, Item.active.is_(False)))
        )
        self.stored_items: dict[str, str] = {}
        if self.inactive_items:
            numbers_in_file = [r["case_no"] for r in records if r["case_no"]]
            for begin in range(0, len(numbers_in_file), 5000):
                self.stored_items.update(
                    session.execute(
                        select(Case.case_no, Item.code)
                        .join(Item, Case.item_id == Item.id)
                        .where(
                            Case.hall_id == self.ctx.hall_id,
                            Case.case_no.in_(numbers_in_file[begin : begin + 5000]),
                        )
                    ).all()
                )
        numbers = {"windows": self.windows, "items": self.items, "staff": self.staff}
        self.calendar = load_calendar(self.ctx)
        self.corrections = CaseCorrections(session, self.ctx.hall_id, self.path, self.calendar, numbers)
        #: The stored rows of the chunk being written: the "before" of each correction.
        self._stored: dict[int, dict[str, Any]] = {}
        self._due_dates: dict[tuple[date, CaseType, int], date | None] = {}
        # Which columns the file has is the same for every row: worked out once, not per row.
        self._positions = self.binding.spec.index
        self._with_id = self.binding.present("applicant_id")
        self._optional = [(column, attr) for column, attr in _OPTIONAL if self.binding.present(column)]

    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        # The case form's checks, row by row: a file must not bring in what a clerk could not enter.
        window_no, received = rec["window_no"], rec["received_at"]
        if rec["case_no"] in self.voided:
            yield (
                "case_no",
                say(
                    "case {case_no} is voided and cannot be imported or corrected again; delete the row from the file",
                    case_no=rec["case_no"],
                ),
            )
        if reason := self._unknown_window(window_no):
            yield "window_no", reason
        elif window_no and received:
            state = self.window_states.at(self.windows[window_no], received)
            if not state.in_service:
                yield (
                    "window_no",
                    say(
                        "window {window} was “{state}” at the time received {received}: "
                        "no case could be entered at it",
                        window=window_no,
                        state=state.value,
                        received=f"{received:%Y-%m-%d %H:%M}",
                    ),
                )
        if received and received > self.now + FUTURE_SLACK:
            yield (
                "received_at",
                say(
                    "the time received {received} is later than now; check it",
                    received=f"{received:%Y-%m-%d %H:%M}",
                ),
            )
        code = rec["item_code"]
        if code and code not in self.items:
            yield "item_code", say("there is no item coded {code} (import the items first)", code=code)
        elif code in self.inactive_items and self.stored_items.get(rec["case_no"]) != code:
            yield "item_code", say("item {code} is deactivated: no new case can be entered for it", code=code)
        for column in ("received_by", "approved_by"):
            if reason := self._unknown_staff(rec[column]):
                yield column, reason

    def key(self, rec: Record) -> Key:
        return (rec["case_no"],)

    def _approved_at(self, rec: Record) -> datetime | None:
        """As on the case form, an approval without a time happened at completion, else at receipt."""
        if rec["approved_at"] is not None or rec["approval_place"] is None:
            return rec["approved_at"]
        return rec["completed_at"] or rec["received_at"]

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        get = rec.values.__getitem__
        at = self._positions
        values = {
            "case_no": get(at["case_no"]),
            "window_id": self.windows[get(at["window_no"])],
            "item_id": self.items[get(at["item_code"])],
            "applicant_type": get(at["applicant_type"]),
            "applicant_name": get(at["applicant_name"]),
            "received_at": get(at["received_at"]),
            "status": get(at["status"]),
        }
        if self._with_id:
            # Only the mask and the keyed hash of a person's number ever reach the database. The
            # row's check has validated the number (rows that failed it are never written).
            display, digest = applicant_identity(
                session, values["applicant_type"], get(at["applicant_id"]) or "", checked=True
            )
            values["applicant_id_display"] = display
            values["applicant_id_hash"] = digest
        # The optional columns the file has, in the order the stored row is compared in.
        for column, attr in self._optional:
            value = get(at[column])
            if column in ("received_by", "approved_by"):
                value = self.staff[value] if value else None
            elif column == "approved_at":
                value = self._approved_at(rec)
            elif column == "bundle_key":
                value = value or None
            values[attr] = value
        return values

    def new_row_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A new case's due date, worked out as it is written: it has no special procedure yet.

        Without one it depends on the day received and the item's limit alone
        (once the moments are plausible), so a file's thousands of cases of one
        day and item count the calendar once.
        """
        case_type, days = self.corrections.limits[values["item_id"]]
        received, completed = values["received_at"], values.get("completed_at")
        if deadline_problem(received, case_type, days, completed) is not None:
            return {"due_date": None}
        key = (received.date(), case_type, days)
        if key not in self._due_dates:
            self._due_dates[key] = case_due_date(self.calendar, received, case_type, days, (), completed)
        return {"due_date": self._due_dates[key]}

    def _added_note(self) -> Callable[[int], str]:
        """The history note of a new case, given its row: the sentence rendered once, not per case."""
        mark = "\x00"  # in no file name
        parts = say("Added (file {file}, row {row})", file=self.path.name, row=mark).split(mark)
        if len(parts) != 2:
            return lambda row: str(say("Added (file {file}, row {row})", file=self.path.name, row=row))
        head, tail = parts
        return lambda row: f"{head}{row}{tail}"

    def load_existing(self, session: Session, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
        found = super().load_existing(session, keys)
        self._stored.update((stored["id"], stored) for stored in found.values())
        return found

    def after_write(
        self,
        session: Session,
        inserted: Sequence[tuple[int, Record]],
        updated: Sequence[tuple[int, Record, list[str]]],
    ) -> None:
        """A new case's history says which file brought it; a changed one gets a 更正 with before and after."""
        at = datetime.now().replace(microsecond=0)
        actor = self.ctx.actor.name
        note = self._added_note()
        events = [
            {"case_id": case_id, "at": at, "actor": actor, "action": "导入", "note": note(rec.row)}
            for case_id, rec in inserted
        ]
        if events:
            session.execute(CaseEvent.__table__.insert(), events)
        if updated:
            self.corrections.record(session, updated, self._stored, actor=actor, at=at)
        self._stored.clear()


class ComplaintImporter(KindImporter):
    model = Complaint
    key_attrs = ("complaint_no",)
    value_attrs = ("window_id", "case_id", "received_at", "category", "content", "completed_at")
    dated_by = "received_at"
    complaints = True

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self.windows = self._number_map(session, Window.number)
        self.window_states = WindowStates(session, self.ctx.hall_id)
        wanted = sorted({rec["case_no"] for rec in records if rec["case_no"]})
        self.cases: dict[str, int] = {}
        for chunk in chunked(wanted, IN_CHUNK):
            stmt = select(Case.case_no, Case.id).where(
                Case.hall_id == self.ctx.hall_id, Case.case_no.in_(chunk)
            )
            self.cases.update(session.execute(stmt).all())

    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        window_no, case_no = rec["window_no"], rec["case_no"]
        if window_no and window_no not in self.windows:
            yield "window_no", unknown_window(window_no)
        elif window_no and (received := rec["received_at"]):
            state = self.window_states.at(self.windows[window_no], received)
            if state is WindowState.OUT_OF_SERVICE:
                yield (
                    "window_no",
                    say(
                        "window {window} was “{state}” at the time of the complaint {received}: "
                        "it could not take complaints",
                        window=window_no,
                        state=state.value,
                        received=f"{received:%Y-%m-%d %H:%M}",
                    ),
                )
        if case_no and case_no not in self.cases:
            yield (
                "case_no",
                say("there is no case numbered {case_no} (import the cases first)", case_no=case_no),
            )

    def key(self, rec: Record) -> Key:
        return (rec["complaint_no"],)

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        window_no, case_no = rec["window_no"], rec["case_no"]
        return {
            "complaint_no": rec["complaint_no"],
            "received_at": rec["received_at"],
            **self._present(
                [
                    ("window_no", "window_id", self.windows[window_no] if window_no else None),
                    ("case_no", "case_id", self.cases[case_no] if case_no else None),
                    ("category", "category", rec["category"]),
                    ("content", "content", rec["content"]),
                    ("completed_at", "completed_at", rec["completed_at"]),
                ]
            ),
        }
