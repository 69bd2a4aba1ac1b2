"""Staff: 工号 unique, a category from a day with its history, 调离 and 返岗."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import StaffCategory
from hallmonitor.services.hall import HallContext, ServiceError, read_mark
from hallmonitor.services.hall_data import (
    StaffInput,
    add_department,
    add_staff,
    change_category,
    edit_staff,
    history,
    leave_staff,
    list_staff,
    return_staff,
)
from hallmonitor.storage.models import RosterEntry, StaffCategoryChange
from tests.support import builders as b


def _person(hall: HallContext) -> tuple[int, int]:
    dept = add_department(hall, "人社局")
    return dept, add_staff(
        hall, StaffInput("R01", "周敏", dept, StaffCategory.LABOUR_DISPATCH), reason="新入驻"
    )


def test_staff_are_added_edited_and_searched_and_a_taken_staff_no_is_refused(hall: HallContext) -> None:
    dept, sid = _person(hall)
    with pytest.raises(ServiceError, match="工号 R01 已被另一位人员使用"):
        add_staff(hall, StaffInput("R01", "另一人", dept, StaffCategory.CIVIL_SERVANT))
    assert edit_staff(
        hall, sid, StaffInput("R01", "周敏华", dept, StaffCategory.LABOUR_DISPATCH), reason="改名"
    )
    assert [p.name for p in list_staff(hall, "敏华")] == ["周敏华"]
    assert list_staff(hall, "不存在") == []
    with pytest.raises(ServiceError, match="变更类别"):
        edit_staff(hall, sid, StaffInput("R01", "周敏华", dept, StaffCategory.CIVIL_SERVANT))
    edit = history(hall, "staff", sid)[0]
    assert (edit.action, edit.actor, edit.reason) == ("edit", "tester", "改名")
    assert edit.changed() == [("name", "周敏", "周敏华")]


def test_a_category_change_is_dated_and_keeps_the_old_category_before_it(hall: HallContext) -> None:
    _dept, sid = _person(hall)
    day = change_category(
        hall, sid, "公务员", "考录转正", from_day=date(2026, 5, 11), today=date(2026, 5, 13)
    )
    assert day == date(2026, 5, 11)
    with hall.db.session() as s:
        change = s.scalars(select(StaffCategoryChange)).one()
        assert (change.from_category, change.to_category) == (
            StaffCategory.LABOUR_DISPATCH,
            StaffCategory.CIVIL_SERVANT,
        )
        assert read_mark(s, hall.hall_id).dirty_from.date() == date(2026, 5, 11)  # type: ignore[union-attr]
    row = list_staff(hall)[0]
    assert (row.category, row.category_since) == (StaffCategory.CIVIL_SERVANT, date(2026, 5, 11))
    entry = history(hall, "staff", sid)[0]
    assert (entry.action, entry.before, entry.after) == (
        "category",
        {"category": "劳务派遣"},
        {"category": "公务员", "from": "2026-05-11"},
    )
    with pytest.raises(ServiceError, match="不能早于这一天"):
        change_category(hall, sid, "事业编制", "更正", from_day=date(2026, 5, 4), today=date(2026, 5, 13))
    with pytest.raises(ServiceError, match="不能晚于今天"):
        change_category(hall, sid, "事业编制", "更正", from_day=date(2026, 5, 14), today=date(2026, 5, 13))
    with pytest.raises(ServiceError, match="已是公务员"):
        change_category(hall, sid, "公务员", "重复", today=date(2026, 5, 13))


def test_leaving_removes_the_roster_from_that_day_and_returning_is_logged(hall: HallContext) -> None:
    _dept, sid = _person(hall)
    w = b.window(hall, "3", "人社局")
    for day in (11, 12, 13):
        b.duty(hall, w, sid, date(2026, 5, day), "上午")  # type: ignore[arg-type]
    removed = leave_staff(hall, sid, "调回局机关", on_day=date(2026, 5, 12), today=date(2026, 5, 13))
    assert removed == 2
    with hall.db.session() as s:
        assert list(s.scalars(select(RosterEntry.day))) == [date(2026, 5, 11)]
    person = list_staff(hall)[0]
    assert (person.active, person.left_on) == (False, date(2026, 5, 12))
    with pytest.raises(ServiceError, match="已于 2026-05-12 调离"):
        leave_staff(hall, sid, "再次", today=date(2026, 5, 13))
    return_staff(hall, sid, "借调结束")
    assert list_staff(hall)[0].active
    assert [e.action for e in history(hall, "staff", sid)] == ["return", "leave", "add"]
