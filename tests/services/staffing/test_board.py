"""The hall board snapshot: one tile per window, coloured by the staffing rule and the window state."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import event

from hallmonitor.domain.enums import AlertLevel, Session, StaffingVerdict, WindowKind, WindowState
from hallmonitor.services.hall import load_settings
from hallmonitor.services.staffing.board import TileStatus, board_snapshot, display_slot, tile_detail
from hallmonitor.storage.models import RosterEntry, Window
from tests.support.hall_builder import MONDAY, MORNING, build_small_hall


def test_each_window_gets_the_colour_of_its_rule(hall):
    build_small_hall(hall)
    snap = board_snapshot(hall, MORNING)
    assert (snap.day, snap.session, snap.working_day) == (MONDAY, Session.MORNING, True)
    status = {t.number: t.status for t in snap.tiles}
    assert status == {
        "A01": TileStatus.COMPLIANT,
        "A02": TileStatus.AUXILIARY_ONLY,
        "A03": TileStatus.UNSTAFFED,
        "B01": TileStatus.COMPLIANT,
        "B02": TileStatus.CLOSED,
        "B03": TileStatus.OUT_OF_SERVICE,
    }
    a01 = next(t for t in snap.tiles if t.number == "A01")
    assert [p.name for p in a01.formal] == ["张伟"]
    assert [p.name for p in a01.auxiliary] == ["王芳"]
    assert a01.cases_today == 3
    assert a01.verdict is StaffingVerdict.COMPLIANT
    a02 = next(t for t in snap.tiles if t.number == "A02")
    assert a02.open_alerts == 1 and snap.open_alerts == 1
    assert a02.staffing_alert is AlertLevel.ORDER_TO_CORRECT and a01.staffing_alert is None
    assert snap.zones == ("A区", "B区")
    assert [t.number for t in snap.tiles_in("B区")] == ["B01", "B02", "B03"]


def test_a_non_working_day_is_grey_and_not_judged(hall):
    build_small_hall(hall)
    snap = board_snapshot(hall, datetime(2026, 5, 4, 10, 0))  # Labour Day holiday, a Monday
    assert not snap.working_day
    assert {t.status for t in snap.tiles if t.state.in_service} == {TileStatus.NON_WORKING_DAY}
    assert all(t.verdict is None for t in snap.tiles)


def test_absent_staff_do_not_count(hall):
    small = build_small_hall(hall)
    with hall.db.session() as s:
        row = (
            s.query(RosterEntry)
            .filter_by(
                day=MONDAY,
                session=Session.MORNING,
                window_id=small.windows["A01"],
                staff_id=small.staff["S001"],
            )
            .one()
        )
        row.attendance = False
    a01 = next(t for t in board_snapshot(hall, MORNING).tiles if t.number == "A01")
    assert a01.status is TileStatus.AUXILIARY_ONLY
    assert [p.name for p in a01.absent] == ["张伟"]


def test_the_query_count_does_not_grow_with_the_windows(hall):
    small = build_small_hall(hall)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def queries() -> int:
        statements.clear()
        event.listen(hall.db.engine, "before_cursor_execute", count)
        try:
            board_snapshot(hall, MORNING)
        finally:
            event.remove(hall.db.engine, "before_cursor_execute", count)
        return len(statements)

    before = queries()
    with hall.db.session() as s:
        dept = s.get(Window, small.windows["A01"]).department_id
        for i in range(20):
            s.add(
                Window(
                    hall_id=hall.hall_id,
                    number=f"C{i:02d}",
                    name="x",
                    department_id=dept,
                    kind=WindowKind.COMBINED,
                    zone="C区",
                )
            )
    assert queries() == before <= 12


def test_the_afternoon_is_shown_from_the_lunch_break(hall):
    times = load_settings(hall).session_times
    assert display_slot(datetime.combine(MONDAY, time(12, 30)), times) == (MONDAY, Session.AFTERNOON)
    assert display_slot(datetime.combine(MONDAY, time(8, 0)), times) == (MONDAY, Session.MORNING)


def test_tile_detail_lists_both_sessions_and_the_days_cases(hall):
    small = build_small_hall(hall)
    detail = tile_detail(hall, small.windows["A01"], MONDAY)
    assert [p.name for p in detail.roster[Session.AFTERNOON]] == ["张伟", "王芳"]
    assert [c.case_no for c in detail.cases] == ["2026-000001", "2026-000002", "2026-000003"]
    assert detail.state is WindowState.OPEN
    assert tile_detail(hall, small.windows["A01"], date(2026, 5, 12)).cases == ()
    assert detail.alerts == ()


def test_tile_detail_lists_the_windows_open_alerts_and_not_the_closed_ones(hall):
    from hallmonitor.domain.enums import AlertKind, AlertState
    from hallmonitor.storage.models import Alert

    small = build_small_hall(hall)
    with hall.db.session() as s:
        s.add(
            Alert(
                hall_id=hall.hall_id,
                window_id=small.windows["A02"],
                subject_key="case:old",
                kind=AlertKind.CASE_OVERDUE,
                level=AlertLevel.RED_CARD,
                state=AlertState.REVOKED,
                raised_at=MORNING,
                last_seen_at=MORNING,
            )
        )
    alerts = tile_detail(hall, small.windows["A02"], MONDAY).alerts
    assert [(a.kind, a.level, a.state, a.summary) for a in alerts] == [
        (AlertKind.STAFFING, AlertLevel.ORDER_TO_CORRECT, AlertState.OPEN, "仅辅助人员")
    ]
    assert alerts[0].alert_id > 0


def test_a_voided_case_is_not_counted_on_the_tile_nor_listed_in_its_detail(hall):
    from hallmonitor.services.cases import void_case
    from tests.support import builders as b

    built = build_small_hall(hall)
    window_id = built.windows["A01"]
    before = next(
        t
        for t in board_snapshot(hall, datetime.combine(MONDAY, time(10, 0))).tiles
        if t.window_id == window_id
    )
    item = b.item(hall, "V-1")
    case_id = b.case(hall, "V-0001", window_id, item, datetime.combine(MONDAY, time(9, 30)))
    tile = next(
        t
        for t in board_snapshot(hall, datetime.combine(MONDAY, time(10, 0))).tiles
        if t.window_id == window_id
    )
    assert tile.cases_today == before.cases_today + 1
    void_case(hall, case_id, "重复登记", now=datetime.combine(MONDAY, time(9, 40)))
    tile = next(
        t
        for t in board_snapshot(hall, datetime.combine(MONDAY, time(10, 0))).tiles
        if t.window_id == window_id
    )
    assert tile.cases_today == before.cases_today
    assert "V-0001" not in [c.case_no for c in tile_detail(hall, window_id, MONDAY).cases]


def test_the_board_shows_a_hall_holding_implausible_values(hall):
    """Rows another program wrote (a window number of 500 characters on SQLite, trips of 2^63-1,
    a case received in 9999, alerts raised in the year 1) leave the board drawn, every tile and
    its detail readable."""
    from sqlalchemy import text

    from tests.support.implausible import plant

    planted = plant(hall)
    with hall.db.engine.begin() as conn:
        # An open alert another program dated in the year 1 (a datetime there has no timestamp).
        conn.execute(text("UPDATE alert SET raised_at = '0001-01-01 00:00:00'"))
    wednesday = datetime(2026, 5, 13, 10, 0)
    tiles = board_snapshot(hall, wednesday).tiles
    assert {t.window_id for t in tiles} == set(planted.week.windows.values())
    details = {t.window_id: tile_detail(hall, t.window_id, wednesday.date()) for t in tiles}
    assert all(d.roster for d in details.values())
    if hall.db.is_sqlite:
        assert next(t.number for t in tiles if t.window_id == planted.week.windows["1"]) == "窗" * 500
