"""Two app instances on one database: a change made in one shows in the other within two seconds."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.services.cases import CaseInput, register_case
from hallmonitor.services.hall import hall_context
from hallmonitor.storage.database import open_database
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from hallmonitor.ui.watch import RemoteChanges
from hallmonitor.ui.watch.remote import topics_for
from tests.support.hall_builder import build_small_hall


@pytest.fixture
def two_apps(hall, qapp):  # type: ignore[no-untyped-def]
    build_small_hall(hall)
    other_db = open_database(hall.db.url)
    here = UiEnv(ctx=hall, runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    there = UiEnv(ctx=hall_context(other_db), runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    yield here, there
    here.runner.wait(10_000)
    there.runner.wait(10_000)
    other_db.close()


def test_a_case_entered_on_one_pc_is_announced_on_the_other_within_two_seconds(qtbot, two_apps) -> None:
    here, there = two_apps
    remote = RemoteChanges(there)
    remote.start()
    qtbot.waitUntil(lambda: remote.after is not None, timeout=5000)
    own: list[str] = []
    here_remote = RemoteChanges(here)
    here_remote.start()
    qtbot.waitUntil(lambda: here_remote.after is not None, timeout=5000)
    here.bus.changed.connect(own.append)

    case = CaseInput("A01", "MS-001", ApplicantType.ENTERPRISE, "某某公司", datetime(2026, 5, 11, 10, 0))
    with qtbot.waitSignal(there.bus.changed, timeout=2000, check_params_cb=lambda topic: topic == "cases"):
        register_case(here.ctx, case, now=datetime(2026, 5, 11, 10, 5))
    qtbot.wait(1500)
    assert "cases" not in own  # this PC's own change is not announced again
    remote.stop()
    here_remote.stop()


def test_tables_map_to_the_pages_topics() -> None:
    assert topics_for({"roster_entry", "alert_event", "calendar_override"}) == [
        "alerts",
        "settings",
        "calendar",
        "roster",
    ]
    assert topics_for({"rules_mark"}) == []


@pytest.mark.pg
def test_on_postgresql_a_notification_not_the_poll_brings_the_change_and_a_lost_listener_reloads_all(
    qtbot, pg_url, qapp
) -> None:
    from sqlalchemy import text

    from hallmonitor.services.hall import init_hall

    db = open_database(pg_url)
    init_hall(db, "H001", "测试大厅")
    hall = hall_context(db, login="tester")
    build_small_hall(hall)
    other_db = open_database(pg_url)
    here = UiEnv(ctx=hall, runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    there = UiEnv(ctx=hall_context(other_db), runner=OperationRunner(QThreadPool()), bus=ChangeBus())
    remote = RemoteChanges(there, interval_ms=60_000)  # the poll cannot be what brings the change
    remote.start()
    try:
        qtbot.waitUntil(
            lambda: remote.listener is not None and remote.listener.wait_listening(0.1), timeout=10_000
        )
        case = CaseInput("A01", "MS-001", ApplicantType.ENTERPRISE, "某某公司", datetime(2026, 5, 11, 10, 0))
        with qtbot.waitSignal(
            there.bus.changed, timeout=2000, check_params_cb=lambda topic: topic == "cases"
        ):
            register_case(here.ctx, case, now=datetime(2026, 5, 11, 10, 5))

        heard: list[str] = []
        there.bus.changed.connect(heard.append)
        with db.engine.connect() as conn:  # the server ends the listening session (as a restart would)
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": remote.listener.backend_pid})
        qtbot.waitUntil(lambda: {"roster", "alerts", "settings", "windows"} <= set(heard), timeout=10_000)
        assert remote.listener.connections == 2
    finally:
        remote.stop()
        here.runner.wait(10_000)
        there.runner.wait(10_000)
        other_db.close()
        db.close()
