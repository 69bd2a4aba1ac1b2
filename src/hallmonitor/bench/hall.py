"""The scale hall, built once through the app's own import path and kept in a cache folder.

Building a million cases takes a while, so the hall is kept in a folder named
by its size, the schema revision and this generator's version: a second run
reuses it, a run after a migration (or a change here) builds afresh. A folder
is only used once its manifest is written, so a build that was stopped is
started again rather than measured.

Everything arrives as a hall's would: windows, staff and items from .xlsx
files, the roster in files of two months planned ahead of the cases, the
cases in the order received (the queue system's exports) in files of 100,000
rows and a last one of a tenth of the hall, each import judged by the rules as
of the moment its last fact happened, with the finished days' complaints after
them. A copy of the hall before its last case file is
kept beside it with that file: the import figure repeats that last import.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hallmonitor.bench.caseload import CASE_HEADER, case_rows
from hallmonitor.bench.layout import plan_layout
from hallmonitor.bench.plan import Plan, busiest_day, busiest_week, plan_hall
from hallmonitor.bench.rows import (
    COMPLAINT_HEADER,
    complaint_rows,
    item_rows,
    roster_files,
    roster_rows,
    staff_rows,
    window_rows,
)
from hallmonitor.services.hall import HallContext, hall_context, init_hall, load_calendar
from hallmonitor.services.hall_data import edit_window, list_windows
from hallmonitor.services.imports import import_file
from hallmonitor.storage.database import HEAD_REVISION, open_database
from hallmonitor.storage.keys import KEY_DIR_ENV

#: Bumped whenever the generated hall changes, so that an older cached hall is not measured.
FORMAT = 1
HALL_FILE, BEFORE_FILE, LAST_CASES_FILE = "hall.sqlite3", "before-last-import.sqlite3", "last-cases.xlsx"
Log = Callable[[str], None]


@dataclass(frozen=True)
class ScaleHall:
    folder: Path
    manifest: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / HALL_FILE

    @property
    def key_dir(self) -> Path:
        return self.folder / "keys"

    def moment(self, key: str) -> datetime:
        return datetime.fromisoformat(self.manifest[key])

    def day(self, key: str) -> date:
        return date.fromisoformat(self.manifest[key])


def default_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("HallMonitor", appauthor=False)) / "bench"


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a closed SQLite file (with its write-ahead log, if one was left)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


def ensure_hall(cases: int, cache: Path, log: Log) -> ScaleHall:
    """The cached hall of ``cases`` cases, built first when there is none for this schema."""
    folder = cache / f"hall-{cases}-r{HEAD_REVISION}-v{FORMAT}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        hall = ScaleHall(folder, json.loads(manifest.read_text(encoding="utf-8")))
        if all((folder / name).exists() for name in (HALL_FILE, BEFORE_FILE, LAST_CASES_FILE)):
            log(f"reusing the hall of {cases:,} cases built {hall.manifest['built_at']} in {folder}")
            os.environ[KEY_DIR_ENV] = str(hall.key_dir)
            return hall
    _remove_older(cache, cases, log)
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(parents=True)
    data = _build(partial, cases, log)
    (partial / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    os.environ[KEY_DIR_ENV] = str(folder / "keys")
    return ScaleHall(folder, data)


def _remove_older(cache: Path, cases: int, log: Log) -> None:
    """Halls of this size for an older schema or generator, and builds that stopped half-way.

    They are never measured again and take gigabytes at a million cases; a newer one (another
    checkout's) is left alone.
    """
    for found in cache.glob(f"hall-{cases}-r*-v*"):
        if match := re.fullmatch(rf"hall-{cases}-r(\w+)-v(\d+)(\.partial)?", found.name):
            revision, version, partial = match[1], int(match[2]), match[3]
            if partial or (revision, version) < (HEAD_REVISION, FORMAT):
                log(
                    f"removing {found}: {'a build that stopped' if partial else 'an older schema or version'}"
                )
                shutil.rmtree(found, ignore_errors=True)


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> Path:
    """The file as a queue system writes it: openpyxl's write-only mode, real dates, numbers as text."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


class _Importer:
    def __init__(self, ctx: HallContext, folder: Path, log: Log) -> None:
        self.ctx, self.folder, self.log = ctx, folder, log
        self.seconds: dict[str, float] = {}

    def run(
        self, kind: str, header: Sequence[str], rows: Sequence[Sequence[Any]], now: datetime, name: str
    ) -> Path:
        path = write_xlsx(self.folder / f"{name}.xlsx", header, rows, kind)
        started = time.perf_counter()
        result = import_file(self.ctx, kind, path, now=now)
        took = time.perf_counter() - started
        if result.errors:
            shown = "; ".join(str(e) for e in result.errors[:5])
            raise SystemExit(f"the scale hall's {name} did not import: {shown}")
        self.seconds[kind] = self.seconds.get(kind, 0.0) + took
        self.log(f"  {name}: {len(rows):,} rows imported in {took:.1f} s")
        return path


def _build(folder: Path, cases: int, log: Log) -> dict[str, Any]:
    started = time.perf_counter()
    os.environ[KEY_DIR_ENV] = str(folder / "keys")
    db = open_database(url_of(folder / HALL_FILE))
    init_hall(db, "BENCH", "基准测试市政务服务大厅")
    ctx = hall_context(db, login="bench")
    today = date.today()
    plan = plan_hall(plan_layout(), cases, today, load_calendar(ctx).is_workday)
    log(
        f"building a hall of {cases:,} cases over {len(plan.counts)} working days "
        f"({plan.first_day} to {plan.last_day}) through the import path in {folder}"
    )
    importer = _Importer(ctx, folder, log)
    before = datetime.combine(plan.first_day - timedelta(days=1), datetime.min.time()).replace(hour=8)
    for kind, (header, rows) in (
        ("windows", window_rows(plan)),
        ("staff", staff_rows(plan)),
        ("items", item_rows(plan)),
    ):
        importer.run(kind, header, rows, before, kind)
    _place_windows(ctx, plan)
    roster = 0
    for first, stop in roster_files(plan):
        header, rows = roster_rows(plan, first, stop)
        importer.run("roster", header, rows, before, f"roster-{plan.roster_days[first]}")
        roster += len(rows)
    db, complaints, last_now = _import_cases(db, ctx, plan, folder, importer, log)
    db.close()
    for leftover in folder.glob("*.xlsx"):
        if leftover.name != LAST_CASES_FILE:
            leftover.unlink()
    day, day_cases = busiest_day(plan)
    week, week_cases = busiest_week(plan)
    return {
        "cases": cases,
        "revision": HEAD_REVISION,
        "format": FORMAT,
        "built_at": datetime.now().isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 1),
        "import_seconds": {k: round(v, 1) for k, v in importer.seconds.items()},
        "windows": len(plan.layout.windows),
        "zones": len({w.zone for w in plan.layout.windows}),
        "staff": len(plan.layout.staff),
        "items": len(plan.layout.items),
        "roster_rows": roster,
        "complaints": complaints,
        "working_days": len(plan.counts),
        "first_day": plan.first_day.isoformat(),
        "last_day": plan.last_day.isoformat(),
        "roster_until": plan.roster_days[-1].isoformat(),
        "final_now": plan.final_now.isoformat(),
        "last_import_now": last_now.isoformat(),
        "last_import_rows": plan.last_file_rows,
        "busiest_day": day.isoformat(),
        "busiest_day_cases": day_cases,
        "busiest_week": week,
        "busiest_week_cases": week_cases,
    }


