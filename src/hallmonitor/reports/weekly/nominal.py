"""The weekly workbook's 疑似挂名 sheet: every session suspected of nominal presence, with how it stood.

The center reads it before it believes a window's 合规: the formal officer the
roster has present, how many cases the session received, how many of them a
formal civil servant received (none by a rostered one, or it would not be
listed), and what the hall's supervisor made of it by the 判定时点.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hallmonitor.reports.weekly.columns import S
from hallmonitor.reports.weekly.style import RED, YELLOW, RowStyle

__all__ = ["CONFIRMED_STATUS", "NominalRow", "nominal_table"]

#: 处理状态 of a session a supervisor confirmed; such a session counts as 仅辅助人员 in 窗口人员.
CONFIRMED_STATUS = "已确认"
TO_VERIFY_STATUS = "待核查"


@dataclass(frozen=True, slots=True)
class NominalRow:
    window_no: str
    department: str
    day: date
    session: str
    formal_present: str
    case_count: int
    formal_received: int
    status: str
    reason: str
    review_note: str


def nominal_table(nominal: Sequence[NominalRow]) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    """The sheet's rows: confirmed ones red in 处理状态, those still to check yellow."""
    rows: list[Sequence[Any]] = []
    styles = []
    for r in nominal:
        rows.append(
            (
                r.window_no,
                r.department,
                r.day,
                r.session,
                r.formal_present,
                r.case_count,
                r.formal_received,
                r.status,
                r.reason,
                r.review_note,
            )
        )
        fill = {CONFIRMED_STATUS: RED, TO_VERIFY_STATUS: YELLOW}.get(r.status)
        styles.append(RowStyle(None, {7: fill} if fill else {}))
    return S.NOMINAL, rows, styles
