"""The machinery of import files: columns, header matching, row parsing, row errors.

The specs themselves are in import_specs. Everything here is pure: checks
that need the database (does window A09 exist?) are the import service's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import mul
from pathlib import Path
from typing import Any

from hallmonitor.domain.identifiers import (
    CREDIT_CODE_ALPHABET,
    InvalidIdentifier,
    mask_identifiers,
    validate_credit_code,
    validate_id_card,
)
from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.cells import CellError, too_long
from hallmonitor.reports.imports.quoting import control_char, one_line, quote, shown_path
from hallmonitor.reports.imports.tabular import BadCell, TableError

__all__ = [
    "Binding",
    "Column",
    "KindSpec",
    "Record",
    "RowError",
    "bind",
    "check_identifier",
    "identifier_parser",
    "parse_row",
    "rows_with_errors",
]

#: A message's own length, so that with its row and column it stays one short line.
_MESSAGE_LIMIT = 150
_COLUMN_LIMIT = 40


@dataclass(frozen=True, slots=True, order=True)
class RowError:
    """One problem in one row; ``column`` is the header as written in the file.

    Whatever built the message, it is kept to one bounded line with control
    characters shown escaped and ID numbers masked: it is printed to terminals
    and logs, and read aloud to the clerk who must fix the file.
    """

    row: int
    column: str
    message: str
    #: Further rows the same problem is in (a key repeated), left out of the file as well.
    also: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column", one_line(self.column, _COLUMN_LIMIT))
        object.__setattr__(self, "message", one_line(self.message, _MESSAGE_LIMIT))

    def __str__(self) -> str:
        if self.column:
            return say(
                "Row {row}, column “{column}”: {message}",
                row=self.row,
                column=self.column,
                message=self.message,
            )
        return say("Row {row}: {message}", row=self.row, message=self.message)


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    parse: Callable[[Any], Any]
    aliases: tuple[str, ...] = ()
    #: A required column must be in the file and filled in on every row.
    required: bool = True
    #: The value of a blank cell in an optional column.
    default: Any = None
    #: Allowed values, offered as a drop-down list in the template.
    choices: tuple[str, ...] = ()
    sample: Any = None
    note: str = ""
    #: "text", "date", "datetime" or "count": how the template formats the column.
    format: str = "text"
    #: Long free text: line breaks and tabs are kept (every other control character is refused).
    multiline: bool = False
    #: Free text: ID numbers and credit codes typed into it are masked on the way in.
    scrub: bool = False


RowCheck = Callable[["Record"], Iterator[tuple[str, str]]]


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: str
    columns: tuple[Column, ...]
    #: Column keys that identify a row; a repeat inside one file is an error.
    key: tuple[str, ...]
    #: Checks across the cells of one row: yields (column key, message).
    check: RowCheck | None = None
    #: The kind in a sentence ("an import of {name}"), kept with ``mark`` and rendered by ``named``;
    #: its Chinese is ``title``, the name the hall and the template's sheet use.
    name: str = ""
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {c.key: i for i, c in enumerate(self.columns)})

    def column(self, key: str) -> Column:
        return self.columns[self.index[key]]

    def named(self) -> str:
        """The kind as a message names it, in the user's language."""
        return say(self.name) if self.name else self.title


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).rstrip("*").casefold()


@dataclass(frozen=True)
class Binding:
    """Which header of this file holds which column."""

    spec: KindSpec
    path: Path
    headers: dict[str, str]

    def present(self, key: str) -> bool:
        return key in self.headers

    def shown(self, key: str) -> str:
        """The column's name as the user wrote it, for error messages."""
        return self.headers.get(key) or self.spec.column(key).title

    @cached_property
    def plan(self) -> tuple[tuple[Column, str | None, str], ...]:
        """(column, header in the file or None, name for messages), worked out once per file."""
        return tuple((c, self.headers.get(c.key), self.shown(c.key)) for c in self.spec.columns)


def bind(spec: KindSpec, headers: list[str], path: Path) -> Binding:
    """Match the file's headers to the spec; unknown columns are ignored, missing required ones refused."""
    by_name: dict[str, Column] = {}
    for column in spec.columns:
        for name in (column.title, column.key, *column.aliases):
            by_name[_header_key(name)] = column
    found: dict[str, str] = {}
    for header in headers:
        column = by_name.get(_header_key(header)) if header else None
        if column is None:
            continue
        if column.key in found:
            raise TableError(
                say(
                    "In the file {path}, the columns {first} and {second} both stand for {column}: "
                    "delete one of them.",
                    path=shown_path(path),
                    first=quote(found[column.key]),
                    second=quote(header),
                    column=column.title,
                )
            )
        found[column.key] = header
    missing = [c.title for c in spec.columns if c.required and c.key not in found]
    if missing:
        named = [h for h in headers if h]
        first_row = say(", ").join(one_line(h, 20) for h in named[:8])
        if len(named) > 8:
            first_row = say("{listed} and more", listed=first_row)
        raise TableError(
            say(
                "The file {path} lacks the columns an import of {kind} needs: {missing}. "
                "Its first row should hold the column names; it holds: {first_row}.",
                path=shown_path(path),
                kind=spec.named(),
                missing=say(", ").join(missing),
                first_row=first_row,
            )
        )
    return Binding(spec, path, found)


