"""挂名 through the rules: a week imported where A01's formal officer never touches a case.

See ``tests/support/nominal_week.py`` for the week and the values worked out by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffingVerdict
from hallmonitor.services.alerts import (
    Action,
    AlertFilter,
    alert_detail,
    allowed_actions,
    list_alerts,
    perform,
)
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.services.rules import run_rules
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence
from tests.support.import_files import snapshot
from tests.support.nominal_week import FRIDAY_EVENING, RAISED, import_week

CHECKED = datetime(2026, 5, 15, 17, 30)


def alerts_of(ctx: HallContext, kind: AlertKind) -> list[Alert]:
    with ctx.db.session() as s:
        return list(s.scalars(select(Alert).where(Alert.kind == kind).order_by(Alert.raised_at)))


def events_of(ctx: HallContext, alert_id: int) -> list[tuple[datetime, str, str, str]]:
    with ctx.db.session() as s:
        return [
            (e.at, e.actor, e.action, e.level)
            for e in s.scalars(
                select(AlertEvent)
                .where(AlertEvent.alert_id == alert_id)
                .order_by(AlertEvent.at, AlertEvent.id)
            )
        ]


def occurrences_of(ctx: HallContext, alert_id: int) -> list[tuple[str, str]]:
    with ctx.db.session() as s:
        return sorted(
            (o.occurrence_key, o.detail)
            for o in s.scalars(select(AlertOccurrence).where(AlertOccurrence.alert_id == alert_id))
        )


def test_an_imported_week_of_nominal_presence_raises_an_alert_that_confirmed_moves_the_ladder(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)

    # The roster alone finds A01 compliant all week: no staffing alert.
    assert alerts_of(hall, AlertKind.STAFFING) == []
    [alert] = alerts_of(hall, AlertKind.NOMINAL_PRESENCE)
    assert alert.window_id is not None and alert.level is AlertLevel.TO_VERIFY
    assert alert.raised_at == RAISED
    assert events_of(hall, alert.id) == [
        (RAISED, "系统", "触发", "待核查"),
    ]
    # Every session judged by Friday evening: Monday to Thursday, and Friday morning (judged at 13:30).
    keys = [key for key, _detail in occurrences_of(hall, alert.id)]
    assert keys == [f"2026-05-{d} {s}" for d in (11, 12, 13, 14) for s in ("上午", "下午")] + [
        "2026-05-15 上午"
    ]
    assert alert.summary == "A01号窗口（市市场监督管理局）疑似挂名时段 9 个"
    [(_key, detail)] = [o for o in occurrences_of(hall, alert.id) if o[0] == "2026-05-11 上午"]
    assert detail == (
        "在岗正式人员：张三（公务员，已到岗）；受理办件 6 件，均非排班正式人员受理或审批；"
        "受理：李四（劳务派遣）6 件；审批：李四（劳务派遣）6 件"
    )

    # What the supervisor reads before accusing anyone: the roster's word and every case.
    evidence = alert_detail(hall, alert.id, with_evidence=True).evidence
    assert len(evidence) == 9
    first = evidence[0]
    assert (first.session.judgement.day, first.session.judgement.session) == (
        date(2026, 5, 11),
        Session.MORNING,
    )
    assert [o.describe() for o in first.evidence.officers] == [
        "张三（公务员，已到岗）",
        "李四（劳务派遣，已到岗）",
    ]
    assert [(c.case_no, c.receiver.name, c.approver.name) for c in first.evidence.cases][:2] == [  # type: ignore[union-attr]
        ("A01-0511-AM-0", "李四", "李四"),
        ("A01-0511-AM-1", "李四", "李四"),
    ]

    [row] = list_alerts(hall, AlertFilter(kind=AlertKind.NOMINAL_PRESENCE))
    supervisor = hall.actor.role
    assert {Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL} <= allowed_actions(row, supervisor)
    perform(hall, alert.id, Action.CONFIRM_NOMINAL, "调阅监控，张三本周未到窗口", at=CHECKED)
    run_rules(hall, FRIDAY_EVENING.replace(hour=18))

    [confirmed] = alerts_of(hall, AlertKind.NOMINAL_PRESENCE)
    assert confirmed.level is AlertLevel.RED_CARD
    assert events_of(hall, alert.id)[1:] == [
        (CHECKED, hall.actor.name, "确认挂名", "待核查"),
        (CHECKED, "系统", "确认违规", "红牌"),
    ]
    # The ladder takes the confirmed sessions up at the moment of the confirmation: nine sessions of
    # 仅辅助人员 within five working days, so the order is at once a suggestion to close.
    [order] = alerts_of(hall, AlertKind.STAFFING)
    assert order.window_id == alert.window_id
    assert order.raised_at == CHECKED
    assert [(at, action, level) for at, _who, action, level in events_of(hall, order.id)] == [
        (CHECKED, "触发", "责令纠正"),
        (CHECKED, "升级", "建议临时关闭"),
    ]
    assert order.deadline == date(2026, 5, 18)
    assert ("2026-05-11 上午", "仅辅助人员（经核查确认挂名）") in occurrences_of(hall, order.id)

    # The staffing figures count the sessions as 仅辅助人员 and still show who the roster named.
    monday = judge_range(hall, date(2026, 5, 11), date(2026, 5, 11), load_calendar(hall))
    a01 = [v for v in monday if v.window_no == "A01"]
    assert [(v.verdict, v.roster_verdict, v.nominal_confirmed, v.formal) for v in a01] == [
        (StaffingVerdict.AUXILIARY_ONLY, StaffingVerdict.COMPLIANT, True, ("张三",)),
    ] * 2
    assert {v.verdict for v in monday if v.window_no == "B01"} == {StaffingVerdict.COMPLIANT}

    # Nothing is derived twice: running the rules again, or later the same evening, writes no alert.
    before = snapshot(hall)
    run_rules(hall, FRIDAY_EVENING.replace(hour=18))
    run_rules(hall, FRIDAY_EVENING.replace(hour=19))
    after = snapshot(hall)
    assert after.pop("rules_mark") != before.pop("rules_mark")
    assert after == before


def test_dismissing_the_alert_ends_it_and_its_sessions_never_count_again(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    [alert] = alerts_of(hall, AlertKind.NOMINAL_PRESENCE)
    perform(hall, alert.id, Action.DISMISS_NOMINAL, "张三当周在后台审核，有签到记录", at=CHECKED)
    # Friday afternoon is suspected too, but one session is not three: nothing new is raised.
    run_rules(hall, datetime(2026, 5, 16, 9, 0))
    [ended] = alerts_of(hall, AlertKind.NOMINAL_PRESENCE)
    assert ended.state.value == "已撤销" and ended.closed_at == CHECKED
    assert alerts_of(hall, AlertKind.STAFFING) == []
    days = judge_range(hall, date(2026, 5, 11), date(2026, 5, 15), load_calendar(hall))
    assert {v.verdict for v in days} == {StaffingVerdict.COMPLIANT}
