"""Case-level cards: one open alert per window and kind, each case an occurrence, dated by the rule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.alert_history import Occurrence, SystemAction, day_end
from hallmonitor.domain.cards import CardRule, Review, derive_cards
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState

OVERDUE = CardRule(AlertKind.CASE_OVERDUE, AlertLevel.RED_CARD)
DUE = CardRule(AlertKind.CASE_DUE, AlertLevel.YELLOW_CARD, ends_with_day=True)
FRONT_SHOP = CardRule(AlertKind.FRONT_SHOP, AlertLevel.TO_VERIFY)
END = datetime(2026, 7, 1)


def late(case_id: int, due: date) -> Occurrence:
    return Occurrence(f"case:{case_id}", day_end(due), f"办件 C{case_id} 超时", case_id=case_id)


def cards(rule, occurrences, *, horizon=END, closes=None, reviews=()):  # type: ignore[no-untyped-def]
    return derive_cards(
        rule,
        "window:3",
        3,
        "3号窗口（税务局）",
        occurrences,
        horizon=horizon,
        human_closes=closes or [],
        deadline_for=lambda at: at.date() + timedelta(days=3),
        reviews=reviews,
    )


def test_thirty_overdue_cases_of_a_window_are_one_red_card_with_thirty_occurrences() -> None:
    occurrences = [late(i, date(2026, 5, 11) + timedelta(days=i % 5)) for i in range(30)]
    [alert] = cards(OVERDUE, occurrences)
    assert alert.level is AlertLevel.RED_CARD
    assert len(alert.occurrences) == 30
    assert alert.summary == "3号窗口（税务局）办件超时 30 件"
    assert alert.raised_at == datetime(2026, 5, 11, 23, 59, 59)
    assert [e.action for e in alert.events] == [SystemAction.RAISE]


def test_a_card_a_person_ended_leaves_later_cases_to_a_new_card() -> None:
    first, second = late(1, date(2026, 5, 11)), late(2, date(2026, 5, 13))
    alerts = cards(OVERDUE, [first, second], closes=[datetime(2026, 5, 12, 10, 0)])
    assert [[o.key for o in a.occurrences] for a in alerts] == [["case:1"], ["case:2"]]


def test_a_yellow_card_is_about_its_day_and_ends_with_it() -> None:
    start = datetime(2026, 5, 11)
    today = [Occurrence(f"case:{i}", start, "今日到期", case_id=i) for i in (1, 2)]
    tomorrow = [Occurrence("case:3", start + timedelta(days=1), "今日到期", case_id=3)]
    alerts = cards(DUE, today + tomorrow)
    assert [len(a.occurrences) for a in alerts] == [2, 1]
    assert [(e.action, e.at, e.closes_as) for e in alerts[0].events] == [
        (SystemAction.RAISE, start, None),
        (SystemAction.AUTO_CLOSE, datetime(2026, 5, 11, 23, 59, 59), AlertState.EXPIRED),
    ]
    # Judged during its day, the card is still open.
    [open_card] = cards(DUE, today, horizon=datetime(2026, 5, 11, 10, 0))
    assert open_card.closed_by_rules_at is None


def test_a_confirmed_occurrence_turns_the_card_red_and_dismissing_every_one_ends_it() -> None:
    approved = datetime(2026, 5, 11, 10, 0)
    flags = [
        Occurrence(f"case:{i}", approved + timedelta(hours=i), "疑似前店后厂", case_id=i) for i in (1, 2)
    ]
    [confirmed] = cards(FRONT_SHOP, flags, reviews=[Review(datetime(2026, 5, 12, 9, 0), "case:2", True)])
    assert confirmed.level is AlertLevel.RED_CARD
    assert confirmed.events[-1].action is SystemAction.CONFIRM

    dismissals = [Review(datetime(2026, 5, 12, 9, 0), "case:1", False)]
    [still] = cards(FRONT_SHOP, flags, reviews=dismissals)
    assert still.closed_by_rules_at is None
    dismissals.append(Review(datetime(2026, 5, 12, 9, 30), "case:2", False))
    later = Occurrence("case:9", datetime(2026, 5, 13, 11, 0), "疑似前店后厂", case_id=9)
    ended, fresh = cards(FRONT_SHOP, [*flags, later], reviews=dismissals)
    assert ended.closed_by_rules_at == datetime(2026, 5, 12, 9, 30)
    assert ended.events[-1].closes_as is AlertState.REVOKED
    assert [o.key for o in fresh.occurrences] == ["case:9"]


@settings(max_examples=150, deadline=None)
@given(
    hours=st.lists(st.integers(min_value=0, max_value=24 * 30), max_size=25),
    cut=st.integers(min_value=0, max_value=24 * 31),
    yellow=st.booleans(),
    close_after=st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 10)),
)
def test_a_shorter_horizon_sees_exactly_the_earlier_part_of_the_history(
    hours, cut, yellow, close_after
) -> None:  # type: ignore[no-untyped-def]
    base = datetime(2026, 5, 1)
    rule = DUE if yellow else OVERDUE
    occurrences = [
        Occurrence(
            f"case:{i}",
            datetime.combine((base + timedelta(hours=h)).date(), time())
            if yellow
            else base + timedelta(hours=h),
            "x",
            case_id=i,
        )
        for i, h in enumerate(hours)
    ]
    full = cards(rule, occurrences)
    closes = [full[0].raised_at + timedelta(hours=close_after)] if full and close_after else []
    full = cards(rule, occurrences, closes=closes)
    horizon = base + timedelta(hours=cut)
    part = cards(rule, occurrences, horizon=horizon, closes=closes)

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


def test_a_re_review_is_part_of_the_history_and_a_late_confirmation_raises_a_red_card() -> None:
    approved = datetime(2026, 5, 11, 10, 0)
    flag = Occurrence("case:1", approved, "办件 C1 疑似前店后厂", case_id=1)
    confirmed = Review(datetime(2026, 5, 12, 9, 0), "case:1", True, flag)
    dismissed = Review(datetime(2026, 5, 13, 9, 0), "case:1", False, flag)
    again = Review(datetime(2026, 5, 14, 9, 0), "case:1", True, flag)
    first, second = cards(FRONT_SHOP, [flag], reviews=[confirmed, dismissed, again])
    # Red while confirmed, ended when the confirmation was reversed: the record keeps both.
    assert [(e.action, e.at) for e in first.events] == [
        (SystemAction.RAISE, approved),
        (SystemAction.CONFIRM, confirmed.at),
        (SystemAction.ALL_DISMISSED, dismissed.at),
    ]
    # Confirmed once more after its card ended: a red card, not a silent flag.
    assert second.raised_at == again.at
    assert second.level is AlertLevel.RED_CARD
    assert [o.key for o in second.occurrences] == ["case:1"]
    # Judged only up to the dismissal, the same reviews give the first card alone.
    [only] = cards(FRONT_SHOP, [flag], reviews=[confirmed, dismissed, again], horizon=dismissed.at)
    assert only.closed_by_rules_at == dismissed.at


def test_a_re_confirmed_case_joins_the_open_card_from_its_confirmation() -> None:
    first = Occurrence("case:1", datetime(2026, 5, 11, 10, 0), "办件 C1 疑似前店后厂", case_id=1)
    second = Occurrence("case:2", datetime(2026, 5, 12, 10, 0), "办件 C2 疑似前店后厂", case_id=2)
    dismissed = Review(datetime(2026, 5, 11, 11, 0), "case:1", False, first)
    again = Review(datetime(2026, 5, 14, 9, 0), "case:1", True, first)
    ended, card = cards(FRONT_SHOP, [first, second], reviews=[dismissed, again])
    assert ended.closed_by_rules_at == dismissed.at
    # The open card holds C1 from the confirmation on: what it read on the 12th or 13th stands.
    assert [(o.key, o.at) for o in card.occurrences] == [("case:2", second.at), ("case:1", again.at)]
    assert card.level is AlertLevel.RED_CARD


def test_a_persons_close_ends_whichever_card_is_open_at_its_moment() -> None:
    # A correction moved the first overdue case a day earlier: the card is now raised on the
    # 11th, and the close a supervisor made on the 13th still ends it.
    earlier, later = late(1, date(2026, 5, 11)), late(2, date(2026, 5, 12))
    closed = datetime(2026, 5, 13, 10, 0)
    [card] = cards(OVERDUE, [earlier, later], closes=[closed])
    assert card.raised_at == earlier.at
    assert card.closed_by_human_at == closed
    assert card.ended_at == closed


def test_what_the_rules_find_at_the_moment_of_a_close_belongs_to_a_new_card_left_open() -> None:
    first = late(1, date(2026, 5, 11))
    at_close = Occurrence("case:2", datetime(2026, 5, 12, 10, 0), "办件 C2 超时", case_id=2)
    ended, fresh = cards(OVERDUE, [first, at_close], closes=[at_close.at])
    assert ended.closed_by_human_at == at_close.at
    # The same close does not end the card raised at its moment.
    assert fresh.raised_at == at_close.at and fresh.closed_by_human_at is None
    assert fresh.ended_at is None
