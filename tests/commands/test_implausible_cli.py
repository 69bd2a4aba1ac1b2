"""check, export and import over a database another program filled with values no hall could mean.

Before, one case dated 9999-12-31 made every one of them fail with an OverflowError, for good.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from hallmonitor.cli import main
from hallmonitor.reports.weekly import F, S
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.storage.database import open_database
from tests.support.implausible import plant
from tests.support.import_files import STAFF_HEADER, write_csv


@pytest.fixture
def planted_url(db_url: str) -> tuple[str, int]:
    db = open_database(db_url)
    init_hall(db, "H001", "测试市政务服务大厅")
    planted = plant(hall_context(db, login="tester"))
    db.close()
    return db_url, len(planted.expected)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_one_line_naming_what_it_left_out(
    capsys: pytest.CaptureFixture[str], planted_url: tuple[str, int]
) -> None:
    url, count = planted_url
    code, out, err = run(capsys, "--db", url, "check", "--date", "2026-05-20")
    assert code == 0, err
    lines = [line for line in out.splitlines() if "超出合理范围" in line]
    assert len(lines) == 1 and lines[0].startswith(f"注意：有 {count} 条记录的数据超出合理范围，已跳过：")
    assert "办件 C04 受理时间 9999-12-31 10:00" in lines[0]
    assert "【超时与临期办件】" in out and "Traceback" not in err


def test_export_writes_the_week_and_names_them_in_the_overview(
    capsys: pytest.CaptureFixture[str], planted_url: tuple[str, int], tmp_path: Path
) -> None:
    url, count = planted_url
    code, out, err = run(capsys, "--db", url, "export", "--week", "2026-W20", "--out", str(tmp_path))
    assert code == 0, err
    sheet = load_workbook(out.strip())[S.OVERVIEW]
    figures = {row[0]: row[1:3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert figures[F.IMPLAUSIBLE][0] == count and "跑动次数" in figures[F.IMPLAUSIBLE][1]


def test_import_staff_of_a_fresh_valid_file_succeeds(
    capsys: pytest.CaptureFixture[str], planted_url: tuple[str, int], tmp_path: Path
) -> None:
    url, _count = planted_url
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["N001", "新同事", "市场监管局", "公务员"]])
    code, out, err = run(capsys, "--db", url, "import", "staff", str(path))
    assert code == 0, err
    assert "新增 1 行" in out and err.strip() == ""
