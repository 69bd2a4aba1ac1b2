"""What a hostile or careless file can make the import say: one short line per problem, nothing leaked.

Each test imports a real file through the service the app and the command line
use, on a real database, and reads the messages the clerk would read.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmonitor.domain.identifiers import validate_id_card
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, Complaint, Staff
from tests.support.import_files import (
    CASE_HEADER,
    COMPLAINT_HEADER,
    STAFF_HEADER,
    case_row,
    seed_reference,
    snapshot,
    text_values,
    write_csv,
    write_xlsx,
)

HIDDEN = "370104195508301208"
#: Eighteen characters of digits (or a final X) with separators, anywhere in a text.
_ID_RUN = re.compile(r"(?:\d[\s\-\u3000.]*){17}[\dXx]")


def valid_ids_in(text: str) -> list[str]:
    found = []
    for match in _ID_RUN.finditer(text):
        compact = re.sub(r"[\s\-\u3000.]", "", match.group())
        with contextlib.suppress(ValueError):
            found.append(validate_id_card(compact))
    return found


@pytest.fixture
def reference_hall(hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(hall, tmp_path)
    return hall


def lines_of(result_errors: list) -> list[str]:
    return "\n".join(str(e) for e in result_errors).splitlines()


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("受理时间", "x" * 100_000),
        ("窗口号", "A01\n第9行，列「窗口号」：伪造的第二行"),
        ("受理时间", "\x1b[2J\x1b[31m清屏"),
        ("受理时间", HIDDEN),
        ("跑动次数", "-" + "9" * 4000),
        ("审批地点", "后\u202e台"),
    ],
)
def test_a_hostile_cell_gives_one_short_line_without_its_secrets(
    reference_hall: HallContext, tmp_path: Path, column: str, cell: str
) -> None:
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row("C1", **{column: cell})])
    before = snapshot(reference_hall)

    result = import_file(reference_hall, "cases", path)

    assert result.stopped and len(result.errors) == 1
    text = str(result.errors[0])
    assert lines_of(result.errors) == [text]
    assert text.startswith(f"第2行，列「{column}」：") and len(text) <= 200
    assert "\x1b" not in text and "\u202e" not in text and HIDDEN not in text
    assert snapshot(reference_hall) == before


def test_a_full_id_number_in_the_wrong_column_is_masked_in_the_message(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row("C1", 受理时间=HIDDEN)])
    [error] = import_file(reference_hall, "cases", path).errors
    assert (
        str(error)
        == "第2行，列「受理时间」：「370104********1208」无法识别为日期；请写成 2026-05-06 或 2026/5/6"
    )


def test_three_thousand_copies_of_a_staff_number_are_one_line(hall: HallContext, tmp_path: Path) -> None:
    rows = [["2001", f"员工{i}", "市税务局", "公务员"] for i in range(3000)] + [
        ["2002", "乙", "市税务局", "公务员"]
    ]
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, rows)

    result = import_file(hall, "staff", path)

    assert [str(e) for e in result.errors] == [
        "第2行，列「工号」：工号「2001」重复出现在第2、3、4、5、6…行（共3000行），请只保留一行"
    ]
    assert result.summary() == "导入人员：3000 行有错误，未写入任何数据（共 3001 行）"

    skipped = import_file(hall, "staff", path, skip_invalid=True)
    assert (skipped.inserted, skipped.skipped) == (1, 3000)
    with hall.db.session() as session:
        assert list(session.scalars(select(Staff.staff_no))) == ["2002"]


def test_a_repeated_roster_row_names_its_whole_key(reference_hall: HallContext, tmp_path: Path) -> None:
    row = ["2026-05-06", "上午", "A01", "1001", "是"]
    path = write_csv(tmp_path / "roster.csv", ["日期", "时段", "窗口号", "工号", "到岗"], [row, row, row])
    [error] = import_file(reference_hall, "roster", path).errors
    assert error.message == (
        "日期、时段、窗口号、工号「2026-05-06 上午 A01 1001」重复出现在第2、3、4行（共3行），请只保留一行"
    )


def test_a_nul_in_a_csv_header_is_refused_naming_the_column(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    header = ",".join(h + ("\x00" if h == "一件事编号" else "") for h in CASE_HEADER)
    path.write_text(header + "\n" + ",".join(str(c) for c in case_row("C1")) + "\n", encoding="utf-8")
    before = snapshot(reference_hall)
    with pytest.raises(ServiceError) as info:
        import_file(reference_hall, "cases", path)
    assert str(info.value).startswith(f"文件 {path} 第1行第15列（O列）的列名「一件事编号\\x00」中")
    assert snapshot(reference_hall) == before


def test_a_nul_in_a_cell_is_an_error_naming_file_row_and_column(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "cases.csv", CASE_HEADER, [case_row("C1"), case_row("C2", 申请人="某某\x00公司")]
    )
    [error] = import_file(reference_hall, "cases", path).errors
    assert (
        str(error)
        == "第3行，列「申请人」：第3个字符是不可见的控制字符（\\x00），请在文件 cases.csv 中删去后重新导入"
    )


def test_a_formula_never_calculated_is_an_error_not_a_default(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "cases.xlsx", CASE_HEADER, [case_row("C1", 跑动次数="=1+1")])
    before = snapshot(reference_hall)

    result = import_file(reference_hall, "cases", path)

    assert result.stopped
    assert [(e.row, e.column) for e in result.errors] == [(2, "跑动次数")]
    assert "在 Excel 或 WPS 中打开并保存后再导入" in result.errors[0].message
    assert snapshot(reference_hall) == before


def test_a_damaged_workbook_is_one_sentence(reference_hall: HallContext, tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", CASE_HEADER, [case_row(f"C{i}") for i in range(200)])
    data = bytearray(good.read_bytes())
    data[data.index(b"xl/worksheets/sheet1.xml") + 300] ^= 0x20
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    before = snapshot(reference_hall)
    with pytest.raises(ServiceError) as info:
        import_file(reference_hall, "cases", path)
    message = str(info.value)
    assert message.startswith(f"文件 {path} 已损坏或不是 Excel 工作簿") and "\n" not in message
    assert snapshot(reference_hall) == before


# --- ID numbers where they hide ---------------------------------------------------------

#: The shapes a clerk writes an ID number in when it lands in free text.
SHAPES = [
    HIDDEN,
    "370104 19550830 1208",
    "370104-1955-0830-1208",
    "３７０１０４１９５５０８３０１２０８",
    "身份证:370104195508301208",
    "身份证号码：370104 195508 301208",
    "张三370104195508301208",
    "370104195508301208（本人）",
]


def test_id_numbers_in_free_text_are_masked_on_import_and_the_summary_says_so(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    cases = [case_row(f"C{i}", 申请人=f"申请人{shape}") for i, shape in enumerate(SHAPES)]
    load_cases = import_file(reference_hall, "cases", write_csv(tmp_path / "cases.csv", CASE_HEADER, cases))
    complaints = [
        [f"FY-{i}", "A01", f"C{i}", "2026-05-06 11:00", "材料", f"反映人{shape}要求退件", ""]
        for i, shape in enumerate(SHAPES)
    ]
    load_complaints = import_file(
        reference_hall, "complaints", write_xlsx(tmp_path / "complaints.xlsx", COMPLAINT_HEADER, complaints)
    )

    assert load_cases.summary() == "导入办件：新增 8 行，更新 0 行，未变 0 行；已遮盖 8 处疑似证件号"
    assert load_complaints.summary().endswith("；已遮盖 8 处疑似证件号")
    with reference_hall.db.session() as session:
        names = list(session.scalars(select(Case.applicant_name)))
        contents = list(session.scalars(select(Complaint.content)))
    assert all("370104********1208" in text for text in names + contents), names + contents
    assert [v for v in text_values(reference_hall) if valid_ids_in(v)] == []


@pytest.mark.parametrize("column", ["办件编号", "一件事编号"])
def test_an_id_number_as_a_case_or_bundle_number_is_refused(
    reference_hall: HallContext, tmp_path: Path, column: str
) -> None:
    rows = [case_row("C1"), case_row("C2", **{column: "370104-19550830-1208"})]
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, rows)
    before = snapshot(reference_hall)

    result = import_file(reference_hall, "cases", path)

    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert "身份证号码，不能用作编号" in result.errors[0].message
    assert snapshot(reference_hall) == before
