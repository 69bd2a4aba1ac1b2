"""Migration 0006: the indexes the case table pages by, and a hall's cases counted from the first upgrade on.

On PostgreSQL the tally is kept by the database's triggers, so every way a
case is written (a statement of many rows, an ORM change, a voiding, a
deletion) is held against a COUNT of the cases themselves; on SQLite, which
keeps none, the counts are held against the same COUNT.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, func, inspect, select, text, update
from sqlalchemy.engine import make_url

from hallmonitor.services.cases import CaseFilter, count_cases, void_case
from hallmonitor.services.hall import hall_context
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Case, CaseTally
from tests.support.bare_hall import insert_bare_hall
from tests.support.case_seed import bulk_cases, seed_hall
from tests.support.migrations import upgraded_to

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
    if ctx.db.engine.dialect.name != "postgresql":
        return  # no tally on SQLite: the counts below are held against COUNT all the same
    both = _tally(ctx)
    assert both["tally"] == both["count"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hall.sqlite3'}"
        return
    if not os.environ.get("HALLMONITOR_TEST_PG"):
        pytest.skip("HALLMONITOR_TEST_PG is not set: PostgreSQL tests skipped")
    admin_url = make_url(os.environ["HALLMONITOR_TEST_PG"]).set(drivername="postgresql+psycopg")
    name = f"hallmonitor_0006_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_the_upgrade_counts_the_cases_there_are_and_adds_the_sort_indexes(
    tmp_path: Path, empty_url: str
) -> None:
    url = empty_url
    upgraded_to("0005", url, tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_bare_hall(conn)
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
        ctx = hall_context(db)
        every = CaseFilter(as_of=date(2026, 5, 1))
        assert count_cases(ctx, every) == 30
        assert count_cases(ctx, CaseFilter(voided=True, as_of=every.as_of)) == 4
        assert (
            count_cases(
                ctx, CaseFilter(voided=False, received_from=FIRST, received_to=FIRST, as_of=every.as_of)
            )
            == 8
        )
        _agree(ctx)
        with db.engine.connect() as conn:
            indexes = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("service_case")}
        for name, column in (
            ("ix_service_case_hall_received", "received_at"),
            ("ix_service_case_hall_applicant", "applicant_name"),
            ("ix_service_case_hall_trips", "trips"),
            ("ix_service_case_hall_window", "window_id"),
            ("ix_service_case_hall_item", "item_id"),
        ):
            assert indexes[name] == ["hall_id", column, "id"]
        assert {
            "ix_service_case_unfinished",
            "ix_service_case_finished_late",
            "ix_service_case_voided",
        } <= set(indexes)
    finally:
        db.close()


def test_every_way_of_writing_a_case_keeps_the_count(hall) -> None:
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
