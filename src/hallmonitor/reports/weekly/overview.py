"""The weekly workbook's 概览 sheet: the week's figures beside a daily table and its chart.

It is the one sheet laid out by hand rather than through ``write_table``: two
tables side by side, figures coloured by what they count, and a chart, so it
lives apart from the lists every other sheet is written from.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from hallmonitor.reports.weekly.columns import DAILY_COLUMNS, OVERVIEW_COLUMNS, F, S
from hallmonitor.reports.weekly.model import WeekReport, yes_no
from hallmonitor.reports.weekly.style import (
    RED,
    YELLOW,
    Col,
    display_width,
    header_cells,
    prepare_sheet,
    set_widths,
    styled_cell,
)

__all__ = ["write_overview"]

_WRAP = Alignment(wrap_text=True, vertical="top")

#: 概览 figures coloured when not zero.
_RED_FIGURES = frozenset({F.UNSTAFFED, F.OVERDUE, F.CLOSURE_SUGGESTIONS, F.CLOSURES, F.COMPLAINTS_OVERDUE})
_YELLOW_FIGURES = frozenset({F.AUXILIARY_ONLY, F.ORDERS, F.FRONT_SHOP, F.MULTI_TRIP, F.NOMINAL})


def write_overview(workbook: Workbook, report: WeekReport, header: str) -> None:
    """The first sheet, so the week's figures are what a reader opening the file sees."""
    sheet = workbook.create_sheet(S.OVERVIEW)
    figures = report.overview
    daily = report.daily
    widths = {
        1: max(
            [display_width(c.name) for c in OVERVIEW_COLUMNS[:1]] + [display_width(f.name) for f in figures]
        ),
        2: max([8] + [display_width(_figure_text(f.value)) for f in figures]),
        3: 50,
        4: 2,
    }
    for offset, column in enumerate(DAILY_COLUMNS, start=5):
        widths[offset] = max(display_width(column.name), 10)
    set_widths(sheet, widths)
    prepare_sheet(sheet, f"{header}  {S.OVERVIEW}")
    sheet.auto_filter.ref = f"A1:C{len(figures) + 1}"
    sheet.append(
        header_cells(sheet, [*(c.name for c in OVERVIEW_COLUMNS), None, *(c.name for c in DAILY_COLUMNS)])
    )
    for index in range(max(len(figures), len(daily))):
        row: list[Any] = [None, None, None, None]
        if index < len(figures):
            figure = figures[index]
            row[0] = styled_cell(sheet, figure.name, OVERVIEW_COLUMNS[0], None)
            row[1] = styled_cell(
                sheet, figure.value, Col("数值", figure.kind), _figure_fill(figure.name, figure.value)
            )
            note = styled_cell(sheet, figure.note, OVERVIEW_COLUMNS[2], None)
            note.alignment = _WRAP
            row[2] = note
        if index < len(daily):
            day = daily[index]
            values = (day.day, day.weekday, yes_no(day.is_workday), day.cases, day.sessions, day.compliant)
            row += [styled_cell(sheet, v, c, None) for v, c in zip(values, DAILY_COLUMNS, strict=False)]
            row.append(
                styled_cell(sheet, day.compliance_rate, DAILY_COLUMNS[-1], _rate_fill(day.compliance_rate))
            )
        sheet.append(row)
    if daily:
        _add_daily_chart(sheet, len(daily), anchor_row=max(len(figures), len(daily)) + 3)


def _figure_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1%}"
    return "" if value is None else str(value)


def _figure_fill(name: str, value: object) -> Any:
    if not isinstance(value, int) or value <= 0:
        return None
    if name in _RED_FIGURES:
        return RED
    if name in _YELLOW_FIGURES:
        return YELLOW
    return None


def _rate_fill(rate: float | None) -> Any:
    return None if rate is None or rate >= 1 else YELLOW


def _add_daily_chart(sheet: WriteOnlyWorksheet, days: int, anchor_row: int) -> None:
    """Cases per day as bars, the day's compliance rate as a line on its own axis."""
    first_col = 5  # column E: 日期
    categories = Reference(sheet, min_col=first_col + 1, min_row=2, max_row=days + 1)
    bars = BarChart()
    bars.title = "每日办件数与窗口合规率"
    bars.y_axis.title = "办件数"
    bars.add_data(Reference(sheet, min_col=first_col + 3, min_row=1, max_row=days + 1), titles_from_data=True)
    bars.set_categories(categories)
    line = LineChart()
    line.add_data(Reference(sheet, min_col=first_col + 6, min_row=1, max_row=days + 1), titles_from_data=True)
    line.set_categories(categories)
    line.y_axis.axId = 200
    line.y_axis.title = "合规率"
    line.y_axis.number_format = "0%"
    line.y_axis.scaling.min = 0
    line.y_axis.scaling.max = 1
    line.y_axis.crosses = "max"
    # openpyxl 3.1 hides axes unless told otherwise.
    for axis in (bars.x_axis, bars.y_axis, line.y_axis):
        axis.delete = False
    bars += line
    bars.height, bars.width = 8, 18
    sheet.add_chart(bars, f"E{anchor_row}")
