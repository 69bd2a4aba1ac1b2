"""A template's sample row is refused wherever it is left; real rows that resemble it are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Staff
from tests.support.import_files import STAFF_HEADER, snapshot, write_csv, write_xlsx


@pytest.mark.parametrize("first", ["1001 — 示例", "示例", " 1001－示例 ", "1001 - 示例"])
def test_a_marked_row_anywhere_refuses_the_file(sqlite_hall: HallContext, tmp_path: Path, first: str) -> None:
    rows = [["2001", "甲", "市税务局", "公务员"], [first, "张三", "市税务局", "公务员"]]
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, rows)
    before = snapshot(sqlite_hall)
    with pytest.raises(ServiceError) as info:
        import_file(sqlite_hall, "staff", path)
    assert str(info.value) == f"文件 {path} 第 3 行是模板的示例行，请删除后再导入。"
    assert snapshot(sqlite_hall) == before


def test_the_sheet_is_named_and_skip_invalid_does_not_take_it(
    sqlite_hall: HallContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, [["1001 — 示例", "张三", "市税务局", "公务员"]])
    with pytest.raises(ServiceError, match="工作表「Sheet」第 2 行是模板的示例行"):
        import_file(sqlite_hall, "staff", path, skip_invalid=True)


def test_a_strange_sheet_name_is_quoted_on_one_line(sqlite_hall: HallContext, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, [["1001 — 示例", "张三", "市税务局", "公务员"]])
    book = load_workbook(path)
    book.active.title = "人员\x85第二行"  # type: ignore[union-attr]
    book.save(path)
    with pytest.raises(ServiceError) as info:
        import_file(sqlite_hall, "staff", path)
    assert (
        str(info.value) == f"文件 {path} 的工作表「人员\\x85第二行」第 2 行是模板的示例行，请删除后再导入。"
    )


def test_real_rows_like_the_sample_import(sqlite_hall: HallContext, tmp_path: Path) -> None:
    """张三 with 工号 1001 is a real person; 示例 elsewhere in a row or inside a number is no mark."""
    rows = [
        ["1001", "张三", "市市场监督管理局", "公务员"],
        ["示例1", "示例", "示例局", "劳务派遣"],
        ["2002", "李四 — 示例", "市税务局", "劳务派遣"],
    ]
    result = import_file(sqlite_hall, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, rows))
    assert (result.inserted, result.errors) == (3, [])
    with sqlite_hall.db.session() as session:
        assert sorted(session.scalars(select(Staff.staff_no))) == ["1001", "2002", "示例1"]
