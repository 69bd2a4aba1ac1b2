"""The import specs: the center's column names, header matching and row parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import String

from hallmonitor.reports.imports.columns import MAX_LENGTHS
from hallmonitor.reports.imports.rows import RowError, bind, parse_row
from hallmonitor.reports.imports.specs import KINDS, SPECS, spec_for
from hallmonitor.reports.imports.tabular import TableError
from hallmonitor.storage import models
from tests.support.paths import REPO

#: The column names issue 3 fixes for each kind, in its order.
ISSUE_COLUMNS = {
    "windows": "窗口号, 窗口名称, 部门, 窗口类型",
    "staff": "工号, 姓名, 部门, 人员类别",
    "items": "事项编码, 事项名称, 部门, 事项类别, 办件类型, 承诺时限(工作日), 法定时限(工作日), 是否进驻, 是否授权窗口审批",
    "roster": "日期, 时段, 窗口号, 工号, 到岗",
    "cases": "办件编号, 窗口号, 事项编码, 申请人类型, 申请人, 证件号码, 受理时间, 受理人工号, 办件状态, 审批人工号, 审批时间, 审批地点, 办结时间, 跑动次数, 一件事编号",
    "complaints": "反映编号, 窗口号, 办件编号, 反映时间, 反映类别, 反映内容, 办结时间",
    "calendar": "日期, 类型, 说明",
    "procedures": "办件编号, 开始日期, 结束日期, 说明",
}

PATH = Path("staff.xlsx")


def test_kinds_match_the_command_line() -> None:
    from hallmonitor.cli import IMPORT_KINDS

    assert set(KINDS) == set(IMPORT_KINDS)


@pytest.mark.parametrize("kind", list(ISSUE_COLUMNS))
def test_every_column_the_issue_names_is_there_in_order(kind: str) -> None:
    titles = [c.title for c in SPECS[kind].columns]
    assert [t for t in titles if t in ISSUE_COLUMNS[kind].split(", ")] == ISSUE_COLUMNS[kind].split(", ")


def test_length_limits_match_the_database_columns() -> None:
    columns = {
        "window_no": models.Window.number,
        "window_name": models.Window.name,
        "department": models.Department.name,
        "staff_no": models.Staff.staff_no,
        "staff_name": models.Staff.name,
        "item_code": models.Item.code,
        "item_name": models.Item.name,
        "case_no": models.Case.case_no,
        "applicant_name": models.Case.applicant_name,
        "bundle_key": models.Case.bundle_key,
        "complaint_no": models.Complaint.complaint_no,
        "complaint_category": models.Complaint.category,
        "calendar_note": models.CalendarOverrideRow.note,
        "procedure_reason": models.SpecialPeriod.reason,
    }
    for key, attr in columns.items():
        column_type = attr.property.columns[0].type
        assert isinstance(column_type, String)
        assert MAX_LENGTHS[key] == column_type.length, key


def test_headers_match_by_alias_width_and_spacing() -> None:
    spec = spec_for("items")
    headers = [
        "ITEM_CODE",
        " 事项名称 ",
        "dept",
        "item_category",
        "case_type",
        "承诺时限（工作日）",
        "是否 进驻",
        "window_may_approve",
        "多余",
    ]
    binding = bind(spec, headers, PATH)
    assert binding.headers["promised_days"] == "承诺时限（工作日）"
    assert binding.headers["admitted"] == "是否 进驻"
    assert not binding.present("legal_days")
    assert binding.shown("legal_days") == "法定时限(工作日)"


def test_missing_required_columns_are_named_with_the_file() -> None:
    with pytest.raises(TableError) as info:
        bind(spec_for("staff"), ["工号", "名字", "部门"], PATH)
    assert str(info.value) == (
        "文件 staff.xlsx 缺少人员导入必需的列：姓名、人员类别。第一行应为列名，该文件第一行为：工号、名字、部门。"
    )


def test_the_same_column_twice_is_refused() -> None:
    with pytest.raises(TableError, match="「工号」和「staff_no」都表示工号"):
        bind(spec_for("staff"), ["工号", "姓名", "部门", "人员类别", "staff_no"], PATH)


def test_row_error_text() -> None:
    assert str(RowError(5, "窗口号", "窗口号 A09 不存在")) == "第5行，列「窗口号」：窗口号 A09 不存在"
    assert str(RowError(5, "", "整行为空")) == "第5行：整行为空"


def test_a_cell_that_failed_is_not_blamed_twice() -> None:
    spec = spec_for("cases")
    binding = bind(spec, [c.title for c in spec.columns], Path("c.csv"))
    raw = {c.title: c.sample for c in spec.columns} | {"办结时间": "不知道"}
    _record, errors = parse_row(binding, 7, raw)
    assert [(e.row, e.column) for e in errors] == [(7, "办结时间")]
    assert "无法识别" in errors[0].message


@pytest.mark.parametrize("kind", KINDS)
def test_the_sample_row_of_every_template_is_valid(kind: str) -> None:
    spec = spec_for(kind)
    binding = bind(spec, [c.title for c in spec.columns], Path("t.xlsx"))
    record, errors = parse_row(binding, 2, {c.title: c.sample for c in spec.columns})
    assert errors == []
    assert record.key(spec.key) is not None


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="未知的导入类型"):
        spec_for("budget")


def test_the_import_docs_list_every_column() -> None:
    docs = (REPO / "docs" / "imports.md").read_text(encoding="utf-8")
    for spec in SPECS.values():
        section = docs.split(f"### {spec.kind} — {spec.title}", 1)[1].split("\n### ", 1)[0]
        for column in spec.columns:
            required = "| yes |" if column.required else "| |"
            assert f"| {column.title} {required} {column.key} |" in section, (spec.kind, column.title)
