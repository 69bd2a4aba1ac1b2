"""The same case file saved as .xlsx, .xls, .ods or .csv imports the same cases, with the same messages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import xlwt
from sqlalchemy import select

from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, CaseEvent
from tests.support.import_files import (
    CASE_HEADER,
    PERSON_ID,
    case_row,
    seed_reference,
    snapshot,
    write_table,
)

NOW = datetime(2026, 6, 1, 9, 0)
ROWS = [
    case_row("C1"),
    # Real dates and numbers in the cells, as a workbook keeps them; an ID number as text.
    case_row(
        "C2",
        申请人类型="个人",
        申请人="张三",
        证件号码=PERSON_ID,
        受理时间=datetime(2026, 5, 7, 14, 5),
        办件状态="已受理",
        审批人工号="",
        审批时间="",
        审批地点="",
        办结时间="",
        跑动次数=2,
    ),
]


def _cases(ctx: HallContext) -> list[tuple[Any, ...]]:
    with ctx.db.session() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    Case.case_no,
                    Case.applicant_id_display,
                    Case.applicant_id_hash,
                    Case.received_at,
                    Case.completed_at,
                    Case.trips,
                    Case.due_date,
                ).order_by(Case.case_no)
            )
        ]


@pytest.fixture
def reference_hall(sqlite_hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(sqlite_hall, tmp_path, now=datetime(2026, 5, 1, 9, 0))
    return sqlite_hall


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".csv"])
def test_each_format_imports_what_the_xlsx_does(
    reference_hall: HallContext, tmp_path: Path, suffix: str
) -> None:
    before = snapshot(reference_hall)
    first = import_file(
        reference_hall, "cases", write_table(tmp_path / "办件.xlsx", CASE_HEADER, ROWS), now=NOW
    )
    from_xlsx = _cases(reference_hall)
    with reference_hall.db.session() as session:  # back to the hall before the import
        session.execute(CaseEvent.__table__.delete())
        session.execute(Case.__table__.delete())
    assert snapshot(reference_hall)["service_case"] == before["service_case"]
    path = write_table(tmp_path / f"办件{suffix}", CASE_HEADER, ROWS)
    result = import_file(reference_hall, "cases", path, now=NOW)
    assert (first.inserted, result.inserted, result.errors) == (2, 2, [])
    assert _cases(reference_hall) == from_xlsx
    (_no, shown, digest, _received, _completed, trips, due), *_ = (r for r in from_xlsx if r[0] == "C2")
    assert shown == "110105********002X" and len(digest) == 64 and trips == 2 and due is not None
    with reference_hall.db.session() as session:
        notes = sorted(session.scalars(select(CaseEvent.note)))
    assert notes == [f"新增（文件 办件{suffix}，第2行）", f"新增（文件 办件{suffix}，第3行）"]


def test_an_error_value_in_an_xls_stops_the_import_naming_row_and_column(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("办件", cell_overwrite_ok=True)
    for r, values in enumerate([CASE_HEADER, *ROWS]):
        for c, value in enumerate(values):
            sheet.write(r, c, value if not isinstance(value, datetime) else f"{value:%Y-%m-%d %H:%M}")
    sheet.row(2).set_cell_error(CASE_HEADER.index("跑动次数"), "#DIV/0!")
    book.save(str(tmp_path / "办件.xls"))
    before = snapshot(reference_hall)
    result = import_file(reference_hall, "cases", tmp_path / "办件.xls", now=NOW)
    assert result.stopped and [str(e) for e in result.errors] == [
        "第3行，列「跑动次数」：是 Excel 的错误值「#DIV/0!」，请改正该单元格后重新导入"
    ]
    assert snapshot(reference_hall) == before
