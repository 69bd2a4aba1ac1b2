"""hallmonitor export and merge as a script or a clerk meets them: the path on stdout, one line on error."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from hallmonitor.cli import main
from hallmonitor.reports.weekly import M, S
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.storage.database import open_database
from tests.support.week_seed import build_week


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hall_url(sqlite_url: str) -> str:
    db = open_database(sqlite_url)
    init_hall(db, "H001", "测试市政务服务大厅")
    build_week(hall_context(db, login="tester"))
    db.close()
    return sqlite_url


def test_export_prints_the_path_and_writes_the_report(
    capsys: pytest.CaptureFixture[str], hall_url: str, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "--db", hall_url, "export", "--week", "2026-W20", "--out", str(tmp_path / "周报")
    )
    assert code == 0, err
    path = Path(out.strip())
    assert out.count("\n") == 1 and path == tmp_path / "周报" / "H001_2026-W20_窗口监管周报.xlsx"
    overview = {
        row[0]: row[1] for row in load_workbook(path)[S.OVERVIEW].iter_rows(min_row=2, values_only=True)
    }
    assert overview["办件总数"] == 8 and overview["周次"] == "2026-W20"


@pytest.mark.parametrize(
    ("week", "expected"),
    [("2026-19", "无法识别"), ("2026-W00", "没有第0周"), ("2099-W01", "尚未开始")],
)
def test_a_bad_week_is_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], hall_url: str, tmp_path: Path, week: str, expected: str
) -> None:
    code, out, err = run(capsys, "--db", hall_url, "export", "--week", week, "--out", str(tmp_path))
    assert code != 0 and out == ""
    assert expected in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert list(tmp_path.glob("*.xlsx")) == []


def test_out_must_be_a_folder(capsys: pytest.CaptureFixture[str], hall_url: str, tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("")
    code, _out, err = run(capsys, "--db", hall_url, "export", "--week", "2026-W20", "--out", str(taken))
    assert code == 2 and "应为文件夹" in err


def test_merge_prints_the_path_and_refuses_foreign_files_in_one_line(
    capsys: pytest.CaptureFixture[str], hall_url: str, tmp_path: Path
) -> None:
    _code, out, _err = run(capsys, "--db", hall_url, "export", "--week", "2026-W20", "--out", str(tmp_path))
    report = out.strip()
    center = tmp_path / "center.xlsx"
    code, out, err = run(capsys, "merge", report, "--out", str(center))
    assert code == 0, err
    assert out.strip() == str(center)
    [hall] = list(load_workbook(center)[M.HALLS].iter_rows(min_row=2, values_only=True))
    assert hall[:6] == ("H001", "测试市政务服务大厅", 20, 17, 0.85, 1)

    notes = tmp_path / "notes.xlsx"
    notes.write_bytes(b"not a workbook")
    code, out, err = run(capsys, "merge", report, str(notes), "--out", str(tmp_path / "again.xlsx"))
    assert code == 2 and out == ""
    assert "notes.xlsx：不是 Excel 工作簿" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "again.xlsx").exists()


@pytest.mark.parametrize("week", ["9999-W52", "0000-W01", "1999-W10"])
def test_an_export_of_a_week_outside_the_years_says_so(
    capsys, sqlite_url: str, tmp_path: Path, week: str
) -> None:
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    code, _out, err = run(capsys, "--db", sqlite_url, "export", "--week", week, "--out", str(tmp_path))
    assert code == 2 and "超出范围" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.xlsx"))
