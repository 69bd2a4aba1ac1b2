"""hallmonitor init shows the 大厅密钥 once; key status / enter / show / new on this PC and the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.storage import keys
from tests.support.import_files import CASE_HEADER, case_row, seed_reference, write_csv


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def first_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "first-pc"
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(folder))
    monkeypatch.delenv(keys.KEY_ENV, raising=False)
    return folder


def _shown_key(out: str) -> str:
    line = next(line for line in out.splitlines() if line.startswith("大厅密钥："))
    return line.removeprefix("大厅密钥：")


def test_a_second_pc_is_told_what_it_lacks_and_takes_the_key_once(
    capsys, sqlite_url, first_pc, tmp_path, monkeypatch
):
    code, out, err = run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    assert code == 0, err
    shown = _shown_key(out)
    assert "只显示这一次" in out and keys.parse_key(shown)
    assert run(capsys, "--db", sqlite_url, "key", "status")[0] == 0

    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "second-pc"))
    code, out, _ = run(capsys, "--db", sqlite_url, "key", "status")
    assert code == 1 and "本机还没有大厅密钥" in out and "已记录的办件和证件号掩码都不受影响" in out
    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import open_database

    db = open_database(sqlite_url)
    seed_reference(hall_context(db), tmp_path)  # windows, staff and items carry no ID numbers
    db.close()
    cases = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row("C001")])
    code, _, err = run(capsys, "--db", sqlite_url, "import", "cases", str(cases))
    assert code == 2 and "本机还没有这个数据库的大厅密钥" in err and "hallmonitor key enter" in err

    monkeypatch.setenv(keys.KEY_ENV, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    code, _, err = run(capsys, "--db", sqlite_url, "key", "enter")
    assert code == 2 and "不是本数据库的大厅密钥" in err
    monkeypatch.setenv(keys.KEY_ENV, shown.lower())
    code, out, err = run(capsys, "--db", sqlite_url, "key", "enter")
    assert code == 0, err
    monkeypatch.delenv(keys.KEY_ENV)
    code, out, err = run(capsys, "--db", sqlite_url, "import", "cases", str(cases))
    assert code == 0, err


def test_show_and_new_are_the_administrators_and_new_asks_first(capsys, sqlite_url, first_pc):
    _, out, _ = run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    shown = _shown_key(out)
    # A hall without accounts lets its one user do everything, the administrator's part included.
    assert run(capsys, "--db", sqlite_url, "key", "show")[1].strip() == shown
    code, _, err = run(capsys, "--db", sqlite_url, "key", "new")
    assert code == 2 and "无法再与新办件比对" in err and "--yes" in err
    assert run(capsys, "--db", sqlite_url, "key", "show")[1].strip() == shown
    code, out, _ = run(capsys, "--db", sqlite_url, "key", "new", "--yes")
    assert code == 0
    fresh = out.splitlines()[0].removeprefix("已启用新的大厅密钥：")
    assert fresh != shown and run(capsys, "--db", sqlite_url, "key", "show")[1].strip() == fresh
