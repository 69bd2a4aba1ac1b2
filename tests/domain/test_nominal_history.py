"""The 人员挂名 alert: M suspected sessions within K working days, reviewed by a supervisor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.alert_history import SystemAction
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session
from hallmonitor.domain.nominal_history import SessionReview, SuspectedSession, derive_nominal
from hallmonitor.domain.rule_settings import RuleSettings
from tests.support.fakes import MAY_2026, FakeCalendar

AM, PM = Session.MORNING, Session.AFTERNOON
WEEKDAYS = FakeCalendar()
RULES = RuleSettings()
END = datetime(2026, 6, 30, 23, 59, 59)


def suspected(day: date, session: Session = AM) -> SuspectedSession:
    """Dated as the rule dates it: the morning once the afternoon begins, the afternoon at the day's end."""
    at = datetime.combine(day, time(13, 30)) if session is AM else datetime.combine(day, time(23, 59, 59))
    return SuspectedSession(day, session, at, "受理办件 6 件，均非排班正式人员受理或审批")


def derive(sessions, *, calendar=WEEKDAYS, horizon=END, closes=(), reviews=(), rules=RULES):  # type: ignore[no-untyped-def]
    return derive_nominal(
        7,
        "A07号窗口（市人社局）",
        sessions,
        calendar,
        lambda _at: rules,
        horizon=horizon,
        human_closes=list(closes),
        reviews=reviews,
    )


def may(day: int) -> date:
    return date(2026, 5, day)


def test_three_suspected_sessions_within_five_working_days_raise_one_alert_to_verify() -> None:
    sessions = [suspected(may(11)), suspected(may(12), PM), suspected(may(14))]
    [alert] = derive(sessions)
    assert alert.kind is AlertKind.NOMINAL_PRESENCE and alert.subject_key == "window:7"
    assert alert.level is AlertLevel.TO_VERIFY
    # Raised when the third one became true, holding all three.
    assert alert.raised_at == datetime(2026, 5, 14, 13, 30)
    assert [o.key for o in alert.occurrences] == ["2026-05-11 上午", "2026-05-12 下午", "2026-05-14 上午"]
    assert (
        alert.events[0].note
        == "连续5个工作日内3个时段疑似挂名：2026-05-11 上午、2026-05-12 下午、2026-05-14 上午"
    )
    assert alert.summary == "A07号窗口（市人社局）疑似挂名时段 3 个"
    assert alert.deadline == may(19)  # three working days, the hall's rectification period


def test_two_sessions_or_three_spread_over_more_than_five_working_days_raise_nothing() -> None:
    assert derive([suspected(may(11)), suspected(may(11), PM)]) == []
    # Mon 11, Fri 15, Mon 18: the 11th and the 18th are six working days apart.
    assert derive([suspected(may(11)), suspected(may(15)), suspected(may(18))]) == []
    # The setting decides: 3 in 6 catches it.
    rules = replace(RULES, nominal_window_working_days=6)
    assert len(derive([suspected(may(11)), suspected(may(15)), suspected(may(18))], rules=rules)) == 1


def test_working_days_are_counted_across_the_labour_day_break_and_holidays_never_count() -> None:
    # Thu 30 April, Wed 6 and Thu 7 May: three working days in a row, with the break between.
    sessions = [suspected(date(2026, 4, 30)), suspected(may(6)), suspected(may(7))]
    [alert] = derive(sessions, calendar=MAY_2026)
    assert alert.raised_at == datetime(2026, 5, 7, 13, 30)
    # A session on the holiday of 4 May is never counted, even if something was recorded then.
    assert (
        derive([suspected(date(2026, 4, 30)), suspected(may(4)), suspected(may(6))], calendar=MAY_2026) == []
    )


def test_later_sessions_join_the_open_alert() -> None:
    sessions = [suspected(may(d)) for d in (11, 12, 13, 15, 20)]
    [alert] = derive(sessions)
    assert len(alert.occurrences) == 5


def test_confirming_turns_the_alert_red_and_dismissing_every_session_ends_it() -> None:
    sessions = [suspected(may(d)) for d in (11, 12, 13)]
    keys = [s.key for s in sessions]
    checked = datetime(2026, 5, 14, 10, 0)
    [confirmed] = derive(sessions, reviews=[SessionReview(checked, k, True) for k in keys])
    assert confirmed.level is AlertLevel.RED_CARD
    assert [(e.action, e.at) for e in confirmed.events][1:] == [(SystemAction.CONFIRM, checked)]
    assert confirmed.ended_at is None

    [dismissed] = derive(sessions, reviews=[SessionReview(checked, k, False) for k in keys])
    assert dismissed.ended_at == checked
    assert dismissed.events[-1].closes_as is AlertState.REVOKED


def test_sessions_a_dismissed_alert_held_never_count_again() -> None:
    sessions = [suspected(may(d)) for d in (11, 12, 13)]
    checked = datetime(2026, 5, 13, 15, 0)
    reviews = [SessionReview(checked, s.key, False) for s in sessions]
    later = [suspected(may(14)), suspected(may(15))]
    [alert] = derive(sessions + later, reviews=reviews)
    assert alert.ended_at == checked
    # A third one after the dismissal, within five working days of those two, raises the next.
    first, second = derive([*sessions, *later, suspected(may(18))], reviews=reviews)
    assert [o.key for o in second.occurrences] == ["2026-05-14 上午", "2026-05-15 上午", "2026-05-18 上午"]
    assert first.ended_at == checked


def test_a_close_by_a_person_leaves_later_sessions_to_count_afresh() -> None:
    sessions = [suspected(may(d)) for d in (11, 12, 13, 14)]
    [alert] = derive(sessions, closes=[datetime(2026, 5, 13, 16, 0)])
    assert [o.key for o in alert.occurrences] == ["2026-05-11 上午", "2026-05-12 上午", "2026-05-13 上午"]
    assert alert.closed_by_human_at == datetime(2026, 5, 13, 16, 0)


@settings(max_examples=150, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.integers(min_value=0, max_value=20), st.booleans()), max_size=14, unique=True
    ),
    cut=st.integers(min_value=0, max_value=24 * 30),
    review_after=st.one_of(st.none(), st.integers(min_value=1, max_value=24 * 6)),
    confirm=st.booleans(),
    close_after=st.one_of(st.none(), st.integers(min_value=1, max_value=24 * 8)),
)
def test_a_shorter_horizon_sees_exactly_the_earlier_part_of_the_history(
    picks, cut, review_after, confirm, close_after
) -> None:  # type: ignore[no-untyped-def]
    base = may(4)
    sessions = [suspected(base + timedelta(days=d), PM if pm else AM) for d, pm in picks]
    full = derive(sessions, calendar=MAY_2026)
    reviews = (
        [
            SessionReview(full[0].raised_at + timedelta(hours=review_after), o.key, confirm)
            for o in full[0].occurrences
        ]
        if full and review_after
        else []
    )
    closes = [full[0].raised_at + timedelta(hours=close_after)] if full and close_after else []
    full = derive(sessions, calendar=MAY_2026, reviews=reviews, closes=closes)
    horizon = datetime.combine(base, time()) + timedelta(hours=cut)
    part = derive(sessions, calendar=MAY_2026, reviews=reviews, closes=closes, horizon=horizon)

    def upto(alerts):  # type: ignore[no-untyped-def]
        return [
            (
                a.raised_at,
                [(e.at, e.action) for e in a.events if e.at <= horizon],
                sorted(o.key for o in a.occurrences if o.at <= horizon),
            )
            for a in alerts
            if a.raised_at <= horizon
        ]

    assert upto(part) == upto(full)
