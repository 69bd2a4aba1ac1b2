"""The center's roll-up of two halls' weekly reports, ranked by hand, and the files it refuses.

The two reports are built by hand as data (no database) and written by the
real writer, so the merge reads exactly what a hall sends. Every rate and
rank in the expected tables is computed on paper from the counts in HALL_A
and HALL_B.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from hallmonitor.reports.weekly.columns import DEPARTMENT_RANKING_COLUMNS, HALL_RANKING_COLUMNS, F, M, S
from hallmonitor.reports.weekly.model import DepartmentRow, Figure, WeekReport, parse_iso_week, ratio
from hallmonitor.reports.weekly.rollup import MergeError, merge_reports
from hallmonitor.reports.weekly.workbook import write_week

#: department, sessions, compliant, auxiliary only, unstaffed, cases, decided, 前店后厂, handled, overdue, multi-trip
HALL_A = [
    ("市场监管局", 10, 8, 2, 0, 20, 10, 1, 25, 5, 2),
    ("税务局", 10, 10, 0, 0, 10, 10, 0, 10, 0, 0),
]
HALL_B = [
    ("市场监管局", 10, 9, 0, 1, 10, 10, 3, 10, 1, 0),
    ("公安局", 20, 20, 0, 0, 40, 30, 0, 40, 0, 4),
    ("发改委", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),  # nothing to divide by: no rate, no rank
]


def hand_report(code: str, name: str, week: str, departments: list[tuple[Any, ...]]) -> WeekReport:
    rows = [DepartmentRow(*d) for d in departments]

    def total(field: str) -> int:
        return sum(getattr(r, field) for r in rows)

    sessions, compliant, cases, decided = (
        total("sessions"),
        total("compliant"),
        total("cases"),
        total("decided"),
    )
    front_shop, handled, overdue, multi = (
        total("front_shop"),
        total("handled"),
        total("overdue"),
        total("multi_trip"),
    )
    span = parse_iso_week(week)
    report = WeekReport(code, name, span, span.end, departments=rows)
    report.overview = [
        Figure(F.HALL_CODE, code, "key"),
        Figure(F.HALL_NAME, name, "user"),
        Figure(F.WEEK, span.label, "key"),
        Figure(F.AS_OF, span.end, "datetime"),
        Figure(F.CASES, cases, "int"),
        Figure(F.ON_SITE_DONE, cases // 2, "int"),
        Figure(F.DECIDED, decided, "int"),
        Figure(F.FRONT_SHOP, front_shop, "int"),
        Figure(F.FRONT_SHOP_RATE, ratio(front_shop, decided), "percent"),
        Figure(F.HANDLED, handled, "int"),
        Figure(F.OVERDUE, overdue, "int"),
        Figure(F.MULTI_TRIP, multi, "int"),
        Figure(F.COMPLAINTS, 1, "int"),
        Figure(F.SESSIONS, sessions, "int"),
        Figure(F.COMPLIANT, compliant, "int"),
        Figure(F.AUXILIARY_ONLY, total("auxiliary_only"), "int"),
        Figure(F.UNSTAFFED, total("unstaffed"), "int"),
        Figure(F.ORDERS, 1, "int"),
        Figure(F.CLOSURE_SUGGESTIONS, 0, "int"),
    ]
    return report


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    a = write_week(hand_report("H001", "甲市政务服务大厅", "2026-W20", HALL_A), tmp_path / "in")
    b = write_week(hand_report("H002", "=乙县政务服务大厅", "2026-W20", HALL_B), tmp_path / "in")
    return a, b


def read(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    ws = load_workbook(path)[sheet]
    return [
        tuple(round(v, 6) if isinstance(v, float) else v for v in row)
        for row in ws.iter_rows(values_only=True)
    ]


def test_halls_ranked_by_the_four_rates(reports: tuple[Path, Path], tmp_path: Path) -> None:
    out = merge_reports(reports, tmp_path / "center.xlsx")
    header, *rows = read(out, M.HALLS)
    assert list(header) == [c.name for c in HALL_RANKING_COLUMNS]
    assert rows == [
        # 合规 29/30 = 96.7% (1st); 前店后厂 3/40 = 7.5% (2nd); 超时 1/50 = 2% (1st); 一次 46/50 = 92% (2nd)
        ("H002", "=乙县政务服务大厅", 30, 29, round(29 / 30, 6), 1, 40, 3, 0.075, 2, 50, 1, 0.02, 1, 50, 46, 0.92, 2),
        # 合规 18/20 = 90% (2nd); 前店后厂 1/20 = 5% (1st); 超时 5/35 (2nd); 一次 28/30 (1st)
        ("H001", "甲市政务服务大厅", 20, 18, 0.9, 2, 20, 1, 0.05, 1, 35, 5, round(5 / 35, 6), 2, 30, 28, round(28 / 30, 6), 1),
    ]  # fmt: skip


def test_departments_ranked_across_halls_from_summed_counts(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    out = merge_reports(reports, tmp_path / "center.xlsx")
    header, *rows = read(out, M.DEPARTMENTS)
    assert list(header) == [c.name for c in DEPARTMENT_RANKING_COLUMNS]
    assert rows == [
        # Ties share a rank (1, 1, 3); listed by compliance rank, then by name.
        ("公安局", 1, 20, 20, 1, 1, 30, 0, 0, 1, 40, 0, 0, 1, 40, 36, 0.9, 3),
        ("税务局", 1, 10, 10, 1, 1, 10, 0, 0, 1, 10, 0, 0, 1, 10, 10, 1, 1),
        # Both halls: 17/20 sessions, 4/20 前店后厂, 6/35 overdue, 28/30 one trip — not an average of rates.
        ("市场监管局", 2, 20, 17, 0.85, 3, 20, 4, 0.2, 3, 35, 6, round(6 / 35, 6), 3, 30, 28, round(28 / 30, 6), 2),
        ("发改委", 1, 0, 0, None, None, 0, 0, None, None, 0, 0, None, None, 0, 0, None, None),
    ]  # fmt: skip


def test_roll_up_lists_its_sources_and_looks_like_the_weekly_report(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    out = merge_reports(reports, tmp_path / "center.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == [M.SUMMARY, M.HALLS, M.DEPARTMENTS]
    _header, *sources = read(out, M.SUMMARY)
    assert [s[1:4] for s in sources] == [
        ("H001", "甲市政务服务大厅", "2026-W20"),
        ("H002", "=乙县政务服务大厅", "2026-W20"),
    ]
    assert sources[0][4] == datetime(2026, 5, 17, 23, 59, 59)
    halls = book[M.HALLS]
    assert halls.freeze_panes == "A2" and halls.auto_filter.ref == "A1:R3"
    assert all(c.font.b for c in halls[1])
    assert halls["E2"].number_format == "0.0%" and halls["F2"].value == 1
    assert halls["B2"].data_type == "s" and halls["B2"].value == "=乙县政务服务大厅"
    assert halls.page_setup.orientation == "landscape" and "2026-W20" in halls.oddHeader.center.text


def test_refuses_what_is_not_an_xlsx(reports: tuple[Path, Path], tmp_path: Path) -> None:
    fake = tmp_path / "周报.xlsx"
    fake.write_text("办件编号,窗口号\n", encoding="utf-8")
    with pytest.raises(MergeError, match=r"^周报\.xlsx：不是 Excel 工作簿"):
        merge_reports([reports[0], fake], tmp_path / "center.xlsx")
    with pytest.raises(MergeError, match="找不到文件"):
        merge_reports([tmp_path / "nowhere.xlsx"], tmp_path / "center.xlsx")


def test_refuses_a_workbook_that_is_not_a_weekly_report(reports: tuple[Path, Path], tmp_path: Path) -> None:
    other = tmp_path / "排班表.xlsx"
    book = Workbook()
    book.active.append(["日期", "时段", "窗口号"])  # type: ignore[union-attr]
    book.save(other)
    with pytest.raises(MergeError, match=r"排班表\.xlsx：不是窗口监管周报：缺少工作表 概览、窗口人员"):
        merge_reports([reports[0], other], tmp_path / "center.xlsx")


def test_refuses_a_report_missing_a_fixed_column(reports: tuple[Path, Path], tmp_path: Path) -> None:
    edited = tmp_path / "edited.xlsx"
    book = load_workbook(reports[1])
    cases = book[S.CASES]
    cases.delete_cols([c.value for c in cases[1]].index("前店后厂") + 1)
    book.save(edited)
    with pytest.raises(MergeError, match=r"edited\.xlsx：不是窗口监管周报：工作表“办件明细”缺少列 前店后厂"):
        merge_reports([reports[0], edited], tmp_path / "center.xlsx")


def test_refuses_a_report_whose_figures_were_edited(reports: tuple[Path, Path], tmp_path: Path) -> None:
    edited = tmp_path / "edited.xlsx"
    book = load_workbook(reports[1])
    overview = book[S.OVERVIEW]
    for row in overview.iter_rows(min_row=2):
        if row[0].value == F.OVERDUE:
            row[1].value = 0
    book.save(edited)
    with pytest.raises(MergeError, match="部门汇总与概览的超时件数不一致"):
        merge_reports([reports[0], edited], tmp_path / "center.xlsx")


def test_refuses_mixed_weeks_and_a_hall_sent_twice(reports: tuple[Path, Path], tmp_path: Path) -> None:
    earlier = write_week(hand_report("H003", "丙区政务服务大厅", "2026-W19", HALL_A), tmp_path / "w19")
    with pytest.raises(
        MergeError, match=r"不是同一周的（2026-W19：H003_2026-W19_窗口监管周报\.xlsx；2026-W20："
    ):
        merge_reports([*reports, earlier], tmp_path / "center.xlsx")
    again = tmp_path / "again.xlsx"
    shutil.copyfile(reports[0], again)
    with pytest.raises(MergeError, match="大厅 H001 出现了两次"):
        merge_reports([*reports, again], tmp_path / "center.xlsx")


def test_refuses_an_output_that_would_overwrite_an_input(reports: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(MergeError, match="不能是要合并的周报之一"):
        merge_reports(reports, reports[0])
    with pytest.raises(MergeError, match=r"应以 \.xlsx 结尾"):
        merge_reports(reports, tmp_path / "center.csv")
    assert not (tmp_path / "center.csv").exists()


def test_the_week_label_survives_the_round_trip() -> None:
    week = parse_iso_week("2026-W20")
    assert (week.monday, week.sunday) == (date(2026, 5, 11), date(2026, 5, 17))
    assert parse_iso_week("2026-W01").monday == date(2025, 12, 29)


def test_a_report_made_before_the_nominal_sheet_existed_still_merges(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    older = tmp_path / "older.xlsx"
    book = load_workbook(reports[1])
    del book[S.NOMINAL]
    book.save(older)
    out = merge_reports([reports[0], older], tmp_path / "center.xlsx")
    assert read(out, M.HALLS) == read(merge_reports(reports, tmp_path / "both.xlsx"), M.HALLS)
