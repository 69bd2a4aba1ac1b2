"""The center's roll-up and the audit head on a PC in English: every refusal names the file in English.

The sheet, column and figure names a refusal quotes (概览, 办件明细, 超时件数…) are
the center's format and stay as the workbook spells them; the rest of the sentence is
English. The roll-up written in English is the same Chinese workbook as in Chinese.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hallmonitor.domain.texts import use_language
from hallmonitor.reports.weekly import F, M, S, merge_reports, parse_iso_week, read_audit_head, write_week
from hallmonitor.reports.weekly.columns import SHEETS
from hallmonitor.reports.weekly.rollup import MergeError
from tests.reports.weekly.test_rollup import HALL_A, HALL_B, hand_report, read
from tests.support.english import HAN

#: The workbook's own names a refusal may quote: the center's format, not the program's words.
FORMAT_NAMES = (*SHEETS, "前店后厂", F.OVERDUE, F.CASES, F.HALL_CODE, F.AUDIT_SEQ, F.AUDIT_HASH)


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    a = write_week(hand_report("H001", "甲市政务服务大厅", "2026-W20", HALL_A), tmp_path / "in")
    b = write_week(hand_report("H002", "乙县政务服务大厅", "2026-W20", HALL_B), tmp_path / "in")
    return a, b


def refusal(paths: list[Path], out: Path) -> str:
    with pytest.raises(MergeError) as refused:
        merge_reports(paths, out)
    return str(refused.value)


def english_but_for_the_format(message: str, *data: str) -> bool:
    for name in (*FORMAT_NAMES, *data):
        message = message.replace(name, "")
    return not HAN.search(message)


def test_each_refusal_of_the_merge_reads_in_english(
    reports: tuple[Path, Path], tmp_path: Path, english
) -> None:
    out = tmp_path / "center.xlsx"
    fake = tmp_path / "notes.xlsx"
    fake.write_text("case,window\n", encoding="utf-8")
    other = tmp_path / "roster.xlsx"
    book = Workbook()
    book.active.append(["date", "session"])  # type: ignore[union-attr]
    book.save(other)
    edited = tmp_path / "edited.xlsx"
    book = load_workbook(reports[1])
    cases = book[S.CASES]
    cases.delete_cols([c.value for c in cases[1]].index("前店后厂") + 1)
    book.save(edited)
    tampered = tmp_path / "tampered.xlsx"
    book = load_workbook(reports[1])
    for row in book[S.OVERVIEW].iter_rows(min_row=2):
        if row[0].value == F.OVERDUE:
            row[1].value = 0
        if row[0].value == F.CASES:
            negative = row
    book.save(tampered)
    negative[1].value = -3
    book.save(tmp_path / "negative.xlsx")
    earlier = write_week(hand_report("H003", "丙区政务服务大厅", "2026-W19", HALL_A), tmp_path / "w19")
    again = tmp_path / "again.xlsx"
    shutil.copyfile(reports[0], again)

    messages = [
        refusal([reports[0], fake], out),
        refusal([tmp_path / "nowhere.xlsx"], out),
        refusal([reports[0], other], out),
        refusal([reports[0], edited], out),
        refusal([reports[0], tampered], out),
        refusal([reports[0], tmp_path / "negative.xlsx"], out),
        refusal([*reports, earlier], out),
        refusal([*reports, again], out),
        refusal(list(reports), reports[0]),
        refusal(list(reports), tmp_path / "center.csv"),
        refusal([], out),
    ]
    assert messages == [
        "notes.xlsx: not an Excel workbook (.xlsx), so it cannot be read; "
        "send the weekly report HallMonitor exported.",
        f"File not found: {tmp_path / 'nowhere.xlsx'}",
        "roster.xlsx: not a window supervision weekly report: it lacks the sheets 概览, 窗口人员, 办件明细, "
        "前店后厂, 超时办件, 核心指标, 预警整改, 办不成事, 部门汇总.",
        "edited.xlsx: not a window supervision weekly report: the sheet “办件明细” lacks the columns 前店后厂.",
        "tampered.xlsx: the 超时件数 of 部门汇总 and 概览 do not agree; the file may have been edited: "
        "export it again.",
        "negative.xlsx: the value “-3” of “办件总数” in 概览 is not a whole number of zero or more; "
        "the file may have been edited.",
        f"These weekly reports are not of one week (2026-W19: {earlier.name}; 2026-W20: {reports[0].name}, "
        f"{reports[1].name}): merge only the reports of one week.",
        f"Hall H001 is there twice: {reports[0].name} and again.xlsx.",
        f"The output file {reports[0].name} cannot be one of the weekly reports merged.",
        f"The output file's name must end in .xlsx: {tmp_path / 'center.csv'}",
        "There are no weekly reports to merge.",
    ]
    for message in messages:
        assert english_but_for_the_format(
            message, str(tmp_path), reports[0].name, reports[1].name, earlier.name
        )


def test_the_roll_up_written_in_english_is_the_chinese_workbook(
    reports: tuple[Path, Path], tmp_path: Path, english
) -> None:
    in_english = merge_reports(reports, tmp_path / "en.xlsx")
    use_language("zh_CN")
    in_chinese = merge_reports(reports, tmp_path / "zh.xlsx")
    for sheet in (M.SUMMARY, M.HALLS, M.DEPARTMENTS):
        assert read(in_english, sheet) == read(in_chinese, sheet), sheet
    book = load_workbook(in_english)
    assert book.properties.title == "2026-W20 各大厅窗口监管周报汇总"
    assert book[M.HALLS].oddHeader.center.text == "2026-W20 各大厅窗口监管周报汇总（2 个大厅）  大厅排名"


def test_a_weekly_report_without_an_audit_head_is_refused_in_english(
    reports: tuple[Path, Path], tmp_path: Path, english
) -> None:
    # The hand-made reports were exported before any audit entry: they print no head.
    problems = []
    for path in (reports[0], tmp_path / "nowhere.xlsx"):
        with pytest.raises(MergeError) as refused:
            read_audit_head(path)
        problems.append(str(refused.value))
    other = tmp_path / "roster.xlsx"
    Workbook().save(other)
    with pytest.raises(MergeError) as refused:
        read_audit_head(other)
    problems.append(str(refused.value))
    book = load_workbook(reports[0])
    book[S.OVERVIEW].append([F.AUDIT_SEQ, "twelve"])
    book[S.OVERVIEW].append([F.AUDIT_HASH, "abc"])
    bad = tmp_path / "bad-seq.xlsx"
    book.save(bad)
    with pytest.raises(MergeError) as refused:
        read_audit_head(bad)
    problems.append(str(refused.value))
    assert problems == [
        f"{reports[0].name}: 概览 has no 审计序号 and 审计哈希: the audit trail was still empty when this "
        "report was exported.",
        f"File not found: {tmp_path / 'nowhere.xlsx'}",
        "roster.xlsx: not a window supervision weekly report: it has no sheet 概览.",
        "bad-seq.xlsx: the 审计序号 “twelve” in 概览 is not a number.",
    ]


def test_a_week_that_does_not_exist_is_refused_in_english(english) -> None:
    with pytest.raises(ValueError) as refused:
        parse_iso_week("2025-W53")
    assert str(refused.value) == "2025 has no week 53: it has 52 weeks (W01–W52)."
