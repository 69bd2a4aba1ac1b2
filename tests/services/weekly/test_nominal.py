"""疑似挂名 in the weekly report of the imported week where A01's formal officer touched no case.

Worked out by hand (see ``tests/support/nominal_week.py``): A01 is suspected in
all ten sessions of 2026-W20; the supervisor confirmed the alert on Friday at
17:30, when it held the nine sessions up to Friday morning; Friday afternoon,
judged at the day's end, joined it afterwards and is still to be checked. The
nine confirmed sessions count as 仅辅助人员.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind
from hallmonitor.reports.weekly import S, write_week
from hallmonitor.services.alerts import Action, perform
from hallmonitor.services.hall import HallContext
from hallmonitor.services.weekly import build_week
from hallmonitor.storage.models import Alert
from tests.support.nominal_week import import_week

CHECKED = datetime(2026, 5, 15, 17, 30)
NOTE = "调阅监控，张三本周未到窗口"
AFTER_THE_WEEK = datetime(2026, 5, 18, 9, 0)


def sheet(path: Path, name: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(path)[name].iter_rows(min_row=2, values_only=True))


def export(ctx: HallContext, folder: Path) -> Path:
    return write_week(build_week(ctx, "2026-W20", now=AFTER_THE_WEEK), folder)


def test_the_weeks_suspected_sessions_with_how_each_stood_and_the_overview_figure(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    with hall.db.session() as s:
        alert_id = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.NOMINAL_PRESENCE))
    assert alert_id is not None
    perform(hall, alert_id, Action.CONFIRM_NOMINAL, NOTE, at=CHECKED)
    path = export(hall, tmp_path / "out")

    sessions = [(f"2026-05-{d}", s) for d in (11, 12, 13, 14, 15) for s in ("上午", "下午")]
    expected = [
        (
            "A01",
            "市市场监督管理局",
            datetime.fromisoformat(day),
            session,
            "张三（公务员）",
            6,
            0,
            "待核查" if (day, session) == ("2026-05-15", "下午") else "已确认",
        )
        for day, session in sessions
    ]
    rows = sheet(path, S.NOMINAL)
    assert [row[:8] for row in rows] == expected
    assert rows[0][8].startswith("受理办件 6 件，均非排班正式人员受理或审批；受理：李四（劳务派遣）6 件")
    assert [row[9] for row in rows] == [NOTE] * 9 + [None]

    figures = {row[0]: row[1] for row in sheet(path, S.OVERVIEW) if row[0]}
    assert figures["疑似挂名时段数"] == 10
    # A01, A02, B01 × ten sessions; the nine confirmed ones are 仅辅助人员.
    assert (figures["窗口时段数"], figures["合规时段数"], figures["仅辅助人员时段数"]) == (30, 21, 9)
    assert (figures["责令纠正次数"], figures["建议临时关闭次数"]) == (1, 1)
    # The staffing sheet keeps the roster's word beside the verdict.
    monday_a01 = next(r for r in sheet(path, S.STAFFING) if r[0] == "A01" and r[3] == "上午")
    assert monday_a01[4:8] == (1, 1, "张三（挂名）、李四（辅助）", "仅辅助人员")


def test_a_week_exported_before_the_review_shows_every_session_still_to_check(
    hall: HallContext, tmp_path: Path
) -> None:
    import_week(hall, tmp_path)
    before = export(hall, tmp_path / "before")
    with hall.db.session() as s:
        alert_id = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.NOMINAL_PRESENCE))
    assert alert_id is not None
    # Reviewed the Monday after: that week's report, exported again, is as it was on Sunday night.
    perform(hall, alert_id, Action.CONFIRM_NOMINAL, NOTE, at=datetime(2026, 5, 18, 10, 0))
    again = write_week(build_week(hall, "2026-W20", now=datetime(2026, 5, 18, 11, 0)), tmp_path / "again")
    assert {row[7] for row in sheet(before, S.NOMINAL)} == {"待核查"}
    assert sheet(again, S.NOMINAL) == sheet(before, S.NOMINAL)
    assert sheet(again, S.STAFFING) == sheet(before, S.STAFFING)
