"""The weekly report's workbook, written by a hall, and the center's roll-up of several halls' reports."""

from hallmonitor.reports.weekly.audit_head import read_audit_head
from hallmonitor.reports.weekly.columns import COLUMNS, F, M, S
from hallmonitor.reports.weekly.model import (
    VOIDED_STATUS,
    AlertRow,
    CaseRow,
    ComplaintRow,
    DailyRow,
    DepartmentRow,
    Figure,
    FrontShopRow,
    IndicatorRow,
    OverdueRow,
    StaffingRow,
    WeekRange,
    WeekReport,
    parse_iso_week,
    ratio,
    yes_no,
)
from hallmonitor.reports.weekly.nominal import NominalRow
from hallmonitor.reports.weekly.rollup import MergeError, merge_reports
from hallmonitor.reports.weekly.workbook import report_file_name, write_week

__all__ = [
    "COLUMNS",
    "VOIDED_STATUS",
    "AlertRow",
    "CaseRow",
    "ComplaintRow",
    "DailyRow",
    "DepartmentRow",
    "F",
    "Figure",
    "FrontShopRow",
    "IndicatorRow",
    "M",
    "MergeError",
    "NominalRow",
    "OverdueRow",
    "S",
    "StaffingRow",
    "WeekRange",
    "WeekReport",
    "merge_reports",
    "parse_iso_week",
    "ratio",
    "read_audit_head",
    "report_file_name",
    "write_week",
    "yes_no",
]
