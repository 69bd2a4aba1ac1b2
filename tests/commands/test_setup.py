"""hallmonitor init and demo: one hall per database unless asked, the demo in its own file, --hall."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.services.hall import list_halls
from hallmonitor.storage.database import ENV_VAR, open_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_on_a_database_that_has_a_hall_says_so_and_adds_one_only_when_asked(capsys, sqlite_url) -> None:
    assert run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")[0] == 0
    code, _out, err = run(capsys, "--db", sqlite_url, "init", "--hall-code", "H2", "--hall-name", "西区大厅")
    assert code == 2
    assert "已有大厅 H1（东区大厅）" in err and "--another" in err
    code, _out, err = run(
        capsys, "--db", sqlite_url, "init", "--hall-code", "H2", "--hall-name", "西区大厅", "--another"
    )
    assert code == 0, err
    db = open_database(sqlite_url)
    try:
        assert [h.code for h in list_halls(db)] == ["H1", "H2"]
    finally:
        db.close()


def test_a_wrong_hall_code_is_refused_in_a_sentence(capsys, sqlite_url) -> None:
    code, _out, err = run(capsys, "--db", sqlite_url, "init", "--hall-code", "H 1", "--hall-name", "大厅")
    assert code == 2 and "只能由字母、数字" in err and "Traceback" not in err


def test_commands_on_a_database_with_several_halls_need_hall(capsys, sqlite_url) -> None:
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H2", "--hall-name", "西区大厅", "--another")
    code, _out, err = run(capsys, "--db", sqlite_url, "alerts")
    assert code == 2 and "有多个大厅" in err and "--hall" in err
    code, _out, err = run(capsys, "--db", sqlite_url, "--hall", "H2", "check", "--date", "2026-05-11")
    assert code == 0, err
    code, _out, err = run(capsys, "--db", sqlite_url, "--hall", "H9", "alerts")
    assert code == 2 and "没有编码为 H9 的大厅" in err


def test_demo_without_db_goes_to_its_own_file_beside_the_real_one(
    capsys, sqlite_url, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path(sqlite_url.removeprefix("sqlite:///"))
    monkeypatch.setenv(ENV_VAR, sqlite_url)
    run(capsys, "init", "--hall-code", "H1", "--hall-name", "东区大厅")
    import gc

    gc.collect()  # the init command's engine: its last connection folds the WAL into the file
    open_database(sqlite_url).close()
    before = real.read_bytes(), sorted(p.name for p in real.parent.iterdir())
    code, out, err = run(capsys, "demo", "--today", "2026-05-15", "--weeks", "1")
    assert code == 0, err
    demo = real.with_name("demo.sqlite3")
    assert str(demo) in out
    assert (
        real.read_bytes(),
        sorted(p.name for p in real.parent.iterdir() if "demo" not in p.name),
    ) == before
    db = open_database(f"sqlite:///{demo}")
    try:
        assert [h.code for h in list_halls(db)] == ["DEMO01"]
    finally:
        db.close()


def test_migrate_upgrades_once_and_then_says_there_is_nothing_to_do(capsys, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    code, out, err = run(capsys, "--db", url, "migrate")
    assert code == 0, err
    assert "空库" in out
    code, out, _err = run(capsys, "--db", url, "migrate")
    assert code == 0 and "无需升级" in out


def test_a_database_upgraded_by_a_newer_version_is_not_opened(capsys, sqlite_url: str) -> None:
    import sqlite3

    open_database(sqlite_url).close()
    path = sqlite_url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = Path(path).read_bytes()
    code, _out, err = run(capsys, "--db", sqlite_url, "alerts")
    assert code == 2
    assert "更新版本的窗口监管台" in err and "0099" in err and "Traceback" not in err
    assert Path(path).read_bytes() == before


def test_demo_into_a_closed_pipe_still_judges_the_whole_hall(tmp_path: Path) -> None:
    """``hallmonitor demo | head -1``: the reader leaving early never cuts the work short."""
    import os
    import subprocess
    import sys

    from sqlalchemy import func, select

    from hallmonitor.storage.models import Alert, RulesMark

    path = tmp_path / "demo.sqlite3"
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "hallmonitor",
                "--db",
                f"sqlite:///{path}",
                "demo",
                "--today",
                "2026-05-15",
                "--weeks",
                "1",
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")
    db = open_database(f"sqlite:///{path}")
    try:
        with db.session() as session:
            assert session.scalar(select(RulesMark.judged_until)) is not None
            assert session.scalar(select(func.count()).select_from(Alert)) > 0
    finally:
        db.close()


def test_demo_again_finishes_a_demo_hall_left_without_its_alerts(capsys, sqlite_url) -> None:
    """A demo hall an older version committed without judging it is judged, not called complete."""
    from sqlalchemy import delete, update

    from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence, FrontShopFlag, RulesMark
    from tests.support.derived import derived_state

    demo = ("--db", sqlite_url, "demo", "--today", "2026-05-15", "--weeks", "1")
    assert run(capsys, *demo)[0] == 0
    db = open_database(sqlite_url)
    whole = derived_state(db)
    with db.session() as session:  # what a kill between the records and the rules left
        for model in (AlertEvent, AlertOccurrence, Alert, FrontShopFlag):
            session.execute(delete(model))
        session.execute(update(RulesMark).values(judged_until=None, dirty_from=None))
    code, out, err = run(capsys, *demo)
    assert code == 0, err
    assert "现已补完" in out and "未重复创建" not in out
    assert derived_state(db) == whole
    code, out, _ = run(capsys, *demo)
    assert "未重复创建" in out
    db.close()
