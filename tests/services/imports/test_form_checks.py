"""An import takes only what the case form and the roster would: judged by what was true on the row's day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import ImportResult, import_file
from hallmonitor.storage.models import Case, RosterEntry, Staff, Window, WindowStateChange
from tests.support.import_files import (
    CASE_HEADER,
    COMPLAINT_HEADER,
    ROSTER_HEADER,
    case_row,
    seed_reference,
    snapshot,
    write_xlsx,
)

NOW = datetime(2026, 6, 1, 9, 0)


def set_state(
    ctx: HallContext, number: str, changes: list[tuple[datetime, WindowState, WindowState]]
) -> None:
    """A window's recorded history of states, its current state the last one."""
    with ctx.db.session() as session:
        window = session.scalars(select(Window).where(Window.number == number)).one()
        for at, before, after in changes:
            session.add(WindowStateChange(window_id=window.id, at=at, from_state=before, to_state=after))
            window.state = after


@pytest.fixture
def seeded(hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(hall, tmp_path, now=datetime(2026, 5, 1))
    # A02 out of service from 10 May; B01 closed by a supervisor on 7 May, under rectification from 8 May.
    set_state(hall, "A02", [(datetime(2026, 5, 10), WindowState.OPEN, WindowState.OUT_OF_SERVICE)])
    set_state(
        hall,
        "B01",
        [
            (datetime(2026, 5, 7, 9), WindowState.OPEN, WindowState.CLOSED),
            (datetime(2026, 5, 8, 9), WindowState.CLOSED, WindowState.RECTIFYING),
        ],
    )
    return hall


def refused(ctx: HallContext, path: Path, kind: str) -> ImportResult:
    before = snapshot(ctx)
    result = import_file(ctx, kind, path, now=NOW)
    assert result.stopped and result.written == 0
    assert snapshot(ctx) == before
    return result


def at_window(case_no: str, window: str, received: str, **changes: Any) -> list[Any]:
    return case_row(
        case_no, 窗口号=window, 受理时间=received, 审批时间="", 办结时间=f"{received[:10]} 17:00", **changes
    )


def test_a_case_at_a_window_out_of_service_on_its_day_is_refused(seeded: HallContext, tmp_path: Path) -> None:
    rows = [
        at_window("C1", "A02", "2026-05-09 10:00"),  # before 停用: taken
        at_window("C2", "A02", "2026-05-11 10:00"),  # 停用
        at_window("C3", "B01", "2026-05-07 10:00"),  # 临时关闭
        at_window("C4", "B01", "2026-05-08 10:00"),  # 整改中 is in service
    ]
    path = write_xlsx(tmp_path / "办件.xlsx", CASE_HEADER, rows)
    result = refused(seeded, path, "cases")
    assert [str(e) for e in result.errors] == [
        "第3行，列「窗口号」：窗口 A02 在受理时间 2026-05-11 10:00 为“停用”，不能登记办件",
        "第4行，列「窗口号」：窗口 B01 在受理时间 2026-05-07 10:00 为“临时关闭”，不能登记办件",
    ]
    ok = import_file(
        seeded, "cases", write_xlsx(tmp_path / "ok.xlsx", CASE_HEADER, [rows[0], rows[3]]), now=NOW
    )
    assert (ok.inserted, ok.errors) == (2, [])


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"审批人工号": ""}, "审批人工号", "填写了审批地点，请同时填写审批人工号"),
        ({"审批地点": ""}, "审批地点", "填写了审批人或审批时间，请同时填写审批地点"),
        ({"审批地点": "", "审批人工号": ""}, "审批地点", "填写了审批人或审批时间，请同时填写审批地点"),
        ({"审批人工号": "7777"}, "审批人工号", "工号 7777 不存在（请先导入人员）"),
        (
            {"审批时间": "2026-05-06 09:00"},
            "审批时间",
            "审批时间 2026-05-06 09:00 早于受理时间 2026-05-06 09:30",
        ),
        ({"受理时间": "2026-06-02 09:00", "审批时间": "", "办结时间": ""}, "受理时间", "晚于当前时间"),
    ],
)
def test_approval_is_checked_as_on_the_case_form(
    seeded: HallContext, tmp_path: Path, changes: dict[str, str], column: str, message: str
) -> None:
    if changes.get("办结时间") == "":
        changes["办件状态"] = "已受理"
    path = write_xlsx(tmp_path / "办件.xlsx", CASE_HEADER, [case_row("C1"), case_row("C2", **changes)])
    result = refused(seeded, path, "cases")
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message


def test_an_approval_without_a_time_is_dated_as_the_form_dates_it(
    seeded: HallContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "办件.xlsx", CASE_HEADER, [case_row("C1", 审批时间="")])
    assert import_file(seeded, "cases", path, now=NOW).errors == []
    with seeded.db.session() as session:
        assert session.scalars(select(Case.approved_at)).one() == datetime(2026, 5, 6, 10, 15)


