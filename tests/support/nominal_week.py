"""A week in which one window's formal officer is on the roster, marked present, and touches no case.

Mon 11 to Fri 15 May 2026 (2026-W20, five working days). A01's roster has
张三 (1001, 公务员) and 李四 (1002, 劳务派遣), both marked present, in every
session; 李四 receives and approves all six cases of each session. B01's
王五 (1003, 事业编制) handles his own; A02 has 赵六 (1004, 公务员) and no
cases. Everything goes in through the real import files, as a hall would send them.

Worked out by hand, with the default settings (5 cases, 3 sessions in 5
working days): A01 is 疑似挂名 in every session; the third (Tuesday morning)
is judged once the afternoon begins, Tue 12 May 13:30, which raises the
人员挂名 alert holding Monday's two sessions and Tuesday morning. B01 is never
suspected.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hallmonitor.domain.enums import Session
from hallmonitor.services.hall import HallContext
from tests.support.import_files import (
    CASE_HEADER,
    ROSTER_HEADER,
    STAFF_HEADER,
    case_row,
    load,
    seed_reference,
)

DAYS = [date(2026, 5, 11) + timedelta(days=n) for n in range(5)]
#: When each session's cases come in: six, ten minutes apart.
FIRST_RECEIPT = {Session.MORNING: time(9, 10), Session.AFTERNOON: time(14, 0)}
CASES_PER_SESSION = 6
#: Before the hall opens on Monday: the reference data, entered then.
MONDAY_EARLY = datetime(2026, 5, 11, 8, 0)
#: Friday after the hall closed: the week's roster and cases are imported then.
FRIDAY_EVENING = datetime(2026, 5, 15, 17, 20)
#: When the third suspected session (Tuesday morning) is judged.
RAISED = datetime(2026, 5, 12, 13, 30)


def roster_rows(days: list[date] = DAYS) -> list[list[str]]:
    rows = []
    for day in days:
        for session in Session:
            rows.append([day.isoformat(), session.value, "A01", "1001", "是"])
            rows.append([day.isoformat(), session.value, "A01", "1002", "是"])
            rows.append([day.isoformat(), session.value, "A02", "1004", "是"])
            rows.append([day.isoformat(), session.value, "B01", "1003", "是"])
    return rows


def case_rows(days: list[date] = DAYS, *, a01_handler: str = "1002") -> list[list[Any]]:
    """Six cases a session at each window: A01's all by ``a01_handler``, B01's by 王五."""
    rows = []
    for day in days:
        for session in Session:
            start = datetime.combine(day, FIRST_RECEIPT[session])
            for n in range(CASES_PER_SESSION):
                received = start + timedelta(minutes=10 * n)
                for window, item, who in (("A01", "SC-001", a01_handler), ("B01", "BDC-01", "1003")):
                    rows.append(
                        case_row(
                            f"{window}-{day:%m%d}-{'AM' if session is Session.MORNING else 'PM'}-{n}",
                            窗口号=window,
                            事项编码=item,
                            受理时间=f"{received:%Y-%m-%d %H:%M}",
                            受理人工号=who,
                            审批人工号=who,
                            审批时间=f"{received + timedelta(minutes=5):%Y-%m-%d %H:%M}",
                            办结时间=f"{received + timedelta(minutes=8):%Y-%m-%d %H:%M}",
                        )
                    )
    return rows


def import_week(ctx: HallContext, tmp_path: Path, *, now: datetime = FRIDAY_EVENING) -> None:
    """The reference data on Monday morning, then the week's roster and cases at ``now``."""
    seed_reference(ctx, tmp_path, now=MONDAY_EARLY)
    load(ctx, tmp_path, "staff", STAFF_HEADER, [["1004", "赵六", "市税务局", "公务员"]], now=MONDAY_EARLY)
    load(ctx, tmp_path, "roster", ROSTER_HEADER, roster_rows(), now=now)
    load(ctx, tmp_path, "cases", CASE_HEADER, case_rows(), now=now)
