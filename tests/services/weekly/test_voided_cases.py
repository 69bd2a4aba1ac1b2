"""A case corrected and then voided after its week, the week's report exported again.

The hand-made week of tests/support/week_seed.py: C07 (window 2) was approved
at the window on Friday 15 May. Recorded later as approved at 部门后台, it
becomes a 前店后厂 case of that week; voided, it leaves every figure and the
window's 前店后厂 alert, and 办件明细 lists it as 作废 with the reason.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, ApprovalPlace
from hallmonitor.reports.weekly import S
from hallmonitor.services.cases import case_detail, correct_case, void_case
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import Alert, AlertOccurrence
from tests.services.weekly.test_report import AFTER_THE_WEEK, export, overview, rows
from tests.support.week_seed import build_week

CORRECTED_AT = datetime(2026, 5, 25, 10, 0)
VOIDED_AT = datetime(2026, 5, 26, 9, 0)


def _occurrence_cases(ctx: HallContext, kind: AlertKind) -> set[int]:
    with ctx.db.session() as s:
        return set(
            s.scalars(
                select(AlertOccurrence.case_id)
                .join(Alert, AlertOccurrence.alert_id == Alert.id)
                .where(Alert.kind == kind, AlertOccurrence.case_id.is_not(None))
            )
        )


def _department(path: Path, name: str) -> tuple:
    return next(r for r in rows(path, S.DEPARTMENTS) if r[0] == name)


def _case_row(path: Path, case_no: str) -> tuple:
    return next(r for r in rows(path, S.CASES) if r[0] == case_no)


def test_corrected_then_voided_case_leaves_the_weeks_figures_and_its_alert(hall: HallContext, tmp_path: Path):
    week = build_week(hall)
    c07 = week.cases["C07"]
    first = export(hall, tmp_path / "before")
    before = overview(first)
    tax_before = _department(first, "税务局")

    correct_case(
        hall, c07, {"approval_place": ApprovalPlace.BACK_OFFICE}, "补录：实为部门后台审批", now=CORRECTED_AT
    )
    run_rules(hall, AFTER_THE_WEEK)
    assert c07 in _occurrence_cases(hall, AlertKind.FRONT_SHOP)
    corrected = export(hall, tmp_path / "corrected")
    figures = overview(corrected)
    assert figures["前店后厂件数"] == before["前店后厂件数"] + 1
    assert figures["现场办结数"] == before["现场办结数"] - 1
    assert _case_row(corrected, "C07")[15:17] == ("部门后台", "是")

    void_case(hall, c07, "重复登记", now=VOIDED_AT)
    run_rules(hall, AFTER_THE_WEEK)
    assert c07 not in _occurrence_cases(hall, AlertKind.FRONT_SHOP)
    voided = export(hall, tmp_path / "voided")
    figures = overview(voided)
    assert figures["办件总数"] == before["办件总数"] - 1
    assert figures["前店后厂件数"] == before["前店后厂件数"]
    assert figures["现场办结数"] == before["现场办结数"] - 1
    assert figures["审批或办结件数"] == before["审批或办结件数"] - 1
    assert figures["经办件数"] == before["经办件数"] - 1
    row = _case_row(voided, "C07")
    assert (row[10], row[-1]) == ("作废", "重复登记")
    assert row[14:17] == ("否", None, "否")
    # Still in the sheet, in receipt order among the others.
    assert [r[0] for r in rows(voided, S.CASES)] == ["C01", "C04", "C02", "C03", "C05", "C06", "C07", "C08"]
    # 办件总数, 审批或办结件数 and 经办件数 of its department, counted without it.
    tax = _department(voided, "税务局")
    assert (tax[6], tax[7], tax[10]) == (tax_before[6] - 1, tax_before[7] - 1, tax_before[10] - 1)

    history = case_detail(hall, c07, as_of=VOIDED_AT.date()).history
    assert [(e.action, e.reason) for e in history][-2:] == [
        ("更正", "补录：实为部门后台审批"),
        ("作废", "重复登记"),
    ]
    assert history[-2].changes == [("审批地点", "窗口", "部门后台")]


def test_voided_cases_leave_the_overdue_and_trip_alerts(hall: HallContext):
    week = build_week(hall)
    run_rules(hall, AFTER_THE_WEEK)
    c04, c05 = week.cases["C04"], week.cases["C05"]
    assert c04 in _occurrence_cases(hall, AlertKind.CASE_OVERDUE)
    assert c05 in _occurrence_cases(hall, AlertKind.MULTIPLE_TRIPS)
    void_case(hall, c04, "误登记", now=VOIDED_AT)
    void_case(hall, c05, "误登记", now=VOIDED_AT)
    run_rules(hall, AFTER_THE_WEEK)
    assert c04 not in _occurrence_cases(hall, AlertKind.CASE_OVERDUE)
    assert c05 not in _occurrence_cases(hall, AlertKind.MULTIPLE_TRIPS)
