"""The case table at scale: the window while its scroll bar goes top to bottom, and the calls behind it.

Run:  python benchmarks/bench_case_table.py [--cases 100000] [--db FILE] [--steps 40]

A hall of ``--cases`` cases (bench_cases.populate, direct inserts) is built in
``--db`` (or reused when that file exists; its hall key beside it). Two
figures, each against a floor measured in the same run:

* the longest gap of a 20 ms timer on the UI thread (tests/support/stalls.py)
  while the scroll bar of 办件登记's table, all cases listed, is set from the
  top to the bottom in ``--steps`` steps 40 ms apart, as a hand dragging it;
  the floor is the same drag over a bare QTableView whose model computes the
  same number of rows. Also printed: how long after the last step the last
  rows were on screen, and the process's peak memory after each drag;
* the service calls the table makes (the count of all cases, the overdue count
  of the last 30 days, the first page sorted by applicant, a page half-way
  down, what a filter change runs), each against the same SQL statements,
  recorded while the call ran, replayed through a bare sqlite3 connection.

Nothing here asserts a time: the numbers are for people comparing changes
(the aims: under 100 ms for the UI thread, under 50 ms a call).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cases import populate
from PySide6.QtCore import QAbstractTableModel, QEventLoop, QModelIndex, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import event
from tests.support.stalls import GapRecorder

from hallmonitor.services.cases import (
    CaseFilter,
    case_outline,
    case_page,
    count_cases,
    fetch_cases,
    find_cases,
)
from hallmonitor.services.hall import HallContext, hall_context
from hallmonitor.storage.database import open_database, upgrade

#: The benchmark hall's last day (bench_cases.populate).
TODAY = date(2026, 11, 27)
NOW = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=10)
COLUMNS = 13


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(test: Callable[[], bool], timeout_ms: int = 600_000) -> int:
    """Spin until ``test`` holds; the milliseconds it took."""
    t0 = time.perf_counter()
    while not test():
        if (time.perf_counter() - t0) * 1000 > timeout_ms:
            raise TimeoutError("the table did not settle")
        spin(10)
    return round((time.perf_counter() - t0) * 1000)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ComputedRows(QAbstractTableModel):
    """The floor: rows computed from their number, as cheap as a model can be."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"B{index.row():08d}-{index.column()}"
        return None


def drag(table: QTableView, steps: int, settled: Callable[[], bool]) -> tuple[int, int]:
    """(longest gap of the UI thread's timer, ms until ``settled`` after the last step)."""
    bar = table.verticalScrollBar()
    bar.setValue(0)
    wait_for(settled)
    spin(200)
    recorder = GapRecorder()
    recorder.start()
    for step in range(1, steps + 1):
        bar.setValue(round(bar.maximum() * step / steps))
        spin(40)
    after = wait_for(settled)
    spin(100)
    recorder.stop()
    return recorder.longest, after


def bare_drag(rows: int, steps: int) -> tuple[int, int]:
    table = QTableView()
    table.setModel(ComputedRows(rows))
    table.resize(900, 600)
    table.show()
    spin(200)
    try:
        return drag(table, steps, lambda: True)
    finally:
        table.close()
        table.deleteLater()


def page_drag(ctx: HallContext, rows: int, steps: int) -> tuple[int, int, int]:
    """The real 办件登记 page, every date listed: (longest gap, ms to the last rows, rows listed)."""
    from hallmonitor.ui.cases.page import CasesPage
    from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv

    env = UiEnv(ctx=ctx, runner=OperationRunner(QThreadPool()), bus=ChangeBus(), clock=lambda: NOW)
    page = CasesPage(env)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    wait_for(lambda: page._painted and not env.runner.busy)
    page.filters.date_check.setChecked(False)
    wait_for(lambda: not env.runner.busy and page.model.total >= rows)
    table, model = page.table, page.model

    def rows_shown() -> bool:
        """The rows in view are read (the top one's page is the last the view asks for)."""
        if env.runner.busy:
            return False
        top, bottom = table.rowAt(0), table.rowAt(table.viewport().height() - 2)
        return all(model.row_ready(row) for row in (top, bottom) if row >= 0)

    try:
        longest, after = drag(table, steps, rows_shown)
        return longest, after, model.total
    finally:
        env.runner.wait(60_000)
        page.close()
        page.deleteLater()


