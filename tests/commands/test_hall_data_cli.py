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


def test_item_set_active_deactivates_and_activates_an_item_and_the_list_and_history_show_it(
    capsys, sqlite_hall
) -> None:
    url = sqlite_hall.db.url
    b.item(sqlite_hall, "SC001")
    b.item(sqlite_hall, "SC002")
    code, out, err = run(capsys, "--db", url, "item", "set-active", "SC001", "停用", "--reason", "事项取消")
    assert code == 0, err
    assert out.strip() == "事项 SC001（事项SC001）已停用，不能再登记新办件；已登记的办件不受影响。"

    code, out, err = run(capsys, "--db", url, "item", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "编码", "名称", "部门", "类别", "办件类型", "承诺时限", "法定时限", "进驻", "授权到位", "状态"
    ]  # fmt: skip
    assert [line.split()[0] for line in lines[1:3]] == ["SC002", "SC001"]
    assert lines[1].split()[-1] == "启用" and lines[2].split()[-1] == "停用"
    assert lines[-1] == "共 2 个事项，启用 1 个。"
    code, out, _err = run(capsys, "--db", url, "item", "list", "--search", "停用")
    assert "SC001" in out and "SC002" not in out

    code, out, err = run(capsys, "--db", url, "item", "set-active", "SC001", "启用", "--reason", "恢复办理")
    assert code == 0, err
    code, out, err = run(capsys, "--db", url, "item", "history", "SC001")
    lines = out.splitlines()
    assert lines[0] == "事项 SC001（事项SC001，市场监管局）现为启用。"
    assert "启用  停用→启用  原因：恢复办理" in lines[1]
    assert "停用  启用→停用  原因：事项取消" in lines[2]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("SC001", "关闭", "--reason", "x"), "事项状态“关闭”无法识别，应为启用或停用。"),
        (("XX", "停用", "--reason", "x"), "没有编码为 XX 的事项（hallmonitor item list 列出全部事项）。"),
        (("SC001", "启用", "--reason", "x"), "事项 SC001（事项SC001）已在启用中，无需启用。"),
        (("SC001", "停用", "--reason", " "), "停用原因不能为空。"),
    ],
)
def test_item_set_active_refuses_in_one_sentence(capsys, sqlite_hall, argv, message) -> None:
    b.item(sqlite_hall, "SC001")
    code, out, err = run(capsys, "--db", sqlite_hall.db.url, "item", "set-active", *argv)
    assert code == 2 and not out
    assert err.startswith("hallmonitor: ") and err.rstrip().endswith(message)
    assert len(err.strip().splitlines()) == 1
