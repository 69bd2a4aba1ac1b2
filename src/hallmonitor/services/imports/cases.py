"""The case and complaint files: the queue system's exports, by far the largest imports.

Lookups of windows, staff and items are preloaded as dictionaries, so a
100,000-row file costs a few queries for its references, not one per row. A
person's ID number is turned into its mask and keyed hash here, on the way in;
the full number is never written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.reports.imports import Record
from hallmonitor.services.cases import applicant_identity
from hallmonitor.services.hall import ID_HASH_KEY, ensure_hash_key
from hallmonitor.services.imports.kinds import IN_CHUNK, Key, KindImporter, WindowStaffLookups, chunked
from hallmonitor.storage.models import Case, CaseEvent, Complaint, Item, Secret, Window

__all__ = ["CASE_FIELD_TITLES", "CaseImporter", "ComplaintImporter"]

#: Case attributes as the clerk knows them, for the history note of an updated case.
CASE_FIELD_TITLES = {
    "window_id": "窗口号",
    "item_id": "事项编码",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人",
    "applicant_id_display": "证件号码",
    "applicant_id_hash": "证件号码",
    "received_at": "受理时间",
    "received_by_id": "受理人工号",
    "status": "办件状态",
    "approved_by_id": "审批人工号",
    "approved_at": "审批时间",
    "approval_place": "审批地点",
    "completed_at": "办结时间",
    "trips": "跑动次数",
    "bundle_key": "一件事编号",
}


class CaseImporter(WindowStaffLookups):
    model = Case
    key_attrs = ("case_no",)
    value_attrs = tuple(CASE_FIELD_TITLES)
    dated_by = "received_at"
    wants_new_ids = True

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        super().preload(session, records)
        self.items = self._number_map(session, Item.code)
        # The session's identity map holds rows weakly: without this reference
        # applicant_identity would read the hash key from the database once per row.
        ensure_hash_key(session)
        self._hash_key_row = session.get(Secret, ID_HASH_KEY)

    def check(self, rec: Record) -> Iterator[tuple[str, str]]:
        if reason := self._unknown_window(rec["window_no"]):
            yield "window_no", reason
        code = rec["item_code"]
        if code and code not in self.items:
            yield "item_code", f"事项编码 {code} 不存在（请先导入事项）"
        for column in ("received_by", "approved_by"):
            if reason := self._unknown_staff(rec[column]):
                yield column, reason

    def key(self, rec: Record) -> Key:
        return (rec["case_no"],)

    def _staff_id(self, number: str | None) -> int | None:
        return self.staff[number] if number else None

    def values(self, session: Session, rec: Record) -> dict[str, Any]:
        values = {
            "case_no": rec["case_no"],
            "window_id": self.windows[rec["window_no"]],
            "item_id": self.items[rec["item_code"]],
            "applicant_type": rec["applicant_type"],
            "applicant_name": rec["applicant_name"],
            "received_at": rec["received_at"],
            "status": rec["status"],
        }
        if self.binding.present("applicant_id"):
            # Only the mask and the keyed hash of a person's number ever reach the database.
            display, digest = applicant_identity(session, rec["applicant_type"], rec["applicant_id"] or "")
            values["applicant_id_display"] = display
            values["applicant_id_hash"] = digest
        values.update(
            self._present(
                [
                    ("received_by", "received_by_id", self._staff_id(rec["received_by"])),
                    ("approved_by", "approved_by_id", self._staff_id(rec["approved_by"])),
                    ("approved_at", "approved_at", rec["approved_at"]),
                    ("approval_place", "approval_place", rec["approval_place"]),
                    ("completed_at", "completed_at", rec["completed_at"]),
                    ("trips", "trips", rec["trips"]),
                    ("bundle_key", "bundle_key", rec["bundle_key"] or None),
                ]
            )
        )
        return values

    def after_write(
        self,
        session: Session,
        inserted: Sequence[tuple[int, Record]],
        updated: Sequence[tuple[int, Record, list[str]]],
    ) -> None:
        at = datetime.now().replace(microsecond=0)
        actor = self.ctx.actor.name
        source = f"（文件 {self.path.name}，第{{row}}行）"
        events = [
            {
                "case_id": case_id,
                "at": at,
                "actor": actor,
                "action": "导入",
                "note": "新增" + source.format(row=rec.row),
            }
            for case_id, rec in inserted
        ]
        for case_id, rec, attrs in updated:
            titles = "、".join(dict.fromkeys(CASE_FIELD_TITLES[a] for a in attrs))
            note = f"更新：{titles}" + source.format(row=rec.row)
            events.append({"case_id": case_id, "at": at, "actor": actor, "action": "导入", "note": note})
        if events:
            session.execute(CaseEvent.__table__.insert(), events)


class ComplaintImporter(KindImporter):
    model = Complaint
    key_attrs = ("complaint_no",)
    value_attrs = ("window_id", "case_id", "received_at", "category", "content", "completed_at")
    dated_by = "received_at"

    def preload(self, session: Session, records: Sequence[Record]) -> None:
        self.windows = self._number_map(session, Window.number)
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
            yield "window_no", f"窗口号 {window_no} 不存在（请先导入窗口）"
        if case_no and case_no not in self.cases:
            yield "case_no", f"办件编号 {case_no} 不存在（请先导入办件）"

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