class Record:
    """One parsed row; a cell that could not be parsed reads as None."""

    __slots__ = ("index", "masked", "row", "values")

    def __init__(self, row: int, values: tuple[Any, ...], index: dict[str, int], masked: int = 0) -> None:
        self.row = row
        self.values = values
        self.index = index
        #: ID numbers masked in the row's free text.
        self.masked = masked

    def __getitem__(self, key: str) -> Any:
        return self.values[self.index[key]]

    def key(self, keys: tuple[str, ...]) -> tuple[Any, ...] | None:
        if len(keys) == 1:  # most kinds: a case number, a 工号; a generator per row cost more than the rest
            part = self.values[self.index[keys[0]]]
            return None if part is None else (part,)
        parts = tuple(self[k] for k in keys)
        return None if any(p is None for p in parts) else parts

    def __repr__(self) -> str:
        return f"Record(row={self.row}, values={self.values!r})"


def parse_row(binding: Binding, number: int, raw: dict[str, Any]) -> tuple[Record, list[RowError]]:
    spec = binding.spec
    values: list[Any] = []
    errors: list[RowError] = []
    masked = 0
    for column, header, shown in binding.plan:
        cell = raw.get(header) if header is not None else None
        if cell.__class__ is str:
            text = cell.strip()
            if not text:
                cell = None
            # Around the text, a line break is only how the cell was typed; inside it, it is an error.
            elif not text.isprintable() and (problem := control_char(text, multiline=column.multiline)):
                where = shown_path(binding.path.name)
                message = say(
                    "{problem}: delete it in the file {file} and import again", problem=problem, file=where
                )
                errors.append(RowError(number, shown, message))
                values.append(None)
                continue
        elif cell.__class__ is BadCell:
            errors.append(RowError(number, shown, cell.message))
            values.append(None)
            continue
        if cell is None:
            if column.required:
                errors.append(RowError(number, shown, say("cannot be empty")))
            values.append(None if column.required else column.default)
            continue
        try:
            value = column.parse(cell)
        except CellError as exc:
            errors.append(RowError(number, shown, str(exc)))
            values.append(None)
            continue
        if column.scrub and value:
            value, found = mask_identifiers(value)
            masked += found
        values.append(value)
    record = Record(number, tuple(values), spec.index, masked)
    if spec.check is not None:
        # A cell that failed to parse reads as None; a check complaining about
        # that same cell again ("no completion time") would only add noise.
        failed = {e.column for e in errors}
        for key, message in spec.check(record):
            shown = binding.shown(key)
            if shown not in failed:
                errors.append(RowError(number, shown, message))
    return record, errors


def rows_with_errors(errors: Iterable[RowError]) -> set[int]:
    """Every row an error is about, the further rows of a repeated key included."""
    rows: set[int] = set()
    for error in errors:
        rows.add(error.row)
        rows.update(error.also)
    return rows


def identifier_parser(value: Any) -> str:
    """An ID number or credit code, refused when Excel has already turned it into a number.

    Excel keeps 15 significant digits: an 18-digit ID number typed into a
    General cell loses its last digits, and no check character can bring them back.
    """
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise CellError(
            say(
                "Excel has stored the ID number as a number and lost its last digits; "
                "format the column as “Text” and fill it in again"
            )
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > 40:
        raise CellError(too_long(40, len(text)))
    return text


#: An ID number or credit code as a queue system writes it: ASCII, upper case, no spaces, which the
#: validators' normalising leaves as it is. Nearly every row's number; checked here without it.
_PLAIN_ID = re.compile(r"[0-9]{17}[0-9X]")
_PLAIN_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}


def _plain_id_valid(number: str) -> bool:
    """Whether an ID number of ``_PLAIN_ID``'s shape passes validate_id_card: its birth date and check."""
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(map(mul, map(int, number[:17]), _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17]


def _plain_credit_code_valid(code: str) -> bool:
    total = sum(map(mul, map(_CREDIT_VALUES.__getitem__, code[:17]), _CREDIT_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31] == code[17]


def check_identifier(is_person: bool, raw: str) -> str | None:
    """The reason ``raw`` is not a valid ID number (persons) or credit code (enterprises).

    A number already in its plain form is checked in one pass; any other, and
    any that fails, goes to the domain's validator, whose sentence says what is wrong.
    """
    if is_person:
        if _PLAIN_ID.fullmatch(raw) and _plain_id_valid(raw):
            return None
    elif _PLAIN_CREDIT_CODE.fullmatch(raw) and _plain_credit_code_valid(raw):
        return None
    try:
        if is_person:
            validate_id_card(raw)
        else:
            validate_credit_code(raw)
    except InvalidIdentifier as exc:
        return str(exc)
    return None
