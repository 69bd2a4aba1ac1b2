"""A window set 停用 from a day: not judged from then, no roster, and its history says who and why."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from hallmonitor.domain.enums import AlertKind, Role, Session, StaffCategory, WindowState
from hallmonitor.services.alerts import alert_detail, close_window, list_alerts
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError, read_mark
from hallmonitor.services.hall_data import history, list_windows, set_window_state
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import RosterEntry
from tests.support import builders as b
from tests.support.alert_scenario import as_role

MON, WED, FRI = date(2026, 5, 11), date(2026, 5, 13), date(2026, 5, 15)


def _auxiliary_week(hall: HallContext) -> int:
    w = b.window(hall, "7", "税务局")
    aux = b.staff(hall, "A7", "赵协理", StaffCategory.LABOUR_DISPATCH)
    for day in range(11, 16):
        for session in Session:
            b.duty(hall, w, aux, date(2026, 5, day), session)
    return w


def _staffing_moments(hall: HallContext) -> list[datetime]:
    alerts = [a for a in list_alerts(hall) if a.kind is AlertKind.STAFFING]
    return sorted(o.at for a in alerts for o in alert_detail(hall, a.id).occurrences)


def _roster_days(hall: HallContext, window_id: int) -> set[date]:
    with hall.db.session() as s:
        return set(s.scalars(select(RosterEntry.day).where(RosterEntry.window_id == window_id)))


def test_a_window_out_of_service_from_a_day_is_not_judged_from_it_and_loses_its_roster(
    hall: HallContext,
) -> None:
    w = _auxiliary_week(hall)
    run_rules(hall, datetime(2026, 5, 15, 18, 0))
    assert {m.date() for m in _staffing_moments(hall)} >= {WED, FRI}

    result = set_window_state(hall, w, "停用", "窗口撤并到综合窗口", from_day=WED, today=FRI)
    assert result.roster_removed == 6
    assert result.effective_from == datetime(2026, 5, 13, 0, 0)
    assert "删除其后排班 6 条" in result.sentence()
    assert _roster_days(hall, w) == {MON, date(2026, 5, 12)}
    with hall.db.session() as s:
        assert read_mark(s, hall.hall_id).dirty_from == datetime(2026, 5, 13, 0, 0)

    run_rules(hall, datetime(2026, 5, 15, 18, 0))
    moments = _staffing_moments(hall)
    assert moments, "Monday and Tuesday stay judged"
    assert all(m < datetime(2026, 5, 13) for m in moments)
    assert list_windows(hall, "7")[0].state is WindowState.OUT_OF_SERVICE


def test_the_history_names_who_set_the_state_why_and_from_when(hall: HallContext) -> None:
    w = _auxiliary_week(hall)
    set_window_state(hall, w, WindowState.OUT_OF_SERVICE, "装修停用", from_day=WED, today=FRI)
    set_window_state(hall, w, WindowState.OPEN, "装修完毕", from_day=FRI, today=FRI)
    entries = history(hall, "window", w)
    states = [e for e in entries if e.action == "state"]
    assert [(e.after["state"], e.reason, e.actor) for e in states] == [
        ("开放", "装修完毕", "tester"),
        ("停用", "装修停用", "tester"),
    ]
    assert states[1].before == {"state": "开放"}
    assert states[1].after["effective_from"] == "2026-05-13 00:00"
    assert states[1].after["roster_removed"] == 6


def test_state_changes_the_alert_workflow_made_are_in_the_history_too(hall: HallContext) -> None:
    w = _auxiliary_week(hall)
    run_rules(hall, datetime(2026, 5, 15, 18, 0))
    alert = next(a for a in list_alerts(hall) if a.kind is AlertKind.STAFFING)
    assert alert.level.value == "建议临时关闭"
    close_window(hall, alert.id, "整改不到位", at=datetime(2026, 5, 15, 17, 0))
    entries = history(hall, "window", w)
    assert entries[0].after["state"] == "临时关闭"
    assert "整改不到位" in entries[0].reason
    with pytest.raises(ServiceError, match="预警处理"):
        set_window_state(hall, w, "开放", "想开就开", today=FRI)


def test_states_of_the_alert_workflow_and_bad_dates_are_refused_with_a_sentence(hall: HallContext) -> None:
    w = _auxiliary_week(hall)
    for state in ("整改中", "临时关闭"):
        with pytest.raises(ServiceError, match="由预警处理决定"):
            set_window_state(hall, w, state, "原因", today=FRI)
    with pytest.raises(ServiceError, match="原因不能为空"):
        set_window_state(hall, w, "停用", "  ", today=FRI)
    with pytest.raises(ServiceError, match="不能晚于今天"):
        set_window_state(hall, w, "停用", "装修", from_day=date(2026, 5, 16), today=FRI)
    with pytest.raises(ServiceError, match="已是开放"):
        set_window_state(hall, w, "开放", "原因", today=FRI)
    set_window_state(hall, w, "停用", "装修", from_day=WED, today=FRI)
    with pytest.raises(ServiceError, match="不能早于 2026-05-13"):
        set_window_state(hall, w, "开放", "装修完毕", from_day=MON, today=FRI)
    with pytest.raises(PermissionDenied):
        set_window_state(as_role(hall, Role.WINDOW_LEAD), w, "开放", "装修完毕", today=FRI)
    with hall.db.session() as s:
        assert s.scalar(select(func.count()).select_from(RosterEntry)) == 4


def test_a_second_change_on_the_same_day_follows_the_first(hall: HallContext) -> None:
    w = _auxiliary_week(hall)
    set_window_state(hall, w, "停用", "误操作前", from_day=FRI, today=FRI)
    again = set_window_state(hall, w, "开放", "设错了，恢复", from_day=FRI, today=FRI)
    assert again.effective_from == datetime(2026, 5, 15, 0, 0, 1)
    assert list_windows(hall)[0].state is WindowState.OPEN
