"""Every way a person writes text into the hall's tables refuses an over-long value in a sentence.

SQLite keeps text of any length in a VARCHAR(20); PostgreSQL refuses it with a raw
StringDataRightTruncation that named the SQL and its parameters. Each case runs on
both backends (``hall``): the value is refused with a sentence naming the field,
and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from hallmonitor.domain.enums import ApplicantType, CaseType, ItemCategory, Role, StaffCategory, WindowKind
from hallmonitor.services import hall_data as hd
from hallmonitor.services.accounts import add_account
from hallmonitor.services.cases import CaseInput, add_special_period, correct_case, register_case
from hallmonitor.services.hall import HallContext, ServiceError, hall_context, init_hall
from hallmonitor.services.settings import rename_hall, set_day
from hallmonitor.storage.models import AuditEntry, Department

NOW = datetime(2026, 5, 11, 10, 0)
LONG = "长" * 201


def _ids(ctx: HallContext) -> dict[str, int]:
    dept = hd.add_department(ctx, "市场监管局")
    hd.add_window(ctx, hd.WindowInput("A1", "综合窗口", dept, WindowKind.DEPARTMENT))
    hd.add_item(ctx, hd.ItemInput("I1", "事项", dept, ItemCategory.OTHER, CaseType.PROMISED, 3, 5))
    case = register_case(ctx, _case(), now=NOW)
    return {"dept": dept, "case": case}


def _case(**changes: object) -> CaseInput:
    fields: dict[str, object] = {
        "window_number": "A1",
        "item_code": "I1",
        "applicant_type": ApplicantType.ENTERPRISE,
        "applicant_name": "甲公司",
        "received_at": datetime(2026, 5, 11, 9, 0),
    }
    return CaseInput(**(fields | changes))  # type: ignore[arg-type]


WRITES: list[tuple[str, str, Callable[[HallContext, dict[str, int]], object]]] = [
    ("部门名称", "department", lambda c, i: hd.add_department(c, LONG[:101])),
    (
        "窗口编号",
        "window number",
        lambda c, i: hd.add_window(c, hd.WindowInput(LONG[:21], "窗", i["dept"], WindowKind.DEPARTMENT)),
    ),
    (
        "窗口名称",
        "window name",
        lambda c, i: hd.add_window(c, hd.WindowInput("A2", LONG[:101], i["dept"], WindowKind.DEPARTMENT)),
    ),
    (
        "所在区域",
        "window zone",
        lambda c, i: hd.add_window(
            c, hd.WindowInput("A2", "窗", i["dept"], WindowKind.DEPARTMENT, zone=LONG[:41])
        ),
    ),
    (
        "工号",
        "staff number",
        lambda c, i: hd.add_staff(
            c, hd.StaffInput(LONG[:33], "张三", i["dept"], StaffCategory.CIVIL_SERVANT)
        ),
    ),
    (
        "姓名",
        "staff name",
        lambda c, i: hd.add_staff(c, hd.StaffInput("S1", LONG[:51], i["dept"], StaffCategory.CIVIL_SERVANT)),
    ),
    (
        "事项编码",
        "item code",
        lambda c, i: hd.add_item(
            c, hd.ItemInput(LONG[:65], "事项", i["dept"], ItemCategory.OTHER, CaseType.PROMISED, 3, 5)
        ),
    ),
    (
        "事项名称",
        "item name",
        lambda c, i: hd.add_item(
            c, hd.ItemInput("I2", LONG, i["dept"], ItemCategory.OTHER, CaseType.PROMISED, 3, 5)
        ),
    ),
    ("大厅名称", "hall name", lambda c, i: rename_hall(c, LONG)),
    ("大厅编码", "hall code", lambda c, i: init_hall(c.db, "H" * 33, "第二个大厅")),
    ("说明", "calendar note", lambda c, i: set_day(c, date(2026, 10, 10), False, LONG)),
    (
        "账号名",
        "account login",
        lambda c, i: add_account(c, "a" * 51, "管理员", Role.ADMIN, "Hall-Admin-2026!"),
    ),
    ("姓名", "account name", lambda c, i: add_account(c, "admin", LONG[:51], Role.ADMIN, "Hall-Admin-2026!")),
    ("申请人名称", "applicant", lambda c, i: register_case(c, _case(applicant_name=LONG), now=NOW)),
    ("一件事编号", "bundle", lambda c, i: register_case(c, _case(bundle_key="B" * 65), now=NOW)),
    ("办件编号", "case number", lambda c, i: register_case(c, _case(case_no="C" * 65), now=NOW)),
    (
        "事由",
        "procedure reason",
        lambda c, i: add_special_period(c, i["case"], date(2026, 5, 12), None, LONG, now=NOW),
    ),
    (
        "一件事编号",
        "corrected bundle",
        lambda c, i: correct_case(c, i["case"], {"bundle_key": "B" * 65}, "更正", now=NOW),
    ),
]


def _rows(ctx: HallContext) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count(AuditEntry.seq))) or 0)


@pytest.mark.parametrize(("field", "what", "write"), WRITES, ids=[w[1] for w in WRITES])
def test_an_over_long_value_is_refused_in_a_sentence_naming_the_field(
    hall: HallContext, field: str, what: str, write: Callable[[HallContext, dict[str, int]], object]
) -> None:
    ids = _ids(hall)
    before = _rows(hall)
    with pytest.raises(ServiceError) as refused:
        write(hall, ids)
    message = str(refused.value)
    assert field in message and "\n" not in message and "varying" not in message, message
    assert _rows(hall) == before, f"{what}: something was written"


def test_a_login_longer_than_the_records_hold_still_writes(hall: HallContext) -> None:
    """A domain login can be 60 characters; every record names its actor in 50."""
    long_login = "domain-user-" + "x" * 60
    ctx = hall_context(hall.db, login=long_login)
    hd.add_department(ctx, "税务局")
    with hall.db.session() as s:
        assert s.scalar(select(func.count(Department.id)).where(Department.name == "税务局")) == 1
        assert s.scalar(select(AuditEntry.actor).order_by(AuditEntry.seq.desc()).limit(1)) == long_login[:50]
