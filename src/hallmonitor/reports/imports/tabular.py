"""Reading the first sheet of an .xlsx or a CSV file as a header row and data rows.

Halls hand over whatever their tools produce: Excel workbooks, CSV from the
queue system in UTF-8 (with or without a BOM) and CSV saved by a Chinese
Excel, which is GBK. Everything that can go wrong with the file as a whole is
a TableError naming the file, so the user learns what to fix in one sentence;
problems in single cells are left to the caller, which knows the columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "Table", "TableError", "read_table"]

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt"})

RawRow = tuple[int, dict[str, Any]]


class TableError(Exception):
    """The file as a whole cannot be read; the message names it and says why."""


@dataclass
class Table:
    """A file's header and a way to walk its data rows once or more.

    Rows are produced lazily: a 100,000-row workbook is never held in memory
    as cells, only as the caller's parsed values.
    """

    path: Path
    headers: list[str]
    #: Data rows in the file, for progress; exact for CSV, Excel's own count for workbooks.
    estimated_rows: int
    _source: _Source

    @property
    def sheet(self) -> str | None:
        """The worksheet the rows come from, for messages; None for CSV."""
        return self._source.sheet

    def rows(self) -> Iterator[RawRow]:
        """(row number as the user sees it, {header: raw cell}); blank rows are skipped."""
        headers = self.headers
        for number, cells in self._source.data_rows():
            if all(_blank(c) for c in cells):
                continue
            row = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers) if h}
            yield number, row


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\ufeff", "").strip()


class _Source:
    """Where rows come from; each data row is (row number, cells in header order)."""

    sheet: str | None = None

    def header(self) -> tuple[list[Any], int]:  # pragma: no cover - interface
        raise NotImplementedError

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:  # pragma: no cover - interface
        raise NotImplementedError


def read_table(path: str | Path) -> Table:
    """Open ``path`` and read its header row; raise TableError when that is not possible."""
    path = Path(path)
    shown = str(path)
    if not path.exists():
        raise TableError(f"找不到文件 {shown}。")
    if path.is_dir():
        raise TableError(f"{shown} 是文件夹，不是要导入的文件。")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TableError(f"文件 {shown} 是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 后再导入。")
    if suffix in EXCEL_SUFFIXES:
        source: _Source = _ExcelSource(path)
    elif suffix in CSV_SUFFIXES:
        source = _CsvSource(path)
    else:
        raise TableError(f"文件 {shown} 的类型无法识别：只能导入 .xlsx 或 .csv 文件。")
    header_cells, estimated = source.header()
    headers = [_header(c) for c in header_cells]
    if not any(headers):
        raise TableError(f"文件 {shown} 是空的：第一行应为列名。")
    return Table(path, headers, estimated, source)


def _unreadable(path: Path, exc: OSError) -> TableError:
    if isinstance(exc, PermissionError):
        return TableError(f"无法读取文件 {path}：没有权限，或文件正被其他程序（如 Excel）占用。")
    return TableError(f"无法读取文件 {path}：{exc.strerror or exc}。")


class _ExcelSource(_Source):
    def __init__(self, path: Path) -> None:
        self.path = path

    def _open(self):  # type: ignore[no-untyped-def]
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            # Workbooks saved by Excel or WPS carry extensions openpyxl does not
            # read (and warns about); they never hold the data we import.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
                return load_workbook(self.path, read_only=True, data_only=True)
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
            raise TableError(
                f"文件 {self.path} 无法作为 Excel 文件读取：文件可能已损坏，或并非 .xlsx 格式。"
            ) from exc

    def header(self) -> tuple[list[Any], int]:
        workbook = self._open()
        try:
            if not workbook.worksheets:
                return [], 0
            sheet = workbook.worksheets[0]
            self.sheet = sheet.title
            declared = sheet.max_row or 0
            sheet.reset_dimensions()  # a wrong <dimension> tag must not hide rows
            first = next(sheet.iter_rows(max_row=1, values_only=True), ())
            return list(first), max(declared - 1, 0)
        finally:
            workbook.close()

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        workbook = self._open()
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                yield number, list(cells)
        finally:
            workbook.close()


class _CsvSource(_Source):
    """A CSV file, decoded once; a 100,000-row export is a few tens of megabytes of text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._text: str | None = None

    def _decoded(self) -> str:
        if self._text is None:
            try:
                data = self.path.read_bytes()
            except OSError as exc:
                raise _unreadable(self.path, exc) from exc
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
            raise TableError(f"文件 {self.path} 不是有效的 CSV：{exc}。") from exc

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
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(f"文件 {path} 的文字编码无法识别，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。")
