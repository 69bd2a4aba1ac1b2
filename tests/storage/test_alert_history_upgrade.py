"""A hall's database from before the alert history was derived: upgraded, then regrouped by the first run.

The old rules raised one alert per overdue case or repeated trip and dated a
staffing escalation at the first violation. After the upgrade, the first rules
run judges the whole history: per-case alerts nobody touched give way to one
card per window, one a supervisor acted on is kept with that record and closed
as regrouped, and the staffing order keeps its number and gets its steps dated
when they happened.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from hallmonitor.services.hall import hall_context, settings_timeline
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Alert, AlertEvent, RulesMark
from tests.support.migrations import upgraded_to

LEGACY = [
    "INSERT INTO hall (id, code, name, created_at) VALUES (1, 'H001', '测试市政务服务大厅', '2026-04-01 08:00:00')",
    "INSERT INTO department (id, hall_id, name) VALUES (1, 1, '市场监管局')",
    "INSERT INTO setting (hall_id, key, value) VALUES (1, 'complaint_limit_working_days', '4')",
    "INSERT INTO service_window (id, hall_id, number, name, department_id, kind, state, zone, grid_row, grid_col)"
    " VALUES (1, 1, '1', '市场监管局窗口', 1, '专业窗口', '开放', '', 0, 0)",
    "INSERT INTO staff (id, hall_id, staff_no, name, department_id, category, active)"
    " VALUES (1, 1, 'A001', '李协理', 1, '劳务派遣', 1), (2, 1, 'F001', '王科长', 1, '公务员', 1)",
    # Auxiliary only on Mon 11 and Wed 13 May (both sessions), a formal officer on Tuesday.
    *(
        "INSERT INTO roster_entry (day, session, window_id, staff_id, attendance)"
        f" VALUES ('2026-05-{d}', '{s}', 1, {staff}, 1)"
        for d, staff in (("11", 1), ("12", 2), ("13", 1))
        for s in ("上午", "下午")
    ),
    "INSERT INTO item (id, hall_id, code, name, department_id, category, case_type, promised_days, legal_days,"
    " admitted, window_may_approve) VALUES (1, 1, 'I1', '事项I1', 1, '其他', '承诺件', 1, 0, 1, 1)",
    *(
        "INSERT INTO service_case (id, hall_id, case_no, window_id, item_id, applicant_type, applicant_name,"
        " applicant_id_display, applicant_id_hash, received_at, status, trips, due_date)"
        f" VALUES ({n}, 1, 'C{n}', 1, 1, '企业', '某公司', '', '', '2026-05-11 10:00:00', '已受理', {trips},"
        " '2026-05-12')"
        for n, trips in ((1, 1), (2, 3))
    ),
    # The old rules' alerts: the staffing order recorded at its final level, dated at the first violation;
    # a red card for case 1 that a supervisor acknowledged; a trips notice for case 2 nobody touched.
    "INSERT INTO alert (id, hall_id, window_id, subject_key, kind, level, state, raised_at, deadline, summary,"
    " occurrence_count, last_seen_at) VALUES (1, 1, 1, 'window:1', '人员配置', '建议临时关闭', '待处理',"
    " '2026-05-11 09:00:00', '2026-05-12', '1号窗口（市场监管局）整改不到位，建议临时关闭', 1, '2026-05-11 09:00:00')",
    "INSERT INTO alert (id, hall_id, window_id, case_id, subject_key, kind, level, state, raised_at, summary,"
    " occurrence_count, last_seen_at) VALUES (2, 1, 1, 1, 'case:1', '办件超时', '责令纠正', '已确认',"
    " '2026-05-14 10:00:00', '办件 C1 超时', 1, '2026-05-14 10:00:00')",
    "INSERT INTO alert (id, hall_id, window_id, case_id, subject_key, kind, level, state, raised_at, summary,"
    " occurrence_count, last_seen_at) VALUES (3, 1, 1, 2, 'case:2', '多次跑动', '提示', '待处理',"
    " '2026-05-14 10:00:00', '办件 C2 跑动 3 次', 1, '2026-05-14 10:00:00')",
    "INSERT INTO alert_event (alert_id, at, actor, action, from_state, to_state, level, note) VALUES"
    " (1, '2026-05-11 09:00:00', '系统', '触发', '', '待处理', '建议临时关闭', '旧规则'),"
    " (2, '2026-05-14 10:00:00', '系统', '触发', '', '待处理', '责令纠正', '旧规则'),"
    " (2, '2026-05-14 11:00:00', '张主任', '确认', '待处理', '已确认', '责令纠正', '已通知窗口'),"
    " (3, '2026-05-14 10:00:00', '系统', '触发', '', '待处理', '提示', '旧规则')",
]


@pytest.fixture
def legacy_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'legacy.sqlite3'}"
    upgraded_to("0001", url, tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in LEGACY:
            conn.execute(text(statement))
    engine.dispose()
    return url


def test_an_old_hall_is_upgraded_and_its_alerts_regrouped_with_their_record_kept(legacy_url: str) -> None:
    db = open_database(legacy_url)
    ctx = hall_context(db)
    with db.session() as s:
        assert s.get(RulesMark, 1).judged_until is None  # the first run judges everything
    assert settings_timeline(ctx).current.complaint_limit_working_days == 4

    run_rules(ctx, datetime(2026, 5, 15, 18, 0))
    with db.session() as s:
        alerts = {a.id: a for a in s.scalars(select(Alert))}
        events = {
            a: [
                (e.at, e.actor, e.action, e.level)
                for e in s.scalars(
                    select(AlertEvent).where(AlertEvent.alert_id == a).order_by(AlertEvent.at, AlertEvent.id)
                )
            ]
            for a in alerts
        }
    # The staffing order keeps its number; its escalation is dated at Wednesday morning's session.
    assert events[1] == [
        (datetime(2026, 5, 11, 9, 0), "系统", "触发", "责令纠正"),
        (datetime(2026, 5, 13, 9, 0), "系统", "升级", "建议临时关闭"),
    ]
    # The acknowledged red card: its whole record kept, then closed as regrouped.
    assert alerts[2].state.value == "已撤销"
    assert events[2] == [
        (datetime(2026, 5, 14, 10, 0), "系统", "触发", "责令纠正"),
        (datetime(2026, 5, 14, 11, 0), "张主任", "确认", "责令纠正"),
        (datetime(2026, 5, 14, 11, 0), "系统", "撤回", "责令纠正"),
    ]
    # The untouched per-case notice is gone; each kind now has one card for the window.
    assert 3 not in alerts
    cards = {
        a.kind.value: a for a in alerts.values() if a.subject_key == "window:1" and a.kind.value != "人员配置"
    }
    assert set(cards) == {"办件超时", "办件临期", "多次跑动"}
    assert cards["办件超时"].raised_at == datetime(2026, 5, 12, 23, 59, 59)
    assert cards["多次跑动"].level.value == "待核查"
    db.close()
