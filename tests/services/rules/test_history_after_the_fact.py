"""A hall that enters its week on Monday gets the history it would have had, had the app run all week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind
from hallmonitor.reports.weekly import S, write_week
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.services.weekly import build_week
from hallmonitor.storage.models import Alert, AlertEvent
from tests.support.import_files import ROSTER_HEADER, STAFF_HEADER, load, seed_reference, snapshot

#: Before the hall opens: the rules do not judge a session that has not begun.
MONDAY_MORNING = datetime(2026, 5, 11, 8, 30)
SLIPS = {(date(2026, 4, 30), "下午"), (date(2026, 5, 6), "上午"), (date(2026, 5, 6), "下午")}


def roster_rows(ctx: HallContext) -> list[list[str]]:
    """A01 auxiliary only on Thu 30 April afternoon and all of Wed 6 May (the break between); else staffed."""
    calendar = load_calendar(ctx)
    rows = []
    day = date(2026, 4, 27)
    while day <= date(2026, 5, 9):
        if calendar.is_workday(day):
            for session in ("上午", "下午"):
                a01 = "1002" if (day, session) in SLIPS else "1001"
                rows.append([day.isoformat(), session, "A01", a01, "是"])
                rows.append([day.isoformat(), session, "A02", "1004", "是"])
                rows.append([day.isoformat(), session, "B01", "1003", "是"])
        day += timedelta(days=1)
    return rows


def seed(ctx: HallContext, tmp_path: Path) -> None:
    """Windows, staff and items, entered that Monday morning like the roster."""
    seed_reference(ctx, tmp_path, now=MONDAY_MORNING)
    load(ctx, tmp_path, "staff", STAFF_HEADER, [["1004", "赵六", "市税务局", "公务员"]], now=MONDAY_MORNING)


def figures(path: Path) -> dict[str, object]:
    sheet = load_workbook(path)[S.OVERVIEW]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}


def alert_sheet(path: Path) -> list[tuple[object, ...]]:
    return [
        row[1:4] + row[9:10] for row in load_workbook(path)[S.ALERTS].iter_rows(min_row=2, values_only=True)
    ]


def test_a_week_imported_on_monday_orders_on_30_april_and_escalates_on_6_may(
    hall: HallContext, tmp_path: Path
) -> None:
    seed(hall, tmp_path)
    load(hall, tmp_path, "roster", ROSTER_HEADER, roster_rows(hall), now=MONDAY_MORNING)

    week19 = write_week(build_week(hall, "2026-W19", now=MONDAY_MORNING), tmp_path / "w19")
    week18 = write_week(build_week(hall, "2026-W18", now=MONDAY_MORNING), tmp_path / "w18")

    with hall.db.session() as s:
        [alert] = s.scalars(select(Alert).where(Alert.kind == AlertKind.STAFFING)).all()
        events = [
            (e.at, e.action, e.level)
            for e in s.scalars(
                select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.at)
            )
        ]
    assert events == [
        (datetime(2026, 4, 30, 13, 30), "触发", "责令纠正"),
        # The deadline was the end of Wed 6 May (the next working day after the break); 6 May's
        # afternoon made three violating sessions within five working days.
        (datetime(2026, 5, 6, 13, 30), "升级", "建议临时关闭"),
    ]
    assert (figures(week19)["责令纠正次数"], figures(week19)["建议临时关闭次数"]) == (0, 1)
    assert (figures(week18)["责令纠正次数"], figures(week18)["建议临时关闭次数"]) == (1, 0)
    # Week 18 shows the order as it stood then, not the closure suggestion that came later.
    assert alert_sheet(week18) == [
        ("A01", "人员配置", "责令纠正", "A01号窗口（市市场监督管理局）2026-04-30 下午仅辅助人员")
    ]
    assert alert_sheet(week19) == [
        ("A01", "人员配置", "建议临时关闭", "A01号窗口（市市场监督管理局）整改不到位，建议临时关闭")
    ]


def test_exporting_a_week_when_the_rules_are_up_to_date_writes_nothing(
    hall: HallContext, tmp_path: Path
) -> None:
    seed(hall, tmp_path)
    load(
        hall, tmp_path, "roster", ROSTER_HEADER, roster_rows(hall), now=MONDAY_MORNING
    )  # the import brings the rules up to date
    before = snapshot(hall)
    for week in ("2026-W19", "2026-W18", "2026-W19"):
        write_week(build_week(hall, week, now=MONDAY_MORNING), tmp_path / week)
    assert snapshot(hall) == before