class Recorder:
    """The SQL statements a call runs on SQLite, as SQLite itself traces them (parameters filled in).

    Traced by the connection, so the statements the services run on the DBAPI
    cursor directly (the outline's steps) are recorded too.
    """

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def __enter__(self) -> Recorder:
        self.engine.dispose()  # connections opened from here on are traced from their first statement
        event.listen(self.engine, "checkout", self._checkout)
        event.listen(self.engine, "checkin", self._checkin)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "checkout", self._checkout)
        event.remove(self.engine, "checkin", self._checkin)
        self.engine.dispose()

    def _checkout(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(self.statements.append)

    def _checkin(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(None)


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def replay(path: Path, statements: list[str]) -> Callable[[], None]:
    raw = sqlite3.connect(path, isolation_level=None)
    # The reads alone, each in its own transaction: the app's BEGIN and COMMIT are its own business.
    queries = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def run() -> None:
        for statement in queries:
            raw.execute(statement).fetchall()

    return run


def service_calls(ctx: HallContext, path: Path, total: int) -> list[tuple[str, float, float]]:
    everything = CaseFilter(as_of=TODAY)
    overdue_30 = CaseFilter(
        received_from=TODAY - timedelta(days=30), received_to=TODAY, overdue=True, as_of=TODAY
    )
    outline = case_outline(ctx, everything, "received_at", True)
    middle = outline.start_of(total // 2)
    calls: list[tuple[str, Callable[[], object]]] = [
        ("count of all cases", lambda: count_cases(ctx, everything)),
        ("overdue count, last 30 days", lambda: count_cases(ctx, overdue_30)),
        ("overdue count, every date", lambda: count_cases(ctx, CaseFilter(overdue=True, as_of=TODAY))),
        (
            "first page sorted by applicant",
            lambda: fetch_cases(ctx, everything, "applicant_name", False, 0, 200),
        ),
        (
            f"page at row {total // 2:,}, newest first",
            lambda: case_page(ctx, everything, "received_at", True, middle),
        ),
        ("filter change: every date (count, first page)", lambda: find_cases(ctx, everything)),
        (
            "outline, newest first (in the background)",
            lambda: case_outline(ctx, everything, "received_at", True),
        ),
        (
            "outline, by applicant (in the background)",
            lambda: case_outline(ctx, everything, "applicant_name", False),
        ),
    ]
    measured = []
    for name, call in calls:
        with Recorder(ctx.db.engine) as recorder:
            call()
        ours = timed(call, repeat=3 if "outline" in name else 5)
        floor = timed(replay(path, recorder.statements), repeat=3 if "outline" in name else 5)
        measured.append((name, ours, floor))
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="a SQLite file: built when missing, reused when there")
    parser.add_argument("--steps", type=int, default=40, help="steps of the drag from top to bottom")
    args = parser.parse_args()
    path: Path = args.db or Path(tempfile.mkdtemp(prefix="bench-table-")) / "hall.sqlite3"
    # The hall's ID-hash key stays with its throw-away database, never in the user's config folder.
    os.environ.setdefault("HALLMONITOR_KEY_DIR", str(path.with_suffix(".keys")))
    url = f"sqlite:///{path}"
    if not path.exists():
        t0 = time.perf_counter()
        upgrade(url)
        populate(url, args.cases)
        print(f"built {args.cases:,} cases in {time.perf_counter() - t0:.0f} s ({path})")
    t0 = time.perf_counter()
    db = open_database(url)  # upgrades a file built by an older version
    print(f"opened in {time.perf_counter() - t0:.1f} s")
    ctx = hall_context(db)
    total = count_cases(ctx, CaseFilter(as_of=TODAY))
    app = QApplication.instance() or QApplication([])

    bare, bare_after = bare_drag(total, args.steps)
    bare_peak = peak_mb()
    ours, after, listed = page_drag(ctx, total, args.steps)
    ours_peak = peak_mb()
    print(f"\n{total:,} cases; drag top to bottom in {args.steps} steps: longest UI-thread gap (20 ms timer)")
    print(f"{'':<44}{'gap ms':>8}{'last rows ms':>14}{'peak MB':>10}")
    print(f"{'bare QTableView, computed rows (floor)':<44}{bare:>8}{bare_after:>14}{bare_peak:>10.0f}")
    print(
        f"{'办件登记, every date (' + format(listed, ',') + ' rows)':<44}{ours:>8}{after:>14}{ours_peak:>10.0f}"
    )
    print(f"{'ratio':<44}{ours / max(bare, 1):>8.1f}")

    print("\nservice calls against their SQL replayed by sqlite3 (median, ms)")
    print(f"{'call':<52}{'ours':>9}{'sqlite3':>9}{'ratio':>8}")
    for name, seconds, floor in service_calls(ctx, path, total):
        print(f"{name:<52}{seconds * 1000:>9.1f}{floor * 1000:>9.1f}{seconds / max(floor, 1e-6):>8.1f}")
    db.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
