"""Each role's forbidden actions are refused by the services themselves, so the UI, imports and the
command line obey the same table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from hallmonitor.domain.enums import FlagState, Role
from hallmonitor.domain.permissions import PERMISSIONS, Permission
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.services.accounts import list_accounts
from hallmonitor.services.alerts import acknowledge, close_window, revoke
from hallmonitor.services.cases import void_case
from hallmonitor.services.front_shop import review_flag
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, hall_context, save_settings
from hallmonitor.services.hall_data import add_department
from hallmonitor.services.settings import remove_day, rename_hall
from hallmonitor.services.staffing import save_roster_changes

#: One use case per permission; each is refused before it looks at its arguments.
ACTIONS: dict[Permission, Callable[[HallContext], object]] = {
    Permission.EDIT_ROSTER: lambda c: save_roster_changes(c, []),
    Permission.ENTER_CASES: lambda c: void_case(c, 10**6, "重复登记"),
    Permission.REVIEW_FLAGS: lambda c: review_flag(c, 10**6, FlagState.CONFIRMED, "已核实"),
    Permission.ANSWER_ALERTS: lambda c: acknowledge(c, 10**6, "收到"),
    Permission.ACT_ON_ALERTS: lambda c: revoke(c, 10**6, "误报"),
    Permission.CLOSE_WINDOWS: lambda c: close_window(c, 10**6, "整改不到位"),
    Permission.EDIT_SETTINGS: lambda c: rename_hall(c, "新名称"),
    Permission.EDIT_MASTER_DATA: lambda c: add_department(c, "新部门"),
    Permission.MANAGE_ACCOUNTS: lambda c: list_accounts(c),
}


def _as(ctx: HallContext, role: Role) -> HallContext:
    return replace(ctx, actor=Actor(f"{role.value}甲", role, login=f"{role.name.lower()}"))


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(ACTIONS))
def test_each_role_may_do_exactly_what_its_row_grants(
    sqlite_hall: HallContext, role: Role, permission: Permission
) -> None:
    ctx = _as(sqlite_hall, role)
    if permission in PERMISSIONS[role]:
        try:
            ACTIONS[permission](ctx)
        except PermissionDenied as exc:  # pragma: no cover - the failure's message
            pytest.fail(f"{role} was refused {permission}: {exc}")
        except Exception:
            pass  # allowed: refused, if at all, for the made-up record
    else:
        with pytest.raises(PermissionDenied, match=f"{role.value}.*无权"):
            ACTIONS[permission](ctx)


def test_settings_and_calendar_belong_to_the_administrator(sqlite_hall: HallContext) -> None:
    for role in (Role.SUPERVISOR, Role.WINDOW_LEAD, Role.CENTER_VIEWER, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            save_settings(_as(sqlite_hall, role), RuleSettings())
        with pytest.raises(PermissionDenied):
            remove_day(_as(sqlite_hall, role), date(2026, 5, 13))
    save_settings(_as(sqlite_hall, Role.ADMIN), RuleSettings())


def test_a_window_lead_answers_the_alerts_of_their_windows_only(sqlite_hall: HallContext) -> None:
    from hallmonitor.domain.enums import AlertKind, AlertState
    from hallmonitor.services.alerts import list_alerts, start_rectification
    from hallmonitor.services.rules import run_rules
    from tests.support.alert_scenario import MON, at, build_ladder

    built = build_ladder(sqlite_hall)
    run_rules(sqlite_hall, at(MON, 9, 30))
    [alert] = list_alerts(sqlite_hall, kind=AlertKind.STAFFING)
    other = replace(sqlite_hall, actor=Actor("李窗口", Role.WINDOW_LEAD, login="li", windows=frozenset({-1})))
    with pytest.raises(PermissionDenied, match="只能处理分配给自己的窗口"):
        start_rectification(other, alert.id, "安排正式公职人员", at=at(MON, 9, 40))
    own = replace(other, actor=replace(other.actor, windows=frozenset({built.window})))
    with pytest.raises(PermissionDenied):
        close_window(own, alert.id, "整改不到位", at=at(MON, 9, 45))
    row = start_rectification(own, alert.id, "安排正式公职人员", at=at(MON, 9, 45))
    assert row.state is AlertState.RECTIFYING


def test_an_auditor_reads_the_audit_trail_and_nothing_of_the_halls_work(sqlite_hall: HallContext) -> None:
    from datetime import datetime

    from hallmonitor.services.alerts import alert_departments, count_open, list_alerts
    from hallmonitor.services.cases import CaseFilter, case_detail, count_cases, fetch_cases, filter_choices
    from hallmonitor.services.front_shop import list_flags
    from hallmonitor.services.hall_data import history, list_departments, list_items, list_staff, list_windows
    from hallmonitor.services.rules import check_day
    from hallmonitor.services.staffing import board_snapshot, load_week, open_alert_count
    from hallmonitor.services.statistics import cases_per_window, weekly_compliance

    auditor = hall_context(sqlite_hall.db, actor=Actor("审计员甲", Role.AUDITOR))
    reads = [
        lambda: list_alerts(auditor),
        lambda: count_open(auditor),
        lambda: alert_departments(auditor),
        lambda: board_snapshot(auditor, datetime(2026, 5, 11, 10, 0)),
        lambda: open_alert_count(auditor),
        lambda: load_week(auditor, date(2026, 5, 11)),
        lambda: list_windows(auditor),
        lambda: list_staff(auditor),
        lambda: list_items(auditor),
        lambda: list_departments(auditor),
        lambda: history(auditor, "window", 1),
        lambda: count_cases(auditor, CaseFilter()),
        lambda: fetch_cases(auditor, CaseFilter()),
        lambda: filter_choices(auditor),
        lambda: case_detail(auditor, 1),
        lambda: list_flags(auditor),
        lambda: check_day(auditor, date(2026, 5, 11)),
        lambda: cases_per_window(auditor, date(2026, 5, 1), date(2026, 5, 31)),
        lambda: weekly_compliance(auditor, 4, date(2026, 5, 31)),
    ]
    for read in reads:
        with pytest.raises(PermissionDenied, match="查看大厅"):
            read()
    viewer = hall_context(sqlite_hall.db, actor=Actor("中心甲", Role.CENTER_VIEWER))
    assert list_alerts(viewer) == [] and list_windows(viewer) == []
