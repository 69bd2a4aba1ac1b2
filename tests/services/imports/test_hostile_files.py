"""Random files thrown at every importer: a clean import, or one short line per problem and nothing changed.

Each example is a real .csv (in one of the encodings halls produce, or none
at all) or .xlsx file of a few rows whose cells mix good values with control
characters, long strings, ID numbers, absurd numbers and dates, formulas and
blanks, imported through the service the app and the command line use into a
real SQLite file.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hallmonitor.domain.identifiers import validate_id_card
from hallmonitor.reports.imports import control_char, spec_for
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.imports import import_file
from tests.support.import_files import case_row, seed_reference, snapshot

NOW = datetime(2026, 6, 1, 9, 0)
KINDS = ["staff", "windows", "items", "roster", "cases", "complaints"]
#: A message without the file's own path, which is as long as the user's folders make it.
LINE_LIMIT = 200

ID_SHAPES = [
    "370104195508301208",
    "370104 19550830 1208",
    "370104-1955-0830-1208",
    "３７０１０４１９５５０８３０１２０８",
    "身份证:11010519491231002X",
    "110105194912310021",
    "91350100M000100Y43",
]
CONTROLS = [
    "\x00",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\n",
    "\r\n",
    "\t",
    "\u202e",
    "\u2028",
    "\x7f",
    "\x85",
    "\ufeff",
]
_RUN = re.compile(r"(?:\d[\s\-\u3000.]{0,3}){17}[\dXx]")


def valid_ids_in(text: str) -> list[str]:
    found = []
    for match in _RUN.finditer(text):
        with contextlib.suppress(ValueError):
            found.append(validate_id_card(re.sub(r"[\s\-\u3000.]", "", match.group())))
    return found


def _spliced(text: str, insert: str, where: int) -> str:
    where = where % (len(text) + 1)
    return text[:where] + insert + text[where:]


def hostile_cells(good: Any) -> st.SearchStrategy[Any]:
    """What a spoilt cell may hold instead of ``good``."""
    text = str(good) if good not in (None, "") else "x"
    return st.one_of(
        st.builds(_spliced, st.just(text), st.sampled_from(CONTROLS), st.integers(0, 40)),
        st.text(max_size=30),
        st.builds(lambda c, n: c * n, st.characters(), st.integers(41, 3000)),
        st.sampled_from(ID_SHAPES),
        st.builds(lambda shape: text + shape, st.sampled_from(ID_SHAPES)),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([date(1, 1, 1), date(1900, 1, 1), date(9999, 12, 31), datetime(2026, 5, 6, 9, 30)]),
        st.sampled_from(["=1+1", "=A1/0", "#REF!", "", " ", None, True, "9999-12-31 10:00", "长期"]),
    )


def good_row(kind: str, index: int) -> list[Any]:
    """A row the reference hall takes, its key made unique by ``index``."""
    if kind == "cases":
        return case_row(f"C{index}")
    if kind == "roster":
        return [f"2026-05-{4 + index:02d}", "上午", "A01", "1001", "是"]
    row = list(GOOD_ROWS[kind])
    row[0] = f"{row[0]}{index}"
    return row


GOOD_ROWS = {
    "staff": ["20", "甲", "市税务局", "公务员", "是"],
    "windows": ["W", "甲窗口", "市税务局", "综合窗口"],
    "items": ["SC-9", "名称", "市市场监督管理局", "营业执照", "承诺件", 3, 15, "是", "是"],
    "complaints": ["FY-", "A01", "", "2026-05-06 11:00", "材料", "内容", ""],
}


@st.composite
def tables(draw: st.DrawFn, kind: str) -> tuple[list[Any], list[list[Any]]]:
    """A header and a few rows, each good but for up to three spoilt cells (or a repeated key)."""
    columns = spec_for(kind).columns
    header: list[Any] = [c.title for c in columns]
    if draw(st.integers(0, 9)) == 0:  # a damaged or unexpected header now and then
        at = draw(st.integers(0, len(header) - 1))
        header[at] = draw(
            st.one_of(
                st.builds(_spliced, st.just(header[at]), st.sampled_from(CONTROLS), st.integers(0, 5)),
                st.text(max_size=8),
            )
        )
    rows = []
    for index in range(draw(st.integers(1, 4))):
        row = good_row(kind, index) if not rows or draw(st.integers(0, 5)) else list(rows[-1])
        for at in draw(st.lists(st.integers(0, len(columns) - 1), max_size=3, unique=True)):
            row[at] = draw(hostile_cells(row[at]))
        rows.append(row)
    return header, rows


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def write_file(folder: Path, fmt: str, header: list[Any], rows: list[list[Any]]) -> Path:
    if fmt == "xlsx":
        path = folder / "f.xlsx"
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for values in [header, *rows]:
            cleaned = []
            for value in values:
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)  # what Excel itself cannot store
                elif isinstance(value, date) and value.year < 1900:
                    value = value.isoformat()
                cleaned.append(value)
            sheet.append(cleaned)
        book.save(path)
        return path
    path = folder / "f.csv"
    text = "".join(",".join(_csv_field(_csv_text(v)) for v in values) + "\r\n" for values in [header, *rows])
    if fmt == "bytes":
        path.write_bytes(text.encode("utf-8", "replace")[::-1])  # the same bytes, nonsense
    elif fmt in ("utf-16-le", "utf-16-be"):
        path.write_bytes(text.encode(fmt, "replace"))
    elif fmt == "utf-16":
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le", "replace"))
    else:
        path.write_bytes(text.encode(fmt, "replace"))
    return path


FORMATS = st.sampled_from(
    ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "latin-1", "bytes", "xlsx", "xlsx"]
)


@pytest.fixture
def reference_hall(sqlite_hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(sqlite_hall, tmp_path, now=datetime(2026, 5, 1, 9, 0))
    return sqlite_hall


def check_outcome(ctx: HallContext, kind: str, path: Path) -> None:
    before = snapshot(ctx)
    try:
        result = import_file(ctx, kind, path, now=NOW)
    except ServiceError as exc:
        lines, refused = [str(exc)], True
    else:
        lines, refused = [result.summary(), *(str(e) for e in result.errors)], result.stopped
    for line in lines:
        assert len(line.splitlines()) == 1, line
        assert len(line.replace(str(path), "f")) <= LINE_LIMIT, line
        assert control_char(line) is None, line
        assert valid_ids_in(line) == [], line
    if refused:
        assert snapshot(ctx) == before


@pytest.mark.parametrize("kind", KINDS)
def test_whatever_the_file_holds_the_import_is_clean_or_one_line_per_problem(
    reference_hall: HallContext, tmp_path: Path, kind: str
) -> None:
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(table=tables(kind), fmt=FORMATS)
    def attempt(table: tuple[list[Any], list[list[Any]]], fmt: str) -> None:
        header, rows = table
        check_outcome(reference_hall, kind, write_file(tmp_path, fmt, header, rows))

    attempt()
