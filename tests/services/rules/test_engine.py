"""The rules engine on a real database: staffing ladder, case cards, complaints, idempotence."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session, StaffCategory
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules.engine import run_rules
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence, Case
from tests.support import builders as b

MON, TUE, WED = date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13)


def _staffing_alerts(ctx: HallContext) -> list[Alert]:
    with ctx.db.session() as s:
        return list(s.scalars(select(Alert).where(Alert.kind == AlertKind.STAFFING).order_by(Alert.id)))


def _hall_with_two_windows(ctx: HallContext) -> tuple[int, int, int, int]:
    w1 = b.window(ctx, "1")
    w2 = b.window(ctx, "2", "税务局")
    formal = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    aux = b.staff(ctx, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    return w1, w2, formal, aux


def test_auxiliary_only_monday_orders_correction_due_tuesday_then_escalates_wednesday(
    hall: HallContext,
) -> None:
    w1, w2, formal, aux = _hall_with_two_windows(hall)
    formal2 = b.staff(hall, "F002", "赵主任", StaffCategory.PUBLIC_INSTITUTION, "税务局")
    for day in (MON, TUE, WED):
        for session in Session:
            b.duty(hall, w2, formal2, day, session)
    b.duty(hall, w1, aux, MON, Session.MORNING)
    b.duty(hall, w1, formal, MON, Session.AFTERNOON)
    b.duty(hall, w1, formal, TUE, Session.MORNING)
    b.duty(hall, w1, formal, TUE, Session.AFTERNOON)

    summary = run_rules(hall, datetime(2026, 5, 11, 10, 0))
    [alert] = _staffing_alerts(hall)
    assert alert.window_id == w1
    assert alert.level is AlertLevel.ORDER_TO_CORRECT
    assert alert.deadline == TUE
    assert alert.state is AlertState.OPEN
    assert [c.alert_id for c in summary.new_alerts] == [alert.id]

    # Running again over the same facts changes nothing.
    again = run_rules(hall, datetime(2026, 5, 11, 10, 0))
    assert again.changes == []
    assert len(_staffing_alerts(hall)) == 1

    # Compliant on Tuesday: still one order, nothing new.
    assert run_rules(hall, datetime(2026, 5, 12, 16, 0)).changes == []

    b.duty(hall, w1, aux, WED, Session.MORNING)
    summary = run_rules(hall, datetime(2026, 5, 13, 9, 30))
    [alert] = _staffing_alerts(hall)
    assert alert.level is AlertLevel.SUGGEST_CLOSURE
    assert [c.alert_id for c in summary.escalations] == [alert.id]
    with hall.db.session() as s:
        actions = s.scalars(
            select(AlertEvent.action).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.id)
        ).all()
        occurrences = s.scalars(
            select(AlertOccurrence.occurrence_key).where(AlertOccurrence.alert_id == alert.id)
        ).all()
    assert actions == ["触发", "升级"]
    assert sorted(occurrences) == ["2026-05-11 上午", "2026-05-13 上午"]


def test_a_window_with_nobody_is_unstaffed_and_sessions_not_yet_started_are_not_judged(
    hall: HallContext,
) -> None:
    w1, _w2, formal, _aux = _hall_with_two_windows(hall)
    b.duty(hall, w1, formal, MON, Session.MORNING)
    # At 11:00 only the morning has started: window 2 (nobody) violates, window 1 does not.
    run_rules(hall, datetime(2026, 5, 11, 11, 0))
    [alert] = _staffing_alerts(hall)
    assert alert.summary.startswith("2号窗口")
    assert "无人值守" in alert.summary
    # The afternoon starts at 13:30; window 1 has nobody then.
    run_rules(hall, datetime(2026, 5, 11, 13, 31))
    assert {a.window_id for a in _staffing_alerts(hall)} == {w1, alert.window_id}


def test_no_alerts_on_a_holiday_or_for_a_closed_window(hall: HallContext) -> None:
    from hallmonitor.domain.enums import WindowState

    b.window(hall, "9", state=WindowState.OUT_OF_SERVICE)
    # 2026-05-04 is a public holiday (Labour Day break): nobody needs to be there.
    run_rules(hall, datetime(2026, 5, 4, 16, 0))
    assert _staffing_alerts(hall) == []


def test_three_violating_sessions_within_five_working_days_escalate_even_if_each_is_fixed(
    hall: HallContext,
) -> None:
    w1, w2, formal, aux = _hall_with_two_windows(hall)
    formal2 = b.staff(hall, "F002", "赵主任", StaffCategory.PUBLIC_INSTITUTION, "税务局")
    days = [date(2026, 5, d) for d in (11, 12, 13, 14, 15)]
    for day in days:
        for session in Session:
            b.duty(hall, w2, formal2, day, session)
            b.duty(hall, w1, formal, day, session)
    # Three sessions where the formal civil servant was absent and only an auxiliary was there.
    b.duty(hall, w1, aux, days[0], Session.AFTERNOON)
    b.duty(hall, w1, aux, days[1], Session.MORNING)
    b.duty(hall, w1, aux, days[3], Session.AFTERNOON)
    with hall.db.session() as s:
        from hallmonitor.storage.models import RosterEntry

        for day, session in (
            (days[0], Session.AFTERNOON),
            (days[1], Session.MORNING),
            (days[3], Session.AFTERNOON),
        ):
            entry = s.scalar(
                select(RosterEntry).where(
                    RosterEntry.staff_id == formal, RosterEntry.day == day, RosterEntry.session == session
                )
            )
            assert entry is not None
            entry.attendance = False
    run_rules(hall, datetime(2026, 5, 13, 17, 0))
    [alert] = _staffing_alerts(hall)
    assert alert.level is AlertLevel.ORDER_TO_CORRECT
    run_rules(hall, datetime(2026, 5, 15, 17, 0))
    [alert] = _staffing_alerts(hall)
    assert alert.level is AlertLevel.SUGGEST_CLOSURE


def _cards(ctx: HallContext, *, open_only: bool = False) -> dict[tuple[AlertKind, str], set[int]]:
    """(kind, subject) -> the case or complaint ids its card holds."""
    with ctx.db.session() as s:
        query = select(Alert).where(Alert.kind != AlertKind.STAFFING)
        if open_only:
            query = query.where(Alert.closed_at.is_(None))
        return {
            (a.kind, a.subject_key): {o.case_id or o.complaint_id for o in a.occurrences}
            for a in s.scalars(query)
        }


def test_overdue_and_due_today_cases_get_red_and_yellow_cards_of_their_window(hall: HallContext) -> None:
    w1, _w2, _formal, _aux = _hall_with_two_windows(hall)
    three_days = b.item(hall, "I3", promised_days=3)
    # Accepted Thu 30 April: 1-5 May is the Labour Day break, so 3 working days end Fri 8 May.
    late = b.case(hall, "C-LATE", w1, three_days, datetime(2026, 4, 30, 10, 0))
    due_today = b.case(
        hall, "C-TODAY", w1, three_days, datetime(2026, 5, 7, 10, 0)
    )  # Fri 8, Sat 9 (make-up day), Mon 11
    due_tuesday = b.case(hall, "C-OK", w1, three_days, datetime(2026, 5, 8, 10, 0))
    run_rules(hall, datetime(2026, 5, 11, 12, 0))
    window = f"window:{w1}"
    with hall.db.session() as s:
        assert s.scalar(select(Case.due_date).where(Case.id == late)) == date(2026, 5, 8)
        levels = {(a.kind, a.level) for a in s.scalars(select(Alert).where(Alert.kind != AlertKind.STAFFING))}
        red = s.scalar(select(Alert).where(Alert.kind == AlertKind.CASE_OVERDUE))
        assert red is not None and red.raised_at == datetime(2026, 5, 8, 23, 59, 59)
    assert levels == {
        (AlertKind.CASE_OVERDUE, AlertLevel.RED_CARD),
        (AlertKind.CASE_DUE, AlertLevel.YELLOW_CARD),
    }
    assert _cards(hall) == {
        (AlertKind.CASE_OVERDUE, window): {late},
        (AlertKind.CASE_DUE, window): {due_today},
    }
    # The next day the yellow card has ended by itself, the red one holds both late cases, C-OK is yellow.
    run_rules(hall, datetime(2026, 5, 12, 12, 0))
    assert _cards(hall, open_only=True) == {
        (AlertKind.CASE_OVERDUE, window): {late, due_today},
        (AlertKind.CASE_DUE, window): {due_tuesday},
    }


def test_an_immediate_case_is_no_alert_while_its_day_runs_and_red_once_it_has_ended(
    hall: HallContext,
) -> None:
    from hallmonitor.domain.enums import CaseType

    w1, _w2, _formal, _aux = _hall_with_two_windows(hall)
    on_the_spot = b.item(hall, "I0", case_type=CaseType.IMMEDIATE)
    case = b.case(hall, "C-NOW", w1, on_the_spot, datetime(2026, 5, 11, 10, 0))
    run_rules(hall, datetime(2026, 5, 11, 16, 0))
    assert _cards(hall) == {}
    run_rules(hall, datetime(2026, 5, 12, 9, 0))
    assert _cards(hall) == {(AlertKind.CASE_OVERDUE, f"window:{w1}"): {case}}


def test_overdue_complaint_and_multiple_trips_raise_alerts(hall: HallContext) -> None:
    w1, _w2, _formal, _aux = _hall_with_two_windows(hall)
    item = b.item(hall, "I1", promised_days=5)
    trips = b.case(hall, "C-TRIPS", w1, item, datetime(2026, 5, 11, 9, 30), trips=3)
    late = b.complaint(hall, "F-1", w1, datetime(2026, 5, 6, 10, 0))  # due 2 working days later: Fri 8 May
    b.complaint(hall, "F-2", w1, datetime(2026, 5, 11, 10, 0))
    run_rules(hall, datetime(2026, 5, 11, 12, 0))
    window = f"window:{w1}"
    assert _cards(hall) == {
        (AlertKind.MULTIPLE_TRIPS, window): {trips},
        (AlertKind.COMPLAINT_OVERDUE, window): {late},
    }
    with hall.db.session() as s:
        levels = {a.kind: a.level for a in s.scalars(select(Alert))}
    assert levels == {
        AlertKind.MULTIPLE_TRIPS: AlertLevel.TO_VERIFY,
        AlertKind.COMPLAINT_OVERDUE: AlertLevel.RED_CARD,
    }


def test_disabled_alert_kinds_are_not_raised(hall: HallContext) -> None:
    from dataclasses import replace

    from hallmonitor.services.hall import load_settings, save_settings

    _hall_with_two_windows(hall)
    settings = load_settings(hall)
    save_settings(hall, replace(settings, alerts_enabled=settings.alerts_enabled - {AlertKind.STAFFING}))
    run_rules(hall, datetime(2026, 5, 11, 16, 0))
    with hall.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Alert)) == 0


def test_an_order_the_corrected_roster_no_longer_supports_is_withdrawn_with_the_supervisors_record(
    hall: HallContext,
) -> None:
    from hallmonitor.services.alerts import acknowledge, alert_detail
    from hallmonitor.services.staffing import (
        CellKey,
        RosterCellChange,
        load_week,
        save_roster_changes,
        with_staff,
    )

    w1, w2, formal, aux = _hall_with_two_windows(hall)
    formal2 = b.staff(hall, "F002", "赵主任", StaffCategory.PUBLIC_INSTITUTION, "税务局")
    for session in Session:
        b.duty(hall, w2, formal2, MON, session)
    b.duty(hall, w1, formal, MON, Session.AFTERNOON)
    b.duty(hall, w1, aux, MON, Session.MORNING)
    run_rules(hall, datetime(2026, 5, 11, 10, 0))
    [order] = _staffing_alerts(hall)
    acknowledge(hall, order.id, "已电话通知", at=datetime(2026, 5, 11, 10, 5))

    # The department shows the officer was rostered that morning after all; the roster is corrected.
    week = load_week(hall, MON)
    key = CellKey(w1, MON, Session.MORNING)
    officer = next(p for p in week.staff if p.id == formal)
    cell = with_staff(week.cells.get(key, ()), officer)
    save_roster_changes(hall, [RosterCellChange(key, cell)])
    run_rules(hall, datetime(2026, 5, 11, 11, 0))

    detail = alert_detail(hall, order.id)
    assert detail.alert.state is AlertState.REVOKED
    assert [(e.actor, e.action) for e in detail.events] == [("tester", "确认"), ("系统", "撤回")]
    assert "依据的事实已更正" in detail.events[-1].note
    assert len(_staffing_alerts(hall)) == 1  # kept, not replaced
