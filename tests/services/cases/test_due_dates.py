"""Stored due dates: none for a case counted from an implausible fact, a leftover one worked out again."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event, select, text

from hallmonitor.domain.enums import DeadlineState
from hallmonitor.services.cases import add_special_period, case_detail, complete_case, refresh_due_dates
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.storage.models import Case
from tests.support.implausible import plant
from tests.support.week_seed import build_week


def _due_dates(ctx: HallContext) -> dict[str, date | None]:
    with ctx.db.session() as s:
        return {no: due for no, due in s.execute(select(Case.case_no, Case.due_date))}


def test_implausible_facts_leave_a_case_without_due_date_and_a_leftover_is_worked_out_again(
    hall: HallContext,
) -> None:
    plant(hall)
    before = _due_dates(hall)
    assert before["C07"] == date(9999, 12, 31) and before["C09"] is not None
    refresh_due_dates(hall, load_calendar(hall))
    due = _due_dates(hall)
    # Received in 9999 or in the year 1, an item limit of 3,000,000, finished in 9999, a procedure from the year 1.
    for case_no in ("C04", "C09", "C08", "C06", "C02"):
        assert due[case_no] is None, case_no
    # C07, a 2-working-day item received on Friday 15 May: due Tuesday 19 May.
    assert due["C07"] == date(2026, 5, 19)
    # The rest keeps what it had.
    assert due["C03"] == before["C03"] and due["C05"] == before["C05"]
    assert refresh_due_dates(hall, load_calendar(hall), everything=True) == 0


def test_on_a_healthy_hall_no_due_date_moves(hall: HallContext) -> None:
    build_week(hall)
    calendar = load_calendar(hall)
    refresh_due_dates(hall, calendar)
    assert refresh_due_dates(hall, calendar) == 0


def test_a_case_counted_from_an_implausible_fact_says_why_it_has_no_deadline(hall: HallContext) -> None:
    planted = plant(hall)
    cases = planted.week.cases
    detail = case_detail(hall, cases["C04"], as_of=date(2026, 5, 20))
    assert detail.deadline.due is None and detail.deadline.state is DeadlineState.ON_TIME
    assert detail.implausible.startswith("受理时间 9999-12-31 10:00 超出合理范围")
    assert "承诺时限 3000000" in case_detail(hall, cases["C08"], as_of=date(2026, 5, 20)).implausible
    # Finished before it came in: judged as finished the day it came in, not refused.
    finished_early = case_detail(hall, cases["C10"], as_of=date(2026, 5, 20))
    assert finished_early.implausible == "" and finished_early.deadline.working_days_used == 0


def test_a_completion_or_procedure_on_a_case_of_an_absurd_item_is_recorded_without_due_date(
    hall: HallContext,
) -> None:
    planted = plant(hall)
    case_id = planted.week.cases["C08"]
    now = datetime(2026, 5, 20, 18, 0)
    add_special_period(hall, case_id, date(2026, 5, 18), date(2026, 5, 19), "专家评审", now=now)
    complete_case(hall, case_id, datetime(2026, 5, 20, 10, 0), now=now)
    with hall.db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT due_date, completed_at FROM service_case WHERE id = :id"), {"id": case_id}
        )
        due, completed = row.one()
    assert due is None and completed is not None


@pytest.mark.sqlite_only  # reads SQLite's query plans
def test_looking_for_leftover_due_dates_reads_no_case_one_by_one(sqlite_hall: HallContext) -> None:
    """On a million cases, every rules run asks which due dates must go: index ranges, never a scan."""
    build_week(sqlite_hall)
    calendar = load_calendar(sqlite_hall)
    refresh_due_dates(sqlite_hall, calendar)
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(sqlite_hall.db.engine, "before_cursor_execute", seen)
    try:
        assert refresh_due_dates(sqlite_hall, calendar) == 0
    finally:
        event.remove(sqlite_hall.db.engine, "before_cursor_execute", seen)
    with sqlite_hall.db.engine.connect() as conn:
        plans = [
            " / ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in statements
            if sql.lstrip().upper().startswith("SELECT") and "service_case" in sql
        ]
    assert plans and not [p for p in plans if "SCAN service_case" in p], plans
