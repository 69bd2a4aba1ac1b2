"""A supervisor working in English reads the roster's and the board's refusals in English."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hallmonitor.domain.enums import Session, StaffCategory, WindowState
from hallmonitor.domain.texts import use_language
from hallmonitor.services.hall import ServiceError
from hallmonitor.services.hall_data import leave_staff
from hallmonitor.services.staffing import tile_detail
from hallmonitor.services.staffing.roster import Assignment, CellKey, RosterCellChange, save_roster_changes
from tests.support import builders as b

HAN = re.compile(r"[\u4e00-\u9fff]")
WED = date(2026, 5, 13)


@pytest.fixture
def english():
    use_language("en")
    yield
    use_language(None)


def test_someone_who_left_is_not_rostered_and_says_so_in_english(hall, english):
    window = b.window(hall, "9")
    formal = b.staff(hall, "F9", "Qian", StaffCategory.CIVIL_SERVANT)
    leave_staff(hall, formal, "moved", on_day=WED, today=WED)
    person = Assignment(formal, "F9", "Qian", StaffCategory.CIVIL_SERVANT)
    with pytest.raises(ServiceError) as raised:
        save_roster_changes(
            hall, [RosterCellChange(CellKey(window, date(2026, 5, 14), Session.MORNING), (person,))]
        )
    message = str(raised.value)
    assert (
        message
        == f"Qian (F9) left on 2026-05-13, so cannot be rostered on 2026-05-14 {Session.MORNING.value}."
    )
    assert not HAN.search(message.replace(Session.MORNING.value, ""))


def test_a_window_gone_from_the_board_is_named_in_english(hall, english):
    b.window(hall, "9", state=WindowState.OPEN)
    with pytest.raises(ServiceError) as raised:
        tile_detail(hall, 999_999, WED)
    assert str(raised.value) == "That window no longer exists; refresh the hall board."
