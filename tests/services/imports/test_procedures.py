"""Special-procedure periods (特别程序) from a file: what the case dialog checks, and the history it keeps."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from hallmonitor.cli import main
from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, CaseEvent, SpecialPeriod
from tests.support.import_files import (
    CASE_HEADER,
    PROCEDURE_HEADER,
    case_row,
    load,
    seed_reference,
    snapshot,
    write_xlsx,
)

NOW = datetime(2026, 6, 1, 9, 0)


def seed_cases(hall: HallContext, tmp_path: Path) -> HallContext:
    """C1 open (received Wed 6 May), C2 finished, C3 voided."""
    seed_reference(hall, tmp_path, now=datetime(2026, 5, 1))
    rows = [
        case_row("C1", 办件状态="已受理", 审批人工号="", 审批时间="", 审批地点="", 办结时间=""),
        case_row("C2"),
        case_row("C3"),
    ]
    load(hall, tmp_path, "cases", CASE_HEADER, rows, now=NOW)
    with hall.db.session() as session:
        session.execute(
            update(Case).where(Case.case_no == "C3").values(voided_at=NOW, void_reason="重复登记")
        )
    return hall


@pytest.fixture
def cases(hall: HallContext, tmp_path: Path) -> HallContext:
    return seed_cases(hall, tmp_path)


@pytest.fixture
def sqlite_cases(sqlite_hall: HallContext, tmp_path: Path) -> HallContext:
    """For the command line, which opens the database by its URL (SQLite here)."""
    return seed_cases(sqlite_hall, tmp_path)


def case(
    ctx: HallContext, case_no: str
) -> tuple[CaseStatus, date | None, list[tuple[Any, ...]], list[CaseEvent]]:
    with ctx.db.session() as session:
        row = session.scalars(select(Case).where(Case.case_no == case_no)).one()
        periods = [(p.start_day, p.end_day, p.reason) for p in row.special_periods]
        events = session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == row.id, CaseEvent.action == "特别程序")
            .order_by(CaseEvent.id)
        ).all()
        session.expunge_all()
        return row.status, row.due_date, periods, list(events)


def run(capsys: pytest.CaptureFixture[str], ctx: HallContext, path: Path) -> tuple[int, str, str]:
    code = main(["--db", ctx.db.url, "import", "procedures", str(path)])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_a_period_stops_the_clock_and_a_second_import_changes_nothing(
    sqlite_cases: HallContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = sqlite_cases
    _status, due_before, _periods, _events = case(cases, "C1")
    assert due_before is not None
    path = write_xlsx(tmp_path / "特别程序.xlsx", PROCEDURE_HEADER, [["C1", "2026-05-07", "", "专家评审"]])

    assert run(capsys, cases, path)[:2] == (0, "导入特别程序：新增 1 行，更新 0 行，未变 0 行")
    status, due, periods, events = case(cases, "C1")
    assert (status, due, periods) == (
        CaseStatus.SPECIAL_PROCEDURE,
        None,
        [(date(2026, 5, 7), None, "专家评审")],
    )
    assert [e.note for e in events] == ["2026-05-07 起；专家评审（文件 特别程序.xlsx，第2行）"]

    assert run(capsys, cases, path)[:2] == (0, "导入特别程序：新增 0 行，更新 0 行，未变 1 行")
    assert len(case(cases, "C1")[3]) == 1

    ended = write_xlsx(
        tmp_path / "特别程序2.xlsx", PROCEDURE_HEADER, [["C1", "2026-05-07", "2026-05-08", "专家评审"]]
    )
    assert run(capsys, cases, ended)[:2] == (0, "导入特别程序：新增 0 行，更新 1 行，未变 0 行")
    status, due, periods, events = case(cases, "C1")
    assert status is CaseStatus.ACCEPTED and due is not None and due > due_before
    assert periods == [(date(2026, 5, 7), date(2026, 5, 8), "专家评审")]
    assert json.loads(events[-1].changes) == {"结束日期": ["", "2026-05-08"]}
    assert events[-1].reason == "重新导入 特别程序2.xlsx" and events[-1].actor


#: (rows, the (row, column) reported, a word of the message). Row 2 is a good row wherever there are two.
BAD = {
    "unknown case": ([["C404", "2026-05-07", "2026-05-08", "听证"]], (2, "办件编号"), "C404 不存在"),
    "voided case": ([["C3", "2026-05-07", "2026-05-08", "听证"]], (2, "办件编号"), "办件 C3 已作废"),
    "end before start": ([["C1", "2026-05-08", "2026-05-07", "听证"]], (2, "结束日期"), "早于开始日期"),
    "before receipt": (
        [["C1", "2026-05-05", "2026-05-07", "听证"]],
        (2, "开始日期"),
        "不能早于受理日期 2026-05-06",
    ),
    "open on a finished case": (
        [["C2", "2026-05-07", "", "听证"]],
        (2, "结束日期"),
        "只能补录已结束的特别程序",
    ),
    "no reason": ([["C1", "2026-05-07", "2026-05-08", ""]], (2, "说明"), "不能为空"),
    "overlap in the file": (
        [["C1", "2026-05-07", "2026-05-08", "听证"], ["C1", "2026-05-08", "2026-05-09", "公告"]],
        (3, "开始日期"),
        "与第2行的特别程序（2026-05-07 至 2026-05-08）重叠",
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_row_refuses_the_file(cases: HallContext, tmp_path: Path, name: str) -> None:
    rows, where, word = BAD[name]
    before = snapshot(cases)
    result = import_file(
        cases, "procedures", write_xlsx(tmp_path / "p.xlsx", PROCEDURE_HEADER, rows), now=NOW
    )
    assert result.stopped
    assert (result.errors[-1].row, result.errors[-1].column) == where
    assert word in result.errors[-1].message, [str(e) for e in result.errors]
    assert snapshot(cases) == before


def test_a_period_overlapping_a_stored_one_is_refused(cases: HallContext, tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", PROCEDURE_HEADER, [["C1", "2026-05-07", "2026-05-11", "听证"]])
    assert import_file(cases, "procedures", first, now=NOW).inserted == 1
    before = snapshot(cases)
    second = write_xlsx(tmp_path / "b.xlsx", PROCEDURE_HEADER, [["C1", "2026-05-11", "", "公告"]])
    result = import_file(cases, "procedures", second, now=NOW)
    assert [str(e) for e in result.errors] == [
        "第2行，列「开始日期」：与该办件已有的特别程序（2026-05-07 至 2026-05-11）重叠"
    ]
    assert snapshot(cases) == before
    with cases.db.session() as session:
        assert len(session.scalars(select(SpecialPeriod)).all()) == 1
