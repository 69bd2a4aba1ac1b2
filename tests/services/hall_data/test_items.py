"""Items deactivated (停用) and put in use again (启用): with a reason, logged, listed last, never deleted."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError
from hallmonitor.services.hall_data import history, list_items, set_item_active
from hallmonitor.storage.models import ChangeLog
from tests.support import builders as b
from tests.support.alert_scenario import as_role


def test_a_deactivated_item_is_kept_listed_after_those_in_use_and_its_history_says_who_and_why(
    hall: HallContext,
) -> None:
    old = b.item(hall, "A-1")
    b.item(hall, "B-2")
    sentence = set_item_active(hall, old, False, " 已划转至不动产中心 ", at=datetime(2026, 5, 11, 9, 30))
    assert sentence.startswith("事项 A-1（事项A-1）已停用")
    assert [(r.code, r.active) for r in list_items(hall)] == [("B-2", True), ("A-1", False)]
    assert [r.code for r in list_items(hall, "停用")] == ["A-1"]
    with hall.db.session() as s:
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "item")).one()
        assert (log.entity_id, log.actor, log.action, log.reason) == (
            old,
            "tester",
            "deactivate",
            "已划转至不动产中心",
        )
        assert (json.loads(log.before), json.loads(log.after)) == ({"in_use": True}, {"in_use": False})
        assert log.at == datetime(2026, 5, 11, 9, 30)

    set_item_active(hall, old, True, "划转撤回", at=datetime(2026, 5, 12, 8))
    assert [r.code for r in list_items(hall)] == ["A-1", "B-2"]
    again, stopped = history(hall, "item", old)
    assert (again.action_word, again.reason, again.changed()) == (
        "启用",
        "划转撤回",
        [("in_use", False, True)],
    )
    assert (stopped.action_word, stopped.actor) == ("停用", "tester")


def test_a_change_that_changes_nothing_or_gives_no_reason_is_refused_with_a_sentence(
    hall: HallContext,
) -> None:
    item = b.item(hall, "A-1")
    with pytest.raises(ServiceError, match=r"事项 A-1（事项A-1）已在启用中，无需启用"):
        set_item_active(hall, item, True, "重复")
    with pytest.raises(ServiceError, match="停用原因不能为空"):
        set_item_active(hall, item, False, "  ")
    set_item_active(hall, item, False, "停办")
    with pytest.raises(ServiceError, match=r"事项 A-1（事项A-1）已停用，无需再停用"):
        set_item_active(hall, item, False, "再停")
    with pytest.raises(ServiceError, match="该事项不存在"):
        set_item_active(hall, item + 99, True, "恢复")
    with pytest.raises(PermissionDenied):
        set_item_active(as_role(hall, Role.WINDOW_LEAD), item, True, "恢复")
    assert [e.action for e in history(hall, "item", item)] == ["deactivate"]
