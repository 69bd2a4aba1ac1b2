"""Reading the first sheet of an .xlsx or a CSV file as a header row and data rows.

Halls hand over whatever their tools produce: Excel workbooks, CSV from the
queue system in UTF-8 (with or without a BOM) and CSV saved by a Chinese
Excel, which is GBK. Everything that can go wrong with the file as a whole is
a TableError naming the file, so the user learns what to fix in one sentence;
problems in single cells are left to the caller, which knows the columns. A
cell whose value the file does not really hold (a formula never calculated,
an Excel error such as #REF!) comes as a BadCell saying so.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hallmonitor.reports.imports.quoting import control_char, quote, shown_path

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "BadCell", "Table", "TableError", "read_table"]

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt"})

RawRow = tuple[int, dict[str, Any]]


class TableError(Exception):
    """The file as a whole cannot be read; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class BadCell:
    """A cell whose value cannot be read from the file; ``message`` says why, for its row error."""

    message: str


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


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_headers(path: Path, cells: list[Any]) -> None:
    """A header holding a control character (a NUL from a broken export) is refused, not skipped."""
    for index, cell in enumerate(cells, start=1):
        where = f"文件 {shown_path(path)} 第1行第{index}列（{_column_letter(index)}列）的列名"
        if isinstance(cell, BadCell):
            raise TableError(f"{where}{cell.message}。")
        # Line breaks in a header are how Excel wraps it; matching ignores them.
        if isinstance(cell, str) and (problem := control_char(cell, multiline=True)):
            raise TableError(f"{where}{quote(cell, 20)}中{problem}，请删去后重新导入。")


def read_table(path: str | Path) -> Table:
    """Open ``path`` and read its header row; raise TableError when that is not possible."""
    path = Path(path)
    shown = shown_path(path)
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
    _check_headers(path, header_cells)
    headers = [_header(c) for c in header_cells]
    if not any(headers):
        raise TableError(f"文件 {shown} 是空的：第一行应为列名。")
    return Table(path, headers, estimated, source)


def _unreadable(path: Path, exc: OSError) -> TableError:
    if isinstance(exc, PermissionError):
        return TableError(f"无法读取文件 {shown_path(path)}：没有权限，或文件正被其他程序（如 Excel）占用。")
    return TableError(f"无法读取文件 {shown_path(path)}：{exc.strerror or type(exc).__name__}。")


def _damaged(path: Path, exc: BaseException) -> TableError:
    # What broke inside the archive (a CRC, a deflate stream, the XML) helps nobody at the
    # window; it goes to the log for whoever looks into the file.
    logging.getLogger("hallmonitor").info("unreadable workbook %s: %r", path, exc)
    return TableError(
        f"文件 {shown_path(path)} 已损坏或不是 Excel 工作簿（.xlsx），无法读取；"
        "请重新导出或复制一份完好的文件，或在 Excel、WPS 中打开后另存为 .xlsx 再导入。"
    )


#: A formula element or an error-typed cell somewhere in a sheet's XML: rare, so looked for first.
_FORMULA_OR_ERROR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st=[\"']e[\"']")
_SCAN_CHUNK = 1 << 20


def _has_formula_or_error(stream: IO[bytes]) -> bool:
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        if _FORMULA_OR_ERROR.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _cell_position(reference: str | None, row: int, column: int) -> tuple[int, int]:
    """(row, column) of a <c> element: from its reference, else the one after the previous cell."""
    if reference:
        match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", reference)
        if match:
            number = 0
            for letter in match.group(1).upper():
                number = number * 26 + ord(letter) - 64
            return int(match.group(2)), number
    return row, column + 1


