"""Corrections of the facts after people acted: what they decided stays with the alert it was about.

A supervisor revokes an order, closes a window, starts a rectification; later a
roster or a case record is corrected. The alert keeps its row (its number is
on a printed notice) and their record, whether the correction moves the
moment it was raised or takes it away altogether.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select, update

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    ApprovalPlace,
    FlagState,
    Session,
    StaffCategory,
    WindowState,
)
from hallmonitor.services.alerts import (
    SYSTEM_ACTOR,
    acknowledge,
    close_window,
    reopen_window,
    revoke,
    start_rectification,
)
from hallmonitor.services.front_shop import review_flag
from hallmonitor.services.hall import HallContext, facts_changed
from hallmonitor.services.rules import check_day, run_rules
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    Case,
    FrontShopFlag,
    RosterEntry,
    Window,
    WindowStateChange,
)
from tests.support import builders as b

MON, TUE, WED, THU = date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13), date(2026, 5, 14)
AM, PM = Session.MORNING, Session.AFTERNOON


def _window_with_staff(ctx: HallContext) -> tuple[int, int, int]:
    window = b.window(ctx, "1")
    formal = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    aux = b.staff(ctx, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    return window, formal, aux


def _back_office_case(
    ctx: HallContext,
    case_no: str,
    window: int,
    item: int,
    approver: int,
    received: datetime,
    approved: datetime,
) -> int:
    """A case approved (and finished) in the department's back office: a 前店后厂 flag."""
    return b.case(
        ctx,
        case_no,
        window,
        item,
        received,
        approved_at=approved,
        approved_by=approver,
        place=ApprovalPlace.BACK_OFFICE,
        completed_at=approved,
    )


def _staffing(ctx: HallContext) -> list[Alert]:
    with ctx.db.session() as s:
        rows = s.scalars(select(Alert).where(Alert.kind == AlertKind.STAFFING).order_by(Alert.id)).all()
        s.expunge_all()
        return list(rows)


def _events(ctx: HallContext, alert_id: int) -> list[tuple[str, str, str]]:
    with ctx.db.session() as s:
        return [
            (e.actor, e.action, e.to_state)
            for e in s.scalars(
                select(AlertEvent)
                .where(AlertEvent.alert_id == alert_id)
                .order_by(AlertEvent.at, AlertEvent.id)
            )
        ]


def _set_attendance(ctx: HallContext, staff_id: int, day: date, session: Session, present: bool) -> None:
    """A roster correction, dated by the day it is about, as the roster page saves one."""
    with ctx.db.session() as s:
        s.execute(
            update(RosterEntry)
            .where(RosterEntry.staff_id == staff_id, RosterEntry.day == day, RosterEntry.session == session)
            .values(attendance=present)
        )
        facts_changed(s, ctx.hall_id, day)


def test_an_order_a_supervisor_revoked_keeps_its_row_when_a_correction_raises_it_earlier(
    hall: HallContext,
) -> None:
    window, formal, aux = _window_with_staff(hall)
    b.duty(hall, window, formal, MON, AM)
    b.duty(hall, window, aux, MON, AM)
    b.duty(hall, window, formal, MON, PM)
    b.duty(hall, window, aux, TUE, AM)
    for day in (TUE, WED):
        b.duty(hall, window, formal, day, PM)
    b.duty(hall, window, formal, WED, AM)
    run_rules(hall, datetime(2026, 5, 12, 9, 30))
    [order] = _staffing(hall)
    assert order.raised_at == datetime(2026, 5, 12, 9, 0)
    acknowledge(hall, order.id, "已通知部门", at=datetime(2026, 5, 12, 10, 0))
    revoke(hall, order.id, "部门已说明情况", at=datetime(2026, 5, 13, 10, 0))
    run_rules(hall, datetime(2026, 5, 13, 11, 0))

    # Monday's formal civil servant turns out to have been absent: the order began on Monday.
    _set_attendance(hall, formal, MON, AM, False)
    run_rules(hall, datetime(2026, 5, 13, 12, 0))
    [same] = _staffing(hall)
    assert same.id == order.id
    assert same.raised_at == datetime(2026, 5, 11, 9, 0)
    assert same.state is AlertState.REVOKED
    people = [(action, to) for actor, action, to in _events(hall, same.id) if actor != SYSTEM_ACTOR]
    assert people == [("确认", AlertState.ACKNOWLEDGED.value), ("撤销", AlertState.REVOKED.value)]
    # Judged again from nothing, the same facts and decisions give the same alert.
    with hall.db.session() as s:
        facts_changed(s, hall.hall_id, MON)
    assert run_rules(hall, datetime(2026, 5, 13, 13, 0)).changes == []
    [still] = _staffing(hall)
    assert (still.id, still.raised_at, still.state) == (same.id, same.raised_at, same.state)


