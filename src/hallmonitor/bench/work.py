"""The figures of work done in the app's process: the weekly report and a case import.

* The weekly report of the busiest week, as File → Export and ``hallmonitor
  export`` make it (``build_week`` then ``write_week``), against openpyxl's
  write-only mode dumping the same sheets' rows, read back from a report
  written before the pairs, as bare values.
* The hall's last case file (a tenth of its cases) imported into a copy of the
  hall as it stood before it, the rules run included, against python-calamine
  reading the same file and sqlite3 writing its rows in one transaction. The
  copy is made before the clock starts.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from hallmonitor.bench.hall import BEFORE_FILE, LAST_CASES_FILE, ScaleHall, copy_database, url_of
from hallmonitor.bench.timing import Figure, Goal
from hallmonitor.reports.weekly import write_week
from hallmonitor.services.hall import HallContext, hall_context
from hallmonitor.services.imports import import_file
from hallmonitor.services.weekly import build_week
from hallmonitor.storage.database import open_database


def report_figure(ctx: HallContext, hall: ScaleHall, scratch: Path) -> Figure:
    week, cases = hall.manifest["busiest_week"], hall.manifest["busiest_week_cases"]
    folder = scratch / "reports"
    folder.mkdir(exist_ok=True)
    now = datetime.now().replace(microsecond=0)
    written: list[Path] = []
    sheets: list[tuple[str, list[tuple[Any, ...]]]] = []

    def ours() -> float:
        started = time.perf_counter()
        written.append(write_week(build_week(ctx, week, now=now), folder))
        return time.perf_counter() - started

    def floor() -> float:
        if not sheets:  # the report's own rows, read back once (pairs begin with ours)
            sheets.extend(_sheets_of(written[0]))
            rows = sum(len(r) - 1 for _t, r in sheets)
            figure.note = f"{week}: {len(sheets)} sheets, {rows:,} rows below their headers"
        return _dump(sheets, folder / "floor.xlsx")

    figure = Figure(
        f"weekly report, busiest week ({cases:,} cases)",
        "openpyxl write-only, same rows unstyled",
        Goal(ratio=1.5),
        ours,
        floor,
    )
    return figure


def _sheets_of(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
    book.close()
    return sheets


def _dump(sheets: list[tuple[str, list[tuple[Any, ...]]]], target: Path) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(target)
    return time.perf_counter() - started


def import_figure(hall: ScaleHall, scratch: Path) -> Figure:
    rows = hall.manifest["last_import_rows"]
    cases = hall.folder / LAST_CASES_FILE
    now = hall.moment("last_import_now")

    def ours() -> float:
        target = copy_database(hall.folder / BEFORE_FILE, scratch / "import-ours.sqlite3")
        db = open_database(url_of(target))
        try:
            ctx = hall_context(db, login="bench")
            started = time.perf_counter()
            result = import_file(ctx, "cases", cases, now=now)
            elapsed = time.perf_counter() - started
        finally:
            db.close()
        if result.errors or not result.inserted:
            raise RuntimeError(f"the import wrote nothing: {'; '.join(str(e) for e in result.errors[:3])}")
        return elapsed

    def floor() -> float:
        from python_calamine import CalamineWorkbook

        target = scratch / "import-floor.sqlite3"
        target.unlink(missing_ok=True)
        started = time.perf_counter()
        table = CalamineWorkbook.from_path(str(cases)).get_sheet_by_index(0).to_python()
        connection = sqlite3.connect(target)
        try:
            connection.execute(f"CREATE TABLE cases ({', '.join(f'c{i}' for i in range(len(table[0])))})")
            with connection:
                connection.executemany(
                    f"INSERT INTO cases VALUES ({', '.join('?' * len(table[0]))})", table[1:]
                )
        finally:
            connection.close()
        return time.perf_counter() - started

    return Figure(
        f"import {rows:,} case rows from .xlsx",
        "python-calamine read + sqlite3 executemany",
        Goal(ratio=1.5),
        ours,
        floor,
        note=f"the hall's last case file, into the hall of {hall.manifest['cases'] - rows:,} cases before it",
    )
