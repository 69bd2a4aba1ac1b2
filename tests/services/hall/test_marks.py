"""How far the rules judged, as stored: a mark no run could have written is not believed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from hallmonitor.domain.plausible import EARLIEST_MOMENT
from hallmonitor.services.hall import HallContext, read_mark
from hallmonitor.services.rules import run_rules
from tests.support.implausible import JUDGED
from tests.support.week_seed import build_week

LATER = datetime(2026, 5, 20, 18, 0)


def _mark(ctx: HallContext, judged_until: str, dirty_from: str | None) -> None:
    with ctx.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE rules_mark SET judged_until = :j, dirty_from = :d WHERE hall_id = :h"),
            {"j": judged_until, "d": dirty_from, "h": ctx.hall_id},
        )


def test_a_mark_judged_until_9999_is_judged_again_from_the_start_and_set_right(hall: HallContext) -> None:
    build_week(hall)
    judged = run_rules(hall, JUDGED)
    _mark(hall, "9999-12-31 10:00:00", "2026-05-12 00:00:00")
    with hall.db.session() as s:
        assert read_mark(s, hall.hall_id).judged_until is None
    # Judged "until 9999" with a change since, the run would have judged eight thousand years.
    again = run_rules(hall, LATER)
    assert again.judged_from is None and again.judged_until == LATER
    with hall.db.session() as s:
        assert read_mark(s, hall.hall_id).judged_until == LATER
    assert {c.alert_id for c in judged.changes} <= _alert_ids(hall)


def test_a_change_since_the_year_1_counts_from_2000(hall: HallContext) -> None:
    build_week(hall)
    run_rules(hall, JUDGED)
    _mark(hall, "2026-05-17 23:59:59", "0001-01-01 00:00:00")
    with hall.db.session() as s:
        assert read_mark(s, hall.hall_id).dirty_from == EARLIEST_MOMENT
    assert run_rules(hall, LATER).judged_from == EARLIEST_MOMENT


def _alert_ids(ctx: HallContext) -> set[int]:
    with ctx.db.engine.connect() as conn:
        return {row[0] for row in conn.execute(text("SELECT id FROM alert"))}
