"""hallmonitor case void and hallmonitor case show, through the one entry point."""

from __future__ import annotations

from datetime import datetime

import pytest

from hallmonitor.cli import main
from hallmonitor.services.cases import case_detail, correct_case
from tests.support import builders as b


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def one_case(sqlite_hall):  # type: ignore[no-untyped-def]
    w = b.window(sqlite_hall, "1")
    item = b.item(sqlite_hall, "I1", promised_days=5)
    return b.case(sqlite_hall, "C-001", w, item, datetime(2026, 5, 11, 9, 0))


def test_void_records_the_reason_and_show_prints_the_history(capsys, sqlite_hall, one_case) -> None:
    url = sqlite_hall.db.url
    correct_case(sqlite_hall, one_case, {"trips": 2}, "申请人第二次来补材料", now=datetime(2026, 5, 12, 9, 0))
    code, out, err = run(capsys, "--db", url, "case", "void", "C-001", "--reason", "重复登记")
    assert code == 0, err
    assert out.strip() == "办件 C-001 已作废：重复登记。此后不计入任何统计和报表。"
    detail = case_detail(sqlite_hall, one_case)
    assert detail.voided and detail.void_reason == "重复登记"

    code, out, err = run(capsys, "--db", url, "case", "show", "C-001")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("办件 C-001") and lines[0].endswith("作废（重复登记）")
    assert "更正  跑动次数：1 → 2  原因：申请人第二次来补材料" in out
    assert lines[-1].endswith("作废  重复登记")


def test_user_errors_are_one_sentence_and_exit_2(capsys, sqlite_hall, one_case) -> None:
    url = sqlite_hall.db.url
    code, _, err = run(capsys, "--db", url, "case", "void", "NOPE", "--reason", "重复")
    assert (code, err.strip()) == (2, "hallmonitor: 找不到办件编号为 NOPE 的办件。")
    code, _, err = run(capsys, "--db", url, "case", "void", "C-001", "--reason", "  ")
    assert (code, err.strip()) == (2, "hallmonitor: 请用 --reason 写明作废原因。")
    assert run(capsys, "--db", url, "case", "void", "C-001", "--reason", "重复")[0] == 0
    code, _, err = run(capsys, "--db", url, "case", "void", "C-001", "--reason", "再次")
    assert code == 2 and "已于" in err and "作废" in err and "Traceback" not in err
