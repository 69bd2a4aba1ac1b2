"""The weekly report on a PC in English: its refusals read in English, its workbook stays the center's Chinese.

The workbook's sheets, headers and cells are the center's format, so the week
exported in English must be cell for cell the week exported in Chinese, the
sentences in its cells (a calendar note, the records left out) included; only
what the program says to the person exporting changes language.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from hallmonitor.domain.enums import Role
from hallmonitor.domain.texts import use_language
from hallmonitor.reports.weekly import COLUMNS, F, S
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError
from hallmonitor.services.weekly import report as weekly_report
from tests.services.weekly.test_report import export, overview, rows
from tests.support.english import HAN
from tests.support.implausible import plant
from tests.support.week_seed import WEEK


def test_a_bad_week_is_refused_in_english(hall: HallContext, english) -> None:
    refusals = []
    for text in ("2026-19", "2026-W54", "1999-W10"):
        with pytest.raises(ServiceError) as refused:
            weekly_report.build_week(hall, text)
        refusals.append(str(refused.value))
    with pytest.raises(ServiceError) as refused:
        weekly_report.build_week(hall, "2026-W30", now=datetime(2026, 5, 20, 10, 0))
    refusals.append(str(refused.value))
    assert refusals == [
        "The week '2026-19' is not understood: write an ISO week such as 2026-W19 (week 19 of 2026).",
        "2026 has no week 54: it has 53 weeks (W01–W53).",
        "The year 1999 of the week 1999-W10 is out of range: write a week of the years 2000 to 2099.",
        "2026-W30 (from 2026-07-20) has not begun yet, so its weekly report cannot be made.",
    ]


def test_an_auditor_is_told_in_english_that_the_report_needs_the_export_permission(
    sqlite_hall: HallContext, english
) -> None:
    ctx = replace(sqlite_hall, actor=Actor("Li", Role.AUDITOR))
    with pytest.raises(PermissionDenied) as refused:
        weekly_report.build_week(ctx, "2026-W19", now=datetime(2026, 5, 18, 9, 0))
    message = str(refused.value)
    assert "make the weekly report" in message and not HAN.search(message.replace(Role.AUDITOR.value, ""))


def test_the_workbook_exported_in_english_is_the_chinese_one_cell_for_cell(
    hall: HallContext, tmp_path: Path, english
) -> None:
    # The week is entered in English too: the 前店后厂 reviews' history notes are written by an English PC.
    planted = plant(hall)
    in_english = export(hall, tmp_path / "en")
    use_language("zh_CN")
    in_chinese = export(hall, tmp_path / "zh")
    for sheet in COLUMNS:
        assert rows(in_english, sheet) == rows(in_chinese, sheet), sheet
    note = next(r[2] for r in rows(in_english, S.OVERVIEW, 3) if r[0] == F.IMPLAUSIBLE)
    assert note.startswith(f"有 {len(planted.expected)} 条记录的数据超出合理范围，已跳过：")
    # Each review's 核查说明 is the supervisor's own words, without the history's "待核查 → 已确认: ".
    assert [r[-1] for r in rows(in_english, S.FRONT_SHOP)] == [
        "后台审批属实",
        "录入错误，实为窗口审批",
        None,
    ]
    assert overview(in_english)[F.WEEK] == WEEK


def test_the_calendar_note_in_the_workbook_stays_chinese(hall: HallContext, english) -> None:
    report = weekly_report.build_week(hall, "2027-W06", now=datetime(2027, 3, 1, 9, 0))
    note = str(report.figure(F.CALENDAR_NOTE))
    assert "2027" in note and note.endswith("请在设置中导入官方安排。")
