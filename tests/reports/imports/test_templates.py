"""Import templates: what the clerk sees in Excel, and that a filled template imports."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from hallmonitor.domain.enums import CaseStatus, StaffCategory
from hallmonitor.reports.imports.specs import KINDS, spec_for
from hallmonitor.reports.imports.templates import display_width, write_template
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, Staff
from tests.support.import_files import snapshot


@pytest.mark.parametrize("kind", KINDS)
def test_template_layout(tmp_path: Path, kind: str) -> None:
    spec = spec_for(kind)
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.title == spec.title
    headers = [c.value for c in sheet[1]]
    assert headers == [c.title for c in spec.columns]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    for cell, column in zip(sheet[1], spec.columns, strict=True):
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= display_width(column.title) + 2, column.title
    sample = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert sample[spec.columns[0].title] not in (None, "")
    lists = {
        sheet[str(dv.sqref).split(":")[0]].column_letter: dv.formula1
        for dv in sheet.data_validations.dataValidation
        if dv.type == "list"
    }
    expected = {
        sheet.cell(row=1, column=i).column_letter: '"' + ",".join(c.choices) + '"'
        for i, c in enumerate(spec.columns, start=1)
        if c.choices
    }
    assert lists == expected
    assert workbook.worksheets[1].title == "填写说明"
    assert sheet.max_row == 2


def test_yes_no_and_enum_columns_offer_drop_downs(tmp_path: Path) -> None:
    sheet = load_workbook(write_template("items", tmp_path / "items.xlsx")).worksheets[0]
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"是,否"' in formulas
    assert '"即办件,承诺件"' in formulas
    assert any(dv.type == "whole" for dv in sheet.data_validations.dataValidation)


def test_identifier_and_number_columns_are_text_so_excel_keeps_them(tmp_path: Path) -> None:
    sheet = load_workbook(write_template("cases", tmp_path / "cases.xlsx")).worksheets[0]
    letters = {c.value: c.column_letter for c in sheet[1]}
    assert sheet.column_dimensions[letters["证件号码"]].number_format == "@"
    assert sheet.column_dimensions[letters["受理人工号"]].number_format == "@"
    assert sheet[f"{letters['受理时间']}2"].is_date


def test_only_xlsx(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx"):
        write_template("staff", tmp_path / "staff.csv")


@pytest.mark.pg
def test_filled_templates_import(hall: HallContext, tmp_path: Path) -> None:
    """Every template, filled in as a clerk would (sample row replaced), imports cleanly."""
    fills = {
        "windows": [["A01", "综合受理1号", "市市场监督管理局", "综合窗口"]],
        "staff": [
            ["1001", "张三", "市市场监督管理局", "公务员", "是"],
            ["1002", "李四", "市市场监督管理局", "劳务派遣", ""],
        ],
        "items": [["SC-001", "企业设立登记", "市市场监督管理局", "营业执照", "承诺件", 3, 15, "是", "是"]],
        "roster": [[datetime(2026, 5, 6), "上午", "A01", "1001", "是"]],
        "cases": [
            [
                "2026-000009",
                "A01",
                "SC-001",
                "个人",
                "赵六",
                "11010519491231002X",
                datetime(2026, 5, 6, 9, 30),
                "1002",
                "已受理",
                None,
                None,
                None,
                None,
                2,
                "YJS-1",
            ]
        ],
        "complaints": [["FY-1", "A01", "2026-000009", datetime(2026, 5, 6, 11), "材料", "内容", None]],
        "procedures": [["2026-000009", datetime(2026, 5, 7), None, "专家评审"]],
        "calendar": [[datetime(2027, 1, 1), "休息日", "元旦"]],
    }
    for kind in KINDS:
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        sheet.delete_rows(2)
        for row in fills[kind]:
            sheet.append(row)
        workbook.save(path)
        result = import_file(hall, kind, path)
        assert (result.inserted, result.errors) == (len(fills[kind]), []), kind
    with hall.db.session() as session:
        staff = {s.staff_no: s for s in session.scalars(select(Staff))}
        case = session.scalars(select(Case)).one()
        periods = [(p.start_day, p.end_day) for p in case.special_periods]
    assert staff["1002"].category is StaffCategory.LABOUR_DISPATCH and staff["1002"].active
    assert (case.status, case.trips, case.bundle_key) == (CaseStatus.SPECIAL_PROCEDURE, 2, "YJS-1")
    assert periods == [(date(2026, 5, 7), None)]
    assert case.applicant_id_display == "110105********002X"


def test_the_sample_row_is_marked_with_a_comment(tmp_path: Path) -> None:
    sheet = load_workbook(write_template("staff", tmp_path / "staff.xlsx")).worksheets[0]
    first = sheet["A2"]
    assert first.value == "1001 — 示例"
    assert first.comment is not None and first.comment.text == "示例行：导入前请删除"
    assert [c.value for c in sheet[2]][1] == "张三"


@pytest.mark.pg
def test_a_template_left_with_its_sample_row_is_refused(hall: HallContext, tmp_path: Path) -> None:
    """Filled below the sample row, the file is refused naming the row to delete; nothing is written."""
    for kind in KINDS:
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        before = snapshot(hall)
        with pytest.raises(ServiceError) as info:
            import_file(hall, kind, path)
        assert str(info.value) == (
            f"文件 {path} 的工作表「{spec_for(kind).title}」第 2 行是模板的示例行，请删除后再导入。"
        ), kind
        assert snapshot(hall) == before, kind


@pytest.mark.pg
def test_template_samples_refer_to_each_other(hall: HallContext, tmp_path: Path) -> None:
    """Unmarked, the samples import in order: what a template shows is what an import takes."""
    for kind in KINDS:
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        workbook = load_workbook(path)
        first = workbook.worksheets[0]["A2"]
        first.value = str(first.value).removesuffix(" — 示例")
        workbook.save(path)
        result = import_file(hall, kind, path)
        assert (result.inserted, result.errors) == (1, []), kind
    with hall.db.session() as session:
        assert session.scalars(select(Staff.name)).all() == ["张三"]
