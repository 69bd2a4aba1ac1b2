"""Empty import templates: the right headers, one marked sample row and drop-down lists.

A template is the cheapest way to get a correct file back from a hall: the
clerk fills it in Excel, the drop-downs keep enum columns to values the import
accepts, and text-formatted columns stop Excel from turning a 工号 like 0012
into 12 or an ID number into 1.10105E+17. The sample row's first cell ends in
示例 and carries a comment, and every import refuses a file that still holds it.
The template is the hall's Chinese format, filled by a clerk at the hall: its
headers, its 填写说明 and Excel's input messages stay Chinese whatever language
the PC that wrote it speaks.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.rows import Column, KindSpec
from hallmonitor.reports.imports.samples import SAMPLE_COMMENT, sample_cell
from hallmonitor.reports.imports.specs import spec_for

__all__ = ["display_width", "write_template"]

_LAST_ROW = 1_048_576
_FORMATS = {"text": "@", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "count": "0"}
_REQUIRED_FILL = PatternFill("solid", fgColor="BDD7EE")
_OPTIONAL_FILL = PatternFill("solid", fgColor="E7E6E6")


def display_width(text: str) -> int:
    """Columns of a fixed-width font the text needs: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)


def write_template(kind: str, path: str | Path) -> Path:
    """Write the template for ``kind`` to ``path`` (an .xlsx) and return the path."""
    spec = spec_for(kind)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(say("A template's file name must end in .xlsx: {path}", path=path))
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = spec.title
    for index, column in enumerate(spec.columns, start=1):
        _write_column(sheet, index, column)
    sheet.freeze_panes = "A2"
    _write_notes(workbook.create_sheet("填写说明"), spec)
    workbook.save(path)
    return path


def _write_column(sheet: Worksheet, index: int, column: Column) -> None:
    letter = get_column_letter(index)
    header = sheet.cell(row=1, column=index, value=column.title)
    header.font = Font(bold=True)
    header.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
    header.alignment = Alignment(horizontal="center", vertical="center")
    number_format = _FORMATS[column.format]
    dimension = sheet.column_dimensions[letter]
    dimension.number_format = number_format
    dimension.width = max(display_width(column.title), display_width(_shown(column.sample)), 6) + 4
    if index == 1:
        # The marked first cell is what makes every import refuse this row if it is left in.
        marked = sheet.cell(row=2, column=1, value=sample_cell(_shown(column.sample)))
        marked.number_format = "@"
        marked.font = Font(italic=True, color="C00000")
        marked.comment = Comment(SAMPLE_COMMENT, "HallMonitor", width=220, height=60)
        dimension.width = max(dimension.width, display_width(str(marked.value)) + 4)
    elif column.sample not in (None, ""):
        sample = sheet.cell(row=2, column=index, value=column.sample)
        sample.number_format = number_format
    if column.choices:
        listed = ",".join(column.choices)
        validation = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle="输入有误",
            error=f"{column.title}只能填：{listed.replace(',', '、')}",
        )
    elif column.format == "count":
        validation = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle="输入有误",
            error=f"{column.title}应为不小于0的整数",
        )
    else:
        return
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{_LAST_ROW}")


def _write_notes(sheet: Worksheet, spec: KindSpec) -> None:
    """A second sheet explaining each column; imports read only the first sheet."""
    headers = ("列名", "是否必填", "可选值", "也可用的列名", "说明")
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        sheet.append(
            (
                column.title,
                "必填" if column.required else "可不填",
                "、".join(column.choices),
                "、".join((column.key, *column.aliases)),
                column.note,
            )
        )
    sheet.append(())
    sheet.append(("第一行为列名，列的顺序可以调整，多余的列会被忽略。",))
    sheet.append(("第二行为示例行（第一格标有“示例”），导入前请删除：仍含示例行的文件不会被导入。",))
    sheet.append(
        ("日期可写成 2026-05-06 或 2026/5/6，时间可写成 2026-05-06 09:30；是/否列可填 是、否、Y、N、1、0。",)
    )
    widths = [
        max(
            display_width(str(row[i] or ""))
            for row in sheet.iter_rows(max_row=len(spec.columns) + 1, values_only=True)
        )
        for i in range(len(headers))
    ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 4, 60)
    sheet.freeze_panes = "A2"
