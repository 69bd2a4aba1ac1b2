"""LibreOffice opens the weekly report as it is, without a repair prompt, and reads what we meant.

Many halls run domestic Linux desktops with LibreOffice, not Excel. A
headless conversion to CSV loads the whole workbook the way the desktop does;
a file it would offer to repair fails to load and writes nothing. Skipped
where soffice is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from hallmonitor.reports.weekly.columns import SHEETS
from hallmonitor.reports.weekly.workbook import write_week
from hallmonitor.services import weekly
from hallmonitor.services.hall import HallContext
from tests.support.week_seed import WEEK, build_week

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.slow,
]

#: CSV: comma, double quotes, UTF-8, from line 1, …, cells as shown (percentages as 85.0%), every sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def test_libreoffice_converts_every_sheet_without_complaint(sqlite_hall: HallContext, tmp_path: Path) -> None:
    assert SOFFICE is not None
    build_week(sqlite_hall)
    report = write_week(weekly.build_week(sqlite_hall, WEEK, now=datetime(2026, 6, 1)), tmp_path / "report")
    out = tmp_path / "csv"
    # A profile of its own and a HOME of its own: never waits on a first-start dialog or a lock.
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    csv = {sheet: (out / f"{report.stem}-{sheet}.csv").read_text("utf-8") for sheet in SHEETS}

    overview = csv["概览"].splitlines()
    assert "办件总数,8" in [",".join(line.split(",")[:2]) for line in overview]
    assert "合规率,85.0%" in [",".join(line.split(",")[:2]) for line in overview]
    cases = csv["办件明细"]
    # Still the text typed, not the result of a formula (2, or a link reading 点我).
    assert ",=1+1," in cases
    assert '"=HYPERLINK(""http://evil.example"",""点我"")"' in cases
    assert "2026-05-11 09:10" in cases
