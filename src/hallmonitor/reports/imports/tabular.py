"""Reading the first sheet of a workbook or a CSV file as a header row and data rows.

Halls hand over whatever their tools produce: Excel workbooks (.xlsx, and
.xls from older tools), OpenDocument sheets (.ods) from WPS or LibreOffice,
CSV from the queue system in UTF-8 (with or without a BOM) and CSV saved by a
Chinese Excel, which is GBK. Everything that can go wrong with the file as a whole is
a TableError naming the file, so the user learns what to fix in one sentence;
problems in single cells are left to the caller, which knows the columns. A
cell whose value the file does not really hold (a formula never calculated,
an Excel error such as #REF!) comes as a BadCell saying so.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.quoting import control_char, quote, shown_path
from hallmonitor.reports.imports.sources import BadCell, Source, TableError, unreadable
from hallmonitor.reports.imports.workbooks import FORMATS, WorkbookSource

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "BadCell", "Table", "TableError", "read_table"]

EXCEL_SUFFIXES = frozenset(FORMATS)
CSV_SUFFIXES = frozenset({".csv", ".txt"})

RawRow = tuple[int, dict[str, Any]]


@dataclass
class Table:
    """A file's header and a way to walk its data rows once or more.

    Rows are produced lazily: a 100,000-row workbook is held in memory only
    as calamine's compact cells and the caller's parsed values, never as a
    Python object per cell.
    """

    path: Path
    headers: list[str]
    #: Data rows in the file, for progress; exact for CSV, up to the last used row for workbooks.
    estimated_rows: int
    _source: Source

    @property
    def sheet(self) -> str | None:
        """The worksheet the rows come from, for messages; None for CSV."""
        return self._source.sheet

    def rows(self) -> Iterator[RawRow]:
        """(row number as the user sees it, {header: raw cell}); blank rows are skipped."""
        named = [(i, h) for i, h in enumerate(self.headers) if h]
        width = len(self.headers)
        for number, cells in self._source.data_rows():
            first = cells[0] if cells else None
            # Only a row whose first cell is blank can be blank: the others skip the walk.
            if (first is None or (first.__class__ is str and not first.strip())) and all(
                _blank(c) for c in cells
            ):
                continue
            if len(cells) < width:
                cells = [*cells, *[None] * (width - len(cells))]
            yield number, {h: cells[i] for i, h in named}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\ufeff", "").strip()


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_headers(path: Path, cells: list[Any]) -> None:
    """A header holding a control character (a NUL from a broken export) is refused, not skipped."""
    for index, cell in enumerate(cells, start=1):
        where = {"path": shown_path(path), "index": index, "letter": _column_letter(index)}
        if isinstance(cell, BadCell):
            raise TableError(
                say(
                    "In the file {path}, the column name in row 1, column {index} ({letter}): {problem}.",
                    problem=cell.message,
                    **where,
                )
            )
        # Line breaks in a header are how Excel wraps it; matching ignores them.
        if isinstance(cell, str) and (problem := control_char(cell, multiline=True)):
            raise TableError(
                say(
                    "In the file {path}, in the column name {name} in row 1, column {index} ({letter}), "
                    "{problem}: delete it and import again.",
                    name=quote(cell, 20),
                    problem=problem,
                    **where,
                )
            )


def read_table(path: str | Path) -> Table:
    """Open ``path`` and read its header row; raise TableError when that is not possible."""
    path = Path(path)
    shown = shown_path(path)
    if not path.exists():
        raise TableError(say("The file {path} cannot be found.", path=shown))
    if path.is_dir():
        raise TableError(say("{path} is a folder, not a file to import.", path=shown))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        source: Source = WorkbookSource(path)
    elif suffix in CSV_SUFFIXES:
        source = _CsvSource(path)
    else:
        raise TableError(
            say(
                "The type of the file {path} is not known: only .xlsx, .xls, .ods or .csv files can be imported.",
                path=shown,
            )
        )
    header_cells, estimated = source.header()
    _check_headers(path, header_cells)
    headers = [_header(c) for c in header_cells]
    if not any(headers):
        raise TableError(
            say("The file {path} is empty: its first row should hold the column names.", path=shown)
        )
    return Table(path, headers, estimated, source)


class _CsvSource(Source):
    """A CSV file, decoded once; a 100,000-row export is a few tens of megabytes of text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._text: str | None = None

    def _decoded(self) -> str:
        if self._text is None:
            try:
                data = self.path.read_bytes()
            except OSError as exc:
                raise unreadable(self.path, exc) from exc
            self._text = _decode(data, self.path)
        return self._text

    def _delimiter(self, first_line: str) -> str:
        # Excel's "Unicode text" export separates with tabs.
        if "\t" in first_line and "," not in first_line:
            return "\t"
        return ","

    def _reader(self) -> Iterator[list[str]]:
        text = self._decoded()
        first_line = text.split("\n", 1)[0]
        try:
            yield from csv.reader(io.StringIO(text, newline=""), delimiter=self._delimiter(first_line))
        except csv.Error as exc:
            raise TableError(
                say(
                    "The file {path} is not a valid CSV file: {reason}.",
                    path=shown_path(self.path),
                    reason=exc,
                )
            ) from exc

    def header(self) -> tuple[list[Any], int]:
        reader = self._reader()
        first = next(reader, [])
        remaining = sum(1 for _ in reader)
        return list(first), remaining

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        reader = self._reader()
        next(reader, None)
        for number, cells in enumerate(reader, start=2):
            yield number, list(cells)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM or not) first, then GB18030, the superset of the GBK a Chinese Excel writes."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = [*_utf16_without_bom(data), "utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(
        say(
            "The text encoding of the file {path} is not known: save it in Excel as “CSV UTF-8” or as .xlsx, "
            "then import it.",
            path=shown_path(path),
        )
    )


def _utf16_without_bom(data: bytes) -> list[str]:
    """UTF-16 saved without its byte-order mark: ASCII text then has a zero byte in every pair."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return []
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > pairs * 0.3 > even:
        return ["utf-16-le"]
    if even > pairs * 0.3 > odd:
        return ["utf-16-be"]
    return []
