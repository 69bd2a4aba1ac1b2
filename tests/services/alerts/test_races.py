"""Two supervisors acting on the same alert at the same moment, from two PCs (two real connections).

Whatever the order the database lets them through, one action wins, the other
is refused with a sentence, and the window's state agrees with the alert's.
"""

from __future__ import annotations

import threading

import pytest

from hallmonitor.domain.enums import AlertKind, AlertState, Role, WindowState
from hallmonitor.services.alerts import close_window, list_alerts, revoke, start_rectification
from hallmonitor.services.hall import HallContext, ServiceError, hall_context
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Window
from tests.support.alert_scenario import MON, WED, as_role, at, build_ladder

TRIALS = 6


@pytest.mark.pg
@pytest.mark.parametrize("trial", range(TRIALS))
def test_close_and_revoke_at_the_same_moment_leave_a_consistent_window(pg_url: str, trial: int) -> None:
    from tests.conftest import _hall_on

    hall: HallContext = next(_hall_on(pg_url))
    built = build_ladder(hall)
    supervisor = as_role(hall, Role.SUPERVISOR)
    run_rules(hall, at(MON, 9, 30))
    [alert] = list_alerts(hall, kind=AlertKind.STAFFING)
    start_rectification(supervisor, alert.id, "安排正式公职人员", at=at(MON, 9, 45))
    run_rules(hall, at(WED, 9, 30))

    other_db = open_database(pg_url)
    other = as_role(hall_context(other_db), Role.SUPERVISOR)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name: str, action) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            action()
            outcomes[name] = "done"
        except ServiceError as exc:
            outcomes[name] = str(exc)

    closing = threading.Thread(
        target=act,
        args=("close", lambda: close_window(supervisor, alert.id, "整改不到位", at=at(WED, 10, 0))),
    )
    revoking = threading.Thread(
        target=act, args=("revoke", lambda: revoke(other, alert.id, "误报", at=at(WED, 10, 0)))
    )
    for t in (closing, revoking) if trial % 2 else (revoking, closing):
        t.start()
    for t in (closing, revoking):
        t.join(timeout=60)
    other_db.close()

    assert sorted(v == "done" for v in outcomes.values()) == [False, True], outcomes
    [after] = [a for a in list_alerts(hall, kind=AlertKind.STAFFING) if a.id == alert.id]
    with hall.db.session() as s:
        window_state = s.get(Window, built.window).state
    if after.state is AlertState.REVOKED:
        assert window_state is not WindowState.CLOSED
    else:
        assert after.state is AlertState.WINDOW_CLOSED and window_state is WindowState.CLOSED
    hall.db.close()


def test_an_action_based_on_an_alert_another_pc_changed_since_is_refused_and_names_who(
    hall: HallContext,
) -> None:
    from hallmonitor.services.alerts import Action, AlertMovedOn, acknowledge, perform

    build_ladder(hall)
    run_rules(hall, at(MON, 9, 30))
    [seen] = list_alerts(hall, kind=AlertKind.STAFFING)  # what this PC shows
    other_db = open_database(hall.db.url)
    try:
        other = as_role(hall_context(other_db), Role.SUPERVISOR)
        acknowledge(other, seen.id, "已电话通知", at=at(MON, 9, 40))
    finally:
        other_db.close()
    with pytest.raises(AlertMovedOn) as refused:
        perform(
            hall,
            seen.id,
            Action.START_RECTIFICATION,
            "安排人员",
            at=at(MON, 9, 45),
            expected_version=seen.version,
        )
    assert "监管员甲" in str(refused.value) or "督查员甲" in str(refused.value)
    [now] = list_alerts(hall, kind=AlertKind.STAFFING)
    assert now.state is AlertState.ACKNOWLEDGED
    # Based on what is there now, it goes through.
    row = perform(
        hall, now.id, Action.START_RECTIFICATION, "安排人员", at=at(MON, 9, 45), expected_version=now.version
    )
    assert row.state is AlertState.RECTIFYING


@pytest.mark.pg
@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_actions_on_what_both_saw_at_the_same_moment_let_only_one_through(
    pg_url: str, trial: int
) -> None:
    """Both PCs saw the same version; acknowledging and revoking are each allowed from it.

    Checked before the action's own transaction, both went through; checked
    under the alert's lock, the second sees the first's change and is refused.
    """
    from hallmonitor.services.alerts import Action, AlertMovedOn, perform
    from tests.conftest import _hall_on

    hall: HallContext = next(_hall_on(pg_url))
    build_ladder(hall)
    run_rules(hall, at(MON, 9, 30))
    [seen] = list_alerts(hall, kind=AlertKind.STAFFING)
    here = as_role(hall, Role.SUPERVISOR)
    other_db = open_database(pg_url)
    there = as_role(hall_context(other_db), Role.SUPERVISOR)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name: str, ctx: HallContext, action: Action, text: str) -> None:
        barrier.wait()
        try:
            perform(ctx, seen.id, action, text, at=at(MON, 9, 40), expected_version=seen.version)
            outcomes[name] = "done"
        except AlertMovedOn as exc:
            outcomes[name] = exc

    threads = [
        threading.Thread(target=act, args=("acknowledge", here, Action.ACKNOWLEDGE, "已电话通知")),
        threading.Thread(target=act, args=("revoke", there, Action.REVOKE, "误报")),
    ]
    for t in threads if trial % 2 else reversed(threads):
        t.start()
    for t in threads:
        t.join(timeout=60)
    other_db.close()
    assert sorted(v == "done" for v in outcomes.values()) == [False, True], outcomes
    [after] = [a for a in list_alerts(hall, kind=AlertKind.STAFFING) if a.id == seen.id]
    winner = next(name for name, v in outcomes.items() if v == "done")
    assert after.state is (AlertState.ACKNOWLEDGED if winner == "acknowledge" else AlertState.REVOKED)
    hall.db.close()
