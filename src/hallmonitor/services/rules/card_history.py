"""The cards' facts: when each case or complaint made a rule true, read with SQL and grouped by window.

Each trigger is dated by the rule, never by the run: a case turns 超时 at the
end of its due day, 临期 at the start of it (a 即办件, due the day it came in,
never has a day of its own to be yellow on), a 前店后厂 flag at the approval,
repeated trips at the receipt, an unanswered complaint at the end of its
limit. Only facts that can make a rule true from the scope's start on are
read, so a run after a quiet hour reads almost nothing, yet nothing is
skipped: no look-back window decides what is seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select

from hallmonitor.domain.alert_history import DerivedAlert, Occurrence, day_end, window_label, window_subject
from hallmonitor.domain.cards import CardRule, Review, derive_cards
from hallmonitor.domain.deadlines import complaint_due
from hallmonitor.domain.enums import AlertKind, AlertLevel, FlagState
from hallmonitor.domain.plausible import EARLIEST_MOMENT, MAX_TRIPS
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.front_shop import day_of
from hallmonitor.services.hall import HallContext, SettingsTimeline, moment_in_range
from hallmonitor.services.rules.scope import Scope
from hallmonitor.services.staffing import WindowInfo
from hallmonitor.storage.models import Case, CaseEvent, Complaint, FrontShopFlag, Item

__all__ = ["CARD_KINDS", "CASE_CARD_KINDS", "COMPLAINT_KINDS", "card_history"]

OVERDUE = CardRule(AlertKind.CASE_OVERDUE, AlertLevel.RED_CARD)
DUE = CardRule(AlertKind.CASE_DUE, AlertLevel.YELLOW_CARD, ends_with_day=True)
FRONT_SHOP = CardRule(AlertKind.FRONT_SHOP, AlertLevel.TO_VERIFY)
TRIPS = CardRule(AlertKind.MULTIPLE_TRIPS, AlertLevel.TO_VERIFY)
COMPLAINT = CardRule(AlertKind.COMPLAINT_OVERDUE, AlertLevel.RED_CARD)
RULES = (OVERDUE, DUE, FRONT_SHOP, TRIPS, COMPLAINT)
CARD_KINDS = frozenset(rule.kind for rule in RULES)
#: The one card that reads complaints, and the cards that read everything else.
COMPLAINT_KINDS = frozenset({COMPLAINT.kind})
CASE_CARD_KINDS = CARD_KINDS - COMPLAINT_KINDS

Found = dict[int | None, list[Occurrence]]


def card_history(
    ctx: HallContext,
    scope: Scope,
    all_windows: list[WindowInfo],
    calendar: WorkCalendar,
    timeline: SettingsTimeline,
    horizon: datetime,
    kinds: frozenset[AlertKind] = CARD_KINDS,
) -> list[DerivedAlert]:
    """Every window's cards of ``kinds`` from the scope's start up to ``horizon``, continuing the cards open then.

    The scope must be of those kinds: each card is judged on its own, so the
    complaint cards can be judged from another start than the others.
    """
    since = scope.start
    labels: dict[int | None, str] = {w.id: window_label(w.number, w.department) for w in all_windows}
    found: dict[CardRule, Found] = {}
    if OVERDUE.kind in kinds:
        found[OVERDUE] = _overdue(ctx, since, horizon)
    if DUE.kind in kinds:
        found[DUE] = _due(ctx, since, horizon)
    if TRIPS.kind in kinds:
        found[TRIPS] = _trips(ctx, since, horizon)
    if COMPLAINT.kind in kinds:
        found[COMPLAINT] = _complaints(ctx, since, horizon, calendar, timeline)
    reviews: dict[int | None, list[Review]] = {}
    if FRONT_SHOP.kind in kinds:
        found[FRONT_SHOP], reviews = _front_shop(ctx, since, horizon)

    def deadline_for(rule: CardRule) -> Callable[[datetime], date | None]:
        if rule.ends_with_day:
            return lambda _at: None  # a warning about a due date, not something to rectify
        return lambda at: calendar.add_working_days(
            at.date(), timeline.at(at).rectification_deadline_working_days
        )

    derived: list[DerivedAlert] = []
    for rule, by_window in found.items():
        carried_subjects = {subject for kind, subject in scope.open_at_start if kind is rule.kind}
        windows = set(by_window) | {_window_of(subject) for subject in carried_subjects}
        if rule is FRONT_SHOP:
            windows |= set(reviews)  # a late confirmation may raise a card with nothing else new
        for window_id in sorted(windows, key=lambda w: (w is None, w or 0)):
            subject = window_subject(window_id)
            carried = scope.carried(rule.kind, subject)
            if carried is not None:
                # Worked out again: the calendar may have moved it since it was written.
                carried.deadline = deadline_for(rule)(carried.raised_at)
            kept = [
                o
                for o in by_window.get(window_id, [])
                if (since is None or o.at >= since) and rule.kind in timeline.at(o.at).alerts_enabled
            ]
            window_reviews = reviews.get(window_id, []) if rule is FRONT_SHOP else []
            recent = [r for r in window_reviews if since is None or r.at >= since]
            if not kept and carried is None and not recent:
                continue
            derived += derive_cards(
                rule,
                subject,
                window_id,
                labels.get(window_id, ""),
                kept,
                horizon=horizon,
                human_closes=scope.human_closes(rule.kind, subject),
                deadline_for=deadline_for(rule),
                reviews=recent,
                carried=carried,
                carried_dismissed=_dismissed_before(window_reviews, since),
            )
    return derived


def _dismissed_before(reviews: list[Review], since: datetime | None) -> frozenset[str]:
    """The occurrences whose last review before ``since`` dismissed them."""
    if since is None:
        return frozenset()
    last: dict[str, bool] = {}
    for review in sorted(reviews, key=lambda r: r.at):
        if review.at < since:
            last[review.occurrence_key] = review.confirmed
    return frozenset(key for key, confirmed in last.items() if not confirmed)


def _window_of(subject_key: str) -> int | None:
    return int(subject_key.split(":", 1)[1]) if subject_key.startswith("window:") else None


def _grouped(rows: Sequence[tuple[int | None, Occurrence]]) -> Found:
    found: Found = defaultdict(list)
    for window_id, occurrence in rows:
        found[window_id].append(occurrence)
    return found


def _overdue(ctx: HallContext, since: datetime | None, horizon: datetime) -> Found:
    """Cases still unfinished at the end of their due day: red from that moment."""
    day = day_of(Case.completed_at, sqlite=ctx.db.is_sqlite)
    query = (
        select(Case.id, Case.case_no, Case.window_id, Case.due_date, Item.name)
        .join(Item, Case.item_id == Item.id)
        .where(
            Case.hall_id == ctx.hall_id,
            Case.voided_at.is_(None),
            Case.due_date.is_not(None),
            Case.due_date < horizon.date() + timedelta(days=int(horizon.time() >= time(23, 59, 59))),
            or_(Case.completed_at.is_(None), Case.due_date < day),
        )
    )
    if since is not None:
        query = query.where(Case.due_date >= since.date())
    with ctx.db.session() as session:
        rows = session.execute(query).all()
    return _grouped(
        [
            (
                window_id,
                Occurrence(
                    f"case:{case_id}",
                    day_end(due),
                    say(
                        "Case {case} ({item}) is overdue: due {due}", case=no, item=item, due=due.isoformat()
                    ),
                    case_id,
                ),
            )
            for case_id, no, window_id, due, item in rows
        ]
    )


def _due(ctx: HallContext, since: datetime | None, horizon: datetime) -> Found:
    """Cases that came in before their due day and were not finished when it began: yellow for that day."""
    received = day_of(Case.received_at, sqlite=ctx.db.is_sqlite)
    finished = day_of(Case.completed_at, sqlite=ctx.db.is_sqlite)
    query = (
        select(Case.id, Case.case_no, Case.window_id, Case.due_date, Item.name)
        .join(Item, Case.item_id == Item.id)
        .where(
            Case.hall_id == ctx.hall_id,
            Case.voided_at.is_(None),
            Case.due_date.is_not(None),
            Case.due_date <= horizon.date(),
            received < Case.due_date,
            or_(Case.completed_at.is_(None), finished >= Case.due_date),
        )
    )
    if since is not None:
        query = query.where(Case.due_date >= since.date())
    with ctx.db.session() as session:
        rows = session.execute(query).all()
    return _grouped(
        [
            (
                window_id,
                Occurrence(
                    f"case:{case_id}",
                    datetime.combine(due, time.min),
                    say("Case {case} ({item}) is due today", case=no, item=item),
                    case_id,
                ),
            )
            for case_id, no, window_id, due, item in rows
        ]
    )


def _trips(ctx: HallContext, since: datetime | None, horizon: datetime) -> Found:
    query = select(Case.id, Case.case_no, Case.window_id, Case.received_at, Case.trips).where(
        Case.hall_id == ctx.hall_id,
        Case.trips > 1,
        # More than anyone could have made is a typo or a placeholder, named by ``check``, not a card.
        Case.trips <= MAX_TRIPS,
        Case.received_at <= horizon,
        Case.voided_at.is_(None),
    )
    if since is not None:
        query = query.where(Case.received_at >= since)
    with ctx.db.session() as session:
        rows = session.execute(query).all()
    return _grouped(
        [
            (
                window_id,
                Occurrence(
                    f"case:{case_id}",
                    received,
                    say(
                        "Case {case}: the applicant came {trips} times, more than the one trip allowed",
                        case=no,
                        trips=trips,
                    ),
                    case_id,
                ),
            )
            for case_id, no, window_id, received, trips in rows
        ]
    )


def _front_shop(
    ctx: HallContext, since: datetime | None, horizon: datetime
) -> tuple[Found, dict[int | None, list[Review]]]:
    """Flagged approvals, and every review of them in order, which turns a card red or ends it.

    The reviews come from the cases' history, not the flag's current state: a
    flag confirmed and later dismissed was red for a while, and a run that
    judges that stretch again must see it so.
    """
    query = (
        select(
            Case.id,
            Case.case_no,
            Case.window_id,
            Case.approved_at,
            FrontShopFlag.reasons,
            FrontShopFlag.state,
            FrontShopFlag.reviewed_at,
        )
        .join(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        # A voided case's flag stays in its history but is evidence of nothing.
        .where(
            Case.hall_id == ctx.hall_id,
            Case.voided_at.is_(None),
            Case.approved_at.is_not(None),
            Case.approved_at <= horizon,
            Case.approved_at >= EARLIEST_MOMENT,
        )
    )
    with ctx.db.session() as session:
        if since is None:
            rows = session.execute(query).all()
        else:
            # Approvals from the start on, and every reviewed flag (a review may end a card opened
            # earlier), each read from its own small side: one OR, or one join, reads every case.
            rows = session.execute(query.where(Case.approved_at >= since)).all()
            reviewed = list(
                session.scalars(
                    select(FrontShopFlag.case_id).where(
                        FrontShopFlag.state.in_([FlagState.CONFIRMED, FlagState.DISMISSED])
                    )
                )
            )
            for begin in range(0, len(reviewed), 5000):
                rows += session.execute(
                    query.where(Case.id.in_(reviewed[begin : begin + 5000]), Case.approved_at < since)
                ).all()
        # A flag is never un-reviewed, so every reviewed flag's case is among the reviewed ones.
        done = [r[0] for r in rows if r[5] is not FlagState.PENDING]
        history: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
        for begin in range(0, len(done), 5000):
            for case_id, at, action in session.execute(
                select(CaseEvent.case_id, CaseEvent.at, CaseEvent.action)
                .where(
                    CaseEvent.case_id.in_(done[begin : begin + 5000]), CaseEvent.action.in_(REVIEW_ACTIONS)
                )
                .order_by(CaseEvent.at, CaseEvent.id)
            ):
                history[case_id].append((at, REVIEW_ACTIONS[action]))
    reviews: dict[int | None, list[Review]] = defaultdict(list)
    occurrences = []
    for case_id, no, window_id, approved, reasons, state, reviewed_at in rows:
        key = f"case:{case_id}"
        detail = say("Case {case} suspected of front shop, back factory: {reasons}", case=no, reasons=reasons)
        occurrence = Occurrence(key, approved, detail, case_id)
        if since is None or approved >= since:
            occurrences.append((window_id, occurrence))
        verdicts = history.get(case_id)
        if not verdicts and state is not FlagState.PENDING and reviewed_at is not None:
            verdicts = [(reviewed_at, state is FlagState.CONFIRMED)]  # reviewed before reviews were logged
        for at, confirmed in verdicts or []:
            reviews[window_id].append(Review(max(at, approved), key, confirmed, occurrence))
    return _grouped(occurrences), reviews


#: How a review is written into the case's history (see ``front_shop.review_flag``).
REVIEW_ACTIONS = {f"前店后厂{FlagState.CONFIRMED.value}": True, f"前店后厂{FlagState.DISMISSED.value}": False}


def _complaints(
    ctx: HallContext,
    since: datetime | None,
    horizon: datetime,
    calendar: WorkCalendar,
    timeline: SettingsTimeline,
) -> Found:
    """Complaints not answered by the end of their limit, counted in working days from receipt."""
    query = select(
        Complaint.id,
        Complaint.complaint_no,
        Complaint.window_id,
        Complaint.received_at,
        Complaint.completed_at,
    ).where(
        Complaint.hall_id == ctx.hall_id,
        Complaint.received_at <= horizon,
        # Dated out of the plausible range: named by ``check``, never counted from.
        Complaint.received_at >= EARLIEST_MOMENT,
        or_(Complaint.completed_at.is_(None), moment_in_range(Complaint.completed_at)),
    )
    if since is not None:
        query = query.where(or_(Complaint.completed_at.is_(None), Complaint.completed_at >= since))
    with ctx.db.session() as session:
        rows = session.execute(query).all()
    found = []
    for complaint_id, no, window_id, received, completed in rows:
        limit = timeline.at(received).complaint_limit_working_days
        due = complaint_due(calendar, received.date(), limit)
        late_at = day_end(due)
        if late_at > horizon or (completed is not None and completed.date() <= due):
            continue
        detail = say(
            "Complaint {complaint} not settled within its time limit ({due})",
            complaint=no,
            due=due.isoformat(),
        )
        found.append(
            (window_id, Occurrence(f"complaint:{complaint_id}", late_at, detail, complaint_id=complaint_id))
        )
    return _grouped(found)