def _place_windows(ctx: HallContext, plan: Plan) -> None:
    """Each window in its zone and place on the board, as a hall sets them up in 大厅资料."""
    planned = {w.number: w for w in plan.layout.windows}
    for row in list_windows(ctx):
        w = planned[row.number]
        edit_window(ctx, row.id, replace(row.as_input(), zone=w.zone, grid_row=w.row, grid_col=w.col))


def _import_cases(
    db: Any, ctx: HallContext, plan: Plan, folder: Path, importer: _Importer, log: Log
) -> tuple[Any, int, datetime]:
    """The cases in files in the order received, each followed by its finished days' complaints."""
    chunk, rows, now = 0, [], datetime.min
    finished_days: list[int] = []
    complaints = seen = 0
    last_of_day = [total - 1 for total in itertools.accumulate(plan.counts)]

    def flush() -> None:
        nonlocal now, complaints
        said = [row for index in finished_days for row in complaint_rows(plan, index)]
        moments = [m for row in rows for m in (row[6], row[10], row[12]) if m is not None]
        moments += [m for row in said for m in (row[3], row[6]) if m is not None]
        now = max(now, max(moments) + timedelta(minutes=1))
        if chunk == plan.case_files - 1:
            now = max(now, plan.final_now)
        name = (
            LAST_CASES_FILE.removesuffix(".xlsx")
            if chunk == plan.case_files - 1
            else f"cases-{chunk + 1:02d}"
        )
        importer.run("cases", CASE_HEADER, rows, now, name)
        if said:
            importer.run("complaints", COMPLAINT_HEADER, said, now, f"complaints-{chunk + 1:02d}")
        complaints += len(said)
        finished_days.clear()
        rows.clear()

    for ordinal, (day_index, row) in enumerate(case_rows(plan)):
        if plan.file_of(ordinal) != chunk:
            flush()
            chunk += 1
            if chunk == plan.case_files - 1:
                # The hall as it stood before its last case file: the import figure starts from a copy.
                db.close()
                copy_database(folder / HALL_FILE, folder / BEFORE_FILE)
                db = open_database(url_of(folder / HALL_FILE))
                ctx = hall_context(db, login="bench")
                importer.ctx = ctx
        rows.append(row)
        if ordinal == last_of_day[day_index]:
            finished_days.append(day_index)
        seen += 1
    flush()
    log(f"  {seen:,} cases and {complaints:,} complaints in the hall")
    return db, complaints, now
