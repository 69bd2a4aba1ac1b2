"""A notice's facts read from a hall whose rows another program changed: printed, never a failure."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text

from hallmonitor.domain.enums import AlertLevel
from hallmonitor.reports.notices import build_notice
from hallmonitor.services.alerts import notice_data
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import Alert
from tests.support.implausible import plant


def test_every_notice_of_a_hall_holding_implausible_values_is_built(hall: HallContext) -> None:
    plant(hall)
    run_rules(hall, datetime(2026, 5, 22, 18, 0))
    with hall.db.session() as s:
        printable = list(
            s.scalars(
                select(Alert.id).where(Alert.level.in_([AlertLevel.ORDER_TO_CORRECT, AlertLevel.RED_CARD]))
            )
        )
    assert printable
    with hall.db.engine.begin() as conn:
        # A deadline and a raise moment no hall could have set, written behind the services' back.
        conn.execute(
            text(
                "UPDATE alert SET deadline = '9999-12-31', raised_at = '0001-01-01 00:00:00' WHERE id = :id"
            ),
            {"id": printable[0]},
        )
        conn.execute(
            text("UPDATE alert_occurrence SET at = '0001-01-01 09:00:00' WHERE alert_id = :id"),
            {"id": printable[0]},
        )
    for alert_id in printable:
        content = build_notice(notice_data(hall, alert_id, issued_on=datetime(2026, 5, 22).date()))
        assert content.title
