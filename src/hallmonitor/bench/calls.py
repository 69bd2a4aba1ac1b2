"""The service calls behind the case table and the charts, each against its own SQL replayed bare.

Each call runs in this process through its public service, as a page's
background operation runs it. Its floor is what the database alone needs for
the same answer: the SELECTs the call sent (caught from SQLAlchemy's cursor
events on a call made before the pairs) sent again through the standard
library's sqlite3 to the same file, every row fetched. The ratio is what the
service adds in Python; the goal is absolute, 50 ms, what a page may take
before it feels slow (the UI never waits on it, but a person does).

The calls look at the hall as it stood on its last day with cases, so a hall
reused months later is measured on the same work.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from hallmonitor.bench.timing import Figure, Goal
from hallmonitor.services.cases import (
    CaseFilter,
    case_outline,
    case_page,
    count_cases,
    fetch_cases,
    find_cases,
)
from hallmonitor.services.hall import HallContext
from hallmonitor.services.statistics import front_shop_by_department, indicators, weekly_compliance

#: A name the search box is typed with: part of a person's name, common enough to find hundreds.
SEARCH = "王芳"
CALL_GOAL = Goal(seconds=0.05)
CHART_DAYS, CHART_WEEKS = 28, 8

Statement = tuple[str, Any, bool]


class Statements:
    """The SQL a call sends while it runs (SELECTs only: a call that writes is not replayed writing)."""

    def __init__(self, ctx: HallContext) -> None:
        self.engine = ctx.db.engine
        self.caught: list[Statement] = []

    def _take(
        self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("SELECT", "WITH"):
            self.caught.append((statement, parameters, many))

    def of(self, call: Callable[[], object]) -> list[Statement]:
        self.caught = []
        event.listen(self.engine, "before_cursor_execute", self._take)
        try:
            call()
        finally:
            event.remove(self.engine, "before_cursor_execute", self._take)
        return self.caught


def calls(ctx: HallContext, last_day: date, cases: int) -> list[tuple[str, Callable[[], object]]]:
    """The calls a supervisor waits on, as the case page and the charts page make them."""
    everything = CaseFilter(as_of=last_day)
    start = last_day - timedelta(days=CHART_DAYS - 1)
    return [
        ("overdue count over all dates", lambda: count_cases(ctx, CaseFilter(overdue=True, as_of=last_day))),
        (
            f"search over all dates ({SEARCH})",
            lambda: find_cases(ctx, CaseFilter(text=SEARCH, as_of=last_day)),
        ),
        ("sort by applicant, first page", lambda: fetch_cases(ctx, everything, "applicant_name", False)),
        (
            f"deep page (row {cases // 2:,}, from the table's outline)",
            _deep_page(ctx, everything, cases // 2),
        ),
        ("count of all cases", lambda: count_cases(ctx, everything)),
        (
            f"weekly compliance chart ({CHART_WEEKS} weeks)",
            lambda: weekly_compliance(ctx, CHART_WEEKS, last_day),
        ),
        (f"indicators chart ({CHART_DAYS} days)", lambda: indicators(ctx, start, last_day)),
        (
            f"前店后厂 by department ({CHART_DAYS} days)",
            lambda: front_shop_by_department(ctx, start, last_day),
        ),
        (
            "overdue count, 30 days",
            lambda: count_cases(
                ctx, CaseFilter(overdue=True, received_from=last_day - timedelta(days=29), as_of=last_day)
            ),
        ),
    ]


def _deep_page(ctx: HallContext, f: CaseFilter, rank: int) -> Callable[[], object]:
    """The page the case table reads when its scroll bar is dropped half-way: a seek from the outline
    it read once in the background when the filter was set (read here, untimed: nobody waits on it)."""
    outline = case_outline(ctx, f, "received_at", True)
    start = outline.start_of(rank)
    return lambda: case_page(ctx, f, "received_at", True, start, counts=outline.counts)


def call_figures(ctx: HallContext, hall_file: Path, last_day: date, cases: int) -> list[Figure]:
    recorder = Statements(ctx)
    return [_figure(name, call, recorder, hall_file) for name, call in calls(ctx, last_day, cases)]


def _figure(name: str, call: Callable[[], object], recorder: Statements, hall_file: Path) -> Figure:
    replayed: list[Statement] = []
    connection: list[sqlite3.Connection] = []

    def setup() -> None:
        replayed.extend(recorder.of(call))  # also the call's first run, as the replay's below
        connection.append(sqlite3.connect(hall_file))
        floor()
        figure.note = f"{name}: {len(replayed)} statement{'s' if len(replayed) != 1 else ''} replayed"

    def ours() -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    def floor() -> float:
        bare = connection[0]
        started = time.perf_counter()
        for statement, parameters, many in replayed:
            if many:
                bare.executemany(statement, parameters).fetchall()
            else:
                bare.execute(statement, parameters).fetchall()
        return time.perf_counter() - started

    def teardown() -> None:
        for bare in connection:
            bare.close()

    figure = Figure(name, "its SQL replayed by sqlite3", CALL_GOAL, ours, floor, setup, teardown)
    return figure
