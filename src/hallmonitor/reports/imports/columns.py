"""Columns and limits shared by several import kinds.

Length limits mirror the database columns, because PostgreSQL refuses a
value that is too long and the clerk should learn that from the row, not
from a failed transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from hallmonitor.domain.identifiers import is_id_card
from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.cells import CellError, text_parser
from hallmonitor.reports.imports.rows import Column

__all__ = [
    "DEPARTMENT",
    "ITEM_CODE",
    "MAX_LENGTHS",
    "SAMPLE_DAY",
    "STAFF_NO",
    "WINDOW_NO",
    "YES_NO",
    "DayType",
    "choices",
    "code_text",
    "number_text",
    "plain_text",
]


class DayType(StrEnum):
    """The calendar file's 类型 column."""

    REST = "休息日"
    WORK = "工作日"


#: Column key -> length of the database column it lands in (checked by a test against the models).
MAX_LENGTHS = {
    "window_no": 20,
    "window_name": 100,
    "department": 100,
    "staff_no": 32,
    "staff_name": 50,
    "item_code": 64,
    "item_name": 200,
    "case_no": 64,
    "applicant_name": 200,
    "bundle_key": 64,
    "complaint_no": 64,
    "complaint_category": 50,
    "complaint_content": 4000,
    "calendar_note": 200,
    "procedure_reason": 200,
}

SAMPLE_DAY = date(2026, 5, 6)


def code_text(key: str) -> Callable[[Any], str]:
    """A key the user types (window number, 工号...): full-width input folded so that it matches."""
    return text_parser(MAX_LENGTHS[key], code=True)


def number_text(key: str) -> Callable[[Any], str]:
    """A number the hall's systems give out (办件编号, 一件事编号): shown and exported whole,
    so it must never be somebody's ID number pasted into the wrong column."""
    parse = code_text(key)

    def parse_number(value: Any) -> str:
        text = parse(value)
        if is_id_card(text):
            raise CellError(
                say(
                    "this is an ID card number and cannot serve as a number here; fill in the number the case system gave"
                )
            )
        return text

    return parse_number


def plain_text(key: str) -> Callable[[Any], str]:
    return text_parser(MAX_LENGTHS[key])


def choices(enum_type: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum_type)


YES_NO = ("是", "否")

WINDOW_NO = Column(
    "window_no",
    "窗口号",
    code_text("window_no"),
    ("window_number", "window"),
    sample="A01",
    note="例如 A01",
)
STAFF_NO = Column("staff_no", "工号", code_text("staff_no"), ("staff_number", "employee_no"), sample="1001")
DEPARTMENT = Column(
    "department",
    "部门",
    plain_text("department"),
    ("dept",),
    scrub=True,
    sample="市市场监督管理局",
    note="部门不存在时自动新建",
)
ITEM_CODE = Column("item_code", "事项编码", code_text("item_code"), ("code",), sample="SC-0001")
