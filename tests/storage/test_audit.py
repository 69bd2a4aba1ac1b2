"""Every write leaves chained entries in its own transaction; the database refuses to rewrite them."""

from __future__ import annotations

import itertools
import json
import threading

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from hallmonitor.domain.enums import StaffCategory
from hallmonitor.services.audit import verify_chain
from hallmonitor.services.hall import HallContext, hall_context, init_hall
from hallmonitor.storage.audit import ZERO_HASH, entry_hash
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import AuditEntry, AuditHead, Hall, Staff
from tests.support.builders import staff, window

AUDIT_COLUMNS = [c.name for c in AuditEntry.__table__.columns]


def entries(ctx: HallContext) -> list[AuditEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_ordinary_writes_leave_a_chain_that_verifies(hall: HallContext) -> None:
    window(hall, "1")
    person = staff(hall, "1001", "张三", StaffCategory.CIVIL_SERVANT)
    with hall.db.session() as s:  # an object changed
        s.get(Staff, person).name = "张叁"
    with hall.db.session() as s:  # a bulk statement, as the rules engine and imports write
        s.execute(update(Hall).where(Hall.id == hall.hall_id).values(name="东区大厅"))
    with hall.db.session() as s:  # an object deleted
        s.delete(s.get(Staff, person))

    log = entries(hall)
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    assert log[0].prev_hash == ZERO_HASH
    assert all(e.prev_hash == before.hash for before, e in itertools.pairwise(log))
    assert all(entry_hash({c: getattr(e, c) for c in AUDIT_COLUMNS}) == e.hash for e in log)
    inserted = next(e for e in log if e.table_name == "staff" and e.action == "insert")
    assert json.loads(inserted.after)["name"] == "张三" and inserted.before == ""
    edited = next(e for e in log if e.table_name == "staff" and e.action == "update")
    assert (json.loads(edited.before), json.loads(edited.after)) == ({"name": "张三"}, {"name": "张叁"})
    assert edited.actor == "tester" and edited.pc and edited.row_key == str(person)
    renamed = next(e for e in log if e.table_name == "hall" and e.action == "update")
    assert json.loads(renamed.after) == {"name": "东区大厅"}
    gone = log[-1]
    assert (gone.table_name, gone.action, json.loads(gone.before)["staff_no"], gone.after) == (
        "staff",
        "delete",
        "1001",
        "",
    )
    assert not {"change_feed", "rules_mark", "audit_log", "audit_head", "secret"} & {
        e.table_name for e in log
    }
    with hall.db.session() as s:
        head = s.get(AuditHead, 1)
        assert (head.seq, head.hash) == (log[-1].seq, log[-1].hash)
    verdict = verify_chain(hall.db)
    assert verdict.intact and verdict.count == len(log), verdict.message


def test_a_rolled_back_write_leaves_no_entry(hall: HallContext) -> None:
    before = len(entries(hall))
    with pytest.raises(RuntimeError), hall.db.session() as s:
        s.execute(delete(Staff))
        s.get(Hall, hall.hall_id).name = "改了又撤销"
        s.flush()
        raise RuntimeError("rolled back")
    assert len(entries(hall)) == before


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_rewrite_the_log(hall: HallContext, statement: str) -> None:
    window(hall, "1")
    with pytest.raises(DBAPIError, match="append-only"), hall.db.engine.begin() as conn:
        conn.execute(text(statement))
    assert verify_chain(hall.db).intact


@pytest.mark.pg
def test_two_pcs_writing_at_once_leave_one_unforked_chain(pg_url: str) -> None:
    first = open_database(pg_url)
    init_hall(first, "H1", "东区大厅")
    second = open_database(pg_url)
    contexts = [hall_context(first, login="甲"), hall_context(second, login="乙")]
    staff(contexts[0], "0", "王五", StaffCategory.CIVIL_SERVANT)  # the department, made before the race
    rounds = 15
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(ctx: HallContext, prefix: str) -> None:
        try:
            for n in range(rounds):
                barrier.wait(timeout=20)
                staff(ctx, f"{prefix}{n}", f"{prefix}{n}", StaffCategory.LABOUR_DISPATCH)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(c, p)) for c, p in zip(contexts, "AB", strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert not failures
        verdict = verify_chain(first)
        assert verdict.intact, verdict.message
        log = entries(contexts[0])
        staff_rows = [e for e in log if e.table_name == "staff"]
        assert len(staff_rows) == 2 * rounds + 1
        assert {e.actor for e in staff_rows} == {"甲", "乙"}
    finally:
        first.close()
        second.close()


def test_bulk_statements_leave_one_entry_per_row_they_touch(hall: HallContext) -> None:
    """As the rules engine and imports write: many rows in one INSERT, a DELETE by a condition."""
    department = staff(hall, "1000", "王五", StaffCategory.CIVIL_SERVANT)
    with hall.db.session() as s:
        department_id = s.get(Staff, department).department_id
        rows = [
            {"hall_id": hall.hall_id, "staff_no": f"20{n}", "name": f"人员{n}", "category": "劳务派遣"}
            for n in range(3)
        ]
        s.execute(insert(Staff), [{**r, "department_id": department_id} for r in rows])
    start = len(entries(hall))
    with hall.db.session() as s:
        s.execute(delete(Staff).where(Staff.staff_no.like("20%")))
    log = entries(hall)
    added = [
        e for e in log[:start] if e.table_name == "staff" and json.loads(e.after)["staff_no"].startswith("20")
    ]
    assert len(added) == 3 and all(e.action == "insert" for e in added)
    removed = log[start:]
    assert [(e.action, json.loads(e.before)["staff_no"]) for e in removed] == [
        ("delete", "200"),
        ("delete", "201"),
        ("delete", "202"),
    ]
    assert all(e.row_key == str(json.loads(e.before)["id"]) for e in removed)
    assert verify_chain(hall.db).intact


def test_truncating_the_log_or_rewinding_its_head_is_refused(hall: HallContext) -> None:
    window(hall, "1")
    refused = ["UPDATE audit_head SET seq = 0", "UPDATE audit_head SET hash = 'x'", "DELETE FROM audit_head"]
    if not hall.db.is_sqlite:
        refused += ["TRUNCATE audit_log", "TRUNCATE audit_head"]
    for statement in refused:
        with (
            pytest.raises(DBAPIError, match=r"append-only|only moves forward"),
            hall.db.engine.begin() as conn,
        ):
            conn.execute(text(statement))
    window(hall, "2")  # the head still moves forward with each write
    assert verify_chain(hall.db).intact


def test_a_many_row_insert_names_each_row_the_database_numbered(hall: HallContext) -> None:
    """Imports, the demo and the rules engine add rows in one INSERT; each entry says which row it added."""
    first = staff(hall, "1000", "王五", StaffCategory.CIVIL_SERVANT)
    with hall.db.session() as s:
        department_id = s.get(Staff, first).department_id
    start = len(entries(hall))

    def people(prefix: str) -> list[dict[str, object]]:
        return [
            {
                "hall_id": hall.hall_id,
                "staff_no": f"{prefix}{n}",
                "name": f"人员{prefix}{n}",
                "category": "劳务派遣",
                "department_id": department_id,
            }
            for n in range(3)
        ]

    with hall.db.session() as s:
        s.execute(insert(Staff), people("2"))  # the ORM's bulk INSERT
        s.execute(Staff.__table__.insert(), people("3"))  # a plain Core executemany
    with hall.db.session() as s:
        ids = {no: key for no, key in s.execute(select(Staff.staff_no, Staff.id).where(Staff.id != first))}
    added = [e for e in entries(hall)[start:] if e.table_name == "staff"]
    assert [(e.row_key, json.loads(e.after)["id"], json.loads(e.after)["staff_no"]) for e in added] == [
        (str(ids[no]), ids[no], no) for no in ("20", "21", "22", "30", "31", "32")
    ]
    assert verify_chain(hall.db).intact


def test_the_head_at_a_moment_is_the_last_entry_written_by_then_from_either_end_of_the_trail(
    hall: HallContext,
) -> None:
    """A weekly report prints the head as of its week's end. A PC whose clock ran behind wrote an
    entry dated before the one written just ahead of it, another one at the very end: a moment
    early in the trail and one late in it (each read from its own end of the trail) both name the
    last entry written by then, not the one dated latest."""
    from datetime import datetime, timedelta

    from hallmonitor.storage.audit import Change, append, head_at

    start = datetime(2026, 3, 2, 9, 0)
    days = [start + timedelta(days=n) for n in range(40)]
    days.insert(3, start + timedelta(days=1, hours=5))  # written after day 2's entry, dated before it
    days.append(start + timedelta(days=10))  # written last
    with hall.db.engine.begin() as conn:
        for day in days:
            append(conn, [Change("note", "1", "update", {"n": 1}, {"n": 2})], actor="测试", pc="PC-2", at=day)
    with hall.db.engine.connect() as conn:
        trail = conn.execute(select(AuditEntry.seq, AuditEntry.at, AuditEntry.hash)).all()
        moments = (
            start - timedelta(days=1),  # before any of them
            start + timedelta(days=2, hours=1),  # early: the entry written after day 2's
            start + timedelta(days=35, hours=1),  # late: the last one written
            start + timedelta(days=90),
        )
        for moment in moments:
            by_then = [(seq, digest) for seq, at, digest in trail if at <= moment]
            assert head_at(conn, moment) == (max(by_then) if by_then else (0, ZERO_HASH)), moment
        dated_latest = max((at, seq) for seq, at, _ in trail if at <= moments[1])[1]
        assert head_at(conn, moments[1])[0] == dated_latest + 1
        assert head_at(conn, moments[2])[0] == max(seq for seq, _, _ in trail)
