"""The index of names' characters: every text a search holds is found through it, in any name.

The index narrows a search only if its phrase finds every case whose name or
number holds the text; these run the phrase against real FTS5 tables over
names with what halls have: compound surnames, the middle dot of minority
names, full-width letters, letters and digits among the characters, ideographic
spaces, characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from hallmonitor.storage import name_index
from tests.support.bare_hall import insert_bare_hall
from tests.support.migrations import upgraded_to

NAMES = [
    "王芳",
    "欧阳娜娜",
    "阿依古丽·买买提",
    "王A芳",
    "ＡＢＣ贸易有限公司",
    "张\u3000三",
    "李四（代办）",
    "Zhang 三丰",
    "𠀀𠀁字",
    "José 王",
    '引"号',
]
NUMBERS = ["H001-20260511-0001", "政务2026-018", "B0000001"]


@pytest.fixture
def indexed():
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        assert name_index.create(conn)
        conn.exec_driver_sql("CREATE TABLE service_case (id INTEGER PRIMARY KEY, applicant_name, case_no)")
        rows = [(n, NUMBERS[i % len(NUMBERS)]) for i, n in enumerate(NAMES)]
        conn.exec_driver_sql("INSERT INTO service_case (applicant_name, case_no) VALUES (?, ?)", rows)
        assert name_index.catch_up(conn) == len(NAMES)
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def matches(conn, searched: str) -> set[int]:
    query = name_index.phrase(searched)
    assert query is not None
    sql = f"SELECT rowid FROM {name_index.INDEX} WHERE {name_index.INDEX} MATCH :q"
    return {r[0] for r in conn.execute(text(sql), {"q": query})}


def test_every_part_of_every_name_and_number_finds_its_case(indexed):
    cases = indexed.execute(text("SELECT id, applicant_name, case_no FROM service_case")).all()
    tried = 0
    for case_id, name, number in cases:
        for whole in (name, number):
            for start in range(len(whole)):
                for end in range(start + 1, len(whole) + 1):
                    part = whole[start:end]
                    if name_index.phrase(part) is None:
                        continue  # ASCII only: searched by a pass, not by the index
                    assert case_id in matches(indexed, part), (whole, part)
                    tried += 1
    assert tried > 200


def test_the_phrase_keeps_the_characters_order_and_neighbours(indexed):
    ids = {
        name: i
        for i, name, _ in indexed.execute(text("SELECT id, applicant_name, case_no FROM service_case"))
    }
    assert matches(indexed, "王芳") == {ids["王芳"], ids["王A芳"]}  # A芳 is tested by the search's LIKE
    assert matches(indexed, "芳王") == set()
    assert matches(indexed, "娜娜") == {ids["欧阳娜娜"]}
    assert matches(indexed, "丽·买") == {ids["阿依古丽·买买提"]}
    assert ids["José 王"] in matches(indexed, "é")


def test_ascii_text_is_left_to_the_pass():
    assert name_index.phrase("0511-0002") is None
    assert name_index.phrase("Zhang") is None
    assert name_index.phrase("张三") == '"张 三"'


def test_cases_above_the_mark_are_read_when_caught_up(indexed):
    before = name_index.mark(indexed)
    indexed.exec_driver_sql("INSERT INTO service_case (applicant_name, case_no) VALUES ('赵六', 'X1')")
    assert name_index.mark(indexed) == before  # lagging: the search tests the cases above it itself
    assert name_index.catch_up(indexed) == 1
    assert name_index.mark(indexed) == before + 1
    assert before + 1 in matches(indexed, "赵六")
    assert name_index.catch_up(indexed) == 0


def test_the_upgrade_indexes_the_cases_a_file_already_holds(tmp_path):

    from hallmonitor.services.cases import CaseFilter, find_cases
    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import open_database

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgraded_to("0007", url, tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_bare_hall(conn)
        for n, name in enumerate(["王芳", "李王芳", "张三", "王五芳"]):
            conn.execute(
                text(
                    "INSERT INTO service_case (hall_id, case_no, window_id, item_id, applicant_type,"
                    " applicant_name, applicant_id_display, applicant_id_hash, received_at, status, trips,"
                    " void_reason, version) VALUES (1, :no, 1, 1, '个人', :name, '', '', '2026-04-01 09:00:00',"
                    " '已受理', 1, '', 1)"
                ),
                {"no": f"C{n:03d}", "name": name},
            )
    engine.dispose()

    db = open_database(url)  # brings it to the head: 0008 fills the index
    try:
        with db.engine.connect() as conn:
            assert name_index.mark(conn) == 4
            assert matches(conn, "王芳") == {1, 2}
        found = find_cases(hall_context(db), CaseFilter(text="王芳", as_of=date(2026, 5, 1)))
        assert sorted(row.applicant_name for row in found.rows) == ["李王芳", "王芳"]
    finally:
        db.close()
    # What an IT department opens the file with still reads every table, the index's too.
    import sqlite3

    raw = sqlite3.connect(tmp_path / "hall.sqlite3")
    try:
        dumped = "\n".join(raw.iterdump())
        assert "王 芳" in dumped
        assert raw.execute(f"SELECT count(*) FROM {name_index.INDEX}").fetchone() == (4,)
    finally:
        raw.close()