def test_a_window_closed_on_an_order_the_facts_no_longer_support_stays_closed_until_reopened(
    hall: HallContext,
) -> None:
    window, formal, aux = _window_with_staff(hall)
    for day, session in ((MON, AM), (MON, PM), (TUE, AM)):
        b.duty(hall, window, aux, day, session)
        b.duty(hall, window, formal, day, session, attendance=False)
    b.duty(hall, window, formal, WED, AM)
    run_rules(hall, datetime(2026, 5, 12, 9, 30))
    [order] = _staffing(hall)
    assert order.level is AlertLevel.SUGGEST_CLOSURE
    close_window(hall, order.id, "连续违规", at=datetime(2026, 5, 12, 10, 0))

    # The attendance sheet was wrong: the formal civil servant was there every time.
    for day, session in ((MON, AM), (MON, PM), (TUE, AM)):
        _set_attendance(hall, formal, day, session, True)
    run_rules(hall, datetime(2026, 5, 12, 11, 0))
    [withdrawn] = _staffing(hall)
    assert withdrawn.id == order.id
    assert withdrawn.state is AlertState.WINDOW_CLOSED
    actions = [action for _actor, action, _to in _events(hall, order.id)]
    assert actions == ["临时关闭窗口", "撤回"]
    with hall.db.session() as s:
        assert s.get(Window, window).state is WindowState.CLOSED
    # The supervisor reopens it the usual way.
    reopen_window(hall, order.id, "经核实人员在岗", at=datetime(2026, 5, 12, 11, 30))
    with hall.db.session() as s:
        assert s.get(Window, window).state is WindowState.OPEN
        assert s.get(Alert, order.id).state is AlertState.RESOLVED


def test_a_window_under_rectification_for_an_order_taken_away_is_released(hall: HallContext) -> None:
    window, formal, aux = _window_with_staff(hall)
    b.duty(hall, window, aux, MON, AM)
    b.duty(hall, window, formal, MON, AM, attendance=False)
    run_rules(hall, datetime(2026, 5, 11, 9, 30))
    [order] = _staffing(hall)
    start_rectification(hall, order.id, "调整排班", at=datetime(2026, 5, 11, 10, 0))
    with hall.db.session() as s:
        assert s.get(Window, window).state is WindowState.RECTIFYING

    _set_attendance(hall, formal, MON, AM, True)
    run_rules(hall, datetime(2026, 5, 11, 11, 0))
    with hall.db.session() as s:
        alert = s.get(Alert, order.id)
        assert alert.state is AlertState.REVOKED
        assert s.get(Window, window).state is WindowState.OPEN
        change = s.scalars(
            select(WindowStateChange)
            .where(WindowStateChange.window_id == window)
            .order_by(WindowStateChange.id)
        ).all()[-1]
        assert (change.from_state, change.to_state, change.actor) == (
            WindowState.RECTIFYING,
            WindowState.OPEN,
            SYSTEM_ACTOR,
        )
    # Nothing more to do on the next run.
    assert run_rules(hall, datetime(2026, 5, 11, 12, 0)).changes == []


def _front_shop_cards(ctx: HallContext) -> list[tuple[datetime, str, str, list[str]]]:
    with ctx.db.session() as s:
        cards = s.scalars(
            select(Alert).where(Alert.kind == AlertKind.FRONT_SHOP).order_by(Alert.raised_at)
        ).all()
        return [
            (
                a.raised_at,
                a.level.value,
                a.state.value,
                [
                    e.action
                    for e in s.scalars(
                        select(AlertEvent)
                        .where(AlertEvent.alert_id == a.id)
                        .order_by(AlertEvent.at, AlertEvent.id)
                    )
                ],
            )
            for a in cards
        ]


