"""The cards of the case-level kinds: one open alert per window and kind, each case an occurrence of it.

Electronic supervision shows a case yellow on its last day and red once past
it; a hall acts on a window, not on thirty cases one by one, so a window with
thirty overdue cases has one red 办件超时 alert holding thirty occurrences.
A yellow card (临期) is about one day and ends with it. Evidence that needs a
person's judgement (前店后厂, 多次跑动) is 待核查 until reviewed: a confirmed
occurrence turns the card red, and when every occurrence has been dismissed
the card ends by itself.

See ``alert_history`` for what "derived" means; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from hallmonitor.domain.alert_history import (
    DerivedAlert,
    HumanCloses,
    Occurrence,
    SystemAction,
    SystemEvent,
    day_end,
    settle,
    still_open,
    summary_of,
)
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.texts import say

__all__ = ["CardRule", "Review", "derive_cards"]


@dataclass(frozen=True, slots=True)
class CardRule:
    kind: AlertKind
    level: AlertLevel
    #: The card is about one day (临期) and ends by itself when that day ends.
    ends_with_day: bool = False


@dataclass(frozen=True, slots=True)
class Review:
    """A supervisor's verdict on one occurrence's evidence; a later review of the same one overrides it."""

    at: datetime
    occurrence_key: str
    confirmed: bool
    #: The occurrence reviewed, so a confirmation made after its card ended can raise a red card.
    occurrence: Occurrence | None = None


def derive_cards(
    rule: CardRule,
    subject_key: str,
    window_id: int | None,
    label: str,
    occurrences: Sequence[Occurrence],
    *,
    horizon: datetime,
    human_closes: HumanCloses,
    deadline_for: Callable[[datetime], date | None],
    reviews: Sequence[Review] = (),
    carried: DerivedAlert | None = None,
    carried_dismissed: frozenset[str] = frozenset(),
) -> list[DerivedAlert]:
    """The subject's alerts of ``rule.kind`` up to ``horizon``, oldest first; ``label`` names the window.

    ``carried`` is the card open when ``occurrences`` begin, as judged before,
    with the keys whose last review by then was a dismissal: the walk continues it.
    Confirming evidence no open card holds (its card was ended, by a person or
    because every occurrence was dismissed, and a re-review confirmed it) raises
    a red card: a confirmed violation is never left without one. Such a card
    holds the evidence from the confirmation on, so what it read before then
    (the past day's check, the past week's report) does not change.
    """
    timeline: list[tuple[datetime, int, Occurrence | Review]] = [
        (o.at, 0, o) for o in occurrences if o.at <= horizon
    ]
    timeline += [(r.at, 1, r) for r in reviews if r.at <= horizon]
    timeline.sort(key=lambda item: (item[0], item[1], _key_of(item[2])))

    alerts: list[DerivedAlert] = [carried] if carried is not None else []
    current = carried
    dismissed: set[str] = set(carried_dismissed)

    def raise_card(at: datetime, level: AlertLevel, detail: str) -> DerivedAlert:
        previous = alerts[-1] if alerts else None
        card = DerivedAlert(
            kind=rule.kind,
            subject_key=subject_key,
            window_id=window_id,
            raised_at=at,
            deadline=deadline_for(at),
            level=level,
            summary="",
            events=[SystemEvent(at, SystemAction.RAISE, level, detail)],
            closes_after=previous.closed_by_human_at if previous is not None else None,
        )
        alerts.append(card)
        return card

    for at, _order, item in timeline:
        current = _ended(rule, current, human_closes, at)
        if isinstance(item, Occurrence):
            if current is None:
                current = raise_card(at, rule.level, item.detail)
            current.occurrences.append(item)
            continue
        held = current is not None and any(o.key == item.occurrence_key for o in current.occurrences)
        if item.confirmed:
            dismissed.discard(item.occurrence_key)
            if held and current is not None and current.level is AlertLevel.TO_VERIFY:
                current.level = AlertLevel.RED_CARD
                current.events.append(
                    SystemEvent(
                        at,
                        SystemAction.CONFIRM,
                        AlertLevel.RED_CARD,
                        say("Confirmed: {key}", key=item.occurrence_key),
                    )
                )
            elif not held and item.occurrence is not None:
                if current is None:
                    current = raise_card(
                        at,
                        AlertLevel.RED_CARD,
                        say("Confirmed on review: {detail}", detail=item.occurrence.detail),
                    )
                elif current.level is AlertLevel.TO_VERIFY:
                    current.level = AlertLevel.RED_CARD
                    current.events.append(
                        SystemEvent(
                            at,
                            SystemAction.CONFIRM,
                            AlertLevel.RED_CARD,
                            say("Confirmed: {key}", key=item.occurrence_key),
                        )
                    )
                # Held from the confirmation, not from the approval: a moment before it reads as it did.
                current.occurrences.append(replace(item.occurrence, at=at))
            continue
        dismissed.add(item.occurrence_key)
        if (
            held
            and current is not None
            and not current.prior
            and {o.key for o in current.occurrences} <= dismissed
        ):
            current.events.append(
                SystemEvent(
                    at,
                    SystemAction.ALL_DISMISSED,
                    current.level,
                    say("Every suspected instance was ruled out on review"),
                    AlertState.REVOKED,
                )
            )
            current = None
    if current is not None and rule.ends_with_day:
        end = day_end(current.raised_at.date())
        if end <= horizon and still_open(current, human_closes, end):
            current.events.append(_day_over(current, end))
    settle(current, human_closes, horizon)
    for alert in alerts:
        alert.summary = summary_of(
            rule.kind, label, alert.level, alert.occurrences, prior=alert.prior, raised_at=alert.raised_at
        )
    return alerts


def _key_of(item: Occurrence | Review) -> str:
    return item.key if isinstance(item, Occurrence) else item.occurrence_key


def _ended(
    rule: CardRule, current: DerivedAlert | None, human_closes: HumanCloses, at: datetime
) -> DerivedAlert | None:
    """``current`` if it is still open at ``at``; a day card that ended before is closed here."""
    if current is None:
        return None
    if rule.ends_with_day:
        end = day_end(current.raised_at.date())
        if end < at:
            if still_open(current, human_closes, end):
                current.events.append(_day_over(current, end))
            return None
    return current if still_open(current, human_closes, at) else None


def _day_over(alert: DerivedAlert, end: datetime) -> SystemEvent:
    return SystemEvent(
        end, SystemAction.AUTO_CLOSE, alert.level, say("The due day has passed"), AlertState.EXPIRED
    )
