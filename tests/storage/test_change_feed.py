"""Every committed write leaves a row naming its tables, which another open database reads."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from hallmonitor.services.hall import changes_since, init_hall, latest_change, trim_changes
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Hall, RulesMark


def test_another_pcs_writes_are_seen_with_their_tables_and_ones_own_are_not(db_url: str) -> None:
    mine, theirs = open_database(db_url), open_database(db_url)
    try:
        start = latest_change(mine)
        init_hall(theirs, "H1", "东区大厅")
        newest, tables = changes_since(mine, start)
        assert newest > start
        assert {"hall", "setting"} <= tables
        assert changes_since(theirs, start)[1] == set()  # its own write

        with theirs.session() as s:  # a bulk UPDATE is seen too
            s.execute(update(Hall).values(name="东区政务服务大厅"))
        assert changes_since(mine, newest)[1] == {"hall"}
    finally:
        mine.close()
        theirs.close()


def test_bookkeeping_only_and_rolled_back_writes_leave_no_row(db_url: str) -> None:
    db, other = open_database(db_url), open_database(db_url)
    try:
        init_hall(db, "H1", "东区大厅")
        start = latest_change(other)
        with db.session() as s:
            s.execute(update(RulesMark).values(dirty_seq=RulesMark.dirty_seq + 1))
        try:
            with db.session() as s:
                s.scalars(select(Hall)).one().name = "改了又撤销"
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert changes_since(other, start) == (start, set())
    finally:
        db.close()
        other.close()


def test_old_changes_are_trimmed(db_url: str) -> None:
    db = open_database(db_url)
    try:
        init_hall(db, "H1", "东区大厅")
        assert trim_changes(db, datetime.now()) == 0
        assert trim_changes(db, datetime.now() + timedelta(days=3)) >= 1
    finally:
        db.close()
