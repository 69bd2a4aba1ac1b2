"""A corrected case row imported again: the case follows, and its history says what changed and why."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, CaseEvent, RulesMark
from tests.support.import_files import CASE_HEADER, case_row, seed_reference, snapshot, write_xlsx

NOW = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def imported(hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(hall, tmp_path, now=datetime(2026, 5, 1))
    rows = [
        case_row("C1", 办件状态="已受理", 办结时间="", 审批时间="", 审批人工号="", 审批地点=""),
        case_row("C2"),
    ]
    assert (
        import_file(hall, "cases", write_xlsx(tmp_path / "第一次.xlsx", CASE_HEADER, rows), now=NOW).inserted
        == 2
    )
    return hall


def corrections(ctx: HallContext, case_no: str) -> list[CaseEvent]:
    with ctx.db.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.case_no == case_no))
        events = session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.action == "更正")
            .order_by(CaseEvent.id)
        ).all()
        session.expunge_all()
        return list(events)


def test_a_corrected_row_is_a_correction_with_before_and_after(imported: HallContext, tmp_path: Path) -> None:
    with imported.db.session() as session:
        due_before = session.scalar(select(Case.due_date).where(Case.case_no == "C1"))
    corrected = case_row(
        "C1",
        窗口号="A02",
        受理时间="2026-05-08 09:30",
        办件状态="已受理",
        办结时间="",
        审批时间="2026-05-08 11:00",
        审批人工号="1003",
        审批地点="部门后台",
    )
    path = write_xlsx(tmp_path / "更正.xlsx", CASE_HEADER, [corrected, case_row("C2")])
    result = import_file(imported, "cases", path, now=NOW)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)

    [event] = corrections(imported, "C1")
    assert (event.actor, event.reason) == ("tester", "重新导入 更正.xlsx")
    assert json.loads(event.changes) == {
        "窗口号": ["A01", "A02"],
        "受理时间": ["2026-05-06 09:30", "2026-05-08 09:30"],
        "审批人工号": ["", "1003"],
        "审批时间": ["", "2026-05-08 11:00"],
        "审批地点": ["", "部门后台"],
    }
    assert event.note.endswith("（文件 更正.xlsx，第2行）")
    with imported.db.session() as session:
        case = session.scalars(select(Case).where(Case.case_no == "C1")).one()
        assert (case.received_at, case.approved_by_id is not None) == (datetime(2026, 5, 8, 9, 30), True)
        assert due_before is not None and case.due_date is not None and case.due_date > due_before
    assert corrections(imported, "C2") == []

    # The same file again is no new correction.
    again = import_file(imported, "cases", path, now=NOW)
    assert (again.updated, again.unchanged) == (0, 2)
    assert len(corrections(imported, "C1")) == 1


def test_the_rules_judge_again_from_the_earlier_date(
    imported: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receipt moved later still has the rules judge from its old day, which the case has left."""
    import hallmonitor.services.imports.pipeline as pipeline

    seen: list[datetime | None] = []

    def rules_run(ctx: HallContext, kind: str, now: datetime) -> None:
        with ctx.db.session() as session:
            seen.append(session.scalar(select(RulesMark.dirty_from)))

    monkeypatch.setattr(pipeline, "_apply_rules", rules_run)
    with imported.db.session() as session:
        session.execute(update(RulesMark).values(dirty_from=None))
    moved = case_row(
        "C2", 受理时间="2026-05-07 09:30", 审批时间="2026-05-07 10:00", 办结时间="2026-05-07 10:15"
    )
    import_file(imported, "cases", write_xlsx(tmp_path / "c.xlsx", CASE_HEADER, [moved]), now=NOW)
    assert seen == [datetime(2026, 5, 6, 9, 30)]


def test_a_row_for_a_voided_case_is_refused(imported: HallContext, tmp_path: Path) -> None:
    with imported.db.session() as session:
        session.execute(update(Case).where(Case.case_no == "C2").values(voided_at=NOW, void_reason="重复"))
    before = snapshot(imported)
    path = write_xlsx(
        tmp_path / "c.xlsx",
        CASE_HEADER,
        [
            case_row("C1", 办件状态="已受理", 办结时间="", 审批时间="", 审批人工号="", 审批地点=""),
            case_row("C2", 跑动次数=2),
        ],
    )
    result = import_file(imported, "cases", path, now=NOW)
    assert [str(e) for e in result.errors] == [
        "第3行，列「办件编号」：办件 C2 已作废，不能再导入或更正；请从文件中删去该行"
    ]
    assert snapshot(imported) == before
