"""Writing the weekly report for the center as an .xlsx workbook.

One sheet per list of the WeekReport, under the names of weekly_columns, after
the 概览 sheet that ``overview`` lays out. Violations are coloured the way
supervisors read a board: red for what breaks a rule (无人值守, 超时,
建议临时关闭), yellow for what needs attention (仅辅助人员, 临期, 责令纠正).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from hallmonitor.domain.enums import AlertLevel, DeadlineState, FlagState, StaffingVerdict
from hallmonitor.files import private_temp
from hallmonitor.reports.weekly.columns import COLUMNS, S
from hallmonitor.reports.weekly.model import VOIDED_STATUS, WeekReport, yes_no
from hallmonitor.reports.weekly.nominal import nominal_table
from hallmonitor.reports.weekly.overview import write_overview
from hallmonitor.reports.weekly.style import (
    PLAIN,
    RED,
    YELLOW,
    Progress,
    RowStyle,
    save_atomically,
)
from hallmonitor.reports.weekly.table import write_table

__all__ = ["report_file_name", "write_week"]

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


#: The hall code's column length; the part of the hall's name a page header has room for (Excel
#: allows 255 characters, every "&" counting twice).
_CODE_LENGTH, _NAME_SHOWN = 32, 80


def report_file_name(report: WeekReport) -> str:
    """``<hall code>_<week>_窗口监管周报.xlsx``, with characters no file system takes replaced."""
    # A code is at most 32 characters when the hall is set up; one written longer by other means
    # must not make a name the file system refuses.
    code = _UNSAFE_IN_NAME.sub("_", report.hall_code[:_CODE_LENGTH]).strip("._") or "hall"
    return f"{code}_{report.week.label}_窗口监管周报.xlsx"


def page_header(report: WeekReport) -> str:
    """The hall and the week; a name or code longer than the hall's columns allow is cut, since Excel
    refuses a page header over 255 characters."""
    week = report.week
    name = report.hall_name if len(report.hall_name) <= _NAME_SHOWN else f"{report.hall_name[:_NAME_SHOWN]}…"
    return (
        f"{name}（{report.hall_code[:_CODE_LENGTH]}）  {week.label}  "
        f"{week.monday:%Y-%m-%d} 至 {week.sunday:%Y-%m-%d}  窗口监管周报"
    )


def write_week(report: WeekReport, path: str | Path, *, progress: Progress | None = None) -> Path:
    """Write the report to ``path``: an .xlsx file, or a folder (created if need be) for the standard name."""
    target = Path(path)
    if target.is_dir() or target.suffix.lower() != ".xlsx":
        target = target / report_file_name(report)
    # openpyxl streams each sheet, names and masked IDs included, through a temporary file of its own.
    with private_temp():
        return _write(report, target, progress)


def _write(report: WeekReport, target: Path, progress: Progress | None) -> Path:
    workbook = Workbook(write_only=True)
    workbook.properties.title = f"{report.hall_name} {report.week.label} 窗口监管周报"
    workbook.properties.creator = "窗口监管台 HallMonitor"
    header = page_header(report)
    total = report.row_count + len(report.overview)
    done = 0

    def advance(rows: int) -> None:
        if progress is not None:
            progress(done + rows, total)

    write_overview(workbook, report, header)
    done += len(report.overview)
    advance(0)
    for title, rows, styles in _tables(report):
        write_table(
            workbook, title, COLUMNS[title], rows, page_header=header, styles=styles, progress=advance
        )
        done += len(rows)
    return save_atomically(workbook, target)


def _tables(report: WeekReport) -> list[tuple[str, list[Sequence[Any]], list[RowStyle]]]:
    return [
        _staffing(report),
        _cases(report),
        _front_shop(report),
        nominal_table(report.nominal),
        _overdue(report),
        _indicators(report),
        _alerts(report),
        _complaints(report),
        _departments(report),
    ]


def _staffing(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for r in report.staffing:
        rows.append(
            (
                r.window_no,
                r.department,
                r.day,
                r.session,
                r.formal_count,
                r.auxiliary_count,
                r.present,
                r.verdict,
                r.window_name,
                r.weekday,
            )
        )
        fill = {StaffingVerdict.UNSTAFFED.value: RED, StaffingVerdict.AUXILIARY_ONLY.value: YELLOW}.get(
            r.verdict
        )
        styles.append(RowStyle(fill))
    return S.STAFFING, rows, styles


def _cases(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    # A voided case stands where it was received, so a reader finds it among its neighbours.
    listed = sorted([*report.cases, *report.voided_cases], key=lambda c: (c.received_at, c.case_no))
    for c in listed:
        rows.append(
            (
                c.case_no,
                c.window_no,
                c.department,
                c.item_code,
                c.item_name,
                c.applicant_type,
                c.applicant,
                c.applicant_id,
                c.received_at,
                c.completed_at,
                c.status,
                c.trips,
                c.limit_days,
                c.working_days_used,
                yes_no(c.overdue),
                c.approval_place,
                yes_no(c.front_shop),
                c.case_type,
                c.due,
                c.deadline_state,
                c.approved_at,
                c.calendar_days_used,
                c.bundle_key,
                c.void_reason,
            )
        )
        if c.status == VOIDED_STATUS:
            styles.append(PLAIN)
            continue
        row_fill = RED if c.overdue else YELLOW if c.deadline_state == DeadlineState.DUE_TODAY.value else None
        cells = {16: RED} if c.front_shop else {}
        if c.trips > 1:
            cells[11] = YELLOW
        styles.append(RowStyle(row_fill, cells))
    return S.CASES, rows, styles


def _front_shop(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for f in report.front_shop:
        rows.append(
            (
                f.case_no,
                f.window_no,
                f.department,
                f.item_name,
                f.reasons,
                f.state,
                f.approved_at,
                f.approver,
                f.completed_at,
                f.review_note,
            )
        )
        fill = {FlagState.CONFIRMED.value: RED, FlagState.PENDING.value: YELLOW}.get(f.state)
        styles.append(RowStyle(None, {5: fill} if fill else {}))
    return S.FRONT_SHOP, rows, styles


def _overdue(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows = [
        (
            o.case_no,
            o.window_no,
            o.department,
            o.item_name,
            o.received_at,
            o.due,
            o.completed_at,
            o.overdue_working_days,
            o.status,
        )
        for o in report.overdue
    ]
    return S.OVERDUE, rows, [RowStyle(RED)] * len(rows)


def _indicators(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for i in report.indicators:
        rows.append(
            (i.name, i.target, i.actual, i.sample_count, i.met_rate, i.unit, i.met_count, i.target_met)
        )
        # A share's target and actual are percentages, in the same columns as mean working days.
        kinds = {1: "percent", 2: "percent"} if i.is_rate else {}
        styles.append(RowStyle(None, {2: RED} if i.target_met == "否" else {}, kinds))
    return S.INDICATORS, rows, styles


#: Red for what must be acted on now (closure suggested, a red card), yellow for a first warning.
_LEVEL_FILLS = {
    AlertLevel.SUGGEST_CLOSURE.value: RED,
    AlertLevel.RED_CARD.value: RED,
    AlertLevel.ORDER_TO_CORRECT.value: YELLOW,
    AlertLevel.YELLOW_CARD.value: YELLOW,
}


def _alerts(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for a in report.alerts:
        rows.append(
            (
                a.alert_id,
                a.window_no,
                a.kind,
                a.level,
                a.raised_at,
                a.deadline,
                a.state,
                a.handling_note,
                a.department,
                a.summary,
            )
        )
        fill = _LEVEL_FILLS.get(a.level)
        styles.append(RowStyle(fill))
    return S.ALERTS, rows, styles


def _complaints(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for c in report.complaints:
        rows.append(
            (
                c.number,
                c.window_no,
                c.received_at,
                c.category,
                c.due,
                c.completed_at,
                yes_no(c.overdue),
                c.case_no,
                c.content,
            )
        )
        styles.append(RowStyle(RED if c.overdue else None))
    return S.COMPLAINTS, rows, styles


def _departments(report: WeekReport) -> tuple[str, list[Sequence[Any]], list[RowStyle]]:
    rows, styles = [], []
    for d in report.departments:
        rows.append(
            (
                d.department,
                d.sessions,
                d.compliant,
                d.auxiliary_only,
                d.unstaffed,
                d.compliance_rate,
                d.cases,
                d.decided,
                d.front_shop,
                d.front_shop_rate,
                d.handled,
                d.overdue,
                d.overdue_rate,
                d.multi_trip,
                d.one_trip_rate,
            )
        )
        cells = {}
        if d.auxiliary_only:
            cells[3] = YELLOW
        if d.unstaffed:
            cells[4] = RED
        if d.overdue:
            cells[11] = RED
        styles.append(RowStyle(None, cells))
    return S.DEPARTMENTS, rows, styles
