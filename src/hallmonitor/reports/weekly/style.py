"""The look shared by the weekly report and the center's roll-up, written in openpyxl's streaming mode.

The report goes to people as much as to the center's tools: headers stay in
view, columns fit Chinese text, dates are real dates and rates real
percentages, so a supervisor can sort, filter and print without touching it.
Streaming (write-only) mode keeps a big hall's week of cases out of memory as
cell objects; its price is that widths and page set-up are decided before the
first row is written, which is why a sheet is written in one call (``table.write_table``).

Whatever a user typed is written as a string cell, never a formula: a name
like ``=HYPERLINK(...)`` stays the literal text it was.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from hallmonitor.domain.identifiers import mask_identifiers
from hallmonitor.files import replacing

__all__ = [
    "RED",
    "YELLOW",
    "Col",
    "Progress",
    "RowStyle",
    "display_width",
    "header_cells",
    "prepare_sheet",
    "safe_text",
    "save_atomically",
    "set_widths",
    "styled_cell",
]

#: (rows done, rows in all) — the signature the terminal and the app's progress bar share.
Progress = Callable[[int, int], object]

RED = PatternFill("solid", fgColor="FFC7CE")
YELLOW = PatternFill("solid", fgColor="FFEB9C")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="BFBFBF")
_HEADER_BORDER = Border(bottom=_THIN)

#: Column kinds and their Excel number formats; text kinds and whole numbers ("int") need none.
_FORMATS = {
    "decimal": "0.0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
_TEXT_KINDS = frozenset({"text", "key", "user"})
#: What people typed: a case number that is someone's ID number is masked like free text.
_SCRUBBED = frozenset({"key", "user"})
_KINDS = _TEXT_KINDS | frozenset(_FORMATS) | {"int"}

_MIN_WIDTH, _MAX_WIDTH = 6, 50
#: A column this wide (before the margin) is at the cap whatever else it holds.
_CAPPED = _MAX_WIDTH - 2
#: Rows looked at to size columns; beyond that a sheet is long enough that a sample is as good.
_WIDTH_SAMPLE_ROWS = 5000

_FORMULA_STARTS = ("=", "+", "-", "@")

#: Per workbook: (number format, fill colour, quote prefix) → a style array to copy.
_PREPARED_STYLES: weakref.WeakKeyDictionary[Workbook, dict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True, slots=True)
class Col:
    """One column: its header and what its cells hold.

    ``text`` is the product's own words, ``key`` an identifier users typed
    (kept as typed unless it is a personal ID number), ``user`` free text users
    typed (scrubbed of personal ID numbers however they are written); the other
    kinds are numbers, rates and dates.
    """

    name: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class RowStyle:
    """A fill for the whole row and fills for single cells (by column index), for violations.

    ``kinds`` overrides a column's kind in this row, e.g. a rate among day counts.
    """

    row: PatternFill | None = None
    cells: dict[int, PatternFill] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)


PLAIN = RowStyle()


def display_width(text: str) -> int:
    """Columns of a fixed-width font the text needs: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def safe_text(value: Any, *, scrub_ids: bool = False) -> str:
    """A string Excel and LibreOffice accept, with any full personal ID number masked when asked.

    Records stored before free text was scrubbed on entry may still hold a number
    spaced, hyphenated or full-width; the report masks them all. An enterprise's
    credit code is not personal and stays whole.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return mask_identifiers(text, credit_codes=False)[0] if scrub_ids else text


def _shown(value: Any, kind: str) -> str:
    """Roughly what the cell shows, for sizing its column."""
    if value is None:
        return ""
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.1%}"
    if kind == "decimal" and isinstance(value, int | float):
        return f"{value:.1f}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _column_widths(columns: Sequence[Col], rows: Sequence[Sequence[Any]]) -> list[int]:
    """The widest cell of each column among the first rows, each measured only if it could be wider.

    A text is at most twice its length wide, a date ten columns and a moment sixteen, so most
    cells are passed over without being formatted or looked up character by character; a column
    already at the cap is not read further.
    """
    sample = rows[:_WIDTH_SAMPLE_ROWS]
    widths = []
    for index, column in enumerate(columns):
        best = display_width(column.name)
        kind = column.kind
        for values in sample:
            if best >= _CAPPED:
                break
            value = values[index] if index < len(values) else None
            if value is None:
                continue
            if isinstance(value, str):
                if 2 * len(value) <= best:
                    continue
                shown = value
            elif isinstance(value, date) and best >= (16 if isinstance(value, datetime) else 10):
                continue
            else:
                shown = _shown(value, kind)
            wide = len(shown) if shown.isascii() else display_width(shown)
            if wide > best:
                best = wide
        widths.append(best)
    return [min(_MAX_WIDTH, max(_MIN_WIDTH, w + 2)) for w in widths]


def _cell(sheet: WriteOnlyWorksheet, value: Any, column: Col, fill: PatternFill | None) -> Any:
    """A styled cell where a format, a fill or a text guard is needed, else the bare value.

    openpyxl writes bare values through one reused cell, which is what keeps a big week fast.
    """
    if value == "":
        value = None  # an empty cell, not an empty string: filters show it as (空白)
    if isinstance(value, str) or (value is not None and column.kind in _TEXT_KINDS):
        text = safe_text(value, scrub_ids=column.kind in _SCRUBBED)
        risky = text.startswith(_FORMULA_STARTS)
        if fill is None and not risky:
            return text
        cell = WriteOnlyCell(sheet, value=text)
        # openpyxl turns any string starting with "=" into a formula; force a string cell, and
        # mark the risky ones with a quote prefix so editing the cell in Excel keeps it text.
        cell.data_type = "s"
        _apply_style(cell, None, fill, risky)
        return cell
    number_format = _FORMATS.get(column.kind) if value is not None else None
    if fill is None and number_format is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    _apply_style(cell, number_format, fill, False)
    return cell


def _apply_style(cell: Cell, number_format: str | None, fill: PatternFill | None, quote_prefix: bool) -> None:
    """Style a cell by copying a prepared style: setting fills and formats one by one makes
    openpyxl look each up in the workbook's registries, which is most of a big week's time."""
    cache = _PREPARED_STYLES.setdefault(cell.parent.parent, {})
    key = (number_format, None if fill is None else fill.fgColor.rgb, quote_prefix)
    prepared = cache.get(key)
    if prepared is not None:
        cell._style = copy(prepared)  # the copy idiom openpyxl's documentation gives for styles
        return
    if number_format is not None:
        cell.number_format = number_format
    if fill is not None:
        cell.fill = fill
    if quote_prefix:
        cell.quotePrefix = True
    cache[key] = copy(cell._style)


def _header_escape(text: str) -> str:
    # "&" starts a control code in Excel's page headers.
    return text.replace("&", "&&")


def prepare_sheet(sheet: WriteOnlyWorksheet, page_header: str, *, landscape: bool = True) -> None:
    """A4 landscape, fitted to the page width, with the header row repeated on every page."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = _header_escape(page_header)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.print_title_rows = "1:1"
    sheet.freeze_panes = "A2"


