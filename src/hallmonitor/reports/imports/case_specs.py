"""The columns of the case and complaint files, as the queue system exports them.

Checks here look across the cells of one row (a completion before the
acceptance, an ID number that does not match the applicant type); checks that
need the database are the import service's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus
from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.imports.cells import count_parser, date_parser, datetime_parser, enum_parser
from hallmonitor.reports.imports.columns import (
    ITEM_CODE,
    SAMPLE_DAY,
    WINDOW_NO,
    choices,
    code_text,
    number_text,
    plain_text,
)
from hallmonitor.reports.imports.rows import Column, KindSpec, Record, check_identifier, identifier_parser

__all__ = ["CASES", "COMPLAINTS", "PROCEDURES"]


def _check_case(rec: Record) -> Iterator[tuple[str, str]]:
    applicant_type, raw_id = rec["applicant_type"], rec["applicant_id"]
    if raw_id and applicant_type is not None:
        reason = check_identifier(applicant_type is ApplicantType.PERSON, raw_id)
        if reason:
            yield "applicant_id", reason
    # The approval is the evidence 前店后厂 is judged on: as on the case form, none of it half-filled.
    place, approver = rec["approval_place"], rec["approved_by"]
    if place is not None and not approver:
        yield (
            "approved_by",
            say("an approval place is filled in: fill in the approver's staff number as well"),
        )
    if place is None and (approver or rec["approved_at"] is not None):
        yield (
            "approval_place",
            say("an approver or an approval time is filled in: fill in the approval place as well"),
        )
    received: datetime | None = rec["received_at"]
    approved: datetime | None = rec["approved_at"]
    completed: datetime | None = rec["completed_at"]
    if received and approved and approved < received:
        yield (
            "approved_at",
            say(
                "the approval time {approved} is before the time received {received}",
                approved=_moment(approved),
                received=_moment(received),
            ),
        )
    if received and completed and completed < received:
        yield (
            "completed_at",
            say(
                "the completion time {completed} is before the time received {received}",
                completed=_moment(completed),
                received=_moment(received),
            ),
        )
    elif approved and completed and completed < approved:
        yield (
            "completed_at",
            say(
                "the completion time {completed} is before the approval time {approved}",
                completed=_moment(completed),
                approved=_moment(approved),
            ),
        )
    status = rec["status"]
    if status is CaseStatus.COMPLETED and completed is None:
        yield (
            "completed_at",
            say("the case's status is {status}, but no completion time is filled in", status=status.value),
        )
    if status is not None and not status.is_finished and completed is not None:
        yield (
            "status",
            say("a completion time is filled in, but the case's status is {status}", status=status.value),
        )


def _moment(value: datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


CASES = KindSpec(
    "cases",
    "办件",
    (
        Column("case_no", "办件编号", number_text("case_no"), ("case_number",), sample="2026-000001"),
        WINDOW_NO,
        ITEM_CODE,
        Column(
            "applicant_type",
            "申请人类型",
            enum_parser(
                ApplicantType, synonyms={"自然人": ApplicantType.PERSON, "法人": ApplicantType.ENTERPRISE}
            ),
            choices=choices(ApplicantType),
            sample=ApplicantType.ENTERPRISE.value,
        ),
        Column(
            "applicant_name",
            "申请人",
            plain_text("applicant_name"),
            ("applicant",),
            sample="某某科技有限公司",
            scrub=True,
        ),
        Column(
            "applicant_id",
            "证件号码",
            identifier_parser,
            ("证件号", "id_number", "id_no"),
            required=False,
            default="",
            sample="91350100M000100Y43",
            note="个人填身份证号码，企业填统一社会信用代码；身份证号码只保存脱敏形式",
        ),
        Column(
            "received_at",
            "受理时间",
            datetime_parser(),
            sample=datetime(2026, 5, 6, 9, 30),
            format="datetime",
        ),
        Column(
            "received_by",
            "受理人工号",
            code_text("staff_no"),
            ("receiver_no",),
            required=False,
            sample="1001",
        ),
        Column(
            "status",
            "办件状态",
            enum_parser(CaseStatus),
            choices=choices(CaseStatus),
            sample=CaseStatus.COMPLETED.value,
        ),
        Column(
            "approved_by",
            "审批人工号",
            code_text("staff_no"),
            ("approver_no",),
            required=False,
            sample="1001",
        ),
        Column(
            "approved_at",
            "审批时间",
            datetime_parser(),
            required=False,
            sample=datetime(2026, 5, 6, 10, 0),
            format="datetime",
        ),
        Column(
            "approval_place",
            "审批地点",
            enum_parser(ApprovalPlace, synonyms={"后台": ApprovalPlace.BACK_OFFICE}),
            required=False,
            choices=choices(ApprovalPlace),
            sample=ApprovalPlace.WINDOW.value,
        ),
        Column(
            "completed_at",
            "办结时间",
            datetime_parser(),
            required=False,
            sample=datetime(2026, 5, 6, 10, 15),
            format="datetime",
        ),
        Column(
            "trips",
            "跑动次数",
            count_parser(99),
            required=False,
            default=1,
            sample=1,
            note="不填按1次；全程网办填0",
            format="count",
        ),
        Column(
            "bundle_key",
            "一件事编号",
            number_text("bundle_key"),
            ("bundle_no",),
            required=False,
            sample="",
        ),
    ),
    key=("case_no",),
    check=_check_case,
    name=mark("cases"),
)


def _check_complaint(rec: Record) -> Iterator[tuple[str, str]]:
    received, completed = rec["received_at"], rec["completed_at"]
    if received and completed and completed < received:
        yield (
            "completed_at",
            say(
                "the completion time {completed} is before the time of the complaint {received}",
                completed=_moment(completed),
                received=_moment(received),
            ),
        )


COMPLAINTS = KindSpec(
    "complaints",
    "办不成事反映",
    (
        Column(
            "complaint_no",
            "反映编号",
            code_text("complaint_no"),
            ("complaint_number",),
            sample="FY-2026-0001",
        ),
        Column(
            "window_no",
            "窗口号",
            code_text("window_no"),
            ("window_number", "window"),
            required=False,
            sample="A01",
        ),
        Column(
            "case_no",
            "办件编号",
            number_text("case_no"),
            ("case_number",),
            required=False,
            sample="2026-000001",
        ),
        Column(
            "received_at",
            "反映时间",
            datetime_parser(),
            sample=datetime(2026, 5, 6, 11, 0),
            format="datetime",
        ),
        Column(
            "category",
            "反映类别",
            plain_text("complaint_category"),
            required=False,
            default="",
            sample="材料要求不一致",
            scrub=True,
        ),
        Column(
            "content",
            "反映内容",
            plain_text("complaint_content"),
            required=False,
            default="",
            sample="同一材料在两个窗口要求不同",
            multiline=True,
            scrub=True,
        ),
        Column(
            "completed_at",
            "办结时间",
            datetime_parser(),
            required=False,
            sample=datetime(2026, 5, 7, 16, 0),
            format="datetime",
        ),
    ),
    key=("complaint_no",),
    check=_check_complaint,
    name=mark("complaints"),
)


def _check_procedure(rec: Record) -> Iterator[tuple[str, str]]:
    start, end = rec["start_day"], rec["end_day"]
    if start and end and end < start:
        yield (
            "end_day",
            say(
                "the end date {end} is before the start date {start}",
                end=f"{end:%Y-%m-%d}",
                start=f"{start:%Y-%m-%d}",
            ),
        )


PROCEDURES = KindSpec(
    "procedures",
    "特别程序",
    (
        Column(
            "case_no",
            "办件编号",
            number_text("case_no"),
            ("case_number",),
            sample="2026-000001",
            note="已导入或已登记的办件",
        ),
        Column(
            "start_day",
            "开始日期",
            date_parser(),
            ("start", "start_date"),
            sample=SAMPLE_DAY,
            note="不早于受理日期；同一办件按开始日期对应，重新导入时更新结束日期和说明",
            format="date",
        ),
        Column(
            "end_day",
            "结束日期",
            date_parser(),
            ("end", "end_date"),
            required=False,
            sample=SAMPLE_DAY,
            note="进行中的特别程序不填；已办结的办件只能补录已结束的特别程序",
            format="date",
        ),
        Column(
            "reason",
            "说明",
            plain_text("procedure_reason"),
            ("事由", "reason", "note"),
            sample="专家评审",
            note="特别程序的事由，如听证、专家评审、公告",
            multiline=True,
            scrub=True,
        ),
    ),
    key=("case_no", "start_day"),
    check=_check_procedure,
    name=mark("special procedures"),
)
