"""Alerts as they stood at a past moment, in an order that does not depend on when the rules ran."""

from __future__ import annotations

from datetime import datetime

from hallmonitor.services.alerts import alerts_then
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from tests.support import builders as b


def test_alerts_raised_at_one_moment_come_in_window_order_whichever_was_found_first(
    hall: HallContext,
) -> None:
    w2 = b.window(hall, "2", "税务局")
    w1 = b.window(hall, "1", "公安局")
    # Both complaints are due Fri 8 May: each window's 反映超期 is raised at that day's end.
    b.complaint(hall, "F-2", w2, datetime(2026, 5, 6, 10, 0))
    run_rules(hall, datetime(2026, 5, 11, 9, 0))
    b.complaint(hall, "F-1", w1, datetime(2026, 5, 6, 11, 0))  # entered late: its alert row comes second
    run_rules(hall, datetime(2026, 5, 11, 10, 0))

    with hall.db.session() as s:
        found = alerts_then(s, hall.hall_id, datetime(2026, 5, 4), datetime(2026, 5, 17, 23, 59, 59))

    assert [(a.window_no, a.raised_at) for a in found] == [
        ("1", datetime(2026, 5, 8, 23, 59, 59)),
        ("2", datetime(2026, 5, 8, 23, 59, 59)),
    ]
