"""After an import the rules have run: due dates stored, an auxiliary-only roster raises its alert."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from hallmonitor.domain.enums import AlertKind, AlertLevel, StaffCategory
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.imports.pipeline import import_file
from hallmonitor.storage.models import Alert, Case
from tests.support import builders as b
from tests.support.import_files import CASE_HEADER, case_row, seed_reference, snapshot, write_csv

NOW = datetime(2026, 5, 8, 18, 0)


def test_an_imported_roster_and_cases_are_judged_at_once(hall: HallContext, tmp_path: Path) -> None:
    w = b.window(hall, "1")
    b.staff(hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    b.item(hall, "I3", promised_days=3)
    roster = write_csv(
        tmp_path / "roster.csv",
        ["日期", "时段", "窗口号", "工号", "到岗"],
        [["2026-05-11", "上午", "1", "A001", "是"]],
    )
    assert import_file(hall, "roster", roster).written == 1
    with hall.db.session() as s:
        alert = s.scalar(select(Alert).where(Alert.kind == AlertKind.STAFFING))
    assert alert is not None and alert.window_id == w
    assert alert.level in (AlertLevel.ORDER_TO_CORRECT, AlertLevel.SUGGEST_CLOSURE)

    cases = write_csv(
        tmp_path / "cases.csv",
        ["办件编号", "窗口号", "事项编码", "申请人类型", "申请人", "受理时间", "办件状态"],
        [["C-1", "1", "I3", "企业", "某某公司", "2026-04-30 10:00", "已受理"]],
    )
    assert import_file(hall, "cases", cases).written == 1
    with hall.db.session() as s:
        # 1-5 May is the Labour Day break: three working days after 30 April end on 8 May.
        assert s.scalar(select(Case.due_date).where(Case.case_no == "C-1")) == date(2026, 5, 8)


def test_rules_that_fail_after_the_rows_are_written_take_the_rows_back(
    hall: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows, their due dates, flags and alerts commit together: a failure at the last step leaves none."""
    import hallmonitor.services.rules.engine as engine

    seed_reference(hall, tmp_path)
    before = snapshot(hall)

    def disk_full(*_args: object, **_kwargs: object) -> list[object]:
        raise OperationalError("INSERT INTO alert", {}, Exception("database or disk is full"))

    monkeypatch.setattr(engine, "reconcile", disk_full)
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row("C-1"), case_row("C-2", 窗口号="A02")])
    with pytest.raises(ServiceError, match="未导入"):
        import_file(hall, "cases", path, now=NOW)
    assert snapshot(hall) == before
    monkeypatch.undo()
    # The same file imports whole afterwards, due dates included.
    assert import_file(hall, "cases", path, now=NOW).inserted == 2
    with hall.db.session() as s:
        assert s.scalars(select(Case.due_date).where(Case.due_date.is_(None))).all() == []
