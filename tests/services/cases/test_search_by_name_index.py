"""A search by name on SQLite reads the index of names' characters, and finds what a pass would.

Each search here is run twice on the same real SQLite file: through the index,
and with the index dropped (one pass over the cases, as before migration 0008).
The two must list the same cases in the same order; and a name search through
the index must not read the case table from end to end.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.services.cases import CaseFilter, CaseInput, correct_case, find_cases, register_case
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.storage import name_index
from hallmonitor.storage.database import open_database
from tests.support.case_seed import bulk_cases, seed_hall

NOW = datetime(2026, 5, 12, 16, 0)
TODAY = NOW.date()
NAMES = [
    "王芳",
    "王芳芳",
    "欧阳王芳",
    "王A芳",
    "阿依古丽·买买提",
    "ＡＢＣ贸易有限公司",
    "李四（代办）",
    "张三丰",
    "王五",
]
SEARCHES = [
    "王芳",
    "王",
    "芳",
    "王A芳",
    "a芳",
    "·买",
    "丽·",
    "ＡＢＣ",
    "（代",
    "申请人001",
    "申请人",
    "三丰",
    "芳王",
    "0001",
    "Ｂ",
]


@pytest.fixture
def ctx(tmp_path: Path):
    db = open_database(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    init_hall(db, "H001", "测试市政务服务大厅")
    hall = hall_context(db, login="tester")
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 400, first_day=date(2026, 4, 1), days=30)
    at = datetime(2026, 5, 11, 9, 0)
    for n, name in enumerate(NAMES):
        register_case(
            hall,
            CaseInput("01", "SC001", ApplicantType.PERSON, name, at + timedelta(minutes=n)),
            now=NOW,
        )
    yield hall
    db.close()


def listed(ctx, searched: str) -> list[int]:
    result = find_cases(ctx, CaseFilter(text=searched, as_of=TODAY), "applicant_name", False)
    return [row.id for row in result.rows]


def drop_index(ctx) -> None:
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE {name_index.INDEX}")
        conn.exec_driver_sql(f"DROP TABLE {name_index.MARK}")


def test_the_index_is_kept_up_to_date_as_cases_are_entered_and_imported(ctx):
    with ctx.db.session() as s:
        assert name_index.mark(s) == s.execute(name_index.text("SELECT max(id) FROM service_case")).scalar()


def test_searches_through_the_index_list_what_a_pass_lists(ctx):
    through_index = {text: listed(ctx, text) for text in SEARCHES}
    drop_index(ctx)
    assert {text: listed(ctx, text) for text in SEARCHES} == through_index
    assert len(through_index["王芳"]) == 3  # 王芳, 王芳芳, 欧阳王芳: 王A芳 holds no "王芳"
    assert through_index["a芳"] == through_index["王A芳"] != []  # ASCII letters in either case
    assert through_index["芳王"] == []


def test_a_name_search_reads_the_index_not_every_case(ctx):
    plans: list[str] = []

    @event.listens_for(ctx.db.engine, "before_cursor_execute")
    def _plan(conn, cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "LIKE" in statement and statement.lstrip().upper().startswith("SELECT"):
            raw = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append(" | ".join(row[-1] for row in raw))

    listed(ctx, "王芳")
    assert plans and all(name_index.INDEX in plan for plan in plans)
    assert not any("SCAN service_case" in plan for plan in plans), plans
    plans.clear()
    listed(ctx, "0001")  # digits only: one pass, as before
    assert any("SCAN service_case" in plan for plan in plans), plans


def test_cases_written_past_the_index_are_still_found(ctx):
    """A file another program wrote to: the cases above the mark are tested one by one."""
    path = ctx.db.engine.url.database
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO service_case (hall_id, case_no, window_id, item_id, applicant_type, applicant_name,"
            " applicant_id_display, applicant_id_hash, received_at, status, trips, void_reason, version)"
            " SELECT hall_id, 'LATE-1', window_id, item_id, applicant_type, '王芳后来', '', '', received_at,"
            " status, trips, '', 1 FROM service_case WHERE id = 1"
        )
    found = find_cases(ctx, CaseFilter(text="王芳", as_of=TODAY))
    assert "王芳后来" in [row.applicant_name for row in found.rows]


def test_a_corrected_name_is_found_by_its_new_name_only(ctx):
    [wang] = [i for i in listed(ctx, "王五")]
    correct_case(ctx, wang, {"applicant_name": "赵六六"}, "姓名录错", now=NOW)
    assert listed(ctx, "王五") == []
    assert listed(ctx, "赵六") == [wang]
    with ctx.db.session() as s:  # the index holds the new name, not both
        rows = s.execute(
            name_index.text(
                f"SELECT rowid FROM {name_index.INDEX} WHERE {name_index.INDEX} MATCH '\"王 五\"'"
            )
        ).all()
    assert rows == []
