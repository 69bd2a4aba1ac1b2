"""The weekly report read back cell by cell: no personal ID number in it, however it was stored.

ID numbers typed into free text are masked on entry and import; rows stored
before that (or planted past the services) may still hold them spaced,
hyphenated, full-width or as a case number, and the report masks those too.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import update

from hallmonitor.domain.enums import CaseStatus, FlagState
from hallmonitor.domain.identifiers import validate_id_card
from hallmonitor.services.front_shop import review_flag
from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from hallmonitor.storage.models import Case, Complaint
from tests.services.weekly.test_report import AFTER_THE_WEEK, export
from tests.support.import_files import CASE_HEADER, case_row, write_csv
from tests.support.week_seed import ID_A, ID_B, ID_C, at, build_week, flag_id

HIDDEN = "370104195508301208"
#: The shapes an ID number takes in free text, each around words as a clerk writes them.
SHAPES = [
    f"张三{HIDDEN}",
    "李四 370104 19550830 1208",
    "王五（370104-1955-0830-1208）",
    "赵六３７０１０４１９５５０８３０１２０８",
    "身份证:370104195508301208",
    "身份证号码：370104 195508 301208",
    f"{ID_A}本人",
    f"代理人 {ID_B[:6]}-{ID_B[6:14]}-{ID_B[14:]}",
]
_RUN = re.compile(r"(?:\d[\s\-\u3000.]{0,3}){17}[\dXx]")


def valid_ids_in(text: str) -> list[str]:
    """Every valid ID number in ``text`` however written (full-width digits match ``\\d`` too)."""
    found = []
    for match in _RUN.finditer(text):
        with contextlib.suppress(ValueError):
            found.append(validate_id_card(re.sub(r"[\s\-\u3000.]", "", match.group())))
    return found


def test_no_cell_of_the_weekly_report_holds_an_id_number(hall: HallContext, tmp_path: Path) -> None:
    week = build_week(hall)
    # Through the import, as a hall brings its queue system's cases in.
    rows = [
        case_row(
            f"IM-{i}",
            窗口号="1",
            事项编码="SJ-001",
            申请人=shape,
            受理时间=f"2026-05-13 0{i + 1}:00",
            受理人工号="F001",
            审批人工号="F001",
            审批时间=f"2026-05-13 1{i}:00",
            办结时间=f"2026-05-13 1{i}:30",
        )
        for i, shape in enumerate(SHAPES)
    ]
    imported = import_file(
        hall, "cases", write_csv(tmp_path / "cases.csv", CASE_HEADER, rows), now=AFTER_THE_WEEK
    )
    assert imported.summary().endswith(f"；已遮盖 {len(SHAPES)} 处疑似证件号")
    # Stored before free text was scrubbed: the week's own rows made to hold every shape.
    with hall.db.session() as session:
        for number, shape in zip(("C01", "C03", "C04", "C06", "C07", "C08", "C10"), SHAPES, strict=False):
            session.execute(update(Case).where(Case.case_no == number).values(applicant_name=shape))
        session.execute(update(Case).where(Case.case_no == "C04").values(case_no=ID_C))
        session.execute(update(Case).where(Case.case_no == "C06").values(bundle_key="370104-19550830-1208"))
        session.execute(
            update(Case)
            .where(Case.case_no == "C09")
            .values(
                voided_at=datetime(2026, 5, 14, 9),
                void_reason=f"与{SHAPES[3]}重复",
                status=CaseStatus.ACCEPTED,
            )
        )
        session.execute(update(Complaint).values(content=f"反映人 {SHAPES[2]}", category=SHAPES[5][:20]))
    review_flag(
        hall, flag_id(hall, week.cases["C08"]), FlagState.CONFIRMED, f"后台审批，经办{HIDDEN}", at=at(18, 10)
    )

    path = export(hall, tmp_path / "out", now=datetime(2026, 6, 2, 9, 0))

    book = load_workbook(path)
    texts = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    leaked = [t for t in texts if valid_ids_in(t)]
    assert leaked == []
    # The masks are there, so the rows were in the report, not left out.
    assert sum("370104********1208" in t for t in texts) >= len(SHAPES)
