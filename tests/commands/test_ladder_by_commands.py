"""The alert ladder across the 2026 Labour Day break, set up with nothing but templates, imports and commands.

A supervisor without Python: `template` writes each file, the sample row is
deleted and the hall's rows typed in, `import` reads them, `export` writes the
weeks for the center. Window 1 has only auxiliary staff on Thu 30 Apr
afternoon (责令纠正) and on Wed 6 May morning and afternoon (the escalation to
建议临时关闭, after the break); a case stopped by a special procedure is not
late at the end of week 19, its twin without one is.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from hallmonitor.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def filled_template(capsys, db: str, kind: str, folder: Path, rows: list[tuple]) -> Path:  # type: ignore[no-untyped-def]
    path = folder / f"{kind}.xlsx"
    run(capsys, "--db", db, "template", kind, str(path))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert "示例" in str(sheet.cell(2, 1).value)
    sheet.delete_rows(2)  # the sample row, as the template asks
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def overview(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path, data_only=True)["概览"]
    found: dict[str, object] = {}
    for row in sheet.iter_rows(values_only=True):
        cells = [c for c in row if c not in (None, "")]
        for label, value in itertools.pairwise(cells):
            if isinstance(label, str) and label not in found:
                found[label] = value
    return found


def late_cases(path: Path) -> set[str]:
    sheet = openpyxl.load_workbook(path, data_only=True)["超时办件"]
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "办件编号")
    return {str(r[0]) for r in rows[header_at + 1 :] if r and r[0]}


VIOLATIONS = {("2026-04-30", "下午"), ("2026-05-06", "上午"), ("2026-05-06", "下午")}


def roster() -> list[tuple[str, str, str, str, str]]:
    """Both windows staffed by their civil servant every working session of weeks 18 and 19, but three."""
    from datetime import date, timedelta

    from hallmonitor.domain.work_calendar import WorkCalendar

    calendar = WorkCalendar()
    days = [date(2026, 4, 27) + timedelta(days=n) for n in range(14)]
    rows = []
    for day in (d for d in days if calendar.is_workday(d)):
        for session in ("上午", "下午"):
            violating = (day.isoformat(), session) in VIOLATIONS
            rows.append((day.isoformat(), session, "1", "A001" if violating else "F001", "是"))
            rows.append((day.isoformat(), session, "2", "F002", "是"))
    return rows


def test_the_ladder_and_a_special_procedure_through_imports_and_commands(capsys, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    run(capsys, "--db", db, "init", "--hall-code", "H001", "--hall-name", "某市政务服务中心")
    imports = [
        (
            "windows",
            [("1", "企业开办窗口", "市场监管局", "专业窗口"), ("2", "税务窗口", "税务局", "专业窗口")],
        ),
        (
            "staff",
            [
                ("A001", "李协理", "市场监管局", "劳务派遣", "是"),
                ("F001", "王科长", "市场监管局", "公务员", "是"),
                ("F002", "赵科长", "税务局", "公务员", "是"),
            ],
        ),
        ("items", [("SC-0001", "企业设立登记", "市场监管局", "营业执照", "承诺件", 1, 15, "是", "是")]),
        ("roster", roster()),
        (
            "cases",
            [
                (
                    case_no,
                    "1",
                    "SC-0001",
                    "企业",
                    "某某科技有限公司",
                    "91350100M000100Y43",
                    datetime(2026, 4, 30, 10, 0),
                    "F001",
                    "已受理",
                    None,
                    None,
                    None,
                    None,
                    1,
                    None,
                )
                for case_no in ("P-1", "P-2")
            ],
        ),
        ("procedures", [("P-1", datetime(2026, 5, 6), datetime(2026, 5, 12), "专家评审")]),
    ]
    for kind, rows in imports:
        path = filled_template(capsys, db, kind, tmp_path, rows)
        out = run(capsys, "--db", db, "import", kind, str(path))
        assert "导入" in out and kind not in out.split("：")[0]

    out18 = tmp_path / "w18"
    out19 = tmp_path / "w19"
    run(capsys, "--db", db, "export", "--week", "2026-W19", "--out", str(out19))
    run(capsys, "--db", db, "export", "--week", "2026-W18", "--out", str(out18))
    [week18] = list(out18.glob("*.xlsx"))
    [week19] = list(out19.glob("*.xlsx"))

    w18, w19 = overview(week18), overview(week19)
    assert (w18["责令纠正次数"], w18["建议临时关闭次数"]) == (1, 0)  # 30 Apr; the escalation came later
    assert (w19["责令纠正次数"], w19["建议临时关闭次数"]) == (0, 1)  # the escalation on Wed 6 May

    # Due Wed 6 May; P-1's clock stopped from that day, P-2's did not.
    assert late_cases(week19) == {"P-2"}

    alerts = run(capsys, "--db", db, "alerts", "--history")
    assert "2026-04-30 13:30" in alerts and "建议临时关闭" in alerts
