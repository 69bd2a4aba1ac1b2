"""A hall's imports, and the audit entries they leave in a form that can be compared between versions.

The entries' own texts (``before`` and ``after``) are compared as written,
byte for byte: whoever checks the trail later recomputes each hash from them.
Only what differs from one run to the next is replaced: the moment a history
row was written, and the keyed hashes of ID numbers (the hall's key is new
in every test), which keep their pattern of equal and different.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import AuditEntry
from tests.support.import_files import (
    CASE_HEADER,
    COMPLAINT_HEADER,
    CREDIT_CODE,
    PERSON_ID,
    PERSON_ID_2,
    PROCEDURE_HEADER,
    ROSTER_HEADER,
    case_row,
    seed_reference,
    write_csv,
    write_xlsx,
)

NOW = datetime(2026, 5, 20, 18, 0)
#: The tables the import kinds write themselves; what the rules write after them is the rules' own.
IMPORTED_TABLES = frozenset(
    {
        "department",
        "service_window",
        "staff",
        "item",
        "roster_entry",
        "service_case",
        "case_event",
        "complaint",
        "special_period",
        "calendar_override",
    }
)
_DAYS = [datetime(2026, 5, d) for d in (6, 7, 8, 11, 12)]


def _cases(first: int, count: int, *, changed: bool = False) -> list[list[Any]]:
    rows = []
    for n in range(first, first + count):
        day = _DAYS[n % len(_DAYS)]
        received = day + timedelta(hours=9 + n % 7, minutes=n % 60, seconds=n % 3 * 17)
        person = n % 3 == 0
        done = n % 4 != 1
        back = n % 9 == 0
        completed = received + timedelta(minutes=30 + n) if done else None
        status = "办结" if done else ("补正" if n % 8 == 1 else "已受理")
        if changed and n % 5 == 0:  # the queue system's later export: a few cases moved on
            status, completed = "办结", received + timedelta(hours=3)
            done = True
        rows.append(
            case_row(
                f"2026{n:06d}",
                **{
                    "窗口号": ("A01", "A02", "B01")[n % 3],
                    "事项编码": ("SC-001", "SW-001", "BDC-01")[n % 3],
                    "申请人类型": "个人" if person else "企业",
                    "申请人": (
                        f"张{n}"
                        if person
                        else (f"某某{n}有限公司" if n % 7 else f"某某公司 法人身份证 {PERSON_ID_2}")
                    ),
                    "证件号码": (PERSON_ID if n % 2 else PERSON_ID_2) if person else CREDIT_CODE,
                    # Real Excel moments in most rows, the queue system's text in some.
                    "受理时间": received if n % 4 else f"{received:%Y-%m-%d %H:%M:%S}",
                    "受理人工号": ("1001", "1002", "1003")[n % 3],
                    "办件状态": status,
                    "审批人工号": ("1001", "1002", "1003")[n % 3] if done else "",
                    "审批时间": (received + timedelta(minutes=20)) if done and n % 2 else "",
                    "审批地点": ("部门后台" if back else "窗口") if done else "",
                    "办结时间": completed or "",
                    "跑动次数": (0, 1, 1, 2)[n % 4],
                    "一件事编号": f"YJS-{n // 4}" if n % 6 == 0 else "",
                },
            )
        )
    return rows


def run_imports(ctx: HallContext, folder: Path) -> None:
    """Reference data, a roster, a case file, its later export, complaints and special procedures."""
    seed_reference(ctx, folder, now=NOW)
    roster = [
        [f"{day:%Y-%m-%d}", session, window, staff, "是"]
        for day in _DAYS
        for session in ("上午", "下午")
        for window, staff in (("A01", "1001"), ("A02", "1002"), ("B01", "1003"))
    ]
    imports = [
        ("roster", write_csv(folder / "roster.csv", ROSTER_HEADER, roster)),
        ("cases", write_xlsx(folder / "cases-1.xlsx", CASE_HEADER, _cases(0, 40))),
        # Half the first file again, some rows changed, and new cases after them.
        ("cases", write_xlsx(folder / "cases-2.xlsx", CASE_HEADER, _cases(20, 40, changed=True))),
        (
            "complaints",
            write_csv(
                folder / "complaints.csv",
                COMPLAINT_HEADER,
                [
                    [
                        "FY-1",
                        "A01",
                        "2026000003",
                        "2026-05-07 11:00",
                        "材料要求不一致",
                        "两个窗口要求不同",
                        "",
                    ],
                    ["FY-2", "A02", "", "2026-05-08 15:00", "", "等了很久", "2026-05-09 10:00"],
                ],
            ),
        ),
        (
            "procedures",
            write_csv(
                folder / "procedures.csv",
                PROCEDURE_HEADER,
                [
                    ["2026000001", "2026-05-08", "", "专家评审"],
                    ["2026000005", "2026-05-07", "2026-05-08", "公告"],
                ],
            ),
        ),
    ]
    for kind, path in imports:
        result = import_file(ctx, kind, path, now=NOW)
        assert not result.errors, [str(e) for e in result.errors[:5]]
        assert result.written, (kind, result.summary())


_HEX = re.compile(r"\b[0-9a-f]{64}\b")
_AT = re.compile(r'"at":"[^"]*"')


def imported_entries(ctx: HallContext) -> list[list[str]]:
    """[table, row key, action, before, after] of the imports' own entries, in the trail's order."""
    hashes: dict[str, str] = {}

    def stable(text: str, table: str) -> str:
        text = _HEX.sub(lambda m: hashes.setdefault(m.group(), f"<hash {len(hashes) + 1}>"), text)
        return _AT.sub('"at":"<written>"', text) if table == "case_event" else text

    with ctx.db.session() as session:
        log = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name.in_(IMPORTED_TABLES)).order_by(AuditEntry.seq)
        )
        return [
            [e.table_name, e.row_key, e.action, stable(e.before, e.table_name), stable(e.after, e.table_name)]
            for e in log
        ]
