"""One list of the weekly report (or the roll-up) as a streamed sheet, its cells as cheap as openpyxl allows.

A big week is tens of thousands of rows, nearly all alike: most cells need no
style at all and go to openpyxl as bare values; the styled ones (a date's
format, a violation's fill) are one cell object per column and look, given each
row's value in turn; a text is made safe (style.safe_text) once however often
it recurs. The file is the one ``style._cell`` would give cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from hallmonitor.reports.weekly.style import (
    _FORMATS,
    _FORMULA_STARTS,
    _SCRUBBED,
    _TEXT_KINDS,
    PLAIN,
    Col,
    RowStyle,
    _apply_style,
    _cell,
    _column_widths,
    header_cells,
    prepare_sheet,
    safe_text,
)

__all__ = ["write_table"]


def write_table(
    workbook: Workbook,
    title: str,
    columns: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    *,
    page_header: str,
    styles: Sequence[RowStyle] | None = None,
    progress: Callable[[int], object] | None = None,
) -> WriteOnlyWorksheet:
    """One sheet: a bold frozen header, a filter over the table, then the rows."""
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(_column_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    prepare_sheet(sheet, f"{page_header}  {title}")
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    sheet.append(header_cells(sheet, (c.name for c in columns)))
    cells = _RowCells(sheet, columns)
    sheet._values_to_row = cells.values_to_row  # type: ignore[method-assign]
    for number, values in enumerate(rows, start=1):
        sheet.append(cells.row(values, styles[number - 1] if styles is not None else PLAIN))
        if progress is not None and number % 1000 == 0:
            progress(number)
    if progress is not None:
        progress(len(rows))
    return sheet


class _ReusedCell(Cell):
    """A styled cell a streamed sheet writes again on every row, its look fixed when it is made.

    openpyxl asks every cell for its style's id (looking the style up in the workbook each time)
    and whether it has one, and names a cell it is given in an error message it builds and
    discards; this one answers from what it was made with.
    """

    __slots__ = ("_id",)

    @property
    def style_id(self) -> int:
        return self._id

    @property
    def has_style(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<reused cell>"


#: The data types openpyxl gives these values (``Cell._bind_value``), set without asking it again.
_NUMBER_TYPES = {int: "n", float: "n", bool: "b"}
_DATE_KINDS = frozenset({"date", "datetime"})


class _RowCells:
    """One table's rows as a streamed sheet appends them: bare values wherever no style is needed.

    A styled cell is one object per column and look, given the row's value and written again: a
    streamed sheet writes each row out as it is appended, so the next row may reuse the objects.
    The same text (a department, an item) is made safe once per sheet, not once per row.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, columns: Sequence[Col]) -> None:
        self.sheet = sheet
        self.columns = [(column, column.kind) for column in columns]
        self.texts: dict[tuple[str, bool], tuple[str, bool]] = {}
        self.cells: dict[tuple[int, str | None, int, bool], _ReusedCell] = {}
        self.fills: list[PatternFill] = []  # kept alive: their ids are in the keys above

    def row(self, values: Sequence[Any], style: RowStyle) -> list[Any]:
        count, kinds, fills, fill = len(values), style.kinds, style.cells, style.row
        out = []
        for index, (column, kind) in enumerate(self.columns):
            value = values[index] if index < count else None
            if kinds and index in kinds:
                column, kind = Col(column.name, kinds[index]), kinds[index]
            out.append(self.cell(index, value, column, kind, fills.get(index, fill) if fills else fill))
        return out

    def cell(self, index: int, value: Any, column: Col, kind: str, fill: PatternFill | None) -> Any:
        """What ``_cell`` gives for the value, the styled ones reused."""
        if value is None or value == "":
            if fill is None:
                return None
            return self._styled(index, None, fill, False, None, "n")
        if isinstance(value, str):
            key = (value, kind in _SCRUBBED)
            made = self.texts.get(key)
            if made is None:
                text = safe_text(value, scrub_ids=key[1])
                # What a cell keeps of a string (Cell.check_string); never a formula, as in _cell.
                made = self.texts[key] = (text[:32767], text.startswith(_FORMULA_STARTS))
            text, risky = made
            if fill is None and not risky:
                return text
            return self._styled(index, None, fill, risky, text, "s")
        if kind in _TEXT_KINDS:
            return _cell(self.sheet, value, column, fill)
        number_format = _FORMATS.get(kind)
        if fill is None and number_format is None:
            return value
        data_type = _NUMBER_TYPES.get(type(value))
        if data_type is None and isinstance(value, date) and kind in _DATE_KINDS:
            data_type = "d"
        if data_type is None:
            return _cell(self.sheet, value, column, fill)  # anything else is styled as it always was
        return self._styled(index, number_format, fill, False, value, data_type)

    def values_to_row(self, values: Sequence[Any], row_index: int) -> Iterator[Cell]:
        """What openpyxl's streamed sheet writes of an appended row (its ``_values_to_row``), the
        reused cells handed over as they are.

        openpyxl tries each value as a bare value first and takes a cell only when that fails: an
        exception, a message naming the cell, a new cell after it, which cost a red row more than
        its text. Anything but a reused cell goes openpyxl's way; an openpyxl that stops calling
        this still writes the same file, through its own way, only slower.
        """
        bare = WriteOnlyCell(self.sheet)
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if type(value) is _ReusedCell:
                value.column, value.row = column, row_index
                yield value
                continue
            cell = bare
            try:
                cell.value = value
            except ValueError:
                if not isinstance(value, Cell):
                    raise
                cell = value
            cell.column, cell.row = column, row_index
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            if cell.has_style or cell.hyperlink:
                bare = WriteOnlyCell(self.sheet)

    def _styled(
        self,
        index: int,
        number_format: str | None,
        fill: PatternFill | None,
        quote: bool,
        value: Any,
        data_type: str,
    ) -> Cell:
        key = (index, number_format, 0 if fill is None else id(fill), quote)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = _ReusedCell(self.sheet)
            _apply_style(cell, number_format, fill, quote)
            cell._id = Cell.style_id.fget(cell)  # type: ignore[attr-defined]
            if fill is not None:
                self.fills.append(fill)
        cell._value = value
        cell.data_type = data_type
        return cell
