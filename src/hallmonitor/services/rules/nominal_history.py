"""The 人员挂名 alerts' facts: each window's suspected sessions and the reviews of them.

A session is dated when its judgement became true (the morning once the
afternoon begins, the afternoon at the day's end), a review when it was made.
A run from some moment on also reads the suspected sessions of the K working
days before it, since they count towards an alert raised after it; which of
them still count is decided by the end of the window's last alert, which an
earlier run wrote. Nothing else before the start is read.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from hallmonitor.domain.alert_history import DerivedAlert, window_label, window_subject
from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.nominal import session_key
from hallmonitor.domain.nominal_history import SessionReview, SuspectedSession, derive_nominal
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, SettingsTimeline
from hallmonitor.services.rules.scope import Scope
from hallmonitor.services.staffing import WindowInfo, nominal_reviews, nominal_sessions
from hallmonitor.storage.models import Alert

__all__ = ["NOMINAL_KINDS", "nominal_history"]

KIND = AlertKind.NOMINAL_PRESENCE
NOMINAL_KINDS = frozenset({KIND})
#: However the setting reads, the look-back before a run's start stays within reason.
_MOST_WORKING_DAYS_BACK = 60


def nominal_history(
    ctx: HallContext,
    scope: Scope,
    all_windows: list[WindowInfo],
    calendar: WorkCalendar,
    timeline: SettingsTimeline,
    horizon: datetime,
    first_day: date,
) -> list[DerivedAlert]:
    """Every window's 人员挂名 alerts from the scope's start up to ``horizon``, continuing those open then."""
    since = scope.start
    read_from = first_day if since is None else _working_days_before(calendar, since.date(), _span(timeline))
    if read_from > horizon.date():
        return []
    labels = {w.id: window_label(w.number, w.department) for w in all_windows}
    suspected: dict[int, list[SuspectedSession]] = defaultdict(list)
    for found in nominal_sessions(ctx, read_from, horizon.date(), calendar, until=horizon):
        if found.suspected and KIND in timeline.at(found.at).alerts_enabled:
            j = found.judgement
            suspected[found.window_id].append(SuspectedSession(j.day, j.session, found.at, j.evidence_line()))
    reviews: dict[int, list[SessionReview]] = defaultdict(list)
    for r in nominal_reviews(ctx):
        if r.at <= horizon:
            reviews[r.window_id].append(SessionReview(r.at, session_key(r.day, r.session), r.confirmed))

    carried_windows = {int(s.split(":", 1)[1]) for k, s in scope.open_at_start if k is KIND}
    ends: dict[str, datetime] | None = None
    derived: list[DerivedAlert] = []
    for window_id in sorted(set(suspected) | carried_windows | set(reviews)):
        subject = window_subject(window_id)
        carried = scope.carried(KIND, subject)
        sessions = suspected.get(window_id, [])
        window_reviews = reviews.get(window_id, [])
        after = [s for s in sessions if since is None or s.at >= since]
        recent = [r for r in window_reviews if since is None or r.at >= since]
        waiting: list[SuspectedSession] = []
        if carried is None and since is not None:
            before = [s for s in sessions if s.at < since]
            if before and ends is None:
                ends = _last_ends(ctx, since)
            ended = ends.get(subject) if before and ends is not None else None
            waiting = [s for s in before if ended is None or s.at >= ended]
        if not after and not recent and carried is None:
            continue
        derived += derive_nominal(
            window_id,
            labels.get(window_id, ""),
            after,
            calendar,
            timeline.at,
            horizon=horizon,
            human_closes=scope.human_closes(KIND, subject),
            reviews=recent,
            carried=carried,
            carried_dismissed=_dismissed_before(window_reviews, since),
            waiting=waiting,
        )
    return derived


def _span(timeline: SettingsTimeline) -> int:
    return min(max(v.nominal_window_working_days for v in timeline.versions), _MOST_WORKING_DAYS_BACK)


def _working_days_before(calendar: WorkCalendar, day: date, count: int) -> date:
    """The earliest of the ``count`` working days up to and including ``day``."""
    found = 0
    current = day
    for _ in range(count * 7 + 30):
        if calendar.is_workday(current):
            found += 1
            if found >= count:
                return current
        current = date.fromordinal(current.toordinal() - 1)
    return current


def _last_ends(ctx: HallContext, since: datetime) -> dict[str, datetime]:
    """Per window, when its last 人员挂名 alert that ended before ``since`` ended: one query for all."""
    with ctx.db.session() as session:
        return {
            subject: ended
            for subject, ended in session.execute(
                select(Alert.subject_key, func.max(Alert.closed_at))
                .where(
                    Alert.hall_id == ctx.hall_id,
                    Alert.kind == KIND,
                    Alert.closed_at < since,
                )
                .group_by(Alert.subject_key)
            )
        }


def _dismissed_before(reviews: list[SessionReview], since: datetime | None) -> frozenset[str]:
    """The sessions whose last review before ``since`` dismissed them."""
    if since is None:
        return frozenset()
    last: dict[str, bool] = {}
    for review in reviews:
        if review.at < since:
            last[review.key] = review.confirmed
    return frozenset(key for key, confirmed in last.items() if not confirmed)