def test_roster_follows_the_window_history_and_who_has_left(seeded: HallContext, tmp_path: Path) -> None:
    with seeded.db.session() as session:
        session.execute(
            update(Staff).where(Staff.staff_no == "1002").values(active=False, left_on=date(2026, 5, 10))
        )
    rows = [
        ["2026-05-09", "上午", "A02", "1002", "是"],
        ["2026-05-11", "上午", "A02", "1001", "是"],
        ["2026-05-10", "上午", "A01", "1002", "是"],
        ["2026-05-08", "上午", "B01", "1003", "是"],
    ]
    path = write_xlsx(tmp_path / "排班.xlsx", ROSTER_HEADER, rows)
    result = refused(seeded, path, "roster")
    assert [str(e) for e in result.errors] == [
        "第3行，列「窗口号」：窗口 A02 在 2026-05-11 为“停用”，不能排班",
        "第4行，列「工号」：工号 1002 已于 2026-05-10 调离，2026-05-10 不能再排班",
    ]
    ok = import_file(
        seeded, "roster", write_xlsx(tmp_path / "ok.xlsx", ROSTER_HEADER, [rows[0], rows[3]]), now=NOW
    )
    assert (ok.inserted, ok.errors) == (2, [])
    with seeded.db.session() as session:
        assert len(session.scalars(select(RosterEntry)).all()) == 2


def test_someone_gone_without_a_day_keeps_past_rosters_but_gets_no_new_ones(
    seeded: HallContext, tmp_path: Path
) -> None:
    with seeded.db.session() as session:
        session.execute(update(Staff).where(Staff.staff_no == "1002").values(active=False))
    rows = [["2026-05-29", "上午", "A01", "1002", "是"], ["2026-06-02", "上午", "A01", "1002", ""]]
    result = refused(seeded, write_xlsx(tmp_path / "排班.xlsx", ROSTER_HEADER, rows), "roster")
    assert [(e.row, e.column) for e in result.errors] == [(3, "工号")]
    assert "已调离" in result.errors[0].message


def test_a_complaint_at_a_window_out_of_service_that_day_is_refused(
    seeded: HallContext, tmp_path: Path
) -> None:
    rows = [
        ["FY-1", "A02", "", "2026-05-09 11:00", "", "", ""],
        ["FY-2", "A02", "", "2026-05-12 11:00", "", "", ""],
    ]
    result = refused(seeded, write_xlsx(tmp_path / "反映.xlsx", COMPLAINT_HEADER, rows), "complaints")
    assert [str(e) for e in result.errors] == [
        "第3行，列「窗口号」：窗口 A02 在反映时间 2026-05-12 11:00 为“停用”，不能受理反映"
    ]


def test_a_deactivated_item_takes_no_new_case_but_a_stored_case_keeps_it(
    seeded: HallContext, tmp_path: Path
) -> None:
    from hallmonitor.services.hall_data import list_items, set_item_active

    old = import_file(
        seeded, "cases", write_xlsx(tmp_path / "old.xlsx", CASE_HEADER, [case_row("C1")]), now=NOW
    )
    assert old.inserted == 1
    [item] = [i for i in list_items(seeded) if i.code == "SC-001"]
    set_item_active(seeded, item.id, False, "事项调整")
    rows = [case_row("C1", 跑动次数=2), case_row("C2")]  # a correction of the stored case, and a new one
    result = refused(seeded, write_xlsx(tmp_path / "new.xlsx", CASE_HEADER, rows), "cases")
    assert [str(e) for e in result.errors] == ["第3行，列「事项编码」：事项 SC-001 已停用，不能登记新办件"]
    fixed = import_file(seeded, "cases", write_xlsx(tmp_path / "fix.xlsx", CASE_HEADER, rows[:1]), now=NOW)
    assert (fixed.updated, fixed.errors) == (1, [])


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"受理时间": "9999-12-31 10:00", "审批时间": "", "办结时间": ""}, "受理时间", "超出可受理的范围"),
        ({"受理时间": "1900-01-01 10:00", "审批时间": "", "办结时间": ""}, "受理时间", "超出可受理的范围"),
        ({"跑动次数": 2958465}, "跑动次数", "不能大于 99"),
        ({"跑动次数": 2**63}, "跑动次数", "不能大于 99"),
    ],
)
def test_a_placeholder_date_or_an_absurd_count_is_refused_at_the_edge_and_the_hall_goes_on(
    seeded: HallContext, tmp_path: Path, changes: dict[str, Any], column: str, message: str
) -> None:
    from hallmonitor.services.rules import run_rules
    from hallmonitor.services.weekly import build_week

    path = write_xlsx(tmp_path / "办件.xlsx", CASE_HEADER, [case_row("C1"), case_row("C2", **changes)])
    result = refused(seeded, path, "cases")
    errors = [str(e) for e in result.errors]
    assert errors, "refused without saying why"
    assert errors[0].startswith(f"第3行，列「{column}」") and message in errors[0], errors
    assert all(len(e) < 120 for e in errors), errors
    run_rules(seeded, NOW)  # nothing was written, so nothing stops the hall
    assert build_week(seeded, "2026-W19", now=NOW).week.label == "2026-W19"
