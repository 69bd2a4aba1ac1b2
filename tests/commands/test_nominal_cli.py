"""``hallmonitor check --date D`` names the day's sessions suspected of 挂名, with the evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.services.hall import HallContext
from tests.support.nominal_week import import_week

EVIDENCE = (
    "在岗正式人员：张三（公务员）  受理办件 6 件，均非排班正式人员受理或审批；"
    "受理：李四（劳务派遣）6 件；审批：李四（劳务派遣）6 件"
)


def suspected(capsys: pytest.CaptureFixture[str], url: str, day: str) -> list[str]:
    code = main(["--db", url, "check", "--date", day])
    out, err = capsys.readouterr()
    assert code == 0, err
    section = out.split("【疑似挂名】", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in section.splitlines()[1:]]


def test_check_prints_each_suspected_session_with_its_evidence_and_how_it_stands(
    capsys: pytest.CaptureFixture[str], sqlite_hall: HallContext, tmp_path: Path
) -> None:
    import_week(sqlite_hall, tmp_path)
    url = sqlite_hall.db.url
    # Monday: suspected twice, but not yet three times within five working days.
    assert suspected(capsys, url, "2026-05-11") == [
        f"上午 A01号窗口 市市场监督管理局  {EVIDENCE}  [未达预警条件]",
        f"下午 A01号窗口 市市场监督管理局  {EVIDENCE}  [未达预警条件]",
    ]
    # Tuesday morning made the third: both of Tuesday's sessions are in the alert, to be checked.
    assert suspected(capsys, url, "2026-05-12") == [
        f"上午 A01号窗口 市市场监督管理局  {EVIDENCE}  [待核查]",
        f"下午 A01号窗口 市市场监督管理局  {EVIDENCE}  [待核查]",
    ]
    # A Saturday is not judged.
    assert suspected(capsys, url, "2026-05-16") == ["休息日不判定。"]
