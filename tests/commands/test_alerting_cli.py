"""hallmonitor alerts and hallmonitor notice, headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.commands.alerting import display_width
from hallmonitor.services.alerts import list_alerts, revoke
from hallmonitor.services.rules import run_rules
from tests.support import builders as b
from tests.support.alert_scenario import MON, at, build_ladder
from tests.support.notice_checks import assert_reads_back


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def alerted(sqlite_hall):
    build_ladder(sqlite_hall)
    w2 = b.window(sqlite_hall, "2", "税务局")
    item = b.item(sqlite_hall, "I1", promised_days=5)
    b.case(sqlite_hall, "C-TRIPS", w2, item, at(MON, 9, 10), trips=3)
    run_rules(sqlite_hall, at(MON, 9, 30))
    return sqlite_hall


def test_alerts_lists_a_table_open_first(capsys, alerted) -> None:
    trips = next(r for r in list_alerts(alerted) if r.window_no == "2" and r.kind.value == "多次跑动")
    revoke(alerted, trips.id, "申请人自行多跑", at=at(MON, 10, 0))
    code, out, err = run(capsys, "--db", alerted.db.url, "alerts")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "编号",
        "窗口",
        "类型",
        "级别",
        "状态",
        "件数",
        "触发时间",
        "整改期限",
        "摘要",
    ]
    assert "人员配置" in lines[1] and "责令纠正" in lines[1] and "2026-05-12" in lines[1]
    assert "已撤销" in next(line for line in lines if line.startswith(f"#{trips.id} "))
    assert lines.index(next(line for line in lines if "已撤销" in line)) > 1
    # Columns line up even though the cells are Chinese.
    starts = {display_width(line[: line.index("2026-05-11")]) for line in lines[1:] if "2026-05-11" in line}
    assert len(starts) == 1

    code, out, _ = run(capsys, "--db", alerted.db.url, "alerts", "--open")
    assert "已撤销" not in out and "共 " in out
    code, out, _ = run(capsys, "--db", alerted.db.url, "alerts", "--window", "2")
    rows = out.splitlines()[1:-2]
    assert [r.split()[1] for r in rows] == ["2", "2"] and "多次跑动" in out
    code, out, _ = run(capsys, "--db", alerted.db.url, "alerts", "--open", "--window", "2")
    assert "人员配置" in out and "多次跑动" not in out
    code, out, _ = run(capsys, "--db", alerted.db.url, "alerts", "--open", "--window", "9")
    assert code == 0 and "9号窗口没有待处理的预警" in out


def test_alerts_shows_what_each_holds_and_its_history(capsys, alerted) -> None:
    [order] = [r for r in list_alerts(alerted, window_no="1")]
    code, out, err = run(capsys, "--db", alerted.db.url, "alerts", "--window", "1", "--history")
    assert code == 0, err
    history = out[out.index(f"\n\n#{order.id} ") :]
    # Monday morning with only auxiliary staff: the session it holds, and the order dated at its start.
    assert "（责令纠正，待处理）" in history.splitlines()[2]
    assert "包含  2026-05-11 09:00  2026-05-11 上午  仅辅助人员" in history
    assert "经过  2026-05-11 09:00  系统触发  [责令纠正] 待处理" in history


def test_alerts_lists_a_page_and_says_how_many_there_are(capsys, alerted) -> None:
    total = len(list_alerts(alerted))
    code, out, _ = run(capsys, "--db", alerted.db.url, "alerts", "--limit", "1")
    assert code == 0
    assert len([line for line in out.splitlines() if line.startswith("#")]) == 1
    assert f"显示 1 / 共 {total} 条" in out
    # The open ones are 待处理, the word the app's status bar and alert center use for the same count.
    assert f"其中待处理 {len(list_alerts(alerted, open_only=True))} 条" in out and "未处理" not in out


def test_notice_writes_the_pdf(capsys, alerted, qapp, tmp_path: Path) -> None:
    out_file = tmp_path / "notice.pdf"
    code, out, err = run(capsys, "--db", alerted.db.url, "notice", "1", "--out", str(out_file))
    assert code == 0, err
    assert "责令整改通知书" in out and str(out_file) in out
    assert_reads_back(out_file, "1号窗口", "2026年5月11日", "2026年5月12日", "工", "日", "人")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["notice", "999", "--out", "x.pdf"], "找不到编号为 999 的预警"),
        (["notice", "1", "--out", "x.txt"], "须是 .pdf 文件"),
        (["notice", "1", "--out", "/no/such/folder/x.pdf"], "/no/such/folder"),
    ],
)
def test_notice_errors_are_one_line(capsys, alerted, qapp, argv, expected) -> None:
    code, _out, err = run(capsys, "--db", alerted.db.url, *argv)
    assert code == 2
    assert expected in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_notice_for_an_alert_still_to_verify_is_refused(capsys, alerted, tmp_path: Path) -> None:
    trips = next(r for r in list_alerts(alerted) if r.kind.value == "多次跑动")
    code, _out, err = run(
        capsys, "--db", alerted.db.url, "notice", str(trips.id), "--out", str(tmp_path / "x.pdf")
    )
    assert code == 2 and "待核查" in err and "不出具整改通知书" in err


@pytest.mark.slow
def test_notice_runs_headless_without_a_display(alerted, tmp_path: Path) -> None:
    """A fresh process with no QT_QPA_PLATFORM and no display, as on a server or in a scheduled task."""
    out_file = tmp_path / "headless.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-m", "hallmonitor", "--db", alerted.db.url, "notice", "1", "--out", str(out_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert_reads_back(out_file, "1号窗口", "2026年5月12日")
