"""The weekly workbook's rows, written straight as sheet XML, are the file openpyxl writes cell by cell.

The center reads these workbooks with its own tools, so the way rows are written
must not change a byte of them: a week with awkward text (edge spaces, XML
specials, formula and error look-alikes, control characters, personal ID
numbers) is written both ways and every part of the two files compared.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from hallmonitor.reports.weekly import table
from hallmonitor.reports.weekly.columns import F, S
from hallmonitor.reports.weekly.rollup import merge_reports
from hallmonitor.reports.weekly.workbook import write_week
from hallmonitor.services import weekly
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Case
from tests.support.week_seed import ID_A, WEEK, build_week

NOW = datetime(2026, 6, 1, 9, 0)

#: Applicant names as they may stand in a hall's database, imported or typed years ago.
AWKWARD = (
    "  前后有空格  ",
    'A&B <公司> "引号"',
    "#N/A",
    "-5",
    "@某人",
    "控制\x01字符\x1f",
    f"张三 {ID_A[:6]} {ID_A[6:14]} {ID_A[14:]}",
    "   ",
    "\x02",
    "甲" * 200,
)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        # core.xml holds the moment of writing, which differs between any two files.
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


@pytest.fixture
def awkward_hall(sqlite_hall: HallContext) -> HallContext:
    build_week(sqlite_hall)
    with sqlite_hall.db.session() as s:
        cases = s.scalars(select(Case).order_by(Case.case_no)).all()
        for case, name in zip(cases, AWKWARD, strict=False):
            case.applicant_name = name
    return sqlite_hall


def test_rows_written_directly_are_the_bytes_openpyxl_writes(
    awkward_hall: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = weekly.build_week(awkward_hall, WEEK, now=NOW)
    direct = write_week(report, tmp_path / "direct.xlsx")
    monkeypatch.setattr(table, "_write_rows_directly", lambda sheet, cells: False)
    by_cell = write_week(report, tmp_path / "by_cell.xlsx")

    ours, openpyxls = _parts(direct), _parts(by_cell)
    assert ours.keys() == openpyxls.keys()
    for name, data in openpyxls.items():
        assert ours[name] == data, name
    # And the awkward names are in the file, as a reader finds them.
    cases = load_workbook(direct)[S.CASES]
    applicant = [c.value for c in cases[1]].index("申请人")
    shown = {row[applicant] for row in cases.iter_rows(min_row=2, values_only=True)}
    assert "  前后有空格  " in shown and 'A&B <公司> "引号"' in shown and "控制字符" in shown


def test_the_roll_up_written_directly_is_the_file_openpyxl_writes(
    awkward_hall: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = weekly.build_week(awkward_hall, WEEK, now=NOW)
    names = {F.HALL_CODE: "HALL-B", F.HALL_NAME: "另一大厅 & <分厅>"}
    other = replace(
        report,
        hall_code=names[F.HALL_CODE],
        hall_name=names[F.HALL_NAME],
        overview=[replace(f, value=names.get(f.name, f.value)) for f in report.overview],
    )
    sources = [write_week(report, tmp_path / "a.xlsx"), write_week(other, tmp_path / "b.xlsx")]
    direct = merge_reports(sources, tmp_path / "direct.xlsx")
    monkeypatch.setattr(table, "_write_rows_directly", lambda sheet, cells: False)
    by_cell = merge_reports(sources, tmp_path / "by_cell.xlsx")

    ours, openpyxls = _parts(direct), _parts(by_cell)
    assert ours.keys() == openpyxls.keys()
    for name, data in openpyxls.items():
        assert ours[name] == data, name
