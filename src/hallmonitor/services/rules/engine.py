"""The rules engine: turns the roster, cases and complaints into flags and alerts.

It runs whenever roster, attendance or cases change, at every session start
while the app is open, and on ``hallmonitor check``. It judges as of a moment
(``as_of``): a session counts once it has started, and facts after ``as_of``
are ignored, so running it for a past day reproduces that day's view.
Everything it writes is idempotent (see alert_store).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select, text

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, FlagState
from hallmonitor.domain.escalation import Violation, evaluate_window
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.sessions import session_start
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.alerts import (
    OPEN_STATES,
    SYSTEM_ACTOR,
    Change,
    Subject,
    close_alert,
    find_open_alert,
    preload_open_alerts,
    record_alert,
)
from hallmonitor.services.cases import refresh_due_dates
from hallmonitor.services.front_shop import day_of, evaluate_flags
from hallmonitor.services.hall import HallContext, load_calendar, load_settings
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import Alert, Case, Complaint, FrontShopFlag, Item, Window

#: Calendar days of roster looked back on: enough for any "M sessions in K working days" setting.
STAFFING_LOOKBACK_DAYS = 21
#: Finished cases and complaints are looked at for this many days after they finished.
RECENT_DAYS = 7


@dataclass
class RunSummary:
    as_of: datetime
    new_flags: int = 0
    due_dates_changed: int = 0
    changes: list[Change] = field(default_factory=list)

    @property
    def new_alerts(self) -> list[Change]:
        return [c for c in self.changes if c.new]

    @property
    def escalations(self) -> list[Change]:
        return [c for c in self.changes if c.escalated]


def run_rules(ctx: HallContext, as_of: datetime, *, recompute_due_dates: bool = False) -> RunSummary:
    with rules_lock(ctx):
        return _run(ctx, as_of, recompute_due_dates)


#: Advisory-lock namespace of the rules run; the hall id is added so halls do not wait for each other.
RULES_LOCK_BASE = 0x48_4D_00_00


@contextmanager
def rules_lock(ctx: HallContext) -> Iterator[None]:
    """On a shared PostgreSQL database, one rules run per hall at a time.

    Several PCs run the rules on every change and at each session start; two
    runs interleaving could each find no open alert for a window and both raise
    one. SQLite needs no lock: its writers are serialised by the file itself.
    """
    if ctx.db.engine.dialect.name != "postgresql":
        yield
        return
    key = RULES_LOCK_BASE + ctx.hall_id
    with ctx.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            conn.commit()


def _run(ctx: HallContext, as_of: datetime, recompute_due_dates: bool) -> RunSummary:
    settings = load_settings(ctx)
    calendar = load_calendar(ctx)
    summary = RunSummary(as_of)
    summary.due_dates_changed = refresh_due_dates(ctx, calendar, everything=recompute_due_dates)
    summary.new_flags = evaluate_flags(
        ctx, as_of.date() - timedelta(days=STAFFING_LOOKBACK_DAYS * 3), as_of.date()
    )
    enabled = settings.alerts_enabled
    if AlertKind.STAFFING in enabled:
        summary.changes += _staffing_alerts(ctx, calendar, settings, as_of)
    summary.changes += _case_alerts(ctx, settings, as_of)
    if AlertKind.COMPLAINT_OVERDUE in enabled:
        summary.changes += _complaint_alerts(ctx, calendar, settings, as_of)
    return summary


def _staffing_alerts(
    ctx: HallContext, calendar: WorkCalendar, settings: RuleSettings, as_of: datetime
) -> list[Change]:
    start = as_of.date() - timedelta(days=STAFFING_LOOKBACK_DAYS)
    verdicts = judge_range(ctx, start, as_of.date(), calendar)
    times = settings.session_times
    by_window: dict[str, list[tuple[datetime, Violation]]] = defaultdict(list)
    for v in verdicts:
        began = session_start(datetime.combine(v.day, datetime.min.time()), v.session, times)
        if v.verdict.is_violation and began <= as_of:
            by_window[v.window_no].append((began, Violation(v.day, v.session, v.verdict)))
    if not by_window:
        return []
    changes: list[Change] = []
    with ctx.db.session() as session:
        windows = {
            w.number: w
            for w in session.scalars(
                select(Window).where(Window.hall_id == ctx.hall_id, Window.number.in_(by_window))
            )
        }
        for number, found in sorted(by_window.items()):
            window = windows[number]
            key = f"window:{window.id}"
            last_closed = session.scalar(
                select(Alert.closed_at)
                .where(
                    Alert.hall_id == ctx.hall_id,
                    Alert.kind == AlertKind.STAFFING,
                    Alert.subject_key == key,
                    Alert.closed_at.is_not(None),
                    Alert.closed_at <= as_of,
                )
                .order_by(Alert.closed_at.desc())
            )
            current = [(began, v) for began, v in found if last_closed is None or began > last_closed]
            if not current:
                continue
            open_alert = find_open_alert(session, ctx.hall_id, AlertKind.STAFFING, key)
            anchor = open_alert.raised_at.date() if open_alert is not None else None
            decision = evaluate_window([v for _, v in current], calendar, settings, as_of.date(), anchor)
            if decision.level is None:
                continue
            first = decision.first_violation or current[0][1]
            text = f"{number}号窗口（{window.department.name}）{first.day.isoformat()} {first.session.value}{first.verdict.value}"
            if decision.level is AlertLevel.SUGGEST_CLOSURE:
                text = f"{number}号窗口（{window.department.name}）整改不到位，建议临时关闭"
            raised_at = next(b for b, v in current if v == first)
            change = record_alert(
                session,
                ctx.hall_id,
                Subject(AlertKind.STAFFING, key, window_id=window.id),
                level=decision.level,
                at=raised_at if open_alert is None else as_of,
                summary=text,
                deadline=decision.deadline,
                occurrences=[
                    (f"{v.day.isoformat()} {v.session.value}", b, v.verdict.value) for b, v in current
                ],
                note="；".join(decision.reasons),
                as_of=as_of,
            )
            if change is not None:
                changes.append(change)
    return changes


def _case_alerts(ctx: HallContext, settings: RuleSettings, as_of: datetime) -> list[Change]:
    today = as_of.date()
    enabled = settings.alerts_enabled
    recent = as_of - timedelta(days=RECENT_DAYS)
    changes: list[Change] = []
    unfinished = and_(Case.completed_at.is_(None), Case.received_at <= as_of)
    with ctx.db.session() as session:
        preload_open_alerts(session, ctx.hall_id, enabled - {AlertKind.STAFFING, AlertKind.COMPLAINT_OVERDUE})
        base = select(Case.id, Case.case_no, Case.window_id, Case.due_date, Item.name).join(
            Item, Case.item_id == Item.id
        )
        if AlertKind.CASE_OVERDUE in enabled:
            late = session.execute(
                base.where(
                    Case.hall_id == ctx.hall_id,
                    Case.due_date.is_not(None),
                    or_(
                        and_(unfinished, Case.due_date < today),
                        and_(
                            Case.completed_at > recent,
                            Case.completed_at <= as_of,
                            # By day: a case finished on its due day, at any hour, is on time.
                            Case.due_date < day_of(Case.completed_at, sqlite=ctx.db.is_sqlite),
                        ),
                    ),
                )
            ).all()
            for case_id, case_no, window_id, due, item in late:
                changes += _one(
                    session,
                    ctx,
                    Subject(AlertKind.CASE_OVERDUE, f"case:{case_id}", window_id, case_id),
                    AlertLevel.ORDER_TO_CORRECT,
                    as_of,
                    f"办件 {case_no}（{item}）超时，截止日期 {due.isoformat()}",
                    due,
                )
        due_today: set[int] = set()
        if AlertKind.CASE_DUE in enabled:
            for case_id, case_no, window_id, due, item in session.execute(
                base.where(Case.hall_id == ctx.hall_id, unfinished, Case.due_date == today)
            ).all():
                due_today.add(case_id)
                changes += _one(
                    session,
                    ctx,
                    Subject(AlertKind.CASE_DUE, f"case:{case_id}", window_id, case_id),
                    AlertLevel.NOTICE,
                    as_of,
                    f"办件 {case_no}（{item}）今日到期",
                    due,
                )
        _close_stale_due_alerts(session, ctx, due_today, as_of)
        if AlertKind.FRONT_SHOP in enabled:
            flagged = session.execute(
                select(Case.id, Case.case_no, Case.window_id, FrontShopFlag.reasons)
                .join(FrontShopFlag, FrontShopFlag.case_id == Case.id)
                .where(
                    Case.hall_id == ctx.hall_id,
                    FrontShopFlag.state != FlagState.DISMISSED,
                    Case.approved_at > recent,
                    Case.approved_at <= as_of,
                )
            ).all()
            for case_id, case_no, window_id, reasons in flagged:
                changes += _one(
                    session,
                    ctx,
                    Subject(AlertKind.FRONT_SHOP, f"case:{case_id}", window_id, case_id),
                    AlertLevel.ORDER_TO_CORRECT,
                    as_of,
                    f"办件 {case_no} 疑似前店后厂：{reasons}",
                    None,
                )
        if AlertKind.MULTIPLE_TRIPS in enabled:
            for case_id, case_no, window_id, trips in session.execute(
                select(Case.id, Case.case_no, Case.window_id, Case.trips).where(
                    Case.hall_id == ctx.hall_id,
                    Case.trips > 1,
                    Case.received_at > recent,
                    Case.received_at <= as_of,
                )
            ).all():
                changes += _one(
                    session,
                    ctx,
                    Subject(AlertKind.MULTIPLE_TRIPS, f"case:{case_id}", window_id, case_id),
                    AlertLevel.NOTICE,
                    as_of,
                    f"办件 {case_no} 申请人跑动 {trips} 次，超过最多跑一次",
                    None,
                )
    return changes


def _one(
    session,
    ctx: HallContext,
    subject: Subject,
    level: AlertLevel,
    at: datetime,
    summary: str,
    deadline: date | None,
) -> list[Change]:  # type: ignore[no-untyped-def]
    change = record_alert(
        session, ctx.hall_id, subject, level=level, at=at, summary=summary, deadline=deadline, as_of=at
    )
    return [change] if change else []


def _close_stale_due_alerts(session, ctx: HallContext, still_due: set[int], as_of: datetime) -> None:  # type: ignore[no-untyped-def]
    """A 临期 card ends by itself when its day has passed: the case was finished or became 超时."""
    for alert in session.scalars(
        select(Alert).where(
            Alert.hall_id == ctx.hall_id,
            Alert.kind == AlertKind.CASE_DUE,
            Alert.state.in_(OPEN_STATES),
        )
    ):
        if alert.case_id not in still_due and alert.raised_at <= as_of:
            close_alert(
                session,
                alert,
                at=as_of,
                actor=SYSTEM_ACTOR,
                action="自动关闭",
                state=AlertState.RESOLVED,
                note="到期日已过或办件已办结",
            )


def _complaint_alerts(
    ctx: HallContext, calendar: WorkCalendar, settings: RuleSettings, as_of: datetime
) -> list[Change]:
    from hallmonitor.domain.deadlines import complaint_due

    recent = as_of - timedelta(days=RECENT_DAYS)
    changes: list[Change] = []
    with ctx.db.session() as session:
        preload_open_alerts(session, ctx.hall_id, {AlertKind.COMPLAINT_OVERDUE})
        rows = session.execute(
            select(
                Complaint.id,
                Complaint.complaint_no,
                Complaint.window_id,
                Complaint.received_at,
                Complaint.completed_at,
            ).where(
                Complaint.hall_id == ctx.hall_id,
                Complaint.received_at <= as_of,
                or_(
                    Complaint.completed_at.is_(None),
                    and_(Complaint.completed_at > recent, Complaint.completed_at <= as_of),
                ),
            )
        ).all()
        for complaint_id, number, window_id, received, completed in rows:
            due = complaint_due(calendar, received.date(), settings.complaint_limit_working_days)
            done = completed.date() if completed is not None and completed <= as_of else None
            late = (done is None and as_of.date() > due) or (done is not None and done > due)
            if late:
                subject = Subject(
                    AlertKind.COMPLAINT_OVERDUE,
                    f"complaint:{complaint_id}",
                    window_id,
                    complaint_id=complaint_id,
                )
                changes += _one(
                    session,
                    ctx,
                    subject,
                    AlertLevel.ORDER_TO_CORRECT,
                    as_of,
                    f"办不成事反映 {number} 超期未办结，办理期限 {due.isoformat()}",
                    due,
                )
    return changes
