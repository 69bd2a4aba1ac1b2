"""The staffing ladder as a history: each step dated when it became true, whatever the horizon."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.alert_history import SystemAction
from hallmonitor.domain.enums import AlertLevel, Session, StaffingVerdict
from hallmonitor.domain.escalation import JudgedSession, Violation, derive_ladder
from hallmonitor.domain.rule_settings import RuleSettings
from tests.support.fakes import MAY_2026, FakeCalendar

AM, PM = Session.MORNING, Session.AFTERNOON
AUX = StaffingVerdict.AUXILIARY_ONLY
RULES = RuleSettings()
# The real calendar of spring 2026: 1-5 May is the Labour Day break, Sat 9 May a make-up working day.
SPRING_2026 = FakeCalendar(
    holidays={date(2026, 5, d) for d in (1, 4, 5)},
    workdays={date(2026, 5, 9)},
)


def judged(day: date, session: Session = AM) -> JudgedSession:
    start = datetime.combine(day, time(9, 0) if session is AM else time(13, 30))
    return JudgedSession(start, Violation(day, session, AUX))


def ladder(sessions, *, horizon=datetime(2026, 6, 30), closes=None, calendar=SPRING_2026, rules=RULES):  # type: ignore[no-untyped-def]
    return derive_ladder(
        7,
        "A03号窗口（税务局）",
        sessions,
        calendar,
        lambda _at: rules,
        horizon=horizon,
        human_closes=closes or [],
    )


def test_the_may_day_scenario_orders_on_30_april_and_escalates_on_6_may() -> None:
    sessions = [judged(date(2026, 4, 30), PM), judged(date(2026, 5, 6), AM), judged(date(2026, 5, 6), PM)]
    [alert] = ladder(sessions)
    assert alert.raised_at == datetime(2026, 4, 30, 13, 30)
    assert alert.deadline == date(2026, 5, 6)  # the next working day after the break
    assert [(e.action, e.level, e.at) for e in alert.events] == [
        (SystemAction.RAISE, AlertLevel.ORDER_TO_CORRECT, datetime(2026, 4, 30, 13, 30)),
        # The third violating session within five working days: the start of 6 May's afternoon.
        (SystemAction.ESCALATE, AlertLevel.SUGGEST_CLOSURE, datetime(2026, 5, 6, 13, 30)),
    ]
    assert alert.level is AlertLevel.SUGGEST_CLOSURE
    assert "建议临时关闭" in alert.summary
    assert [o.key for o in alert.occurrences] == ["2026-04-30 下午", "2026-05-06 上午", "2026-05-06 下午"]
    # Judged at the end of April, the same facts give only the order.
    [earlier] = ladder(sessions, horizon=datetime(2026, 5, 3, 23, 0))
    assert [e.action for e in earlier.events] == [SystemAction.RAISE]
    assert earlier.level is AlertLevel.ORDER_TO_CORRECT


def test_a_violation_after_the_deadline_escalates_at_that_session_start() -> None:
    sessions = [judged(date(2026, 5, 11)), judged(date(2026, 5, 13), PM)]
    [alert] = ladder(sessions)
    assert alert.deadline == date(2026, 5, 12)
    escalation = alert.events[-1]
    assert escalation.action is SystemAction.ESCALATE
    assert escalation.at == datetime(2026, 5, 13, 13, 30)
    assert "整改期限 2026-05-12 后仍违规" in escalation.note


def test_an_order_a_person_ended_does_not_take_later_sessions() -> None:
    first, later = judged(date(2026, 5, 11)), judged(date(2026, 5, 20))
    closes = [datetime(2026, 5, 11, 15, 0)]
    alerts = ladder([first, later], closes=closes)
    assert [a.raised_at for a in alerts] == [first.start, later.start]
    assert all(a.level is AlertLevel.ORDER_TO_CORRECT for a in alerts)
    # Without the person's action, the later session is the same order, past its deadline.
    [alone] = ladder([first, later])
    assert alone.level is AlertLevel.SUGGEST_CLOSURE


def test_the_rules_in_force_when_the_order_was_issued_judge_it() -> None:
    sessions = [judged(date(2026, 5, 11)), judged(date(2026, 5, 13))]
    lenient = replace(RULES, correction_deadline_working_days=5)
    changed_at = datetime(2026, 5, 12, 12, 0)

    def settings_at(at: datetime) -> RuleSettings:
        return RULES if at < changed_at else lenient

    [alert] = derive_ladder(
        7, "A03号窗口", sessions, SPRING_2026, settings_at, horizon=datetime(2026, 6, 1), human_closes=[]
    )
    assert alert.deadline == date(2026, 5, 12)
    assert alert.level is AlertLevel.SUGGEST_CLOSURE


sessions_strategy = st.lists(
    st.tuples(st.integers(min_value=0, max_value=40), st.sampled_from([AM, PM])), max_size=20, unique=True
)


@settings(max_examples=150, deadline=None)
@given(
    picked=sessions_strategy,
    cut=st.integers(min_value=0, max_value=40 * 24),
    close_after=st.one_of(st.none(), st.integers(min_value=1, max_value=200)),
)
def test_a_shorter_horizon_sees_exactly_the_earlier_part_of_the_history(picked, cut, close_after) -> None:  # type: ignore[no-untyped-def]
    first_day = date(2026, 4, 20)
    sessions = [
        judged(first_day + timedelta(days=d), s)
        for d, s in picked
        if MAY_2026.is_workday(first_day + timedelta(days=d))
    ]
    end = datetime(2026, 6, 30)
    full = ladder(sessions, horizon=end, calendar=MAY_2026)
    closes: list[datetime] = []
    if close_after is not None and full:
        closes = [full[0].raised_at + timedelta(hours=close_after)]
        full = ladder(sessions, horizon=end, calendar=MAY_2026, closes=closes)
    horizon = datetime.combine(first_day, time()) + timedelta(hours=cut)
    part = ladder(sessions, horizon=horizon, calendar=MAY_2026, closes=closes)

    def upto(alerts):  # type: ignore[no-untyped-def]
        return [
            (
                a.raised_at,
                [(e.at, e.action, e.level) for e in a.events if e.at <= horizon],
                [o.key for o in a.occurrences if o.at <= horizon],
            )
            for a in alerts
            if a.raised_at <= horizon
        ]

    assert upto(part) == upto(full)
    # And the level an alert shows at a horizon is the level its last event up to then set.
    for alert in part:
        assert alert.level is alert.events[-1].level


def test_a_carried_order_takes_its_deadline_from_the_calendar_as_it_stands() -> None:
    [order] = ladder([judged(date(2026, 4, 30), PM)], horizon=datetime(2026, 4, 30, 23, 0))
    assert order.deadline == date(2026, 5, 6)
    # Later, 6 May is declared a holiday as well: the open order's deadline moves with it.
    stale = replace(order, events=list(order.events), occurrences=list(order.occurrences))
    moved = FakeCalendar(holidays={date(2026, 5, d) for d in (1, 4, 5, 6)}, workdays={date(2026, 5, 9)})
    [carried] = derive_ladder(
        7,
        "A03号窗口（税务局）",
        [],
        moved,
        lambda _at: RULES,
        horizon=datetime(2026, 5, 8),
        human_closes=[],
        carried=stale,
    )
    assert carried.deadline == date(2026, 5, 7)


def test_a_session_found_wanting_later_orders_from_that_moment_with_its_deadline_counted_from_then() -> None:
    # Monday's morning, confirmed as 挂名 on Wednesday at ten: the order is dated then, due Thursday.
    confirmed = datetime(2026, 5, 13, 10, 0)
    late = JudgedSession(confirmed, Violation(date(2026, 5, 11), AM, AUX), "（经核查确认挂名）")
    [alert] = ladder([late])
    assert alert.raised_at == confirmed
    assert alert.deadline == date(2026, 5, 14)
    assert alert.level is AlertLevel.ORDER_TO_CORRECT
    assert [(o.key, o.detail) for o in alert.occurrences] == [
        ("2026-05-11 上午", "仅辅助人员（经核查确认挂名）")
    ]
    assert alert.summary == "A03号窗口（税务局）2026-05-11 上午仅辅助人员（经核查确认挂名）"
    # Carried into a later run, the occurrence reads back as the violation it records.
    [again] = derive_ladder(
        7,
        "A03号窗口（税务局）",
        [judged(date(2026, 5, 14))],
        SPRING_2026,
        lambda _at: RULES,
        horizon=datetime(2026, 6, 30),
        human_closes=[],
        carried=replace(alert, events=list(alert.events), occurrences=list(alert.occurrences)),
    )
    assert [o.key for o in again.occurrences] == ["2026-05-11 上午", "2026-05-14 上午"]
