"""The rules at awkward moments: a window added late, a calendar shared by halls, runs that overlap."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from hallmonitor.domain.enums import AlertKind, Session, StaffCategory
from hallmonitor.services.alerts import acknowledge
from hallmonitor.services.hall import HallContext, init_hall, read_mark
from hallmonitor.services.rules import engine, run_rules
from hallmonitor.services.settings import set_day
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Alert, Case, Hall, Window
from tests.support import builders as b
from tests.support import import_files as f

MON, TUE = date(2026, 5, 11), date(2026, 5, 12)


def _staffing_windows(ctx: HallContext) -> list[tuple[str, datetime]]:
    with ctx.db.session() as s:
        return list(
            s.execute(
                select(Window.number, Alert.raised_at)
                .join(Window, Alert.window_id == Window.id)
                .where(Alert.kind == AlertKind.STAFFING)
                .order_by(Alert.raised_at)
            ).all()
        )


def test_a_window_added_later_is_not_found_unstaffed_before_it_existed(
    sqlite_hall: HallContext, tmp_path: Path
) -> None:
    # The hall has kept its roster here since 4 May; window B02 is entered on 20 May.
    f.seed_reference(sqlite_hall, tmp_path, now=datetime(2026, 5, 4, 8, 0))
    rows = [
        [day.isoformat(), session.value, number, staff, "是"]
        for day in (date(2026, 5, d) for d in range(4, 23))
        if day.weekday() < 5
        for session in Session
        for number, staff in (("A01", "1001"), ("B01", "1003"))
    ]
    f.load(sqlite_hall, tmp_path, "roster", f.ROSTER_HEADER, rows, now=datetime(2026, 5, 4, 8, 0))
    f.load(
        sqlite_hall,
        tmp_path,
        "windows",
        f.WINDOW_HEADER,
        [["B02", "不动产窗口2", "市自然资源和规划局", "专业窗口"]],
        now=datetime(2026, 5, 20, 15, 0),
    )
    run_rules(sqlite_hall, datetime(2026, 5, 21, 10, 0))
    orders = _staffing_windows(sqlite_hall)
    # B02 had nobody on duty: it is ordered from its first session, the morning after it was entered.
    assert [raised for number, raised in orders if number == "B02"] == [datetime(2026, 5, 21, 9, 0)]
    # A02, entered on the 4th and never rostered, is ordered on the first working day after the
    # Labour Day break.
    assert next(raised for number, raised in orders if number == "A02") == datetime(2026, 5, 6, 9, 0)


def test_a_calendar_day_set_in_one_hall_moves_the_due_dates_of_every_hall(sqlite_hall: HallContext) -> None:
    halls = [sqlite_hall]
    second_id = init_hall(sqlite_hall.db, "H002", "第二大厅")
    with sqlite_hall.db.session() as s:
        second = s.get(Hall, second_id)
        halls.append(replace(sqlite_hall, hall_id=second_id, hall_code=second.code, hall_name=second.name))
    cases = []
    for ctx in halls:
        window = b.window(ctx, "1")
        item = b.item(ctx, "SC-1", promised_days=3)
        cases.append(b.case(ctx, "C1", window, item, datetime(2026, 5, 11, 9, 0)))
        run_rules(ctx, datetime(2026, 5, 11, 10, 0))
    with sqlite_hall.db.session() as s:
        assert [s.get(Case, c).due_date for c in cases] == [date(2026, 5, 14)] * 2

    # The first hall's supervisor closes Wednesday for a typhoon: the calendar is the city's.
    set_day(sqlite_hall, date(2026, 5, 13), False, "台风停止办公")
    with sqlite_hall.db.session() as s:
        marks = [read_mark(s, ctx.hall_id) for ctx in halls]
    assert all(m.due_dates_stale and m.start() is not None for m in marks)
    run_rules(halls[1], datetime(2026, 5, 11, 11, 0))
    with sqlite_hall.db.session() as s:
        assert s.get(Case, cases[1]).due_date == date(2026, 5, 15)
        assert not read_mark(s, second_id).due_dates_stale


def test_a_run_that_another_finished_before_it_wrote_judges_again_and_takes_nothing_back(
    sqlite_hall: HallContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two PCs on one SQLite file: the second run finishes while the first is still deriving."""
    window = b.window(sqlite_hall, "1")
    aux = b.staff(sqlite_hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    formal = b.staff(sqlite_hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    b.duty(sqlite_hall, window, formal, MON, Session.MORNING)
    b.duty(sqlite_hall, window, formal, MON, Session.AFTERNOON)
    b.duty(sqlite_hall, window, aux, TUE, Session.MORNING)
    run_rules(sqlite_hall, datetime(2026, 5, 11, 18, 0))

    other_pc = open_database(sqlite_hall.db.url)
    original = engine.card_history
    interleaved = []

    def card_history_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = original(*args, **kwargs)
        if not interleaved:
            interleaved.append(None)
            interleaved[0] = run_rules(replace(sqlite_hall, db=other_pc), datetime(2026, 5, 12, 10, 0))
        return found

    monkeypatch.setattr(engine, "card_history", card_history_meanwhile)
    run_rules(sqlite_hall, datetime(2026, 5, 11, 20, 0))
    other_pc.close()
    [other] = interleaved
    assert [c.kind for c in other.new_alerts] == [AlertKind.STAFFING]
    # The order the other PC raised on Tuesday morning is still there, and so is its mark.
    assert _staffing_windows(sqlite_hall) == [("1", datetime(2026, 5, 12, 9, 0))]
    with sqlite_hall.db.session() as s:
        assert read_mark(s, sqlite_hall.hall_id).judged_until == datetime(2026, 5, 12, 10, 0)


@pytest.fixture
def pg_hall(pg_url: str):  # type: ignore[no-untyped-def]
    from tests.conftest import _hall_on

    yield from _hall_on(pg_url)


@pytest.mark.pg
def test_an_action_on_an_alert_waits_for_a_rules_run_instead_of_deadlocking(
    pg_hall: HallContext, pg_url: str
) -> None:
    window = b.window(pg_hall, "1")
    aux = b.staff(pg_hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    b.duty(pg_hall, window, aux, MON, Session.MORNING)
    run_rules(pg_hall, datetime(2026, 5, 11, 10, 0))
    with pg_hall.db.session() as s:
        alert_id = s.scalar(select(Alert.id))
    rules_pc = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    failures: list[BaseException] = []

    def act() -> None:
        try:
            acknowledge(pg_hall, alert_id, "收到", at=datetime(2026, 5, 11, 10, 30))
        except BaseException as exc:  # reported below
            failures.append(exc)

    with rules_pc.connect() as conn:
        # What a rules run's write does: the hall's mark first, then the alerts.
        conn.execute(
            text("UPDATE rules_mark SET dirty_seq = dirty_seq WHERE hall_id = :h"), {"h": pg_hall.hall_id}
        )
        action = threading.Thread(target=act)
        action.start()
        action.join(timeout=1.0)
        assert action.is_alive(), "the action did not wait for the rules run's mark"
        conn.execute(text("UPDATE alert SET summary = summary WHERE id = :a"), {"a": alert_id})
        conn.commit()
    action.join(timeout=30)
    rules_pc.dispose()
    assert not action.is_alive() and failures == []
    with pg_hall.db.session() as s:
        assert s.get(Alert, alert_id).state.value == "已确认"
