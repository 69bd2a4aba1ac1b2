"""挂名 where the staffing pages read it: the tile detail's day and the roster's week."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hallmonitor.domain.enums import Session
from hallmonitor.services.hall import HallContext
from hallmonitor.services.staffing import CellKey, load_week, tile_detail, windows
from tests.support.nominal_week import import_week

TUESDAY = date(2026, 5, 12)


def window_id(ctx: HallContext, number: str) -> int:
    return next(w.id for w in windows(ctx) if w.number == number)


def test_the_tile_detail_marks_the_days_suspected_sessions_judged_by_then(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    a01 = window_id(hall, "A01")
    day = tile_detail(hall, a01, TUESDAY, now=datetime(2026, 5, 20, 9, 0))
    assert [(line.session, line.status) for line in day.nominal] == [
        (Session.MORNING, "待核查"),
        (Session.AFTERNOON, "待核查"),
    ]
    assert day.nominal[0].formal_present == "张三（公务员）"
    # At two on Tuesday the morning is judged (its cases were in at 13:30), the afternoon not yet.
    during = tile_detail(hall, a01, TUESDAY, now=datetime(2026, 5, 12, 14, 0))
    assert [line.session for line in during.nominal] == [Session.MORNING]
    assert tile_detail(hall, window_id(hall, "B01"), TUESDAY, now=datetime(2026, 5, 20)).nominal == ()


def test_the_roster_week_marks_every_suspected_cell(hall: HallContext, tmp_path: Path) -> None:
    import_week(hall, tmp_path)
    week = load_week(hall, date(2026, 5, 11), now=datetime(2026, 5, 18, 9, 0))
    a01 = window_id(hall, "A01")
    assert set(week.nominal) == {CellKey(a01, d, s) for d, s in week.slots if d.weekday() < 5}
    monday = week.nominal[CellKey(a01, date(2026, 5, 11), Session.MORNING)]
    # Monday alone was too little for an alert (two sessions); the alert came on Tuesday and took it in.
    assert monday.status == "待核查" and monday.case_count == 6 and monday.formal_received == 0
