"""hallmonitor window … and hallmonitor staff list, headless, through the one entry point."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hallmonitor.cli import main
from hallmonitor.domain.enums import Session, StaffCategory, WindowState
from hallmonitor.services.hall_data import leave_staff, list_windows
from tests.support import builders as b


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hall_with_window(sqlite_hall):  # type: ignore[no-untyped-def]
    w = b.window(sqlite_hall, "7", "税务局")
    person = b.staff(sqlite_hall, "A7", "赵协理", StaffCategory.LABOUR_DISPATCH, "税务局")
    yesterday = date.today() - timedelta(days=1)
    for day in (yesterday, date.today()):
        b.duty(sqlite_hall, w, person, day, Session.MORNING)
    return sqlite_hall


def test_set_state_stops_a_window_from_a_day_and_its_history_says_who_and_why(
    capsys, hall_with_window
) -> None:
    url = hall_with_window.db.url
    yesterday = date.today() - timedelta(days=1)
    code, out, err = run(
        capsys,
        "--db",
        url,
        "window",
        "set-state",
        "7",
        "停用",
        "--reason",
        "并入综合窗口",
        "--from",
        yesterday.isoformat(),
    )
    assert code == 0, err
    assert out.strip() == f"7号窗口自 {yesterday:%Y-%m-%d} 起停用，删除其后排班 2 条。"
    assert list_windows(hall_with_window)[0].state is WindowState.OUT_OF_SERVICE

    code, out, err = run(capsys, "--db", url, "window", "history", "7")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "7号窗口（税务局）现为停用。"
    assert "状态变更  开放→停用" in lines[1] and "原因：并入综合窗口" in lines[1]
    assert f"自 {yesterday:%Y-%m-%d} 00:00 起" in lines[1]

    code, out, _err = run(capsys, "--db", url, "window", "list")
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split() == ["编号", "名称", "部门", "类型", "区域", "位置", "状态", "状态起始"]
    assert row.split()[:3] == ["7", "税务局窗口", "税务局"] and "停用" in row


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("window", "set-state", "7", "临时关闭", "--reason", "x"), "由预警处理决定"),
        (("window", "set-state", "7", "停用", "--reason", " "), "状态变更原因不能为空"),
        (("window", "set-state", "9", "停用", "--reason", "x"), "没有编号为 9 的窗口"),
        (("window", "set-state", "7", "停用", "--reason", "x", "--from", "13/05/2026"), "--from 的日期"),
        (("window", "set-state", "7", "停用", "--reason", "x", "--from", "2999-01-01"), "不能晚于今天"),
        (("window", "history", "8"), "没有编号为 8 的窗口"),
    ],
)
def test_user_errors_are_one_sentence_and_exit_2(capsys, hall_with_window, argv, message) -> None:
    code, _out, err = run(capsys, "--db", hall_with_window.db.url, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_staff_list_shows_category_and_who_left(capsys, hall_with_window) -> None:
    formal = b.staff(hall_with_window, "F1", "王科长", StaffCategory.CIVIL_SERVANT, "税务局")
    leave_staff(hall_with_window, formal, "调回局机关")
    code, out, err = run(capsys, "--db", hall_with_window.db.url, "staff", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["工号", "姓名", "部门", "类别", "正式/辅助", "状态", "类别起始"]
    assert lines[1].split()[:6] == ["A7", "赵协理", "税务局", "劳务派遣", "辅助", "在岗"]
    assert lines[2].split()[:7] == [
        "F1",
        "王科长",
        "税务局",
        "公务员",
        "正式",
        "调离",
        f"{date.today():%Y-%m-%d}",
    ]
    assert lines[-1] == "共 2 人，在岗 1 人。"
