"""The command line as a user meets it: clear lines, exit codes, never a traceback."""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hallmonitor import __version__
from hallmonitor.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_init_then_check_a_day_without_roster(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, _ = run(
        capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "某市政务服务大厅"
    )
    assert code == 0 and "H1" in out
    code, out, err = run(capsys, "--db", sqlite_url, "check", "--date", "2026-05-11")
    assert code == 0, err
    assert "2026-05-11 星期一" in out and "工作日" in out
    # The check holds Python's cycle collector off while it runs; a script calling it goes on with it on.
    assert gc.isenabled()


#: ``python -m hallmonitor`` as a user runs it, with an atexit report of whether what the command
#: left was frozen by then.
ENTRY_THEN_FROZEN = """
import atexit, gc, runpy, sys
atexit.register(lambda: print("frozen:", gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["hallmonitor", *sys.argv[1:]]
runpy.run_module("hallmonitor", run_name="__main__", alter_sys=True)
"""


def test_a_command_process_skips_the_last_collections_but_keeps_its_exit_work(
    sqlite_url: str,
) -> None:
    def process(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", ENTRY_THEN_FROZEN, "--db", sqlite_url, *argv],
            capture_output=True,
            text=True,
            check=False,
        )

    made = process("init", "--hall-code", "H1", "--hall-name", "某市政务服务大厅")
    assert made.returncode == 0, made.stderr
    checked = process("check", "--date", "2026-05-11")
    # The whole day printed, the exit code kept, and atexit's work still run, after the freeze.
    assert checked.returncode == 0 and "2026-05-11 星期一" in checked.stdout
    assert checked.stderr.strip().splitlines()[-1] == "frozen: True"
    # The database was closed before: its write-ahead log checkpointed and gone, nothing left open.
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    assert [p.name for p in database.parent.iterdir() if p.name.startswith(database.name)] == [database.name]
    refused = process("check", "--date", "2026-13-01")
    assert refused.returncode == 2 and refused.stderr.strip().splitlines()[-1] == "frozen: True"


def test_the_installed_command_and_the_executables_start_through_the_same_entry() -> None:
    from importlib.metadata import entry_points

    assert entry_points(group="console_scripts")["hallmonitor"].value == "hallmonitor.cli:run"
    launcher = Path(__file__).parents[2] / "installer" / "launcher.py"
    assert "from hallmonitor.cli import run\n\n    run()" in launcher.read_text(encoding="utf-8")


def test_check_on_a_year_without_official_calendar_says_so(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "某市政务服务大厅")
    code, out, _ = run(capsys, "--db", sqlite_url, "check", "--date", "2027-02-10")
    assert code == 0
    assert "注意：2027年" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "--date", "2026-13-01"], "无法识别"),
        (["check", "--date", "2026-05-11"], "还没有大厅"),
        (["init", "--hall-code", " ", "--hall-name", "x"], "不能为空"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, argv: list[str], expected: str
) -> None:
    code, _out, err = run(capsys, "--db", sqlite_url, *argv)
    assert code != 0
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_database_that_cannot_be_opened(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"garbage" * 1000)
    code, _out, err = run(capsys, "--db", f"sqlite:///{broken}", "check")
    assert code == 2
    assert "无法打开数据库" in err and "Traceback" not in err


def test_a_postgresql_server_that_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", "check")
    assert code == 2
    assert "无法打开数据库" in err and "Traceback" not in err


def test_demo_twice_keeps_the_first_and_says_so(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, err = run(capsys, "--db", sqlite_url, "demo", "--today", "2026-05-15", "--weeks", "1")
    assert code == 0, err
    assert "DEMO01" in out and "hallmonitor check --date" in out
    code, out, _ = run(capsys, "--db", sqlite_url, "demo", "--today", "2026-05-15", "--weeks", "1")
    assert code == 0
    assert "未重复创建" in out


def test_check_of_a_day_to_come_prints_the_plan_not_violations(
    capsys: pytest.CaptureFixture[str], sqlite_hall
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    from hallmonitor.domain.enums import Session, StaffCategory
    from hallmonitor.services.hall import load_calendar
    from tests.support import builders as b

    calendar = load_calendar(sqlite_hall)
    day = calendar.add_working_days(date.today(), 3)
    staffed, empty = b.window(sqlite_hall, "1"), b.window(sqlite_hall, "2", "税务局")
    officer = b.staff(sqlite_hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    helper = b.staff(sqlite_hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    b.duty(
        sqlite_hall, staffed, officer, day - timedelta(days=60), Session.MORNING
    )  # supervision began earlier
    for session in Session:
        b.duty(sqlite_hall, staffed, officer, day, session, attendance=None)
        b.duty(sqlite_hall, empty, helper, day, session, attendance=None)
    code, out, err = run(capsys, "--db", sqlite_hall.db.url, "check", "--date", day.isoformat())
    assert code == 0, err
    assert "该日尚未到来" in out and "【排班计划】" in out
    assert "上午 1号窗口  王科长  按计划合规" in out
    assert "上午 2号窗口  李协理（辅助）  按计划将仅辅助人员" in out
    assert "有 2 个窗口时段按计划没有正式公职人员" in out
    assert "无人值守" not in out and "【预警】" not in out


def test_check_lists_each_overdue_and_due_case_on_a_line_of_its_own(
    capsys: pytest.CaptureFixture[str], sqlite_hall, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from sqlalchemy import select

    from hallmonitor.storage.models import Case
    from tests.support import builders as b

    window = b.window(sqlite_hall, "1")
    item = b.item(sqlite_hall, "I1", promised_days=2)
    for case_no, received, completed in (
        ("C-OPEN", datetime(2026, 5, 11, 9, 0), None),
        ("C-LATE", datetime(2026, 5, 11, 9, 30), datetime(2026, 5, 15, 10)),
        ("C-SOON", datetime(2026, 5, 13, 9, 0), None),
        ("C-IN-TIME", datetime(2026, 5, 11, 10, 0), datetime(2026, 5, 12, 10)),
    ):
        b.case(sqlite_hall, case_no, window, item, received, completed_at=completed)
    url = sqlite_hall.db.url
    code, out, err = run(capsys, "--db", url, "check", "--date", "2026-05-15")
    assert code == 0, err
    with sqlite_hall.db.session() as s:
        due = {n: d for n, d in s.execute(select(Case.case_no, Case.due_date))}
    assert due["C-OPEN"] < date(2026, 5, 15) == due["C-SOON"]
    listed = out.split("【超时与临期办件】\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert listed == [
        # By due date, then number.
        f"  超时  C-LATE  1号窗口  事项I1  截止 {due['C-LATE']}  办结 2026-05-15",
        f"  超时  C-OPEN  1号窗口  事项I1  截止 {due['C-OPEN']}  未办结",
        "  临期  C-SOON  1号窗口  事项I1  截止 2026-05-15  未办结",
    ]
    monkeypatch.setenv("HALLMONITOR_LANG", "en")
    code, out, err = run(capsys, "--db", url, "check", "--date", "2026-05-15")
    assert code == 0, err
    assert f"  overdue  C-LATE  window 1  事项I1  due {due['C-LATE']}  completed 2026-05-15\n" in out
    code, out, err = run(capsys, "--db", url, "check", "--date", "2026-05-11")
    assert out.split("[Overdue and due cases]\n", 1)[1].startswith("  None.\n")
