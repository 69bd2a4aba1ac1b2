"""A supervisor working in English reads the hall data's refusals and results in English."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hallmonitor.domain.enums import WindowState
from hallmonitor.domain.texts import use_language
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.hall_data import add_department, history, set_window_state
from tests.support import builders as b

HAN = re.compile(r"[\u4e00-\u9fff]")
FRI = date(2026, 5, 15)


@pytest.fixture
def english():
    use_language("en")
    yield
    use_language(None)


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