def header_cells(sheet: WriteOnlyWorksheet, names: Iterable[str | None]) -> list[Cell | None]:
    cells: list[Cell | None] = []
    for name in names:
        if name is None:
            cells.append(None)
            continue
        cell = WriteOnlyCell(sheet, value=name)
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment, cell.border = (
            _HEADER_FONT,
            _HEADER_FILL,
            _HEADER_ALIGN,
            _HEADER_BORDER,
        )
        cells.append(cell)
    return cells


def styled_cell(sheet: WriteOnlyWorksheet, value: Any, column: Col, fill: PatternFill | None) -> Cell:
    """Always a cell object, for callers that style it further."""
    cell = _cell(sheet, value, column, fill)
    return cell if isinstance(cell, Cell) else WriteOnlyCell(sheet, value=cell)


def set_widths(sheet: WriteOnlyWorksheet, widths: dict[int, int]) -> None:
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))


def save_atomically(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Write next to the target, fsync, then rename: a crash or a full disk never leaves half a workbook.

    The streamed sheets' own temporary files must already be in the private
    folder: call it inside ``files.private_temp()``, where the sheets were filled.
    """
    target = Path(path)
    try:
        with replacing(target) as part:
            workbook.save(part)
    except BaseException:
        _discard(workbook)
        raise
    return target


def _discard(workbook: Workbook) -> None:
    """Release what a failed save leaves open: each streamed sheet holds a generator and a temp file."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        writer = getattr(sheet, "_writer", None)  # openpyxl keeps the sheet's temp file here
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()
