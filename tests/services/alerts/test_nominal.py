"""A 人员挂名 alert reviewed: who may, with what, and the notice a confirmation lets a supervisor print."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, Role
from hallmonitor.reports.notices import build_notice
from hallmonitor.services.alerts import Action, alert_detail, allowed_actions, notice_data, perform
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import Alert, NominalReview
from tests.support.nominal_week import import_week

CHECKED = datetime(2026, 5, 15, 17, 30)
NOTE = "调阅监控，张三本周未到窗口"


def nominal_alert(ctx: HallContext) -> int:
    with ctx.db.session() as s:
        found = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.NOMINAL_PRESENCE))
    assert found is not None
    return found


def test_a_review_needs_a_note_and_a_supervisor_and_is_offered_only_where_it_applies(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    alert_id = nominal_alert(hall)
    row = alert_detail(hall, alert_id).alert
    assert Action.CONFIRM_NOMINAL not in allowed_actions(row, Role.WINDOW_LEAD)
    with pytest.raises(ServiceError, match="核查说明"):
        perform(hall, alert_id, Action.CONFIRM_NOMINAL, "  ", at=CHECKED)
    confirmed = perform(hall, alert_id, Action.CONFIRM_NOMINAL, NOTE, at=CHECKED)
    run_rules(hall, datetime(2026, 5, 15, 18, 0))
    row = alert_detail(hall, alert_id).alert
    assert row.level.value == "红牌" and confirmed.id == alert_id
    # Once confirmed, it can be dismissed (a reversal), not confirmed again.
    assert allowed_actions(row, Role.SUPERVISOR) >= {Action.DISMISS_NOMINAL}
    assert Action.CONFIRM_NOMINAL not in allowed_actions(row, Role.SUPERVISOR)
    with hall.db.session() as s:
        reviews = s.execute(select(NominalReview.day, NominalReview.confirmed, NominalReview.note)).all()
    assert len(reviews) == 9 and {(r.confirmed, r.note) for r in reviews} == {(True, NOTE)}
    # The staffing order the confirmation raised cannot be reviewed as 挂名: never offered, refused.
    with hall.db.session() as s:
        order = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.STAFFING))
    assert order is not None
    assert Action.CONFIRM_NOMINAL not in allowed_actions(alert_detail(hall, order).alert, Role.SUPERVISOR)
    with pytest.raises(ServiceError, match="不是人员挂名预警"):
        perform(hall, order, Action.CONFIRM_NOMINAL, NOTE, at=datetime(2026, 5, 15, 18, 5))


def test_the_notice_of_a_confirmed_alert_cites_each_confirmed_session_and_the_finding(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    alert_id = nominal_alert(hall)
    with pytest.raises(ServiceError, match="待核查"):
        notice_data(hall, alert_id)
    perform(hall, alert_id, Action.CONFIRM_NOMINAL, NOTE, at=CHECKED)
    # Friday afternoon joins the alert after the review: it is not put to the department.
    run_rules(hall, datetime(2026, 5, 16, 9, 0))
    notice = build_notice(notice_data(hall, alert_id, issued_on=date(2026, 5, 16)))
    assert len(notice.table_rows) == 9
    assert notice.table_rows[0] == (
        "2026年5月11日",
        "上午",
        "在岗正式人员：张三（公务员，已到岗）；受理办件 6 件，均非排班正式人员受理或审批；"
        "受理：李四（劳务派遣）6 件；审批：李四（劳务派遣）6 件",
    )
    assert notice.after_table[:2] == (
        f"经{hall.actor.name}于2026年05月15日核查确认：{NOTE}",
        "（另有 1 个时段尚待核查，未列入。）",
    )
    # The staffing order the confirmation raised prints its sessions as confirmed 挂名.
    with hall.db.session() as s:
        order = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.STAFFING))
    assert order is not None
    staffing = build_notice(notice_data(hall, order, issued_on=date(2026, 5, 16)))
    assert staffing.table_rows[0][2:] == ("仅辅助人员（经核查确认挂名）", "张三（公务员）、李四（劳务派遣）")
