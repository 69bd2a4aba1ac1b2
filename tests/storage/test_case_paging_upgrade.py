"""Migration 0006: a hall's cases tallied by day from the first upgrade on, and the indexes the table pages by.

The tally is kept by the database's triggers, so every way a case is written
(a statement of many rows, an ORM change, a voiding, a deletion) is held
against a COUNT of the cases themselves, on both backends.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, delete, func, inspect, select, text, update

from hallmonitor.services.cases import CaseFilter, count_cases, void_case
from hallmonitor.storage.database import MIGRATIONS_DIR, open_database, upgrade
from hallmonitor.storage.models import Case, CaseTally
from tests.support.case_seed import bulk_cases, seed_hall

FIRST = date(2026, 4, 1)


def _tally(ctx) -> dict[tuple[date, str], int]:
    with ctx.db.session() as s:
        tallied = {(day, "cases"): n for day, n in s.execute(select(CaseTally.day, CaseTally.cases)) if n}
        tallied |= {(day, "voided"): n for day, n in s.execute(select(CaseTally.day, CaseTally.voided)) if n}
        day = func.date(Case.received_at)
        counted = {
            (date.fromisoformat(str(d)), "cases"): n
            for d, n in s.execute(select(day, func.count()).group_by(day))
        }
        counted |= {
            (date.fromisoformat(str(d)), "voided"): n
            for d, n in s.execute(select(day, func.count()).where(Case.voided_at.is_not(None)).group_by(day))
        }
    return {"tally": tallied, "count": counted}  # type: ignore[return-value]


def _agree(ctx) -> None:
    both = _tally(ctx)
    assert both["tally"] == both["count"]


def test_the_upgrade_tallies_the_cases_there_are_and_adds_the_sort_indexes(tmp_path: Path) -> None:
    before = tmp_path / "migrations-0005"
    shutil.copytree(MIGRATIONS_DIR, before, ignore=shutil.ignore_patterns("__pycache__"))
    (before / "versions" / "0006_case_paging.py").unlink()
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgrade(url, script_location=before)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO hall (id, code, name, created_at) VALUES (1, 'H001', '测试大厅', '2026-04-01')")
        )
        conn.execute(text("INSERT INTO department (id, hall_id, name) VALUES (1, 1, '市场监管局')"))
        conn.execute(
            text(
                "INSERT INTO service_window (id, hall_id, number, name, department_id, kind, state, zone,"
                " grid_row, grid_col) VALUES (1, 1, '01', '企业开办', 1, '专业窗口', '开放', 'A', 0, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO item (id, hall_id, code, name, department_id, category, case_type, promised_days,"
                " legal_days, admitted, window_may_approve)"
                " VALUES (1, 1, 'SC001', '营业执照', 1, '其他', '承诺件', 3, 20, 1, 1)"
            )
        )
        for n in range(30):
            received = datetime(2026, 4, 1 + n % 3, 9, n)
            conn.execute(
                text(
                    "INSERT INTO service_case (hall_id, case_no, window_id, item_id, applicant_type,"
                    " applicant_name, applicant_id_display, applicant_id_hash, received_at, status, trips,"
                    " void_reason, version, voided_at)"
                    " VALUES (1, :no, 1, 1, '个人', '张三', '', '', :at, '已受理', 1, '', 1, :voided)"
                ),
                {
                    "no": f"C{n:03d}",
                    "at": received.isoformat(" "),
                    "voided": "2026-04-05 10:00:00" if n < 4 else None,
                },
            )
    engine.dispose()

    db = open_database(url)  # brings it to the head
    try:
        with db.engine.connect() as conn:
            tally = dict(conn.execute(text("SELECT day, cases FROM case_tally")).all())
            voided = conn.execute(text("SELECT sum(voided) FROM case_tally")).scalar()
            indexes = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("service_case")}
        assert tally == {"2026-04-01": 10, "2026-04-02": 10, "2026-04-03": 10} and voided == 4
        for name, column in (
            ("ix_service_case_hall_received", "received_at"),
            ("ix_service_case_hall_applicant", "applicant_name"),
            ("ix_service_case_hall_trips", "trips"),
            ("ix_service_case_hall_window", "window_id"),
            ("ix_service_case_hall_item", "item_id"),
        ):
            assert indexes[name] == ["hall_id", column, "id"]
        assert {"ix_service_case_unfinished", "ix_service_case_finished_late"} <= set(indexes)
    finally:
        db.close()


def test_every_way_of_writing_a_case_keeps_the_tally(hall) -> None:
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 120, first_day=FIRST, days=6)  # one statement of many rows
    _agree(hall)
    every = CaseFilter(as_of=FIRST + timedelta(days=30))
    assert count_cases(hall, every) == 120

    with hall.db.session() as s:
        ids = s.scalars(select(Case.id).order_by(Case.id)).all()
        # A receipt corrected to another day, and one only to another hour of the same day.
        moved = s.get(Case, ids[0])
        moved.received_at = datetime(2026, 3, 20, 9, 0)
        same_day = s.get(Case, ids[1])
        same_day.received_at = same_day.received_at.replace(hour=16)
    void_case(hall, ids[2], "重复登记", now=datetime(2026, 4, 10, 9, 0))
    with hall.db.session() as s:
        s.execute(update(Case).where(Case.id.in_(ids[3:6])).values(voided_at=datetime(2026, 4, 10, 9, 0)))
        s.execute(update(Case).where(Case.id == ids[3]).values(voided_at=None))  # voided, then not
        s.execute(delete(Case).where(Case.id.in_(ids[100:110])))
    _agree(hall)
    assert count_cases(hall, every) == 110
    assert count_cases(hall, CaseFilter(voided=True, as_of=every.as_of)) == 3
    assert count_cases(hall, CaseFilter(voided=False, as_of=every.as_of)) == 107
    assert count_cases(hall, CaseFilter(received_to=date(2026, 3, 31), as_of=every.as_of)) == 1
    window = CaseFilter(received_from=FIRST, received_to=FIRST + timedelta(days=2), as_of=every.as_of)
    with hall.db.session() as s:
        expected = s.scalar(
            select(func.count()).where(
                Case.received_at >= datetime(2026, 4, 1), Case.received_at < datetime(2026, 4, 4)
            )
        )
    assert count_cases(hall, window) == expected
