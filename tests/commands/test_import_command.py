"""hallmonitor import / template as a user meets them: summary lines, one line per bad row, exit codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hallmonitor.cli import main
from hallmonitor.commands.excel import TerminalProgress
from tests.support.import_files import STAFF_HEADER, WINDOW_HEADER, WINDOWS, write_csv, write_xlsx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> str:
    assert (
        run(capsys, "--db", sqlite_url, "init", "--hall-code", "H1", "--hall-name", "某市政务服务大厅")[0]
        == 0
    )
    return sqlite_url


def test_good_file_prints_a_summary_and_exits_zero(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "windows.xlsx", WINDOW_HEADER, WINDOWS)
    code, out, err = run(capsys, "--db", db, "import", "windows", str(path))
    assert (code, out.strip(), err) == (0, "导入窗口：新增 3 行，更新 0 行，未变 0 行", "")
    code, out, _ = run(capsys, "--db", db, "import", "windows", str(path))
    assert (code, out.strip()) == (0, "导入窗口：新增 0 行，更新 0 行，未变 3 行")


def test_bad_file_lists_every_bad_row_and_exits_one(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    rows = [
        ["1001", "张三", "市税务局", "公务员"],
        ["1002", "", "市税务局", "临时工"],
        ["1001", "王五", "市税务局", "公务员"],
    ]
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, rows)
    code, out, err = run(capsys, "--db", db, "import", "staff", str(path))
    assert code == 1
    assert "Traceback" not in err
    assert out.strip() == "导入人员：3 行有错误，未写入任何数据（共 3 行）"
    lines = err.strip().splitlines()
    assert lines[:3] == [
        "第2行，列「工号」：工号「1001」重复出现在第2、4行（共2行），请只保留一行",
        "第3行，列「姓名」：不能为空",
        "第3行，列「人员类别」：「临时工」不是可选值；可选：公务员、参照公务员法管理、事业编制、劳务派遣、编外聘用、临时聘用、第三方服务",
    ]
    assert "--skip-invalid" in lines[-1]


def test_skip_invalid_writes_good_rows_and_exits_zero(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    rows = [["1001", "张三", "市税务局", "公务员"], ["1002", "李四", "市税务局", "临时工"]]
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, rows)
    code, out, err = run(capsys, "--db", db, "import", "staff", str(path), "--skip-invalid")
    assert code == 0
    assert out.strip() == "导入人员：新增 1 行，更新 0 行，未变 0 行，跳过有错误的 1 行"
    assert err.strip().startswith("第3行，列「人员类别」")


def test_skip_invalid_with_nothing_good_exits_one(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["1002", "李四", "市税务局", "临时工"]])
    code, _out, _err = run(capsys, "--db", db, "import", "staff", str(path), "--skip-invalid")
    assert code == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.xlsx", None, "找不到文件"),
        ("wrong.csv", "编号,名称\n1,甲\n", "缺少人员导入必需的列"),
        ("broken.xlsx", "not a workbook", "已损坏或不是 Excel 工作簿"),
        ("nul.csv", "工号,姓名\x00,部门,人员类别\n1001,张三,市税务局,公务员\n", "第1行第2列（B列）的列名"),
    ],
)
def test_unusable_file_is_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, name: str, content: str | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", "staff", str(path))
    assert code != 0 and out == ""
    assert expected in err and name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_template_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    code, out, _ = run(capsys, "template", "cases", str(path))
    assert code == 0 and path.exists() and str(path) in out
    code, _out, err = run(capsys, "template", "cases", str(tmp_path / "cases.csv"))
    assert code == 2 and ".xlsx" in err and "Traceback" not in err
    code, _out, err = run(capsys, "template", "cases", str(tmp_path / "no" / "such" / "dir.xlsx"))
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_terminal_progress_rewrites_one_line() -> None:
    stream = io.StringIO()
    progress = TerminalProgress("正在导入 cases.csv", stream, enabled=True)
    for done in (0, 1, 50, 51, 100):
        assert progress(done, 100) is True
    progress.finish()
    assert (
        stream.getvalue()
        == "\r正在导入 cases.csv：  0%\r正在导入 cases.csv：  1%\r正在导入 cases.csv： 50%\r正在导入 cases.csv： 51%\r正在导入 cases.csv：100%\n"
    )
    quiet = io.StringIO()
    TerminalProgress("x", quiet, enabled=False)(5, 10)
    assert quiet.getvalue() == ""


#: What the hall calls each kind; the messages never show the internal key.
KIND_NAMES = {
    "cases": "办件",
    "windows": "窗口",
    "staff": "人员",
    "items": "事项",
    "roster": "排班",
    "complaints": "办不成事反映",
    "procedures": "特别程序",
    "calendar": "节假日安排",
}


@pytest.mark.parametrize("kind", list(KIND_NAMES))
def test_messages_name_the_kind_in_chinese(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, kind: str
) -> None:
    from hallmonitor.reports.imports import spec_for

    spec = spec_for(kind)
    header = [c.title for c in spec.columns]
    path = write_csv(tmp_path / "f.csv", header, [["" for _ in header[:-1]] + ["x"]])
    code, out, _err = run(capsys, "--db", db, "import", kind, str(path))
    assert code == 1
    assert out.startswith(f"导入{KIND_NAMES[kind]}：1 行有错误，未写入任何数据"), out
    assert kind not in out


def test_the_procedures_template(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "特别程序.xlsx"
    code, out, _err = run(capsys, "template", "procedures", str(path))
    assert (code, out.strip()) == (0, f"已写出特别程序导入模板：{path}")
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == ["办件编号", "开始日期", "结束日期", "说明"]
    assert sheet["A2"].value == "2026-000001 — 示例"


def test_a_template_imported_unchanged_is_refused_naming_the_row(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    path = tmp_path / "人员.xlsx"
    assert run(capsys, "template", "staff", str(path))[0] == 0
    code, out, err = run(capsys, "--db", db, "import", "staff", str(path))
    assert code != 0 and out == "" and "Traceback" not in err
    assert err.strip().endswith(f"文件 {path} 的工作表「人员」第 2 行是模板的示例行，请删除后再导入。")


def test_a_bit_flipped_workbook_is_one_sentence_on_the_command_line(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", STAFF_HEADER, [["1001", "张三", "市税务局", "公务员"]] * 300)
    data = bytearray(good.read_bytes())
    # Inside the sheet's compressed rows: the deflate stream or its CRC breaks while rows are read.
    start = data.index(b"xl/worksheets/sheet1.xml") + 60
    data[start + 200] ^= 0x55
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    code, out, err = run(capsys, "--db", db, "import", "staff", str(path))
    assert code != 0 and out == ""
    assert err.strip().splitlines() == [err.strip()]
    assert "已损坏或不是 Excel 工作簿" in err and "Error -3" not in err and "意外错误" not in err
