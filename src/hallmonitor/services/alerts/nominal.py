"""A supervisor's review of a 人员挂名 alert, and the evidence it is reviewed on.

Confirming says the window's formal officer was there on paper only: every
session the alert holds then counts as 仅辅助人员 (the staffing verdicts read
the reviews), which the staffing ladder takes up at the next rules run, and
the alert turns 红牌. Dismissing says the evidence does not hold: the sessions
are judged by the roster again and the alert ends once all are dismissed. Both
need a note, both are appended (one review per session, one event on the
alert) and nothing is ever edited, so a department shown the notice can be
shown what the supervisor saw and said.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.notices import NoticeFact
from hallmonitor.services.alerts.actions import NOMINAL_REVIEWS, Action, action_name
from hallmonitor.services.alerts.query import AlertRow, alert_detail, alert_sessions
from hallmonitor.services.alerts.workflow import _load, _now, _text
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.storage.models import AlertEvent, AlertOccurrence, NominalReview

__all__ = ["nominal_facts", "review_nominal"]


def review_nominal(
    ctx: HallContext,
    alert_id: int,
    confirmed: bool,
    note: str,
    *,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> AlertRow:
    """Confirm or dismiss every session the alert holds, with ``note``; see the module docstring."""
    action = Action.CONFIRM_NOMINAL if confirmed else Action.DISMISS_NOMINAL
    at = _now(at)
    note = _text(note, mark("the review's note"))
    with ctx.db.session() as session:
        alert = _load(session, ctx, alert_id, action, at, expected_version)
        if alert.kind is not AlertKind.NOMINAL_PRESENCE or alert.window_id is None:
            raise ServiceError(
                say(
                    "Alert #{id} is not a nominal presence alert: “{action}” does not apply to it.",
                    id=alert.id,
                    action=action_name(action),
                )
            )
        if alert.level not in NOMINAL_REVIEWS[action]:
            raise ServiceError(
                say(
                    "Alert #{id} is “{level}” already: “{action}” does not apply to it.",
                    id=alert.id,
                    level=alert.level.value,
                    action=action_name(action),
                )
            )
        keys = list(
            session.scalars(
                select(AlertOccurrence.occurrence_key).where(AlertOccurrence.alert_id == alert.id)
            )
        )
        sessions = alert_sessions(keys)
        if not sessions:
            raise ServiceError(say("Alert #{id} holds no session to review.", id=alert.id))
        # A reversed confirmation takes back the violations it made from the moment it was made,
        # so the rules judge again from the first review of these sessions.
        first_review = session.scalar(
            select(func.min(NominalReview.at)).where(
                NominalReview.window_id == alert.window_id,
                NominalReview.day.in_(sorted({d for d, _s in sessions})),
            )
        )
        facts_changed(session, ctx.hall_id, min(at, first_review) if first_review is not None else at)
        for day, sess in sessions:
            session.add(
                NominalReview(
                    hall_id=ctx.hall_id,
                    window_id=alert.window_id,
                    day=day,
                    session=sess,
                    confirmed=confirmed,
                    note=note,
                    actor=ctx.actor.name,
                    at=at,
                    alert_id=alert.id,
                )
            )
        session.add(
            AlertEvent(
                alert_id=alert.id,
                at=at,
                actor=ctx.actor.name,
                action=action.value,
                from_state=alert.state.value,
                to_state="",
                level=alert.level.value,
                note=note,
            )
        )
        alert.version = (alert.version or 1) + 1
    return alert_detail(ctx, alert_id).alert


def nominal_facts(
    ctx: HallContext, window_id: int, occurrences: list[tuple[str, datetime, str]]
) -> tuple[list[NoticeFact], list[str]]:
    """A confirmed 人员挂名 notice's rows and findings: each confirmed session with the evidence the
    rules recorded for it, and who confirmed it when, with what note.

    Sessions the alert holds that nobody confirmed (one that joined it after the review) are not
    put to the department; the notice says how many there are.
    """
    with ctx.db.session() as session:
        reviews = session.execute(
            select(
                NominalReview.day,
                NominalReview.session,
                NominalReview.confirmed,
                NominalReview.at,
                NominalReview.actor,
                NominalReview.note,
            )
            .where(NominalReview.hall_id == ctx.hall_id, NominalReview.window_id == window_id)
            .order_by(NominalReview.at, NominalReview.id)
        ).all()
    last = {(day, sess): (confirmed, at, actor, note) for day, sess, confirmed, at, actor, note in reviews}
    facts: list[NoticeFact] = []
    found: dict[tuple[datetime, str, str], None] = {}
    waiting = 0
    for key, _at, detail in sorted(occurrences):
        for day, sess in alert_sessions([key]):
            review = last.get((day, sess))
            if review is None or not review[0]:
                waiting += 1
                continue
            facts.append(NoticeFact(day, sess, None, text=detail))
            found[review[1:]] = None
    findings = [f"经{actor}于{at:%Y年%m月%d日}核查确认：{note}" for at, actor, note in found]
    if waiting:
        findings.append(f"（另有 {waiting} 个时段尚待核查，未列入。）")
    return facts, findings
