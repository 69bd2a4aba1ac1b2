"""A hall that chose its alert kinds before 人员挂名 existed gets it switched on by the upgrade."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, text

from hallmonitor.domain.enums import AlertKind
from hallmonitor.services.hall import hall_context, load_settings, settings_timeline
from hallmonitor.storage.database import open_database
from tests.support.migrations import upgraded_to

#: Every kind there was, but 多次跑动, which this hall switched off.
CHOSEN = "人员配置,前店后厂,办件临期,办件超时,反映超期"


def test_the_upgrade_adds_the_new_kind_to_stored_choices_and_keeps_what_was_switched_off(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgraded_to("0003", url, tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO hall (id, code, name, created_at) VALUES (1, 'H001', '测试大厅', '2026-04-01 08:00:00')"
            )
        )
        conn.execute(
            text("INSERT INTO setting (hall_id, key, value) VALUES (1, 'alerts_enabled', :v)"), {"v": CHOSEN}
        )
        conn.execute(
            text(
                'INSERT INTO rule_settings_version (hall_id, effective_from, "values")'
                " VALUES (1, '2026-04-01 08:00:00', :v)"
            ),
            {"v": json.dumps({"alerts_enabled": CHOSEN, "complaint_limit_working_days": "4"})},
        )
    engine.dispose()

    db = open_database(url)
    ctx = hall_context(db)
    enabled = load_settings(ctx).alerts_enabled
    assert AlertKind.NOMINAL_PRESENCE in enabled and AlertKind.MULTIPLE_TRIPS not in enabled
    current = settings_timeline(ctx).current
    assert AlertKind.NOMINAL_PRESENCE in current.alerts_enabled
    assert current.complaint_limit_working_days == 4
    db.close()
