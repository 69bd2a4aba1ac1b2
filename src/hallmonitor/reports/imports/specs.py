"""What each import file must look like: one KindSpec per import kind.

The Chinese column names are the ones the hall and the center use (issue 3's
table) and are what templates write; the English aliases let the queue
system's exports be read without renaming columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from hallmonitor.domain.enums import CaseType, ItemCategory, Session, StaffCategory, WindowKind
from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.imports.case_specs import CASES, COMPLAINTS, PROCEDURES
from hallmonitor.reports.imports.cells import bool_parser, count_parser, date_parser, enum_parser
from hallmonitor.reports.imports.columns import (
    DEPARTMENT,
    ITEM_CODE,
    MAX_LENGTHS,
    SAMPLE_DAY,
    STAFF_NO,
    WINDOW_NO,
    YES_NO,
    DayType,
    choices,
    plain_text,
)
from hallmonitor.reports.imports.rows import Column, KindSpec, Record

__all__ = ["KINDS", "MAX_LENGTHS", "SPECS", "DayType", "spec_for"]


WINDOWS = KindSpec(
    "windows",
    "窗口",
    (
        WINDOW_NO,
        Column(
            "window_name",
            "窗口名称",
            plain_text("window_name"),
            ("name",),
            sample="综合受理1号窗口",
            scrub=True,
        ),
        DEPARTMENT,
        Column(
            "window_kind",
            "窗口类型",
            enum_parser(WindowKind),
            ("window_type", "kind"),
            choices=choices(WindowKind),
            sample=WindowKind.COMBINED.value,
        ),
    ),
    key=("window_no",),
    name=mark("windows"),
)

STAFF = KindSpec(
    "staff",
    "人员",
    (
        STAFF_NO,
        Column("staff_name", "姓名", plain_text("staff_name"), ("name",), sample="张三", scrub=True),
        DEPARTMENT,
        Column(
            "category",
            "人员类别",
            enum_parser(StaffCategory),
            ("staff_category",),
            choices=choices(StaffCategory),
            sample=StaffCategory.CIVIL_SERVANT.value,
            note="公务员、参照公务员法管理、事业编制为正式公职人员，其余为辅助人员",
        ),
        Column(
            "active",
            "是否在职",
            bool_parser(),
            ("在职",),
            required=False,
            default=True,
            choices=YES_NO,
            sample="是",
            note="可不填，默认为是",
        ),
    ),
    key=("staff_no",),
    name=mark("staff"),
)


def _check_item(rec: Record) -> Iterator[tuple[str, str]]:
    promised, legal = rec["promised_days"], rec["legal_days"]
    if rec["case_type"] is CaseType.PROMISED and promised == 0:
        yield "promised_days", say("a promised case's time limit must be more than 0 working days")
    if promised is not None and legal and promised > legal:
        yield (
            "promised_days",
            say(
                "the promised time limit ({promised} working days) is longer than the legal one "
                "({legal} working days)",
                promised=promised,
                legal=legal,
            ),
        )


ITEMS = KindSpec(
    "items",
    "事项",
    (
        ITEM_CODE,
        Column(
            "item_name", "事项名称", plain_text("item_name"), ("name",), sample="企业设立登记", scrub=True
        ),
        DEPARTMENT,
        Column(
            "category",
            "事项类别",
            enum_parser(ItemCategory),
            ("item_category",),
            choices=choices(ItemCategory),
            sample=ItemCategory.BUSINESS_LICENCE.value,
        ),
        Column(
            "case_type",
            "办件类型",
            enum_parser(CaseType),
            choices=choices(CaseType),
            sample=CaseType.PROMISED.value,
        ),
        Column(
            "promised_days",
            "承诺时限(工作日)",
            count_parser(),
            ("承诺时限", "promised_limit"),
            sample=3,
            note="即办件填0",
            format="count",
        ),
        Column(
            "legal_days",
            "法定时限(工作日)",
            count_parser(),
            ("法定时限", "legal_limit"),
            required=False,
            default=0,
            sample=15,
            note="可不填",
            format="count",
        ),
        Column("admitted", "是否进驻", bool_parser(), choices=YES_NO, sample="是"),
        Column(
            "window_may_approve",
            "是否授权窗口审批",
            bool_parser(),
            ("window_approval", "authorised"),
            choices=YES_NO,
            sample="是",
        ),
    ),
    key=("item_code",),
    check=_check_item,
    name=mark("items"),
)

ROSTER = KindSpec(
    "roster",
    "排班",
    (
        Column("day", "日期", date_parser(), ("date",), sample=SAMPLE_DAY, format="date"),
        Column(
            "session",
            "时段",
            enum_parser(Session, synonyms={"AM": Session.MORNING, "PM": Session.AFTERNOON}),
            choices=choices(Session),
            sample=Session.MORNING.value,
        ),
        WINDOW_NO,
        STAFF_NO,
        Column(
            "attendance",
            "到岗",
            bool_parser(),
            ("是否到岗", "present"),
            required=False,
            choices=YES_NO,
            sample="是",
            note="是＝到岗，否＝缺岗，不填＝仅排班（按到岗计）",
        ),
    ),
    key=("day", "session", "window_no", "staff_no"),
    name=mark("roster"),
)


CALENDAR = KindSpec(
    "calendar",
    "节假日安排",
    (
        Column("day", "日期", date_parser(), ("date",), sample=date(2027, 1, 1), format="date"),
        Column(
            "day_type",
            "类型",
            enum_parser(
                DayType,
                synonyms={
                    "休": DayType.REST,
                    "休息": DayType.REST,
                    "节假日": DayType.REST,
                    "班": DayType.WORK,
                    "上班": DayType.WORK,
                    "补班": DayType.WORK,
                },
            ),
            ("type", "kind", "日期类型"),
            choices=choices(DayType),
            sample=DayType.REST.value,
        ),
        Column(
            "note",
            "说明",
            plain_text("calendar_note"),
            ("备注",),
            required=False,
            default="",
            sample="元旦",
            scrub=True,
        ),
    ),
    key=("day",),
    name=mark("holiday arrangements"),
)

SPECS: dict[str, KindSpec] = {
    s.kind: s for s in (WINDOWS, STAFF, ITEMS, ROSTER, CASES, COMPLAINTS, PROCEDURES, CALENDAR)
}
KINDS: tuple[str, ...] = tuple(SPECS)


def spec_for(kind: str) -> KindSpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise ValueError(
            say(
                "The import kind “{kind}” is not known; the kinds are: {kinds}",
                kind=kind,
                kinds=say(", ").join(KINDS),
            )
        ) from None
