"""The weekly report of a hall holding values no hall could mean: written, with them named in 概览.

The hand-made week (tests/support/week_seed.py), judged, then changed behind the
services' back (tests/support/implausible.py): C04 now says it came in on
9999-12-31, SJ-002 (C08's item) promises 3,000,000 working days, C05 claims
2^63-1 trips, C06 was finished on 9999-12-31, C02 has a special procedure from
the year 1.
"""

from __future__ import annotations

from pathlib import Path

from hallmonitor.reports.weekly import COLUMNS, F, S, merge_reports
from hallmonitor.services.hall import HallContext
from tests.services.weekly.test_report import export, overview, rows
from tests.support.implausible import plant
from tests.support.week_seed import build_week


def _case(path: Path, case_no: str) -> dict[str, object]:
    header = [c.name for c in COLUMNS[S.CASES]]
    row = next(r for r in rows(path, S.CASES) if r[0] == case_no)
    return dict(zip(header, row, strict=False))


def test_the_week_is_written_and_its_implausible_records_are_named_once(
    hall: HallContext, tmp_path: Path
) -> None:
    planted = plant(hall)
    path = export(hall, tmp_path)
    figures = overview(path)
    assert figures[F.IMPLAUSIBLE] == len(planted.expected)
    note = next(r[2] for r in rows(path, S.OVERVIEW, 3) if r[0] == F.IMPLAUSIBLE)
    assert (
        note.startswith(f"有 {len(planted.expected)} 条记录的数据超出合理范围，已跳过：") and "\n" not in note
    )
    # Received "in 9999", C04 belongs to no week; the others are listed as entered.
    case_nos = [r[0] for r in rows(path, S.CASES)]
    assert "C04" not in case_nos and {"C02", "C05", "C06", "C08"} <= set(case_nos)
    for case_no in ("C08", "C06", "C02"):
        row = _case(path, case_no)
        assert row["时限状态"] == "数据异常" and row["是否超时"] == "否" and row["截止日期"] is None, case_no
    # 2^63-1 trips is no repeat visit: only plausible counts make 多次跑动件数.
    assert figures[F.MULTI_TRIP] == 0
    # The center's merge reads the workbook back and finds its sums consistent.
    assert merge_reports([path], tmp_path / "汇总.xlsx").is_file()


def test_a_healthy_week_has_no_such_row(hall: HallContext, tmp_path: Path) -> None:
    build_week(hall)
    assert F.IMPLAUSIBLE not in overview(export(hall, tmp_path))
