"""Database.transaction: the sessions a change opens inside it commit together or not at all."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import select

from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Hall

AT = datetime(2026, 5, 6, 9, 0)


def _codes(url: str) -> list[str]:
    """What another program opening the database sees."""
    other = open_database(url, migrate=False)
    try:
        with other.session() as session:
            return sorted(session.scalars(select(Hall.code)))
    finally:
        other.close()


def test_sessions_inside_a_transaction_commit_at_its_end(db_url: str) -> None:
    db = open_database(db_url)
    with db.transaction():
        with db.session() as session:
            session.add(Hall(code="H1", name="甲", created_at=AT))
        with db.session() as session:
            # The second service sees what the first wrote ...
            assert session.scalars(select(Hall.code)).all() == ["H1"]
            session.add(Hall(code="H2", name="乙", created_at=AT))
        # ... and nobody else does yet.
        assert _codes(db_url) == []
    assert _codes(db_url) == ["H1", "H2"]
    db.close()


def test_an_error_in_a_later_session_takes_back_the_earlier_ones(db_url: str) -> None:
    db = open_database(db_url)
    with pytest.raises(RuntimeError), db.transaction():
        with db.session() as session:
            session.add(Hall(code="H1", name="甲", created_at=AT))
        with db.session() as session:
            session.add(Hall(code="H2", name="乙", created_at=AT))
            session.flush()
            raise RuntimeError("dies mid-way")
    assert _codes(db_url) == []
    with db.session() as session:  # and the next operation works as usual
        session.add(Hall(code="H3", name="丙", created_at=AT))
    assert _codes(db_url) == ["H3"]
    db.close()


def test_another_thread_keeps_its_own_sessions(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    seen: list[list[str]] = []

    def read() -> None:
        with db.session() as session:
            seen.append(sorted(session.scalars(select(Hall.code))))

    with db.transaction() as outer:
        outer.add(Hall(code="H1", name="甲", created_at=AT))
        outer.flush()
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
    assert seen == [[]]
    db.close()
