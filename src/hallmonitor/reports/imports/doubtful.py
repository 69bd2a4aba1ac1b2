"""Cells a workbook reader hands over as blank although the file holds something else.

python-calamine reads a formula that was never calculated, and an error
value such as #REF!, as an empty cell. A formula written by a program (a
report tool, openpyxl) has no saved result until Excel calculates it, and
read as blank it would quietly turn ``=1+1`` trips into the default of 1; an
error in a required column would be called empty. So the sheet's own XML is
looked at: first for whether it holds a formula or an error at all (a byte
search, rare to succeed), and only then cell by cell for where they are.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import IO
from xml.etree.ElementTree import iterparse

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.biff import xls_errors
from hallmonitor.reports.imports.quoting import quote
from hallmonitor.reports.imports.sources import BadCell

__all__ = ["Doubtful", "error_cell", "formula_cell", "ods_doubtful", "xls_doubtful", "xlsx_doubtful"]

#: row → [(column, what is wrong)], both counted from 1 as the user sees them.
Doubtful = dict[int, list[tuple[int, BadCell]]]

_SCAN_CHUNK = 1 << 22
#: A formula element (<f>, or <x:f> with a namespace prefix) or an error-typed cell.
_XLSX_SIGNS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"', b"t='e'")
_ODS_SIGNS = (b"table:formula=", b'value-type="error"')


def error_cell(shown: str) -> BadCell:
    return BadCell(
        say(
            "the cell holds the Excel error value {value}; correct it and import again",
            value=quote(shown, 12),
        )
    )


def formula_cell(formula: str) -> BadCell:
    return BadCell(
        say(
            "the cell holds the formula {formula} but the file has not saved its result; "
            "open and save the file in Excel or WPS, then import it",
            formula=quote(f"={formula}", 30),
        )
    )


def _holds_any(stream: IO[bytes], signs: tuple[bytes, ...]) -> bool:
    """Whether any of ``signs`` is in the stream; reading it whole also checks the archive's CRC."""
    tail = b""
    found = False
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = found or any(sign in window for sign in signs)
        tail = chunk[-16:]
    return found


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# --- .xlsx ------------------------------------------------------------------------------------


def _first_worksheet(archive: zipfile.ZipFile) -> str | None:
    """The archive member of the workbook's first worksheet, as its workbook.xml and rels name it."""
    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = "xl/workbook.xml"
    with archive.open("_rels/.rels") as stream:
        for _event, element in iterparse(stream):
            if _local(element.tag) == "Relationship" and element.get("Type", "").endswith("/officeDocument"):
                book = element.get("Target", book).lstrip("/")
    folder, name = posixpath.split(book)
    targets: dict[str, str] = {}
    with archive.open(posixpath.join(folder, "_rels", f"{name}.rels")) as stream:
        for _event, element in iterparse(stream):
            if _local(element.tag) == "Relationship" and element.get("Type", "").endswith("/worksheet"):
                target = element.get("Target", "")
                targets[element.get("Id", "")] = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
    with archive.open(book) as stream:
        for _event, element in iterparse(stream):
            if _local(element.tag) == "sheet" and element.get(relationships) in targets:
                return targets[element.get(relationships, "")]
    return None


def xlsx_doubtful(archive: zipfile.ZipFile) -> Doubtful:
    member = _first_worksheet(archive)
    if member is None:
        return {}
    with archive.open(member) as stream:
        if not _holds_any(stream, _XLSX_SIGNS):
            return {}
    with archive.open(member) as stream:
        return _xlsx_cells(stream)


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


def _xlsx_cells(stream: IO[bytes]) -> Doubtful:
    found: Doubtful = {}
    row = column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = _local(element.tag)
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
            name = _local(child.tag)
            if name == "f":
                formula = child
            elif name == "v":
                value = child
        if kind == "e":
            found.setdefault(row, []).append(
                (column, error_cell((value.text or "") if value is not None else ""))
            )
        elif formula is not None and (value is None or (not value.text and kind not in ("str", "s"))):
            found.setdefault(row, []).append((column, formula_cell(formula.text or "")))
        element.clear()
    return found


# --- .xls -------------------------------------------------------------------------------------


def xls_doubtful(data: bytes) -> Doubtful:
    found: Doubtful = {}
    for row, column, shown in xls_errors(data):
        found.setdefault(row, []).append((column, error_cell(shown)))
    return found


# --- .ods -------------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_FORMULA = f"{{{_TABLE}}}formula"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_CALC_VALUE_TYPE = f"{{{_CALCEXT}}}value-type"


def ods_doubtful(archive: zipfile.ZipFile) -> Doubtful:
    """The same for an OpenDocument sheet: LibreOffice marks an error's cell ``calcext:value-type="error"``."""
    with archive.open("content.xml") as stream:
        if not _holds_any(stream, _ODS_SIGNS):
            return {}
    with archive.open("content.xml") as stream:
        return _ods_cells(stream)


def _repeat(element: object, attribute: str) -> int:
    text = element.get(attribute)  # type: ignore[attr-defined]
    return int(text) if text and text.isdigit() else 1


def _ods_cells(stream: IO[bytes]) -> Doubtful:
    found: Doubtful = {}
    tables = row = column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "table":
                tables += 1
            elif tag == "table-row" and tables == 1:
                column = 0
            continue
        if tag == "table":
            if tables == 1:
                break  # the first sheet is the one read
            continue
        if tables != 1:
            continue
        if tag == "table-row":
            row += _repeat(element, _ROWS_REPEATED)
            element.clear()
        elif tag in ("table-cell", "covered-table-cell"):
            first = column + 1
            column += _repeat(element, _COLUMNS_REPEATED)
            formula = element.get(_FORMULA)
            if element.get(_CALC_VALUE_TYPE) == "error":
                shown = "".join(element.itertext()).strip()
                found.setdefault(row + 1, []).append((first, error_cell(shown)))
            elif formula is not None and element.get(_VALUE_TYPE) is None:
                text = formula.split(":", 1)[1] if formula.startswith(("of:", "oooc:", "msoxl:")) else formula
                found.setdefault(row + 1, []).append((first, formula_cell(text.removeprefix("="))))
    return found
