"""A hall judged before the mark knew complaints apart keeps how far it was judged, with nothing to judge again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from hallmonitor.services.hall import hall_context, read_mark
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.database import head_revision, open_database
from tests.support.bare_hall import insert_bare_hall
from tests.support.migrations import upgraded_to

JUDGED = datetime(2026, 5, 15, 17, 0)


def test_the_upgrade_keeps_the_mark_and_a_run_at_the_moment_judged_writes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgraded_to("0008", url, tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_bare_hall(conn)
        conn.execute(
            text(
                "INSERT INTO rules_mark (hall_id, judged_until, dirty_from, dirty_seq, calendar_seq, due_dates_seq)"
                " VALUES (1, :judged, NULL, 7, 0, 0)"
            ),
            {"judged": JUDGED},
        )
    engine.dispose()

    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        ctx = hall_context(db)
        with db.session() as s:
            mark = read_mark(s, 1)
        assert (mark.judged_until, mark.dirty_from, mark.complaints_from, mark.dirty_seq) == (
            JUDGED,
            None,
            None,
            7,
        )
        assert mark.covers(JUDGED)
        summary = run_rules(ctx, JUDGED)
        assert (summary.judged_from, summary.changes) == (None, [])
    finally:
        db.close()
