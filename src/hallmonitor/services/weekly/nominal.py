"""疑似挂名 in the weekly report: the week's suspected sessions as they stood at the 判定时点.

A session is listed once its judgement was true by then (a Sunday export lists
Friday afternoon; one made on Friday at noon does not), with its last review by
then: a confirmation on the Monday after leaves it 待核查 in that week's report.
"""

from __future__ import annotations

from hallmonitor.reports.weekly import NominalRow, WeekRange
from hallmonitor.services.hall import HallContext
from hallmonitor.services.staffing import suspected_lines
from hallmonitor.services.weekly.span import Span

__all__ = ["nominal_rows"]


def nominal_rows(ctx: HallContext, week: WeekRange, span: Span) -> list[NominalRow]:
    lines = suspected_lines(ctx, week.monday, min(week.sunday, span.day), span.as_of, span.calendar)
    return [
        NominalRow(
            line.window_no,
            line.department,
            line.day,
            line.session.value,
            line.formal_present,
            line.case_count,
            line.formal_received,
            line.status,
            line.reason,
            line.review_note,
        )
        for line in lines
    ]
