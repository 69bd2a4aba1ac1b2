"""One dedicated PostgreSQL connection LISTENs: another PC's commit is heard, its own is not, a lost
connection is made again and reported so the app reloads."""

from __future__ import annotations

import queue
import time

import pytest
from sqlalchemy import text

from hallmonitor.storage.change_feed import parse_payload, payload
from hallmonitor.storage.database import open_database
from hallmonitor.storage.listener import ChangeListener, libpq_address
from hallmonitor.storage.models import Department, Hall

pytestmark = pytest.mark.pg


def test_the_payload_names_the_writer_the_feed_row_and_the_tables():
    assert parse_payload(payload("pc-1", 42, "alert,service_case")) == ("pc-1", 42, {"alert", "service_case"})
    assert parse_payload("garbled") == ("garbled", 0, set())


def test_the_address_keeps_the_passfile_and_speaks_libpq():
    url = "postgresql+psycopg://hall@db.example:5432/hall?passfile=/home/a/pgpass.conf"
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(libpq_address(url))
    assert (parts["host"], parts["user"], parts["dbname"]) == ("db.example", "hall", "hall")
    assert parts["passfile"] == "/home/a/pgpass.conf"


def _hall(db) -> int:
    with db.session() as s:
        hall = Hall(code="H1", name="大厅", created_at=__import__("datetime").datetime(2026, 12, 1))
        s.add(hall)
        s.flush()
        return hall.id


def _events(listener_queue: queue.Queue, timeout: float) -> list[object]:
    got: list[object] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            got.append(listener_queue.get(timeout=0.05))
        except queue.Empty:
            if got:
                break
    return got


def test_another_pcs_commit_is_heard_within_a_second_and_ones_own_is_not(pg_url):
    here, there = open_database(pg_url), open_database(pg_url)
    heard: queue.Queue = queue.Queue()
    listener = ChangeListener(
        here.url, here.origin, lambda tables: heard.put(tables), lambda: heard.put("reconnected")
    ).start()
    try:
        assert listener.wait_listening(10)
        hall_id = _hall(there)
        assert _events(heard, 1.0) == [{"hall"}]
        with here.session() as s:  # this PC's own write
            s.add(Department(hall_id=hall_id, name="市场监管局"))
        assert _events(heard, 0.8) == []
        with there.session() as s:
            s.execute(text("SELECT 1"))  # a read commits nothing: no notification
        assert _events(heard, 0.5) == []
    finally:
        listener.stop()
        here.close()
        there.close()


def test_a_connection_ended_by_the_server_is_made_again_and_reported(pg_url):
    here, there = open_database(pg_url), open_database(pg_url)
    heard: queue.Queue = queue.Queue()
    listener = ChangeListener(
        here.url, here.origin, lambda tables: heard.put(tables), lambda: heard.put("reconnected")
    ).start()
    try:
        assert listener.wait_listening(10)
        first = listener.backend_pid
        with there.engine.connect() as conn:  # what a server restart or an administrator does to it
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        assert "reconnected" in _events(heard, 10.0)
        assert listener.wait_listening(10) and listener.backend_pid not in (None, first)
        assert listener.connections == 2
        _hall(there)
        assert _events(heard, 2.0) == [{"hall"}]
    finally:
        listener.stop()
        here.close()
        there.close()
