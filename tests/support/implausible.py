"""Implausible values written straight into the database, as another program or a hand edit would.

The hand-made week of ``week_seed`` (2026-W20) is judged once, then rows are
changed with plain SQL, behind the services' back: nothing is told to judge
again and nothing checks the values. Every command and service must still
work, leave these facts out of its judgement and say which they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from tests.support.week_seed import Week, build_week

#: The moment the rules first judged the hand-made week, before anything was planted.
JUDGED = datetime(2026, 5, 17, 23, 59, 59)
#: The biggest number each backend's INTEGER column holds (PostgreSQL's is 32 bits).
SQLITE_MAX, PG_MAX = 2**63 - 1, 2**31 - 1


@dataclass
class Planted:
    week: Week
    #: What each planted value reads as in the one-line summary (record, key, field, value).
    expected: list[str]
    big: int


def plant(ctx: HallContext) -> Planted:
    """The week, judged, then a row of every kind holding a value no hall could mean."""
    week = build_week(ctx)
    run_rules(ctx, JUDGED)
    sqlite = ctx.db.is_sqlite
    big = SQLITE_MAX if sqlite else PG_MAX
    ids = week.cases
    statements = [
        # A 长期 placeholder from an old system, its due date left empty as an old version wrote it.
        (
            "UPDATE service_case SET received_at = '9999-12-31 10:00:00', due_date = NULL WHERE id = :id",
            ids["C04"],
        ),
        # An open case from the year 1, keeping the due date worked out before the edit.
        ("UPDATE service_case SET received_at = '0001-01-01 10:00:00' WHERE id = :id", ids["C09"]),
        # A due date far out: a leftover, worked out again.
        ("UPDATE service_case SET due_date = '9999-12-31' WHERE id = :id", ids["C07"]),
        ("UPDATE item SET promised_days = 3000000 WHERE id = :id", week.items["SJ-002"]),
        (f"UPDATE item SET legal_days = {big} WHERE id = :id", week.items["SJ-001"]),
        (f"UPDATE service_case SET trips = {big} WHERE id = :id", ids["C05"]),
        ("UPDATE service_case SET trips = -5 WHERE id = :id", ids["C01"]),
        ("UPDATE service_case SET completed_at = '9999-12-31 18:00:00' WHERE id = :id", ids["C06"]),
        # Empty where the model allows it: no approval place for an approved case, no window date.
        ("UPDATE service_case SET approval_place = NULL, received_by_id = NULL WHERE id = :id", ids["C03"]),
        ("UPDATE service_window SET created_at = NULL WHERE id = :id", week.windows["2"]),
        # Finished before it came in: a typo of one of the two days.
        ("UPDATE service_case SET completed_at = '2026-01-01 09:00:00' WHERE id = :id", ids["C10"]),
        (
            "INSERT INTO special_period (case_id, start_day, end_day, reason) "
            "VALUES (:id, '0001-01-01', '2026-05-12', '旧系统导入')",
            ids["C02"],
        ),
        (
            "UPDATE complaint SET completed_at = '9999-12-31 00:00:00' WHERE id = :id",
            week.complaints["FY-02"],
        ),
        ("UPDATE complaint SET received_at = '0001-01-01 00:00:00' WHERE id = :id", week.complaints["FY-00"]),
        (
            "INSERT INTO roster_entry (day, session, window_id, staff_id, attendance) "
            "SELECT '9999-12-31', session, window_id, staff_id, attendance FROM roster_entry "
            "WHERE id = (SELECT min(id) FROM roster_entry WHERE window_id = :id)",
            week.windows["2"],
        ),
        (
            "UPDATE setting SET value = '3000000' WHERE key = 'complaint_limit_working_days' AND hall_id = :id",
            ctx.hall_id,
        ),
    ]
    if sqlite:
        # PostgreSQL's VARCHAR(20) refuses it; SQLite keeps whatever it is given.
        statements.append(("UPDATE service_window SET number = :long WHERE id = :id", week.windows["1"]))
    with ctx.db.engine.begin() as conn:
        for sql, row_id in statements:
            conn.execute(text(sql), {"id": row_id, "long": "窗" * 500})
        _ensure_setting(conn, ctx.hall_id)
    expected = [
        "办件 C04 受理时间 9999-12-31 10:00",
        "办件 C09 受理时间 0001-01-01 10:00",
        "事项 SJ-002 承诺时限 3000000",
        f"事项 SJ-001 法定时限 {big}",
        f"办件 C05 跑动次数 {big}",
        "办件 C01 跑动次数 -5",
        "办件 C06 办结时间 9999-12-31 18:00",
        "办件 C02 特别程序开始日期 0001-01-01",
        "反映 FY-02 办结时间 9999-12-31 00:00",
        "反映 FY-00 受理时间 0001-01-01 00:00",
        "设置 complaint_limit_working_days 取值 3000000",
        "排班",
    ]
    return Planted(week, expected, big)


def _ensure_setting(conn, hall_id: int) -> None:  # type: ignore[no-untyped-def]
    """The week never saved its settings: write the absurd limit as another program would."""
    present = conn.execute(
        text("SELECT count(*) FROM setting WHERE hall_id = :h AND key = 'complaint_limit_working_days'"),
        {"h": hall_id},
    ).scalar()
    if not present:
        conn.execute(
            text(
                "INSERT INTO setting (hall_id, key, value) VALUES (:h, 'complaint_limit_working_days', '3000000')"
            ),
            {"h": hall_id},
        )
