"""The staffing ladder's facts: each window's violating sessions, with the moment each began.

The verdicts are the staffing capability's (roster, attendance, the window's
state as the session began, working days); this module only turns them into
the ladder's input and asks the domain for the history. A session a
supervisor confirmed as 挂名 violates from the moment of that confirmation,
when the rule became true, however long after the session it came.
"""

from __future__ import annotations

from datetime import date, datetime

from hallmonitor.domain.alert_history import DerivedAlert, window_label, window_subject
from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.escalation import JudgedSession, Violation, derive_ladder
from hallmonitor.domain.texts import mark, say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, SettingsTimeline
from hallmonitor.services.rules.scope import Scope
from hallmonitor.services.staffing import WindowInfo, confirmed_nominal, judge_range, session_starts

#: The occurrence's detail such a session gets, verdict then note ("仅辅助人员（经核查确认挂名）"):
#: never said whole here, only marked so that the record reads back (``domain.record_texts``).
NOMINAL_DETAIL = mark("{verdict} (confirmed as nominal presence on review)")


def nominal_note() -> str:
    """How the ladder's occurrence names a session the roster found 合规 and a supervisor found 挂名."""
    return say("(confirmed as nominal presence on review)")


def staffing_history(
    ctx: HallContext,
    scope: Scope,
    all_windows: list[WindowInfo],
    calendar: WorkCalendar,
    timeline: SettingsTimeline,
    horizon: datetime,
    first_day: date | None,
) -> list[DerivedAlert]:
    """Every window's staffing alerts from where ``scope`` says it must be judged again, up to ``horizon``."""
    start_day = scope.start.date() if scope.start is not None else first_day
    if start_day is None or start_day > horizon.date():
        return []
    ids = {w.number: w.id for w in all_windows}
    labels = {w.id: window_label(w.number, w.department) for w in all_windows}
    confirmed = confirmed_nominal(ctx)
    if scope.start is not None:
        # A confirmation since the start makes its session a violation now, however far back it lies.
        start_day = min([start_day, *(d for (_w, d, _s), at in confirmed.items() if at >= scope.start)])
    verdicts = judge_range(ctx, start_day, horizon.date(), calendar)
    starts = session_starts(ctx, sorted({v.day for v in verdicts}))
    note = nominal_note()
    by_window: dict[int, list[JudgedSession]] = {}
    for v in verdicts:
        window_id = ids[v.window_no]
        began = starts[(v.day, v.session)]
        if v.nominal_confirmed:
            began = max(began, confirmed[(window_id, v.day, v.session)])
        if not v.verdict.is_violation or began > horizon or (scope.start is not None and began < scope.start):
            continue
        if AlertKind.STAFFING not in timeline.at(began).alerts_enabled:
            continue
        by_window.setdefault(window_id, []).append(
            JudgedSession(began, Violation(v.day, v.session, v.verdict), note if v.nominal_confirmed else "")
        )
    derived: list[DerivedAlert] = []
    for window_id in sorted(set(by_window) | {w.id for w in all_windows}):
        subject = window_subject(window_id)
        carried = scope.carried(AlertKind.STAFFING, subject)
        if carried is None and window_id not in by_window:
            continue
        derived += derive_ladder(
            window_id,
            labels[window_id],
            by_window.get(window_id, []),
            calendar,
            timeline.at,
            horizon=horizon,
            human_closes=scope.human_closes(AlertKind.STAFFING, subject),
            carried=carried,
        )
    return derived
