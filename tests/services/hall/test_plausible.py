"""Finding the stored facts the judgements leave out, on both backends, without reading the healthy rows."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, text

from hallmonitor.services.hall import HallContext, implausible_records
from tests.support.implausible import plant
from tests.support.week_seed import build_week


def test_a_healthy_hall_has_nothing_to_report(hall: HallContext) -> None:
    build_week(hall)
    found = implausible_records(hall)
    assert not found and found.total == 0 and found.sentence is None


def test_every_planted_value_is_counted_and_the_first_are_named(hall: HallContext) -> None:
    planted = plant(hall)
    found = implausible_records(hall)
    named = [str(f) for f in found.examples]
    for expected in planted.expected:
        assert any(line.startswith(expected) for line in named), expected
    assert found.total == len(planted.expected)
    sentence = found.sentence
    assert sentence is not None and "\n" not in sentence
    assert sentence.startswith(f"有 {found.total} 条记录的数据超出合理范围，已跳过：")


@pytest.mark.sqlite_only  # only SQLite lets a 100,000-character case number be stored
def test_a_key_of_any_length_is_quoted_short_and_on_one_line(sqlite_hall: HallContext) -> None:
    week = build_week(sqlite_hall)
    with sqlite_hall.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE service_case SET case_no = :no, trips = 500 WHERE id = :id"),
            {"no": "C\n" + "9" * 100_000, "id": week.cases["C01"]},
        )
    sentence = implausible_records(sqlite_hall).sentence
    assert sentence is not None and "\n" not in sentence and len(sentence) < 300
    assert "C\\x0a999" in sentence and "跑动次数 500" in sentence


@pytest.mark.sqlite_only  # reads SQLite's query plans
def test_on_sqlite_no_search_reads_the_cases_one_by_one(sqlite_hall: HallContext) -> None:
    """On a hall of a million cases a scan costs a second at every check; an index range costs nothing."""
    build_week(sqlite_hall)
    # Another hall's absurd trips are not this hall's.
    with sqlite_hall.db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO hall (code, name, created_at) VALUES ('H2', '另一个大厅', '2026-01-01')")
        )
        conn.execute(
            text(
                "INSERT INTO service_case (hall_id, case_no, window_id, item_id, applicant_type, applicant_name, "
                "applicant_id_display, applicant_id_hash, received_at, status, trips, void_reason, version) "
                "SELECT 2, case_no, window_id, item_id, applicant_type, applicant_name, applicant_id_display, "
                "applicant_id_hash, received_at, status, 500, void_reason, version FROM service_case"
            )
        )
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(sqlite_hall.db.engine, "before_cursor_execute", seen)
    try:
        found = implausible_records(sqlite_hall)
    finally:
        event.remove(sqlite_hall.db.engine, "before_cursor_execute", seen)
    assert not found
    with sqlite_hall.db.engine.connect() as conn:
        steps = [
            str(row[-1])
            for sql, params in statements
            if sql.lstrip().upper().startswith("SELECT")
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
        ]
    # Reading a table of cases or roster rows whole, or the hall's (or a window's) every entry of an
    # index, is what a range avoids.
    whole = re.compile(
        r"SCAN (service_case|roster_entry)|SEARCH (service_case|roster_entry) .*\((hall_id|window_id)=\?\)$"
    )
    assert steps and not [step for step in steps if whole.search(step)], steps


@pytest.mark.parametrize(("trips", "named"), [(0, False), (99, False), (100, True), (-1, True)])
def test_trips_count_as_implausible_from_a_hundred_and_below_zero(
    hall: HallContext, trips: int, named: bool
) -> None:
    week = build_week(hall)
    with hall.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE service_case SET trips = :t WHERE id = :id"), {"t": trips, "id": week.cases["C01"]}
        )
    assert [str(f) for f in implausible_records(hall).examples] == (
        [f"办件 C01 跑动次数 {trips}"] if named else []
    )
