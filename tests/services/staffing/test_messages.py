"""A supervisor working in English reads the roster's and the board's refusals in English."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import Session, StaffCategory, WindowState
from hallmonitor.services.hall import ServiceError
from hallmonitor.services.hall_data import leave_staff
from hallmonitor.services.staffing import tile_detail
from hallmonitor.services.staffing.roster import Assignment, CellKey, RosterCellChange, save_roster_changes
from tests.support import builders as b
from tests.support.english import HAN

WED = date(2026, 5, 13)


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


def test_the_tile_detail_shows_an_alerts_stored_summary_in_english(hall, english):
    from hallmonitor.domain.alert_history import summary_of, window_label
    from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
    from hallmonitor.domain.texts import stored_texts
    from hallmonitor.storage.models import Alert

    window = b.window(hall, "9")
    with stored_texts():  # as the rules store it: the hall's record, in Chinese
        stored = summary_of(
            AlertKind.CASE_OVERDUE, window_label("9", "税务局"), AlertLevel.RED_CARD, [], prior=3
        )
    assert HAN.search(stored)
    with hall.db.session() as s:
        s.add(
            Alert(
                hall_id=hall.hall_id,
                window_id=window,
                subject_key="window:9",
                kind=AlertKind.CASE_OVERDUE,
                level=AlertLevel.RED_CARD,
                state=AlertState.OPEN,
                summary=stored,
                raised_at=datetime(2026, 5, 13, 9),
                last_seen_at=datetime(2026, 5, 13, 9),
            )
        )
    (alert,) = tile_detail(hall, window, WED).alerts
    assert alert.summary == "Window 9 (税务局): overdue cases: 3"
    with hall.db.session() as s:
        assert s.scalars(select(Alert.summary)).one() == stored  # the record itself is unchanged
