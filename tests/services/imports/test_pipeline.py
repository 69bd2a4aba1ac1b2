"""Importing real .xlsx and CSV files into a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CalendarSource,
    CaseStatus,
    Role,
    Session,
    StaffCategory,
    WindowKind,
)
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError, load_calendar
from hallmonitor.services.imports.pipeline import import_file
from hallmonitor.storage.models import (
    CalendarOverrideRow,
    Case,
    CaseEvent,
    Complaint,
    Department,
    Item,
    RosterEntry,
    Staff,
    Window,
)
from tests.support.import_files import (
    CALENDAR_HEADER,
    CASE_HEADER,
    COMPLAINT_HEADER,
    CREDIT_CODE,
    ITEM_HEADER,
    ITEMS,
    PERSON_ID,
    PERSON_ID_2,
    ROSTER_HEADER,
    STAFF,
    STAFF_HEADER,
    WINDOW_HEADER,
    WINDOWS,
    case_row,
    load,
    seed_reference,
    snapshot,
    text_values,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.pg


def count(ctx: HallContext, model: type) -> int:
    with ctx.db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_reference_kinds_are_created_with_their_departments(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    with hall.db.session() as session:
        windows = {w.number: w for w in session.scalars(select(Window))}
        staff = {s.staff_no: s for s in session.scalars(select(Staff))}
        items = {i.code: i for i in session.scalars(select(Item))}
        departments = set(session.scalars(select(Department.name)))
    assert departments == {"市市场监督管理局", "市税务局", "市自然资源和规划局"}
    assert windows["A02"].kind is WindowKind.DEPARTMENT
    assert windows["A02"].department.name == "市税务局"
    assert staff["1002"].category is StaffCategory.LABOUR_DISPATCH
    assert staff["1002"].active is True
    assert items["SW-001"].promised_days == 0
    assert items["SW-001"].legal_days == 0
    assert items["SW-001"].window_may_approve is False
    assert items["BDC-01"].legal_days == 30


def test_importing_the_same_files_again_changes_nothing(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    roster = [["2026-05-06", "上午", "A01", "1001", "是"], ["2026-05-06", "下午", "A02", "1002", ""]]
    cases = [case_row("C001"), case_row("C002", 申请人类型="个人", 申请人="赵六", 证件号码=PERSON_ID)]
    complaints = [["FY-1", "A01", "C001", "2026-05-06 11:00", "材料", "要求不一致", ""]]
    calendar = [["2027-01-01", "休息日", "元旦"], ["2027-02-06", "工作日", "春节调休"]]
    files = [
        ("windows", WINDOW_HEADER, WINDOWS),
        ("staff", STAFF_HEADER, STAFF),
        ("items", ITEM_HEADER, ITEMS),
        ("roster", ROSTER_HEADER, roster),
        ("cases", CASE_HEADER, cases),
        ("complaints", COMPLAINT_HEADER, complaints),
        ("calendar", CALENDAR_HEADER, calendar),
    ]
    paths = {kind: write_xlsx(tmp_path / f"{kind}.xlsx", header, rows) for kind, header, rows in files}
    expected = {kind: len(rows) for kind, _header, rows in files}
    for kind in ("roster", "cases", "complaints", "calendar"):
        first = import_file(hall, kind, paths[kind])
        assert (first.inserted, first.updated, first.unchanged, first.errors) == (expected[kind], 0, 0, [])
    before = snapshot(hall)
    for kind, _header, rows in files:
        again = import_file(hall, kind, paths[kind])
        assert (again.inserted, again.updated, again.unchanged, again.errors) == (0, 0, len(rows), []), kind
    assert snapshot(hall) == before


def test_changed_rows_are_updated_and_the_case_history_says_what_changed(
    hall: HallContext, tmp_path: Path
) -> None:
    seed_reference(hall, tmp_path)
    load(hall, tmp_path, "cases", CASE_HEADER, [case_row("C001", 办件状态="已受理", 办结时间="")])
    result = load(hall, tmp_path, "cases", CASE_HEADER, [case_row("C001"), case_row("C002")])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    with hall.db.session() as session:
        case = session.scalars(select(Case).where(Case.case_no == "C001")).one()
        assert case.status is CaseStatus.COMPLETED
        assert case.completed_at == datetime(2026, 5, 6, 10, 15)
        events = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).all()
    assert [(e.action, e.actor) for e in events] == [("导入", "tester"), ("更正", "tester")]
    assert events[0].note.startswith("新增")
    assert events[1].note.startswith("办结时间、办件状态（文件 cases-")


def test_optional_column_left_out_keeps_what_is_stored(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    load(hall, tmp_path, "roster", ROSTER_HEADER, [["2026-05-06", "上午", "A01", "1001", "否"]])
    result = load(hall, tmp_path, "roster", ROSTER_HEADER[:4], [["2026-05-06", "上午", "A01", "1001"]])
    assert result.unchanged == 1
    with hall.db.session() as session:
        assert session.scalars(select(RosterEntry.attendance)).one() is False
    load(hall, tmp_path, "roster", ROSTER_HEADER, [["2026-05-06", "上午", "A01", "1001", ""]])
    with hall.db.session() as session:
        assert session.scalars(select(RosterEntry.attendance)).one() is None


def test_english_aliases_and_free_column_order(hall: HallContext, tmp_path: Path) -> None:
    header = ["department", " window_kind ", "备注", "WINDOW_NO", "window_name"]
    path = write_csv(tmp_path / "w.csv", header, [["市税务局", "专业窗口", "多余的列", "C09", "税务二号"]])
    result = import_file(hall, "windows", path)
    assert result.inserted == 1
    seed_reference(hall, tmp_path)
    header = [
        "case_no",
        "window_no",
        "item_code",
        "applicant_type",
        "applicant",
        "id_number",
        "received_at",
        "status",
    ]
    row = ["E1", "A01", "SC-001", "个人", "孙七", PERSON_ID, "2026/5/6 9:30", "已受理"]
    assert load(hall, tmp_path, "cases", header, [row]).inserted == 1
    with hall.db.session() as session:
        case = session.scalars(select(Case)).one()
    assert case.received_at == datetime(2026, 5, 6, 9, 30)
    assert case.trips == 1


def test_excel_date_cells_and_text_dates_give_the_same_values(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    rows = [
        case_row(
            "D1",
            受理时间=datetime(2026, 5, 6, 9, 30),
            审批时间=datetime(2026, 5, 6, 10),
            办结时间=datetime(2026, 5, 6, 10, 15),
        ),
        case_row("D2", 受理时间="2026/5/6 9:30", 审批时间="2026-05-06 10:00:00", 办结时间="2026-05-06 10:15"),
        case_row(
            "D3", 受理时间=46148.395833333336, 审批时间="2026/05/06 10:00", 办结时间="2026-5-6 10:15:00"
        ),
    ]
    result = import_file(hall, "cases", write_xlsx(tmp_path / "cases.xlsx", CASE_HEADER, rows))
    assert result.inserted == 3, [str(e) for e in result.errors]
    roster = [[date(2026, 5, 6), "上午", "A01", "1001", "Y"], ["2026/5/6", "下午", "A01", "1001", 1]]
    assert import_file(hall, "roster", write_xlsx(tmp_path / "r.xlsx", ROSTER_HEADER, roster)).inserted == 2
    with hall.db.session() as session:
        times = set(session.execute(select(Case.received_at, Case.approved_at, Case.completed_at)))
        days = set(session.scalars(select(RosterEntry.day)))
    assert times == {(datetime(2026, 5, 6, 9, 30), datetime(2026, 5, 6, 10), datetime(2026, 5, 6, 10, 15))}
    assert days == {date(2026, 5, 6)}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_every_encoding_a_hall_produces(hall: HallContext, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, STAFF, encoding=encoding)
    assert import_file(hall, "staff", path).inserted == 3
    with hall.db.session() as session:
        assert set(session.scalars(select(Staff.name))) == {"张三", "李四", "王五"}


def test_a_full_id_number_is_never_stored(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    rows = [
        case_row("P1", 申请人类型="个人", 申请人="赵六", 证件号码=PERSON_ID),
        case_row("P2", 申请人类型="个人", 申请人="钱七", 证件号码=PERSON_ID_2.replace("4405", "４４05")),
        case_row("P3", 申请人类型="个人", 申请人="孙八", 证件号码=PERSON_ID.lower()),
        case_row("E1"),
    ]
    load(hall, tmp_path, "cases", CASE_HEADER, rows)
    stored = text_values(hall)
    for number in (PERSON_ID, PERSON_ID_2, PERSON_ID.lower()):
        assert not [v for v in stored if number in v or number[6:14] in v]
    with hall.db.session() as session:
        cases = {c.case_no: c for c in session.scalars(select(Case))}
    assert cases["P1"].applicant_id_display == "110105********002X"
    assert cases["P1"].applicant_id_hash == cases["P3"].applicant_id_hash != ""
    assert cases["P1"].applicant_type is ApplicantType.PERSON
    assert cases["E1"].applicant_id_display == CREDIT_CODE
    assert cases["E1"].approval_place is ApprovalPlace.WINDOW


def test_skip_invalid_writes_only_the_good_rows(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    rows = [
        case_row("G1"),
        case_row("B1", 窗口号="Z99"),
        case_row("G2", 申请人类型="个人", 申请人="赵六", 证件号码=PERSON_ID),
        case_row("B2", 跑动次数=-2),
        case_row("G3", 办件状态="已受理", 审批时间="", 审批人工号="", 审批地点="", 办结时间=""),
    ]
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, rows)
    result = import_file(hall, "cases", path, skip_invalid=True)
    assert (result.inserted, result.skipped, result.stopped) == (3, 2, False)
    assert [(e.row, e.column) for e in result.errors] == [(3, "窗口号"), (5, "跑动次数")]
    with hall.db.session() as session:
        assert set(session.scalars(select(Case.case_no))) == {"G1", "G2", "G3"}
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 3


def test_progress_is_reported_up_to_the_total(hall: HallContext, tmp_path: Path) -> None:
    rows = [[f"{2000 + i}", f"员工{i}", "市税务局", "编外聘用"] for i in range(450)]
    calls: list[tuple[int, int]] = []
    path = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, rows)
    result = import_file(
        hall, "staff", path, progress=lambda done, total: calls.append((done, total)) or True
    )
    assert result.inserted == 450
    assert calls[-1] == (900, 900)
    assert all(done <= total for done, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize("cancel_at", ["reading", "writing"])
def test_cancelling_writes_nothing(hall: HallContext, tmp_path: Path, cancel_at: str) -> None:
    seed_reference(hall, tmp_path)
    rows = [case_row(f"K{i:04d}") for i in range(1500)]
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, rows)
    before = snapshot(hall)

    def progress(done: int, total: int) -> bool:
        return not (done >= total - 100 if cancel_at == "writing" else done >= 200)

    result = import_file(hall, "cases", path, progress=progress)
    assert result.cancelled
    assert (result.inserted, result.updated) == (0, 0)
    assert "已取消" in result.summary()
    assert snapshot(hall) == before


def test_calendar_import_needs_a_supervisor_and_feeds_the_work_calendar(
    hall: HallContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "cal.csv",
        CALENDAR_HEADER,
        [["2027-01-01", "休息日", "元旦"], ["2027/2/6", "班", "春节调休"]],
    )
    clerk = dataclasses.replace(hall, actor=Actor("录入员甲", Role.WINDOW_LEAD))
    with pytest.raises(PermissionDenied, match="导入工作日历"):
        import_file(clerk, "calendar", path)
    assert import_file(hall, "calendar", path).inserted == 2
    with hall.db.session() as session:
        rows = session.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.day)).all()
    assert [(r.day, r.is_workday, r.note, r.source) for r in rows] == [
        (date(2027, 1, 1), False, "元旦", CalendarSource.IMPORTED),
        (date(2027, 2, 6), True, "春节调休", CalendarSource.IMPORTED),
    ]
    calendar = load_calendar(hall)
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.is_workday(date(2027, 2, 6))


def test_viewers_may_not_import(hall: HallContext, tmp_path: Path) -> None:
    viewer = dataclasses.replace(hall, actor=Actor("访客", Role.CENTER_VIEWER))
    path = write_csv(tmp_path / "w.csv", WINDOW_HEADER, WINDOWS)
    with pytest.raises(PermissionDenied):
        import_file(viewer, "windows", path)
    assert count(hall, Window) == 0


def test_complaints_link_to_window_and_case(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    load(hall, tmp_path, "cases", CASE_HEADER, [case_row("C001")])
    rows = [
        [
            "FY-1",
            "A01",
            "C001",
            "2026-05-06 11:00",
            "材料要求不一致",
            "同一材料两个窗口要求不同",
            "2026-05-07 16:00",
        ],
        ["FY-2", "", "", "2026-05-07 09:00", "", "", ""],
    ]
    assert load(hall, tmp_path, "complaints", COMPLAINT_HEADER, rows).inserted == 2
    with hall.db.session() as session:
        complaints = {c.complaint_no: c for c in session.scalars(select(Complaint))}
        case_id = session.scalar(select(Case.id))
    assert complaints["FY-1"].case_id == case_id
    assert complaints["FY-1"].completed_at == datetime(2026, 5, 7, 16)
    assert complaints["FY-2"].window_id is None and complaints["FY-2"].category == ""


def test_roster_rows_land_on_the_right_window_and_session(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    rows = [["2026-05-06", "上午", "A01", "1001", "是"], ["2026-05-06", "下午", "A01", "1002", "否"]]
    load(hall, tmp_path, "roster", ROSTER_HEADER, rows)
    with hall.db.session() as session:
        got = session.execute(
            select(RosterEntry.session, Window.number, Staff.staff_no, RosterEntry.attendance)
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .order_by(RosterEntry.session)
        )
        assert sorted(got) == sorted(
            [(Session.MORNING, "A01", "1001", True), (Session.AFTERNOON, "A01", "1002", False)]
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "找不到文件"),
        ("empty.csv", b"", "是空的"),
        ("header-only.csv", "窗口号,窗口名称,部门,窗口类型\n".encode(), "没有数据行"),
        (
            "wrong.csv",
            "编号,名称\nA01,甲\n".encode(),
            "缺少窗口导入必需的列：窗口号、窗口名称、部门、窗口类型",
        ),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "已损坏或不是 Excel 工作簿"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
    ],
)
def test_unusable_files_are_refused_with_one_sentence_naming_them(
    hall: HallContext, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ServiceError) as info:
        import_file(hall, "windows", path)
    text = str(info.value)
    assert message in text and name in text and "\n" not in text
    assert count(hall, Window) == 0
