"""The weekly workbook as a person and a spreadsheet program meet it, read back with openpyxl.

Built from the hand-made week of tests/week_seed.py: headers, filters, widths,
real dates and percentages, violation colours, print set-up, the chart, text
that must never become a formula, no personal ID number, and a crash that
never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from hallmonitor.domain.identifiers import InvalidIdentifier, validate_id_card
from hallmonitor.reports.weekly.columns import COLUMNS, REQUIRED_COLUMNS, SHEETS, S
from hallmonitor.reports.weekly.style import RED, YELLOW, display_width
from hallmonitor.reports.weekly.workbook import report_file_name, write_week
from hallmonitor.services import weekly
from hallmonitor.services.hall import HallContext
from tests.support.week_seed import ID_A, ID_B, ID_C, INJECTED_HYPERLINK, WEEK, build_week

NOW = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def path(sqlite_hall: HallContext, tmp_path: Path) -> Path:
    build_week(sqlite_hall)
    return write_week(weekly.build_week(sqlite_hall, WEEK, now=NOW), tmp_path / "out")


def _column(ws, name: str) -> int:  # type: ignore[no-untyped-def]
    return [c.value for c in ws[1]].index(name) + 1


def _row_of(ws, column: int, value: object) -> int:  # type: ignore[no-untyped-def]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value!r} not found")


def test_sheets_and_their_fixed_columns_in_order(path: Path) -> None:
    book = load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    for sheet in SHEETS:
        header = [c.value for c in book[sheet][1]]
        assert header[: len(REQUIRED_COLUMNS[sheet])] == list(REQUIRED_COLUMNS[sheet])


def test_headers_are_bold_frozen_filtered_and_printed_a4_landscape(path: Path) -> None:
    book = load_workbook(path)
    for ws in book.worksheets:
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "测试市政务服务大厅" in ws.oddHeader.center.text and "2026-W20" in ws.oddHeader.center.text
        assert ws.print_title_rows == "$1:$1"
    cases = book[S.CASES]
    assert cases.auto_filter.ref == f"A1:{cases.cell(row=1, column=len(COLUMNS[S.CASES])).column_letter}9"


def test_columns_are_wide_enough_for_chinese_text(path: Path) -> None:
    ws = load_workbook(path)[S.FRONT_SHOP]
    reason = _column(ws, "标记原因")
    longest = max(
        display_width(str(ws.cell(row=r, column=reason).value or "")) for r in range(2, ws.max_row + 1)
    )
    assert longest == display_width("审批地点为部门后台；审批人当日未在大厅窗口到岗")
    assert ws.column_dimensions[ws.cell(row=1, column=reason).column_letter].width >= longest
    # A header of four Chinese characters needs eight columns, not four.
    assert ws.column_dimensions["A"].width >= display_width("办件编号")


def test_dates_are_dates_and_rates_are_percentages(path: Path) -> None:
    book = load_workbook(path)
    cases = book[S.CASES]
    received = cases.cell(row=2, column=_column(cases, "受理时间"))
    due = cases.cell(row=2, column=_column(cases, "截止日期"))
    assert received.is_date and received.number_format == "yyyy-mm-dd hh:mm"
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    overview = book[S.OVERVIEW]
    rate = overview.cell(row=_row_of(overview, 1, "合规率"), column=2)
    assert rate.value == pytest.approx(0.85) and rate.number_format == "0.0%"
    indicators = book[S.INDICATORS]
    one_trip = _row_of(indicators, 1, "最多跑一次比例")
    assert indicators.cell(row=one_trip, column=2).number_format == "0.0%"  # target 90.0%
    assert indicators.cell(row=_row_of(indicators, 1, "新开办企业"), column=2).number_format == "0.0"


def test_violations_are_red_and_warnings_yellow(path: Path) -> None:
    book = load_workbook(path)
    red, yellow = RED.fgColor.rgb, YELLOW.fgColor.rgb

    def fill(ws, row: int, column: int = 1) -> str | None:  # type: ignore[no-untyped-def]
        cell = ws.cell(row=row, column=column)
        return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None

    staffing = book[S.STAFFING]
    verdict = _column(staffing, "合规情况")
    colours = {
        staffing.cell(row=r, column=verdict).value: fill(staffing, r) for r in range(2, staffing.max_row + 1)
    }
    assert colours == {"合规": None, "仅辅助人员": yellow, "无人值守": red}

    cases = book[S.CASES]
    assert fill(cases, _row_of(cases, 1, "C04")) == red  # 超时
    assert fill(cases, _row_of(cases, 1, "C06")) == yellow  # 临期
    assert fill(cases, _row_of(cases, 1, "C01")) is None

    alerts = book[S.ALERTS]
    level = _column(alerts, "级别")
    by_level = {alerts.cell(row=r, column=level).value: fill(alerts, r) for r in range(2, alerts.max_row + 1)}
    assert by_level == {"建议临时关闭": red, "红牌": red, "责令纠正": yellow, "黄牌": yellow, "待核查": None}

    complaints = book[S.COMPLAINTS]
    assert fill(complaints, _row_of(complaints, 1, "FY-02")) == red
    assert fill(complaints, _row_of(complaints, 1, "FY-01")) is None

    overview = book[S.OVERVIEW]
    assert fill(overview, _row_of(overview, 1, "无人值守时段数"), 2) == red
    assert fill(overview, _row_of(overview, 1, "仅辅助人员时段数"), 2) == yellow
    assert fill(overview, _row_of(overview, 1, "临时关闭次数"), 2) is None  # zero


def test_overview_has_a_chart_of_daily_cases_and_compliance(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode("utf-8")
    has_bars, has_line = "<barChart>" in xml, "<lineChart>" in xml
    assert has_bars and has_line
    series = re.findall(r"<f>([^<]+)</f>", xml)
    # Series titles 办件数 (H1) and 日合规率 (K1), values below them, days of the week as categories.
    assert {"'概览'!H1", "'概览'!$H$2:$H$8", "'概览'!K1", "'概览'!$K$2:$K$8", "'概览'!$F$2:$F$8"} <= set(
        series
    )


def test_text_from_users_never_becomes_a_formula(path: Path) -> None:
    cases = load_workbook(path)[S.CASES]
    applicant = _column(cases, "申请人")
    for case_no, name in (("C02", "=1+1"), ("C03", INJECTED_HYPERLINK)):
        cell = cases.cell(row=_row_of(cases, 1, case_no), column=applicant)
        assert cell.value == name
        assert cell.data_type == "s"
        assert cell.quotePrefix
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name


def test_no_full_personal_id_number_leaves_the_hall(path: Path) -> None:
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for candidate in re.findall(r"[0-9]{17}[0-9Xx]", text):
        with contextlib.suppress(InvalidIdentifier):
            found.append(validate_id_card(candidate))
    assert found == []
    for number in (ID_A, ID_B, ID_C):
        assert number not in text
        assert number[:6] + "********" + number[-4:] in text


def test_file_name_replaces_what_file_systems_refuse(path: Path, sqlite_hall: HallContext) -> None:
    report = weekly.build_week(sqlite_hall, WEEK, now=NOW)
    report.hall_code = "H/00 1:"
    assert report_file_name(report) == "H_00_1_2026-W20_窗口监管周报.xlsx"


def test_a_code_and_name_stored_longer_than_allowed_still_make_a_file_excel_opens(
    sqlite_hall: HallContext, tmp_path: Path
) -> None:
    """Written by another program: a 300-character code made every export fail (file name too long),
    a 10,000-character name a page header Excel refuses (it allows 255 characters)."""
    build_week(sqlite_hall)
    report = weekly.build_week(sqlite_hall, WEEK, now=NOW)
    report.hall_code, report.hall_name = "H" * 300, "名&" * 5000
    written = write_week(report, tmp_path)
    assert written.name == f"{'H' * 32}_2026-W20_窗口监管周报.xlsx"
    book = load_workbook(written)
    headers = [ws.oddHeader.center.text or "" for ws in book.worksheets]
    assert headers and all(len(h) <= 255 for h in headers)
    assert all(h.startswith("名&&名&&") for h in headers)


def test_a_failed_write_leaves_the_previous_file_and_no_scraps(
    path: Path, sqlite_hall: HallContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()
    report = weekly.build_week(sqlite_hall, WEEK, now=NOW)

    def broken_save(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError, match="No space"):
        write_week(report, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_report_is_readable_like_any_file_the_user_saves(
    sqlite_hall: HallContext, tmp_path: Path
) -> None:
    """The finished workbook follows the umask (here 022: 0644), not a temporary file's private 0600."""
    build_week(sqlite_hall)
    report = weekly.build_week(sqlite_hall, WEEK, now=NOW)
    before = os.umask(0o022)
    try:
        path = write_week(report, tmp_path / "out")
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_the_sheets_own_temporary_files_never_reach_the_shared_temp_folder(
    sqlite_hall: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl streams each sheet (names, masked IDs) through a temporary file: it goes to a private folder."""
    import tempfile

    from hallmonitor.files import TEMP_ENV

    shared, private = tmp_path / "shared", tmp_path / "private"
    shared.mkdir()
    monkeypatch.setenv(TEMP_ENV, str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    seen: list[str] = []
    real = tempfile.NamedTemporaryFile

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        handle = real(*args, **kwargs)
        seen.append(handle.name)
        return handle

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", watched)
    import openpyxl.worksheet._writer as sheet_writer

    monkeypatch.setattr(sheet_writer, "NamedTemporaryFile", watched)
    build_week(sqlite_hall)
    write_week(weekly.build_week(sqlite_hall, WEEK, now=NOW), tmp_path / "out")
    assert seen and all(Path(name).parent.parent == private for name in seen)
    assert list(shared.iterdir()) == []
    assert tempfile.gettempdir() == str(shared)
