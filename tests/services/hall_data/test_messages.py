"""A supervisor working in English reads the hall data's refusals and results in English."""

from __future__ import annotations

from datetime import date

import pytest

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.hall_data import add_department, history, set_window_state
from tests.support import builders as b
from tests.support.english import HAN

FRI = date(2026, 5, 15)


def test_a_department_named_twice_is_refused_in_english(hall: HallContext, english) -> None:
    add_department(hall, "Tax Bureau")
    with pytest.raises(ServiceError) as raised:
        add_department(hall, "Tax Bureau")
    assert str(raised.value) == 'Department "Tax Bureau" already exists.'


def test_a_window_set_out_of_service_says_so_in_english(hall: HallContext, english) -> None:
    window = b.window(hall, "7", "Tax Bureau")
    result = set_window_state(hall, window, WindowState.OUT_OF_SERVICE, "merged", from_day=FRI, today=FRI)
    # The state is the store's vocabulary, shown as it is stored.
    assert result.sentence() == f"Window 7 is {WindowState.OUT_OF_SERVICE.value} from 2026-05-15."
    with pytest.raises(ServiceError) as raised:
        set_window_state(hall, window, WindowState.OUT_OF_SERVICE, "again", today=FRI)
    message = str(raised.value)
    assert message.startswith("Window 7 is ") and message.endswith(" already; nothing to change.")
    assert not HAN.search(message.replace(WindowState.OUT_OF_SERVICE.value, ""))
    assert history(hall, "window", window)[0].action_word == "State changed"


def test_a_reason_left_empty_is_named_in_english(hall: HallContext, english) -> None:
    window = b.window(hall, "7", "Tax Bureau")
    with pytest.raises(ServiceError) as raised:
        set_window_state(hall, window, WindowState.OUT_OF_SERVICE, " ", today=FRI)
    assert str(raised.value) == "Reason for the state change cannot be empty."


def test_a_window_history_note_the_alerts_wrote_reads_in_english(hall: HallContext, english) -> None:
    from datetime import datetime

    from hallmonitor.domain.texts import say, stored_texts
    from hallmonitor.storage.models import WindowStateChange

    window = b.window(hall, "9")
    with stored_texts():  # as the alert workflow stores it: the hall's record, in Chinese
        stored = say("Alert #{id}: {note}", id=3, note="已整改到位")
    with hall.db.session() as s:
        s.add(
            WindowStateChange(
                window_id=window,
                at=datetime(2026, 5, 15, 9),
                from_state=WindowState.RECTIFYING,
                to_state=WindowState.OPEN,
                actor="supervisor",
                note=stored,
            )
        )
    (entry,) = [e for e in history(hall, "window", window) if e.action == "state"]
    assert stored != "Alert #3: 已整改到位"
    assert entry.reason == "Alert #3: 已整改到位"  # the supervisor's own words stay as typed
