"""A supervisor working in English reads every import's row errors, summary and refusals in English.

Each test imports a real file through the service the app and the command line
use, on a real database. What may stay Chinese is data: the file's column names
(the hall's format), the values typed in it, the names the hall entered and the
stored vocabulary (window states, case statuses…); every sentence around them
is English and names the row and the column.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from hallmonitor.domain import enums
from hallmonitor.domain.enums import Role, WindowState
from hallmonitor.reports.imports import spec_for
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError
from hallmonitor.services.hall_data import set_window_state
from hallmonitor.services.imports import ImportResult, import_file
from hallmonitor.storage.models import Case, CaseEvent, Window
from tests.support.english import HAN
from tests.support.import_files import (
    CALENDAR_HEADER,
    CASE_HEADER,
    COMPLAINT_HEADER,
    ITEM_HEADER,
    PERSON_ID,
    PROCEDURE_HEADER,
    ROSTER_HEADER,
    STAFF_HEADER,
    WINDOW_HEADER,
    case_row,
    load,
    seed_reference,
    write_csv,
    write_xlsx,
)

NOW = datetime(2026, 6, 1, 9, 0)
VOCABULARY = {
    member.value
    for kind in vars(enums).values()
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum) and kind is not enum.StrEnum
    for member in kind
}


@pytest.fixture
def reference_hall(sqlite_hall: HallContext, tmp_path: Path) -> HallContext:
    """Windows A01, A02, B01, staff 1001-1003, items SC-001, SW-001, BDC-01, imported in Chinese."""
    seed_reference(sqlite_hall, tmp_path, now=datetime(2026, 5, 1))
    return sqlite_hall


def chinese_left(text: str, data: list[str]) -> list[str]:
    """The lines of ``text`` still holding a Han character once the data is taken out."""
    values = sorted({*data, *VOCABULARY}, key=len, reverse=True)
    left = []
    for line in text.splitlines():
        stripped = line
        for value in values:
            stripped = stripped.replace(value, "")
        if HAN.search(stripped):
            left.append(line)
    return left


def errors_of(result: ImportResult) -> list[str]:
    return [str(e) for e in result.errors]


# (kind, header, rows, the sentences the import must say) for each importer's bad file.
BAD_FILES = [
    (
        "windows",
        WINDOW_HEADER,
        [["A09", "综合受理9号", "", "大窗口"], ["A09", "综合受理9号", "市税务局", "综合窗口"]],
        [
            "Row 2, column “部门”: cannot be empty",
            "Row 2, column “窗口类型”: “大窗口” is not one of the choices: 综合窗口, 专业窗口",
            "Row 2, column “窗口号”: 窗口号 “A09” appears in rows 2, 3 (2 rows in all): keep only one of them",
        ],
    ),
    (
        "staff",
        STAFF_HEADER,
        [["1009", "赵六", "市税务局", "临时工"], ["1010", "钱七" * 30, "市税务局", "公务员"]],
        [
            "Row 2, column “人员类别”: “临时工” is not one of the choices: 公务员, 参照公务员法管理",
            "Row 3, column “姓名”: too long: at most 50 characters, 60 given",
        ],
    ),
    (
        "items",
        ITEM_HEADER,
        [
            ["SC-009", "企业变更登记", "市市场监督管理局", "营业执照", "承诺件", 20, 15, "是", "可能"],
            ["SC-010", "企业注销登记", "市市场监督管理局", "营业执照", "承诺件", "三天", "", "是", "是"],
        ],
        [
            "Row 2, column “承诺时限(工作日)”: the promised time limit (20 working days) is longer than "
            "the legal one (15 working days)",
            "Row 2, column “是否授权窗口审批”: “可能” should be 是 or 否 (or Y/N, 1/0)",
            "Row 3, column “承诺时限(工作日)”: “三天” should be a whole number",
        ],
    ),
    (
        "roster",
        ROSTER_HEADER,
        [
            ["2026-05-32", "上午", "A01", "1001", "是"],
            ["2026-05-11", "上午", "Z99", "1001", "是"],
            ["2026-05-11", "下午", "A01", "1001", "是"],
            ["2026-05-11", "下午", "A02", "1001", ""],
            ["2026-05-12", "上午", "A01", "4040", "是"],
        ],
        [
            "Row 2, column “日期”: there is no such date as “2026-05-32”",
            "Row 3, column “窗口号”: there is no window numbered Z99 (import the windows first)",
            "Row 4, column “工号”: staff number 1001 is also rostered at window A02 in the same session (row 5); "
            "nobody can be at two windows at once",
            "Row 6, column “工号”: there is no staff number 4040 (import the staff first)",
        ],
    ),
    (
        "cases",
        CASE_HEADER,
        [
            case_row("E1", 受理时间="2026-05-06 25:00"),
            case_row("E2", 事项编码="XX-404", 办结时间="2026-05-06 09:00"),
            case_row("E3", 申请人类型="个人", 证件号码="110105194912310021"),
            case_row("E4", 办件编号=PERSON_ID),
            case_row("E5", 审批人工号="", 审批时间=""),
        ],
        [
            "Row 2, column “受理时间”: there is no such time as “2026-05-06 25:00”",
            "Row 3, column “事项编码”: there is no item coded XX-404 (import the items first)",
            "Row 3, column “办结时间”: the completion time 2026-05-06 09:00 is before the time received "
            "2026-05-06 09:30",
            "Row 5, column “办件编号”: this is an ID card number and cannot serve as a number here; "
            "fill in the number the case system gave",
            "Row 6, column “审批人工号”: an approval place is filled in: fill in the approver's staff number as well",
        ],
    ),
    (
        "complaints",
        COMPLAINT_HEADER,
        [
            ["FY-1", "Z99", "", "2026-05-06 11:00", "", "", ""],
            ["FY-2", "A01", "C404", "2026-05-06 11:00", "", "", "2026-05-05 11:00"],
        ],
        [
            "Row 2, column “窗口号”: there is no window numbered Z99 (import the windows first)",
            "Row 3, column “办件编号”: there is no case numbered C404 (import the cases first)",
            "Row 3, column “办结时间”: the completion time 2026-05-05 11:00 is before the time of the complaint "
            "2026-05-06 11:00",
        ],
    ),
    (
        "procedures",
        PROCEDURE_HEADER,
        [
            ["C404", "2026-05-07", "", "专家评审"],
            ["C1", "2026-05-09", "2026-05-08", "听证"],
            ["C1", "2026-05-01", "2026-05-02", "公告"],
            ["C1", "2026-05-11", "2026-05-20", "听证"],
            ["C1", "2026-05-12", "2026-05-13", "公告"],
        ],
        [
            "Row 2, column “办件编号”: there is no case numbered C404 (import or enter the case first)",
            "Row 3, column “结束日期”: the end date 2026-05-08 is before the start date 2026-05-09",
            "Row 4, column “开始日期”: a special procedure cannot start before the day of receipt, 2026-05-06",
            "Row 5, column “开始日期”: overlaps the special procedure in row 6 (2026-05-12 to 2026-05-13)",
        ],
    ),
    (
        "calendar",
        CALENDAR_HEADER,
        [["2027-01-01", "放假", "元旦"], ["9999-12-31", "休息日", "长期"]],
        [
            "Row 2, column “类型”: “放假” is not one of the choices: 休息日, 工作日",
            "Row 3, column “日期”: the date 9999-12-31 is outside the range that can be taken "
            "(2000-01-01 to 2099-12-31)",
        ],
    ),
]


@pytest.mark.parametrize(("kind", "header", "rows", "said"), BAD_FILES, ids=[f[0] for f in BAD_FILES])
def test_each_importer_names_the_row_and_column_of_a_bad_file_in_english(
    reference_hall: HallContext, tmp_path: Path, english, kind, header, rows, said
) -> None:
    load(reference_hall, tmp_path, "cases", CASE_HEADER, [case_row("C1", 办件状态="已受理", 办结时间="")])
    path = write_xlsx(tmp_path / f"{kind}.xlsx", header, rows)
    result = import_file(reference_hall, kind, path, now=NOW)
    errors = errors_of(result)
    for sentence in said:
        assert any(e.startswith(sentence) for e in errors), (sentence, "\n".join(errors))
    assert result.stopped
    # The format's words (是/否, 休息日…) are data as much as the file's cells.
    choices = [choice for column in spec_for(kind).columns for choice in column.choices]
    data = [*header, *choices, *(str(cell) for row in rows for cell in row)]
    assert chinese_left("\n".join(errors), data) == []
    assert chinese_left(result.summary(), []) == []
    assert result.summary().endswith(
        f"nothing was written; rows with errors: {result.bad_rows} of {len(rows)}"
    )


def test_the_summary_reads_in_english(reference_hall: HallContext, tmp_path: Path, english) -> None:
    rows = [
        ["FY-1", "A01", "", "2026-05-06 11:00", "材料", f"申请人身份证 {PERSON_ID} 被要求复印三次", ""],
        ["FY-2", "Z99", "", "2026-05-06 11:00", "", "", ""],
        ["FY-3", "A02", "", "2026-05-07 11:00", "", "", ""],
    ]
    path = write_csv(tmp_path / "complaints.csv", COMPLAINT_HEADER, rows)
    result = import_file(reference_hall, "complaints", path, skip_invalid=True, now=NOW)
    assert result.summary() == (
        "Import of complaints: added 2, updated 0, unchanged 0, skipped 1 with errors; "
        "suspected ID numbers masked: 1"
    )
    again = import_file(reference_hall, "complaints", path, skip_invalid=True, now=NOW)
    assert again.summary().startswith(
        "Import of complaints: added 0, updated 0, unchanged 2, skipped 1 with errors"
    )


def test_a_cancelled_import_says_so_in_english(reference_hall: HallContext, tmp_path: Path, english) -> None:
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row(f"K{i:03d}") for i in range(300)])
    result = import_file(reference_hall, "cases", path, progress=lambda done, total: done < 200)
    assert result.summary() == "Import of cases: cancelled; nothing was written"


def test_the_summary_is_unchanged_in_chinese(reference_hall: HallContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["1009", "赵六", "市税务局", "公务员"]])
    result = import_file(reference_hall, "staff", path)
    assert result.summary() == "导入人员：新增 1 行，更新 0 行，未变 0 行"


def test_a_file_that_cannot_be_imported_is_refused_in_one_english_sentence(
    reference_hall: HallContext, tmp_path: Path, english
) -> None:
    only_header = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [])
    wrong_columns = write_csv(
        tmp_path / "roster.csv", ["日期", "窗口", "人员"], [["2026-05-11", "A01", "1001"]]
    )
    refusals = {}
    for kind, path in (
        ("staff", only_header),
        ("roster", wrong_columns),
        ("staff", tmp_path / "missing.xlsx"),
        ("staff", tmp_path),
        ("rosters", only_header),
    ):
        with pytest.raises(ServiceError) as raised:
            import_file(reference_hall, kind, path)
        refusals[kind if kind == "rosters" else path.name] = str(raised.value)
    assert refusals["staff.csv"] == f"The file {only_header} holds only the column names, no data rows."
    assert refusals["roster.csv"] == (
        f"The file {wrong_columns} lacks the columns an import of roster needs: 时段, 窗口号, 工号. "
        "Its first row should hold the column names; it holds: 日期, 窗口, 人员."
    )
    assert refusals["missing.xlsx"] == f"The file {tmp_path / 'missing.xlsx'} cannot be found."
    assert refusals[tmp_path.name] == f"{tmp_path} is a folder, not a file to import."
    assert refusals["rosters"].startswith(
        "The import kind “rosters” is not known; the kinds are: windows, staff"
    )
    for refusal in refusals.values():
        assert chinese_left(refusal, ["日期", "窗口", "人员", "时段", "窗口号", "工号"]) == []


def test_a_refused_permission_names_the_import_in_english(
    reference_hall: HallContext, tmp_path: Path, english
) -> None:
    path = write_csv(tmp_path / "cal.csv", CALENDAR_HEADER, [["2027-01-01", "休息日", "元旦"]])
    clerk = dataclasses.replace(reference_hall, actor=Actor("录入员甲", Role.WINDOW_LEAD))
    with pytest.raises(PermissionDenied) as raised:
        import_file(clerk, "calendar", path)
    assert " may not import the work calendar: it needs the “" in str(raised.value)
    viewer = dataclasses.replace(reference_hall, actor=Actor("访客", Role.CENTER_VIEWER))
    with pytest.raises(PermissionDenied) as raised:
        import_file(viewer, "cases", write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row()]))
    assert " may not import data: it needs the “" in str(raised.value)


def test_windows_and_cases_out_of_reach_are_explained_in_english(
    reference_hall: HallContext, tmp_path: Path, english
) -> None:
    with reference_hall.db.session() as session:
        window = session.scalars(select(Window.id).where(Window.number == "B01")).one()
    set_window_state(
        reference_hall, window, WindowState.OUT_OF_SERVICE, "装修", from_day=datetime(2026, 5, 8).date()
    )
    load(reference_hall, tmp_path, "cases", CASE_HEADER, [case_row("V1")])
    with reference_hall.db.session() as session:
        session.execute(
            update(Case).where(Case.case_no == "V1").values(voided_at=NOW, void_reason="重复登记")
        )
    cases = write_csv(
        tmp_path / "cases.csv",
        CASE_HEADER,
        [
            case_row("V1"),
            case_row(
                "N1", 窗口号="B01", 受理时间="2026-05-11 09:30", 审批时间="", 办结时间="2026-05-11 10:00"
            ),
        ],
    )
    roster = write_csv(tmp_path / "roster.csv", ROSTER_HEADER, [["2026-05-11", "上午", "B01", "1001", "是"]])
    said = errors_of(import_file(reference_hall, "cases", cases, now=NOW))
    said += errors_of(import_file(reference_hall, "roster", roster, now=NOW))
    off = WindowState.OUT_OF_SERVICE.value
    assert said == [
        "Row 2, column “办件编号”: case V1 is voided and cannot be imported or corrected again; "
        "delete the row from the file",
        f"Row 3, column “窗口号”: window B01 was “{off}” at the time received 2026-05-11 09:30: "
        "no case could be entered at it",
        f"Row 2, column “窗口号”: window B01 is “{off}” on 2026-05-11: nobody can be rostered there",
    ]


def test_the_case_history_an_import_writes_reads_in_english(
    reference_hall: HallContext, tmp_path: Path, english
) -> None:
    first = write_csv(tmp_path / "cases.csv", CASE_HEADER, [case_row("C1")])
    import_file(reference_hall, "cases", first, now=NOW)
    second = write_csv(tmp_path / "again.csv", CASE_HEADER, [case_row("C1", 跑动次数=2)])
    import_file(reference_hall, "cases", second, now=NOW)
    procedures = write_csv(
        tmp_path / "p.csv", PROCEDURE_HEADER, [["C1", "2026-05-06", "2026-05-06", "专家评审"]]
    )
    import_file(reference_hall, "procedures", procedures, now=NOW)
    with reference_hall.db.session() as session:
        events = [
            (e.action, e.note, e.reason) for e in session.scalars(select(CaseEvent).order_by(CaseEvent.id))
        ]
    assert events[0] == ("导入", "Added (file cases.csv, row 2)", "")
    action, note, reason = events[1]
    assert (
        action == "更正"
        and note.endswith(" (file again.csv, row 2)")
        and reason == "Imported again from again.csv"
    )
    assert events[2] == ("特别程序", "2026-05-06 to 2026-05-06; 专家评审 (file p.csv, row 2)", "")
