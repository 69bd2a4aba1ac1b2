"""A clerk working in English reads the case form's refusals and the case's history in English."""

from __future__ import annotations

from datetime import datetime

import pytest

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.services.cases import (
    CaseInput,
    InvalidCaseInput,
    case_detail,
    correct_case,
    correction_input,
    register_case,
)
from hallmonitor.services.hall import ServiceError
from tests.support.case_seed import seed_hall
from tests.support.english import HAN

NOW = datetime(2026, 5, 11, 10, 0)


def entry(window: str = "01") -> CaseInput:
    return CaseInput(
        window_number=window,
        item_code="SC001",
        applicant_type=ApplicantType.ENTERPRISE,
        applicant_name="Acme Ltd",
        received_at=datetime(2026, 5, 11, 9, 30),
        completed_at=datetime(2026, 5, 11, 9, 50),
    )


def test_a_refused_entry_names_the_window_in_english(hall, english):
    seed_hall(hall)
    with pytest.raises(InvalidCaseInput) as raised:
        register_case(hall, entry(window="99"), now=NOW)
    assert str(raised.value) == "Window 99 does not exist."


def test_a_correction_that_changes_nothing_says_so_in_english(hall, english):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(ServiceError) as raised:
        correct_case(hall, case_id, correction_input(hall, case_id), "checked", now=NOW)
    message = str(raised.value)
    assert message == "Case H001-20260511-0001 has no changes: there is nothing to correct."
    assert not HAN.search(message)


def test_the_history_says_where_the_case_was_received_in_english(hall, english):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    (entered,) = case_detail(hall, case_id, as_of=NOW.date()).history
    assert entered.note == "Received at window 01, completed on the spot"
