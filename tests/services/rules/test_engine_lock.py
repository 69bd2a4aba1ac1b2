"""On a shared PostgreSQL database one rules run per hall at a time, so PCs never double an alert."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, func, select, text

from hallmonitor.domain.enums import AlertKind, Session, StaffCategory
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules.engine import RULES_LOCK_BASE, run_rules
from hallmonitor.storage.models import Alert
from tests.support import builders as b

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_hall(pg_url: str):  # type: ignore[no-untyped-def]
    from tests.conftest import _hall_on

    yield from _hall_on(pg_url)


def _auxiliary_only_monday(ctx: HallContext) -> None:
    w = b.window(ctx, "1")
    aux = b.staff(ctx, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    b.duty(ctx, w, aux, date(2026, 5, 11), Session.MORNING)


def test_a_run_waits_while_another_pc_holds_the_halls_rules_lock(pg_hall: HallContext, pg_url: str) -> None:
    _auxiliary_only_monday(pg_hall)
    other_pc = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with other_pc.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": RULES_LOCK_BASE + pg_hall.hall_id})
        conn.commit()
        run = threading.Thread(target=run_rules, args=(pg_hall, datetime(2026, 5, 11, 10, 0)))
        run.start()
        run.join(timeout=1.0)
        assert run.is_alive(), "the rules ran although another PC held the hall's lock"
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": RULES_LOCK_BASE + pg_hall.hall_id})
        conn.commit()
    run.join(timeout=30)
    assert not run.is_alive()
    other_pc.dispose()
    with pg_hall.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Alert).where(Alert.kind == AlertKind.STAFFING)) == 1


def test_runs_started_together_raise_one_alert(pg_hall: HallContext) -> None:
    _auxiliary_only_monday(pg_hall)
    runs = [
        threading.Thread(target=run_rules, args=(pg_hall, datetime(2026, 5, 11, 10, 0))) for _ in range(3)
    ]
    for r in runs:
        r.start()
    for r in runs:
        r.join(timeout=60)
    with pg_hall.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Alert).where(Alert.kind == AlertKind.STAFFING)) == 1
