"""The first worksheet of a workbook (.xlsx, .xlsm, .xls, .ods), read once by python-calamine.

openpyxl took most of a minute over a 100,000-row case file, and read it
twice (the header, then the rows); calamine reads the whole sheet in compiled
code in a second or two, once, and the rows are then walked from memory. Its
cells are handed on as openpyxl gave them (None for an empty cell, a whole
number as an int, dates as datetimes or dates), so the parsers see the same
values from every format. What calamine reads as blank although the file
holds a formula without its result or an error value is marked by
``doubtful``. Any failure inside the file means a damaged file: a bit flipped
in transit surfaces as a CRC, deflate, XML or record error, all of them one
sentence for the user.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.imports.doubtful import Doubtful, ods_doubtful, xls_doubtful, xlsx_doubtful
from hallmonitor.reports.imports.quoting import shown_path
from hallmonitor.reports.imports.sources import Source, TableError, unreadable

__all__ = ["FORMATS", "WorkbookSource"]

#: The workbook formats read, as the message about a damaged one names them.
FORMATS = {
    ".xlsx": mark("an Excel workbook (.xlsx)"),
    ".xlsm": mark("an Excel workbook (.xlsm)"),
    ".xls": mark("an Excel 97-2003 workbook (.xls)"),
    ".ods": mark("an OpenDocument spreadsheet (.ods)"),
}

#: Whole numbers a float holds exactly: handed on as int, as openpyxl read "3" in a cell.
_EXACT = float(2**53)


def damaged(path: Path, exc: BaseException) -> TableError:
    # What broke inside the file (a CRC, a deflate stream, the XML, a record) helps nobody at the
    # window; it goes to the log for whoever looks into the file.
    logging.getLogger("hallmonitor").info("unreadable workbook %s: %r", path, exc)
    kind = FORMATS.get(path.suffix.lower(), FORMATS[".xlsx"])
    return TableError(
        say(
            "The file {path} is damaged or is not {kind}, and cannot be read. Export or copy a sound file "
            "again, or open it in Excel or WPS, save it as .xlsx and import that.",
            path=shown_path(path),
            kind=say(kind),
        )
    )


def _plain(cells: list[Any]) -> list[Any]:
    return [
        None if c == "" else int(c) if c.__class__ is float and c.is_integer() and -_EXACT < c < _EXACT else c
        for c in cells
    ]


class WorkbookSource(Source):
    """The sheet is read whole when the header is asked for; the rows come from memory after that."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sheet: Any = None
        #: row → (column, what is wrong) for the cells whose value the file does not hold.
        self._doubtful: Doubtful = {}
        #: Empty columns before the sheet's first used one, which calamine leaves out of its rows.
        self._pad: list[None] = []

    def _load(self) -> bool:
        """Read the file; False when it holds no worksheet."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise unreadable(self.path, exc) from exc
        from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

        try:
            with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
                kinds = [sheet.typ for sheet in workbook.sheets_metadata]
                if SheetTypeEnum.WorkSheet not in kinds:
                    return False
                self._sheet = workbook.get_sheet_by_index(kinds.index(SheetTypeEnum.WorkSheet))
            self.sheet = self._sheet.name
            self._doubtful = self._scan(data)
        except PasswordError:
            raise TableError(
                say(
                    "The file {path} has a password to open it: remove the password in Excel or WPS, "
                    "then import it.",
                    path=shown_path(self.path),
                )
            ) from None
        except Exception as exc:  # whatever a damaged file raises
            raise damaged(self.path, exc) from exc
        start = self._sheet.start
        self._pad = [None] * (start[1] if start else 0)
        return True

    def _scan(self, data: bytes) -> Doubtful:
        suffix = self.path.suffix.lower()
        if suffix == ".xls":
            return xls_doubtful(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return ods_doubtful(archive) if suffix == ".ods" else xlsx_doubtful(archive)

    def header(self) -> tuple[list[Any], int]:
        if not self._load():
            return [], 0
        first = next(iter(self._sheet.iter_rows()), [])
        end = self._sheet.end
        return self._marked(1, self._pad + _plain(first)), end[0] if end else 0

    def _marked(self, number: int, cells: list[Any]) -> list[Any]:
        for column, bad in self._doubtful.get(number, ()):
            cells += [None] * (column - len(cells))
            cells[column - 1] = bad
        return cells

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        doubtful, pad = self._doubtful, self._pad
        rows = self._sheet.iter_rows()
        next(rows, None)
        for number, cells in enumerate(rows, start=2):
            row = pad + _plain(cells) if pad else _plain(cells)
            yield number, self._marked(number, row) if number in doubtful else row
