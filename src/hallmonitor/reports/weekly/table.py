"""One list of the weekly report (or the roll-up) as a streamed sheet, its cells as cheap as openpyxl allows.

A big week is tens of thousands of rows, nearly all alike: most cells need no
style at all and go to openpyxl as bare values; the styled ones (a date's
format, a violation's fill) are one cell object per column and look, given each
row's value in turn; a text is made safe (style.safe_text) once however often
it recurs. The file is the one ``style._cell`` would give cell by cell.

openpyxl's own writing of a cell (an element built, then serialized through a
namespace-aware writer) cost more than all the rest of a week's report, so each
row goes to the sheet's stream as the very string openpyxl would have written
(``_write_rows_directly``); tests/reports/weekly/test_same_cells.py holds the two
files to the byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from math import isfinite
from typing import Any
from xml.etree.ElementTree import _escape_cdata  # type: ignore[attr-defined]

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
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
    if _write_rows_directly(sheet, cells):
        for number, values in enumerate(rows, start=1):
            sheet.append((values, styles[number - 1] if styles is not None else PLAIN))
            if progress is not None and number % 1000 == 0:
                progress(number)
    else:
        sheet._values_to_row = cells.values_to_row  # type: ignore[method-assign]
        for number, values in enumerate(rows, start=1):
            sheet.append(cells.row(values, styles[number - 1] if styles is not None else PLAIN))
            if progress is not None and number % 1000 == 0:
                progress(number)
    if progress is not None:
        progress(len(rows))
    return sheet


def _write_rows_directly(sheet: WriteOnlyWorksheet, cells: _RowCells) -> bool:
    """Have the sheet take ``(values, style)`` rows and write each as the XML openpyxl would write.

    openpyxl builds an element per cell and serializes it through a namespace-aware writer: most of
    a big week's time, the same for every cell. A row here is one string, made by ``_RowCells.xml``
    to the byte what openpyxl's ``etree_write_cell`` gives; a row with anything it does not know
    (a date in a number column, an error code as text) goes openpyxl's own way. Only with the
    pure-Python writer openpyxl uses when lxml is absent, and no row heights: otherwise False, and
    the caller appends cells as before.
    """
    writer = getattr(sheet, "_writer", None)
    if writer is None or sheet.row_dimensions or sheet.parent.iso_dates:
        return False
    own_write_row = writer.write_row

    def write_row(xf: Any, row: tuple[Sequence[Any], RowStyle], row_index: int) -> None:
        write = getattr(xf, "_file", None)
        xml = cells.xml(row[0], row[1], row_index) if type(xf).__module__.startswith("et_xmlfile") else None
        if xml is not None and callable(write):
            write(xml)
            return
        own_write_row(xf, cells.values_to_row(cells.row(row[0], row[1]), row_index), row_index)

    writer.write_row = write_row
    sheet._values_to_row = lambda row, _row_index: row  # type: ignore[method-assign]
    return True


def _inline(text: str) -> str:
    """A text's ``<is>`` element as openpyxl writes it (``whitespace`` keeps edge spaces)."""
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f"<is><t{space}>{_escape_cdata(text)}</t></is>"


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
        self.letters = [get_column_letter(index) for index in range(1, len(self.columns) + 1)]
        #: A safe text's <is> element, for the texts ``texts`` holds.
        self.inline: dict[str, str] = {}
        self.epoch = sheet.parent.epoch
        #: A date's or moment's serial as written: a week's dates and many of its moments recur.
        self.serials: dict[date, str] = {}

    def xml(self, values: Sequence[Any], style: RowStyle, row_index: int) -> str | None:
        """The row's ``<row>`` element as openpyxl writes the cells ``row`` gives, or None when a
        cell is one this does not write (then the row goes openpyxl's way)."""
        count, kinds, fills, fill = len(values), style.kinds, style.cells, style.row
        parts = [f'<row r="{row_index}">']
        for index, (_column, kind) in enumerate(self.columns):
            value = values[index] if index < count else None
            if kinds and index in kinds:
                kind = kinds[index]
            cell_fill = fills.get(index, fill) if fills else fill
            where = f"{self.letters[index]}{row_index}"
            if value is None or value == "":
                if cell_fill is not None:
                    parts.append(
                        f'<c r="{where}" s="{self._style_id(index, None, cell_fill, False)}" t="n" />'
                    )
                continue
            if isinstance(value, str):
                key = (value, kind in _SCRUBBED)
                made = self.texts.get(key)
                if made is None:
                    text = safe_text(value, scrub_ids=key[1])
                    made = self.texts[key] = (text[:32767], text.startswith(_FORMULA_STARTS))
                text, risky = made
                if text == "" or (cell_fill is None and not risky and text in ERROR_CODES):
                    return None
                inline = self.inline.get(text)
                if inline is None:
                    inline = self.inline[text] = _inline(text)
                if cell_fill is None and not risky:
                    parts.append(f'<c r="{where}" t="inlineStr">{inline}</c>')
                else:
                    sid = self._style_id(index, None, cell_fill, risky)
                    parts.append(f'<c r="{where}" s="{sid}" t="inlineStr">{inline}</c>')
                continue
            if kind in _TEXT_KINDS:
                return None
            number_format = _FORMATS.get(kind)
            kind_of = type(value)
            # "%.16g" is how openpyxl's safe_string writes a number, so the same digits come out.
            if kind_of is int or (kind_of is float and isfinite(value)):
                data_type, shown = "n", "%.16g" % value  # noqa: UP031
            elif kind_of is bool:
                data_type, shown = "b", "%.16g" % value  # noqa: UP031
            elif (kind_of is date or kind_of is datetime) and kind in _DATE_KINDS and number_format:
                if kind_of is datetime and value.tzinfo is not None:
                    return None
                shown = self.serials.get(value)
                if shown is None:
                    serial = to_excel(value, self.epoch)
                    if not isfinite(serial):
                        return None
                    shown = self.serials[value] = "%.16g" % serial  # noqa: UP031
                data_type = "n"
            else:
                return None
            if cell_fill is None and number_format is None:
                parts.append(f'<c r="{where}" t="{data_type}"><v>{shown}</v></c>')
            else:
                sid = self._style_id(index, number_format, cell_fill, False)
                parts.append(f'<c r="{where}" s="{sid}" t="{data_type}"><v>{shown}</v></c>')
        parts.append("</row>")
        return "".join(parts)

    def _style_id(self, index: int, number_format: str | None, fill: PatternFill | None, quote: bool) -> int:
        key = (index, number_format, 0 if fill is None else id(fill), quote)
        cell = self.cells.get(key)
        if cell is None:
            cell = self._styled(index, number_format, fill, quote, None, "n")
        return cell._id

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
