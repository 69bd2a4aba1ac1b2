"""On SQLite the charts read their indexes alone: a plan that fell back to the table would be slow.

SQLite keeps no statistics here, so which index a query reads depends on how
it is written; a chart that read every case of its range from the table, or
sorted them, took 60 to 90 ms at 300,000 cases where these take a fraction.
Each statement a chart sends is asked for its plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event

from hallmonitor.services.hall import HallContext, hall_context, init_hall
from hallmonitor.services.statistics import front_shop_by_department, indicators, weekly_compliance
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import ITEM_RECEIVED_INDEX
from tests.services.statistics.test_chart_edges import FIRST, LAST, _cases, _hall


@pytest.fixture
def sqlite_hall_with_cases(sqlite_url: str) -> Iterator[HallContext]:
    db = open_database(sqlite_url)
    init_hall(db, "H001", "测试市政务服务大厅")
    ctx = hall_context(db, login="tester")
    _cases(ctx, _hall(ctx))
    yield ctx
    db.close()


def _plans(ctx: HallContext, call) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(statement, its plan) for every statement ``call`` sends that reads cases or the roster."""
    sent: list[tuple[str, object]] = []

    def take(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "service_case" in statement or "roster_entry" in statement:
            sent.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", take)
    try:
        call()
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", take)
    raw = ctx.db.engine.raw_connection()
    try:
        return [
            (
                statement,
                "\n".join(row[3] for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, params)),
            )
            for statement, params in sent
        ]
    finally:
        raw.close()


CHARTS = {
    "indicators": lambda ctx: indicators(ctx, FIRST, LAST),
    "front_shop": lambda ctx: front_shop_by_department(ctx, FIRST, LAST),
    "weekly": lambda ctx: weekly_compliance(ctx, 3, LAST - timedelta(days=1)),
}


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_each_chart_reads_its_cases_and_roster_from_covering_indexes(sqlite_hall_with_cases, chart):
    plans = _plans(sqlite_hall_with_cases, lambda: CHARTS[chart](sqlite_hall_with_cases))
    assert plans
    for statement, plan in plans:
        if "FROM service_case" in statement:
            assert f"COVERING INDEX {ITEM_RECEIVED_INDEX}" in plan, (statement, plan)
            assert "service_case USING INDEX" not in plan and "SCAN service_case" not in plan, plan
        if "FROM roster_entry" in statement:
            assert "SCAN roster_entry" not in plan, (statement, plan)
        if "group_concat(DISTINCT roster_entry" in statement:  # the windows with a formal civil servant
            # Read from the index alone, each window listed once per session by the aggregate.
            assert "COVERING INDEX ix_roster_entry_window_day" in plan, plan
            assert "TEMP B-TREE FOR DISTINCT" not in plan, plan
    if chart == "weekly":
        assert any("group_concat(DISTINCT roster_entry" in s for s, _plan in plans)
