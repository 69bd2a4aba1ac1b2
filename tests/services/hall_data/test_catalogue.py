"""Departments, windows and items: added, edited, searched, unique keys refused with a sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import CaseType, ItemCategory, WindowKind
from hallmonitor.services.hall import HallContext, ServiceError, read_mark
from hallmonitor.services.hall_data import (
    ItemInput,
    WindowInput,
    add_department,
    add_item,
    add_window,
    edit_item,
    edit_window,
    history,
    list_departments,
    list_items,
    list_windows,
    rename_department,
)
from hallmonitor.storage.models import Case
from tests.support import builders as b


def test_departments_are_added_renamed_and_counted(hall: HallContext) -> None:
    dept = add_department(hall, "税务局")
    add_window(hall, WindowInput("1", "税务窗口", dept, WindowKind.DEPARTMENT))
    with pytest.raises(ServiceError, match="部门“税务局”已存在"):
        add_department(hall, " 税务局 ")
    rename_department(hall, dept, "国家税务局", reason="机构改革")
    [row] = list_departments(hall, "国家")
    assert (row.name, row.windows, row.staff, row.items) == ("国家税务局", 1, 0, 0)
    assert history(hall, "department", dept)[0].changed() == [("name", "税务局", "国家税务局")]


def test_windows_are_added_and_edited_with_their_place_on_the_board(hall: HallContext) -> None:
    dept = add_department(hall, "市场监管局")
    other = add_department(hall, "公安局")
    w = add_window(
        hall,
        WindowInput("A01", "企业开办", dept, WindowKind.COMBINED, "A区", 1, 2),
        at=datetime(2026, 5, 11, 9),
    )
    with pytest.raises(ServiceError, match="窗口编号 A01 已被另一个窗口使用"):
        add_window(hall, WindowInput("A01", "重复", dept, WindowKind.DEPARTMENT))
    with pytest.raises(ServiceError, match="窗口编号不能为空"):
        add_window(hall, WindowInput(" ", "无号", dept, WindowKind.DEPARTMENT))
    assert edit_window(
        hall, w, WindowInput("A02", "企业开办", other, WindowKind.COMBINED, "B区", 0, 3), reason="搬迁"
    )
    assert not edit_window(hall, w, WindowInput("A02", "企业开办", other, WindowKind.COMBINED, "B区", 0, 3))
    [row] = list_windows(hall, "B区")
    assert (row.number, row.department, row.zone, row.grid_row, row.grid_col) == (
        "A02",
        "公安局",
        "B区",
        0,
        3,
    )
    edit, added = history(hall, "window", w)
    assert added.action == "add" and added.after["state"] == "开放"
    assert dict((f, (x, y)) for f, x, y in edit.changed()) == {
        "number": ("A01", "A02"),
        "department": ("市场监管局", "公安局"),
        "zone": ("A区", "B区"),
        "grid_row": (1, 0),
        "grid_col": (2, 3),
    }


def test_an_item_edit_of_its_time_limit_has_its_cases_due_dates_worked_out_again(hall: HallContext) -> None:
    w = b.window(hall, "1")
    item = b.item(hall, "I-1", promised_days=3)
    b.case(hall, "C1", w, item, datetime(2026, 5, 11, 9))
    with hall.db.session() as s:
        case = s.scalars(select(Case)).one()
        case.due_date = date(2026, 5, 14)
    [row] = list_items(hall, "I-1")
    with pytest.raises(ServiceError, match="事项编码 I-1 已被另一事项使用"):
        add_item(hall, ItemInput("I-1", "重复", row.department_id, ItemCategory.OTHER, CaseType.PROMISED, 1))
    data = replace(row.as_input(), promised_days=5, legal_days=10, window_may_approve=False)
    assert edit_item(hall, item, data, reason="承诺时限延长")
    with hall.db.session() as s:
        assert s.scalars(select(Case.due_date)).one() is None
        assert read_mark(s, hall.hall_id).dirty_from == datetime(2026, 5, 11)
    [after] = list_items(hall)
    assert (after.promised_days, after.window_may_approve) == (5, False)
    entry = history(hall, "item", item)[0]
    assert ("promised_days", 3, 5) in entry.changed() and entry.reason == "承诺时限延长"


def test_an_edit_based_on_a_window_another_pc_changed_since_is_refused_naming_who(hall: HallContext) -> None:
    from hallmonitor.services.hall import StaleRecord, hall_context
    from hallmonitor.storage.database import open_database

    dept = add_department(hall, "税务局")
    w = add_window(hall, WindowInput("1", "税务窗口", dept, WindowKind.DEPARTMENT))
    [seen] = list_windows(hall)  # what this PC's 大厅资料 page shows
    other_db = open_database(hall.db.url)
    try:
        other = hall_context(other_db, actor=replace(hall.actor, name="张三"))
        edit_window(
            other,
            w,
            replace(seen.as_input(), name="涉税综合窗口"),
            reason="改名",
            expected_version=seen.version,
        )
    finally:
        other_db.close()
    with pytest.raises(StaleRecord) as refused:
        edit_window(
            hall, w, replace(seen.as_input(), zone="B区"), reason="挪位置", expected_version=seen.version
        )
    assert "已被 张三 于" in str(refused.value)
    [fresh] = list_windows(hall)
    assert (fresh.name, fresh.zone) == ("涉税综合窗口", "")
    assert edit_window(
        hall, w, replace(fresh.as_input(), zone="B区"), reason="挪位置", expected_version=fresh.version
    )
    assert list_windows(hall)[0].zone == "B区"
