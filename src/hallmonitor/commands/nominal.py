"""The 疑似挂名 part of ``hallmonitor check``: the day's suspected sessions, with their evidence."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hallmonitor.services.rules import DayCheck


def print_suspected(report: DayCheck) -> None:
    """Each suspected session in one line: who the roster had present, what the cases say, how it stands."""
    print("\n【疑似挂名】（排班合规，但受理的办件均非排班正式人员受理或审批）")
    if not report.is_workday:
        print("  休息日不判定。")
        return
    for line in report.nominal:
        print(
            f"  {line.session.value} {line.window_no}号窗口 {line.department}  "
            f"在岗正式人员：{line.formal_present or '无'}  {line.reason}  [{line.status}]"
        )
    if not report.nominal:
        print("  无。")
    if report.as_of < datetime.combine(report.day, time(23, 59, 59)):
        # The morning is judged once the afternoon begins, the afternoon once the day is over.
        print("  （当日时段在其办件收齐后判定：上午于下午开始时，下午于当日结束时。）")
