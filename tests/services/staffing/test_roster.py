"""The roster week: loading, judging pending cells, copying last week, saving in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hallmonitor.domain.enums import Role, Session, StaffingVerdict
from hallmonitor.services.hall import Actor, PermissionDenied, ServiceError
from hallmonitor.services.staffing.roster import (
    CellKey,
    RosterCellChange,
    cell_verdict,
    load_week,
    monday_of,
    save_roster_changes,
)
from hallmonitor.services.staffing.roster_edits import (
    copied_cells,
    find_staff,
    with_attendance,
    with_staff,
    without_staff,
)
from tests.support.hall_builder import MONDAY, WEDNESDAY_BEFORE, build_small_hall


def test_a_week_shows_its_working_days_and_every_window(hall):
    small = build_small_hall(hall)
    week = load_week(hall, date(2026, 5, 13))
    assert week.monday == MONDAY
    assert week.days == tuple(date(2026, 5, d) for d in range(11, 16))
    assert [w.number for w in week.windows] == ["A01", "A02", "A03", "B01", "B02", "B03"]
    a01 = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    assert [a.name for a in week.cell(a01)] == ["张伟", "王芳"]
    assert [s.staff_no for s in week.staff] == ["S001", "S002", "S003", "S004", "S005", "S006"]


def test_the_holiday_week_shows_the_make_up_saturday_and_not_the_holidays(hall):
    build_small_hall(hall)
    week = load_week(hall, date(2026, 5, 4))
    assert date(2026, 5, 4) not in week.days and date(2026, 5, 5) not in week.days
    assert date(2026, 5, 9) in week.days


def test_a_pending_cell_is_judged_by_its_contents(hall):
    small = build_small_hall(hall)
    week = load_week(hall, MONDAY)
    a03 = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    staff = {s.staff_no: s for s in week.staff}
    assert cell_verdict(week, a03, week.cell(a03)) is StaffingVerdict.UNSTAFFED
    aux = with_staff(week.cell(a03), staff["S004"])
    assert cell_verdict(week, a03, aux) is StaffingVerdict.AUXILIARY_ONLY
    both = with_staff(aux, staff["S003"])
    assert [a.staff_no for a in both] == ["S003", "S004"]  # formal first
    assert cell_verdict(week, a03, both) is StaffingVerdict.COMPLIANT
    absent = with_attendance(both, [small.staff["S003"]], False)
    assert cell_verdict(week, a03, absent) is StaffingVerdict.AUXILIARY_ONLY
    assert without_staff(both, None) == ()
    closed = CellKey(small.windows["B02"], MONDAY, Session.MORNING)
    assert cell_verdict(week, closed, ()) is None


def test_find_staff_by_number_or_name(hall):
    build_small_hall(hall)
    staff = load_week(hall, MONDAY).staff
    assert [s.name for s in find_staff(staff, "S003")] == ["李娜"]
    assert [s.name for s in find_staff(staff, "刘洋")] == ["刘洋"]
    assert [s.staff_no for s in find_staff(staff, "s00")] == ["S001", "S002", "S003", "S004", "S005", "S006"]
    assert [s.name for s in find_staff(staff, "S004 刘洋（编外聘用）")] == ["刘洋"]
    assert find_staff(staff, "  ") == []


def test_copying_last_week_fills_empty_working_cells_as_planned(hall):
    small = build_small_hall(hall)
    last, this = load_week(hall, WEDNESDAY_BEFORE), load_week(hall, MONDAY)
    copied = copied_cells(last, this, dict(this.cells))
    key = CellKey(small.windows["A03"], date(2026, 5, 13), Session.MORNING)
    assert set(copied) == {key, replace(key, session=Session.AFTERNOON)}
    assert [(a.name, a.attendance) for a in copied[key]] == [("李娜", None)]
    # a cell already planned this week is left alone
    assert copied_cells(
        last, this, {key: this.cell(CellKey(small.windows["A01"], MONDAY, Session.MORNING))}
    ).keys() == {replace(key, session=Session.AFTERNOON)}


def test_save_writes_every_cell_in_one_go_and_reads_back(hall):
    small = build_small_hall(hall)
    week = load_week(hall, MONDAY)
    staff = {s.staff_no: s for s in week.staff}
    a01 = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    a03 = CellKey(small.windows["A03"], date(2026, 5, 12), Session.AFTERNOON)
    changes = [
        RosterCellChange(
            a01, with_attendance(without_staff(week.cell(a01), [small.staff["S002"]]), None, True)
        ),
        RosterCellChange(a03, with_staff((), staff["S006"])),
    ]
    result = save_roster_changes(hall, changes)
    assert (result.added, result.removed, result.updated) == (1, 1, 1)
    again = load_week(hall, MONDAY)
    assert [(a.name, a.attendance) for a in again.cell(a01)] == [("张伟", True)]
    assert [a.name for a in again.cell(a03)] == ["杨磊"]
    assert save_roster_changes(hall, changes).total == 0


def test_saving_needs_a_clerk(hall):
    small = build_small_hall(hall)
    viewer = replace(hall, actor=Actor("guest", Role.CENTER_VIEWER))
    key = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    with pytest.raises(PermissionDenied):
        save_roster_changes(viewer, [RosterCellChange(key, ())])


def test_saving_into_an_unknown_window_is_refused_whole(hall):
    small = build_small_hall(hall)
    good = CellKey(small.windows["A01"], MONDAY, Session.MORNING)
    with pytest.raises(ServiceError):
        save_roster_changes(
            hall, [RosterCellChange(good, ()), RosterCellChange(replace(good, window_id=9999), ())]
        )
    assert len(load_week(hall, MONDAY).cell(good)) == 2


def test_monday_of():
    assert monday_of(date(2026, 5, 17)) == MONDAY


def test_nobody_is_placed_at_a_window_out_of_service_that_day_nor_after_leaving(hall):
    from hallmonitor.domain.enums import StaffCategory
    from hallmonitor.services.hall_data import leave_staff, set_window_state
    from hallmonitor.services.staffing.roster import Assignment
    from tests.support import builders as b

    w = b.window(hall, "9")
    formal = b.staff(hall, "F9", "钱正", StaffCategory.CIVIL_SERVANT)
    person = Assignment(formal, "F9", "钱正", StaffCategory.CIVIL_SERVANT)
    set_window_state(hall, w, "停用", "撤并", from_day=date(2026, 5, 13), today=date(2026, 5, 13))
    before = RosterCellChange(CellKey(w, date(2026, 5, 12), Session.MORNING), (person,))
    assert save_roster_changes(hall, [before]).added == 1
    stopped = RosterCellChange(CellKey(w, date(2026, 5, 13), Session.AFTERNOON), (person,))
    with pytest.raises(ServiceError, match="9号窗口在 2026-05-13下午 处于停用状态"):
        save_roster_changes(hall, [stopped])

    w2 = b.window(hall, "10")
    leave_staff(hall, formal, "调离", on_day=date(2026, 5, 13), today=date(2026, 5, 13))
    with pytest.raises(ServiceError, match="钱正（F9）已于 2026-05-13 调离"):
        save_roster_changes(
            hall, [RosterCellChange(CellKey(w2, date(2026, 5, 14), Session.MORNING), (person,))]
        )
    assert (
        save_roster_changes(
            hall, [RosterCellChange(CellKey(w2, date(2026, 5, 12), Session.MORNING), (person,))]
        ).added
        == 1
    )


def test_a_save_based_on_a_stale_cell_is_refused_and_keeps_the_other_pcs_change(hall):
    """Two PCs, two real connections: the second save must not drop what the first one added."""
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.staffing import RosterConflict
    from hallmonitor.storage.database import open_database

    small = build_small_hall(hall)
    other_db = open_database(hall.db.url)
    try:
        other = hall_context(other_db)
        key = CellKey(small.windows["A03"], date(2026, 5, 12), Session.AFTERNOON)
        mine, theirs = load_week(hall, MONDAY), load_week(other, MONDAY)
        staff = {s.staff_no: s for s in mine.staff}
        assert mine.cell(key) == theirs.cell(key) == ()

        save_roster_changes(other, [RosterCellChange(key, with_staff((), staff["S006"]), theirs.cell(key))])
        with pytest.raises(RosterConflict) as refused:
            save_roster_changes(hall, [RosterCellChange(key, with_staff((), staff["S003"]), mine.cell(key))])
        assert "A03号窗口" in str(refused.value) and "杨磊" in str(refused.value)
        assert [a.name for a in load_week(hall, MONDAY).cell(key)] == ["杨磊"]

        # Based on what is there now, the same change goes through.
        fresh = load_week(hall, MONDAY).cell(key)
        save_roster_changes(hall, [RosterCellChange(key, with_staff(fresh, staff["S003"]), fresh)])
        assert sorted(a.name for a in load_week(other, MONDAY).cell(key)) == sorted(["杨磊", "李娜"])
    finally:
        other_db.close()


def test_marking_the_approver_absent_flags_the_approval_in_the_same_save(hall):
    """The 前店后厂 flags follow the saved roster at once: no save leaves an approval judged on the old one."""
    from datetime import datetime

    from hallmonitor.domain.enums import ApprovalPlace, StaffCategory
    from hallmonitor.services.front_shop import evaluate_flags, list_flags
    from tests.support import builders as b

    window = b.window(hall, "9")
    approver = b.staff(hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    b.duty(hall, window, approver, MONDAY, Session.MORNING)
    at = datetime.combine(MONDAY, datetime.min.time()).replace(hour=10)
    item = b.item(hall, "OK")
    b.case(hall, "C1", window, item, at, approved_at=at, approved_by=approver, place=ApprovalPlace.WINDOW)
    evaluate_flags(hall, MONDAY, MONDAY)
    assert list_flags(hall) == []
    key = CellKey(window, MONDAY, Session.MORNING)
    cell = load_week(hall, MONDAY).cell(key)
    save_roster_changes(hall, [RosterCellChange(key, with_attendance(cell, None, False), cell)])
    assert [f.case_no for f in list_flags(hall)] == ["C1"]