def _doubtful_cells(stream: IO[bytes]) -> dict[int, list[tuple[int, BadCell]]]:
    """Cells openpyxl would read as blank or as text although the file holds neither.

    A formula written by a program (openpyxl, a report tool) has no cached
    result until Excel calculates it, and read as blank it would quietly turn
    ``=1+1`` trips into the default of 1. An error value (#REF!, #DIV/0!) would
    otherwise arrive as text in a name or a number column.
    """
    from xml.etree.ElementTree import iterparse

    found: dict[int, list[tuple[int, BadCell]]] = {}
    row = column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            if tag == "row":
                reference = element.get("r")
                row = int(reference) if reference and reference.isdigit() else row + 1
                column = 0
            continue
        if tag == "row":
            element.clear()
        if tag != "c":
            continue
        row, column = _cell_position(element.get("r"), row, column)
        kind = element.get("t", "n")
        formula = value = None
        for child in element:
            name = child.tag.rpartition("}")[2]
            if name == "f":
                formula = child
            elif name == "v":
                value = child
        if kind == "e":
            shown = quote((value.text or "") if value is not None else "", 12)
            found.setdefault(row, []).append(
                (column, BadCell(f"是 Excel 的错误值{shown}，请改正该单元格后重新导入"))
            )
        elif formula is not None and (value is None or (not value.text and kind not in ("str", "s"))):
            text = quote(f"={formula.text or ''}", 30)
            found.setdefault(row, []).append(
                (
                    column,
                    BadCell(
                        f"是公式{text}，但文件里没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再导入"
                    ),
                )
            )
        element.clear()
    return found


class _ExcelSource(_Source):
    """The first worksheet of a workbook; any failure inside the archive means a damaged file.

    A bit flipped in transit surfaces anywhere from opening to the last row, as
    a CRC, deflate, XML or index error; all of them are one sentence for the user.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        #: row → (column, what is wrong) for the cells whose value the file does not hold.
        self._doubtful: dict[int, list[tuple[int, BadCell]]] = {}

    def _open(self):  # type: ignore[no-untyped-def]
        from openpyxl import load_workbook

        # Workbooks saved by Excel or WPS carry extensions openpyxl does not
        # read (and warns about); they never hold the data we import.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return load_workbook(self.path, read_only=True, data_only=True)

    def header(self) -> tuple[list[Any], int]:
        try:
            workbook = self._open()
            try:
                if not workbook.worksheets:
                    return [], 0
                sheet = workbook.worksheets[0]
                self.sheet = sheet.title
                self._doubtful = self._scan(workbook, sheet)
                declared = sheet.max_row or 0
                sheet.reset_dimensions()  # a wrong <dimension> tag must not hide rows
                first = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
                return self._marked(1, first), max(declared - 1, 0)
            finally:
                workbook.close()
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        except Exception as exc:  # whatever a damaged archive raises
            raise _damaged(self.path, exc) from exc

    @staticmethod
    def _scan(workbook: Any, sheet: Any) -> dict[int, list[tuple[int, BadCell]]]:
        member = getattr(sheet, "_worksheet_path", None)
        archive = getattr(workbook, "_archive", None)
        if member is None or archive is None:
            return {}
        # Reading the whole sheet once also checks its CRC, so damage shows before any row is used.
        with archive.open(member) as stream:
            if not _has_formula_or_error(stream):
                return {}
        with archive.open(member) as stream:
            return _doubtful_cells(stream)

    def _marked(self, number: int, cells: list[Any]) -> list[Any]:
        for column, bad in self._doubtful.get(number, ()):
            cells += [None] * (column - len(cells))
            cells[column - 1] = bad
        return cells

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        doubtful_rows = self._doubtful
        try:
            workbook = self._open()
            try:
                sheet = workbook.worksheets[0]
                sheet.reset_dimensions()
                # A date cell beyond Excel's calendar makes openpyxl warn and read "#VALUE!".
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
                    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                        row = list(cells)
                        yield number, self._marked(number, row) if number in doubtful_rows else row
            finally:
                workbook.close()
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        except Exception as exc:  # whatever a damaged archive raises
            raise _damaged(self.path, exc) from exc


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
            raise TableError(f"文件 {shown_path(self.path)} 不是有效的 CSV：{exc}。") from exc

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
        f"文件 {shown_path(path)} 的文字编码无法识别，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。"
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