def test_a_flag_confirmed_then_dismissed_then_confirmed_again_reads_the_same_whenever_judged(
    hall: HallContext,
) -> None:
    window, formal, _aux = _window_with_staff(hall)
    b.duty(hall, window, formal, MON, AM)
    item = b.item(hall, "SC-1")
    approved = datetime(2026, 5, 11, 10, 0)
    _back_office_case(hall, "C1", window, item, formal, datetime(2026, 5, 11, 9, 30), approved)
    run_rules(hall, datetime(2026, 5, 11, 11, 0))
    with hall.db.session() as s:
        flag_id = s.scalar(select(FrontShopFlag.id))
    review_flag(hall, flag_id, FlagState.CONFIRMED, "后台审批属实", at=datetime(2026, 5, 12, 9, 0))
    run_rules(hall, datetime(2026, 5, 12, 10, 0))
    review_flag(
        hall, flag_id, FlagState.DISMISSED, "复核：系窗口审批，系统记录有误", at=datetime(2026, 5, 13, 9, 0)
    )
    run_rules(hall, datetime(2026, 5, 13, 10, 0))
    review_flag(hall, flag_id, FlagState.CONFIRMED, "再次复核属实", at=datetime(2026, 5, 14, 9, 0))
    run_rules(hall, datetime(2026, 5, 14, 10, 0))
    expected = [
        (approved, "红牌", "已撤销", ["触发", "确认违规", "全部排除"]),
        (datetime(2026, 5, 14, 9, 0), "红牌", "待处理", ["触发"]),
    ]
    assert _front_shop_cards(hall) == expected
    # Judged again from the start, the reviews in the case's history give the same cards.
    with hall.db.session() as s:
        facts_changed(s, hall.hall_id, MON)
    run_rules(hall, datetime(2026, 5, 14, 11, 0))
    assert _front_shop_cards(hall) == expected


def test_a_flag_nobody_reviewed_goes_when_the_corrected_record_shows_a_window_approval(
    hall: HallContext,
) -> None:
    window, formal, _aux = _window_with_staff(hall)
    b.duty(hall, window, formal, MON, AM)
    item = b.item(hall, "SC-1")
    received = datetime(2026, 5, 11, 9, 30)
    case_id = b.case(
        hall,
        "C1",
        window,
        item,
        received,
        approved_at=datetime(2026, 5, 11, 10, 0),
        approved_by=formal,
        place=ApprovalPlace.BACK_OFFICE,
        completed_at=datetime(2026, 5, 11, 10, 0),
    )
    run_rules(hall, datetime(2026, 5, 11, 11, 0))
    assert len(_front_shop_cards(hall)) == 1
    with hall.db.session() as s:
        s.execute(update(Case).where(Case.id == case_id).values(approval_place=ApprovalPlace.WINDOW))
        facts_changed(s, hall.hall_id, received)
    run_rules(hall, datetime(2026, 5, 11, 12, 0))
    with hall.db.session() as s:
        assert s.scalar(select(FrontShopFlag.id)) is None
    assert _front_shop_cards(hall) == []


def test_a_dismissed_flag_confirmed_later_joins_the_open_card_then_not_before(hall: HallContext) -> None:
    """The card a re-confirmed case joins held it from the confirmation: a day already past reads the same."""
    window, formal, _aux = _window_with_staff(hall)
    b.duty(hall, window, formal, MON, AM)
    b.duty(hall, window, formal, TUE, AM)
    item = b.item(hall, "SC-1")
    for case_no, day in (("C1", MON), ("C2", TUE)):
        received, approved = datetime.combine(day, time(9, 30)), datetime.combine(day, time(10, 0))
        _back_office_case(hall, case_no, window, item, formal, received, approved)
    run_rules(hall, datetime(2026, 5, 11, 10, 30))
    with hall.db.session() as s:
        first = s.scalar(select(FrontShopFlag.id).join(Case).where(Case.case_no == "C1"))
    review_flag(hall, first, FlagState.DISMISSED, "系窗口审批", at=datetime(2026, 5, 11, 11, 0))
    tuesday = _front_shop_lines(hall, TUE, datetime(2026, 5, 13, 9, 0))
    assert tuesday == [("待核查", "1号窗口（市场监管局）疑似前店后厂办件 1 件")]

    review_flag(hall, first, FlagState.CONFIRMED, "复核属实", at=datetime(2026, 5, 14, 9, 0))
    run_rules(hall, datetime(2026, 5, 14, 10, 0))
    assert _front_shop_lines(hall, TUE, datetime(2026, 5, 14, 10, 0)) == tuesday
    thursday = _front_shop_lines(hall, THU, datetime(2026, 5, 14, 10, 0))
    assert thursday == [("红牌", "1号窗口（市场监管局）疑似前店后厂办件 2 件")]


def _front_shop_lines(ctx: HallContext, day: date, now: datetime) -> list[tuple[str, str]]:
    """The 前店后厂 alerts ``check`` lists for the day: level and summary as they read at its end."""
    return [(a.level, a.summary) for a in check_day(ctx, day, now=now).alerts if a.kind == "前店后厂"]
