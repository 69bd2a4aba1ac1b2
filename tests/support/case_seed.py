"""A small hall with windows, items and staff, and bulk cases for query and UI tests.

Imported by name from the service and UI tests (pytest puts this folder on
sys.path because of the conftest beside it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    FlagState,
    ItemCategory,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.domain.identifiers import credit_code_check_char, id_card_check_char
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Case, Department, FrontShopFlag, Item, Staff, Window


def person_id(serial: int = 1) -> str:
    first17 = f"11010519900307{serial:03d}"
    return first17 + id_card_check_char(first17)


def credit_code(serial: int = 1) -> str:
    first17 = f"91110000{serial:09d}"
    return first17 + credit_code_check_char(first17)


@dataclass
class SeededHall:
    departments: dict[str, int]
    windows: dict[str, int]
    items: dict[str, int]
    staff: dict[str, int]


def seed_hall(ctx: HallContext) -> SeededHall:
    """Two departments, three windows (one closed), three items, three staff."""
    with ctx.db.session() as s:
        market = Department(hall_id=ctx.hall_id, name="市场监管局")
        estate = Department(hall_id=ctx.hall_id, name="自然资源局")
        s.add_all([market, estate])
        s.flush()
        windows = [
            Window(hall_id=ctx.hall_id, number="01", name="企业开办", department_id=market.id,
                   kind=WindowKind.COMBINED, state=WindowState.OPEN, grid_row=0, grid_col=0),
            Window(hall_id=ctx.hall_id, number="02", name="不动产登记", department_id=estate.id,
                   kind=WindowKind.DEPARTMENT, state=WindowState.OPEN, grid_row=0, grid_col=1),
            Window(hall_id=ctx.hall_id, number="03", name="备用", department_id=estate.id,
                   kind=WindowKind.DEPARTMENT, state=WindowState.CLOSED, grid_row=0, grid_col=2),
        ]  # fmt: skip
        items = [
            Item(hall_id=ctx.hall_id, code="SC001", name="企业设立登记", department_id=market.id,
                 category=ItemCategory.BUSINESS_LICENCE, case_type=CaseType.PROMISED, promised_days=3,
                 legal_days=15, admitted=True, window_may_approve=True),
            Item(hall_id=ctx.hall_id, code="SC002", name="公章刻制备案", department_id=market.id,
                 category=ItemCategory.SEAL_ENGRAVING, case_type=CaseType.IMMEDIATE, promised_days=0,
                 legal_days=1, admitted=True, window_may_approve=True),
            Item(hall_id=ctx.hall_id, code="ZR001", name="不动产转移登记", department_id=estate.id,
                 category=ItemCategory.REAL_ESTATE, case_type=CaseType.PROMISED, promised_days=5,
                 legal_days=30, admitted=True, window_may_approve=False),
        ]  # fmt: skip
        staff = [
            Staff(hall_id=ctx.hall_id, staff_no="G001", name="王静", department_id=market.id,
                  category=StaffCategory.CIVIL_SERVANT),
            Staff(hall_id=ctx.hall_id, staff_no="G002", name="李强", department_id=estate.id,
                  category=StaffCategory.PUBLIC_INSTITUTION),
            Staff(hall_id=ctx.hall_id, staff_no="F001", name="赵敏", department_id=estate.id,
                  category=StaffCategory.LABOUR_DISPATCH),
        ]  # fmt: skip
        s.add_all(windows + items + staff)
        s.flush()
        return SeededHall(
            departments={market.name: market.id, estate.name: estate.id},
            windows={w.number: w.id for w in windows},
            items={i.code: i.id for i in items},
            staff={p.staff_no: p.id for p in staff},
        )


def bulk_cases(
    ctx: HallContext, hall: SeededHall, count: int, *, first_day: date, days: int = 30, seed: int = 7
) -> None:
    """``count`` varied cases over ``days`` days, inserted in one statement per batch.

    Every tenth case is flagged, every seventh completed, due dates one to five
    days after receipt, so every filter has something to find and something to drop.
    """
    rng = random.Random(seed)
    windows = [hall.windows["01"], hall.windows["02"]]
    items = list(hall.items.values())
    statuses = [CaseStatus.ACCEPTED, CaseStatus.AWAITING_DOCUMENTS, CaseStatus.ACCEPTED]
    rows = []
    for n in range(count):
        received = datetime.combine(first_day + timedelta(days=rng.randrange(days)), datetime.min.time())
        received += timedelta(minutes=9 * 60 + rng.randrange(8 * 60))
        completed = received + timedelta(days=rng.randrange(8)) if n % 7 == 0 else None
        rows.append(
            {
                "hall_id": ctx.hall_id,
                "case_no": f"B{n:07d}",
                "window_id": windows[n % 2],
                "item_id": items[n % len(items)],
                "applicant_type": ApplicantType.PERSON,
                "applicant_name": f"申请人{n:05d}",
                "applicant_id_display": "",
                "applicant_id_hash": "",
                "received_at": received,
                "status": CaseStatus.COMPLETED if completed else statuses[n % 3],
                "completed_at": completed,
                "trips": n % 3,
                "approval_place": ApprovalPlace.BACK_OFFICE if n % 10 == 0 else None,
                "due_date": received.date() + timedelta(days=1 + n % 5),
            }
        )
    with ctx.db.session() as s:
        for start in range(0, len(rows), 2000):
            s.execute(insert(Case), rows[start : start + 2000])
        flagged = s.scalars(
            select(Case.id).where(Case.hall_id == ctx.hall_id, Case.case_no.like("B%0"))
        ).all()
        now = datetime.combine(first_day, datetime.min.time())
        if flagged:
            s.execute(
                insert(FrontShopFlag),
                [
                    {
                        "case_id": cid,
                        "reasons": "审批地点为部门后台",
                        "state": FlagState.PENDING,
                        "created_at": now,
                    }
                    for cid in flagged
                ],
            )
