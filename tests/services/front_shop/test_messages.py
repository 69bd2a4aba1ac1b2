"""Reviewing a 前店后厂 flag in English: the refusal and the history's note read in English."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApprovalPlace, FlagState, Session, StaffCategory
from hallmonitor.services.front_shop.flags import evaluate_flags, list_flags, review_flag
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.storage.models import CaseEvent
from tests.support import builders as b
from tests.support.english import HAN

DAY = date(2026, 5, 11)


def test_a_review_is_noted_and_an_unknown_flag_refused_in_english(hall: HallContext, english) -> None:
    window = b.window(hall, "1")
    officer = b.staff(hall, "F001", "Wang", StaffCategory.CIVIL_SERVANT)
    b.duty(hall, window, officer, DAY, Session.MORNING)
    at = datetime(2026, 5, 11, 10, 0)
    case = b.case(
        hall,
        "C2",
        window,
        b.item(hall, "OK"),
        at,
        approved_at=at,
        approved_by=officer,
        place=ApprovalPlace.BACK_OFFICE,
    )
    evaluate_flags(hall, None, DAY)
    (flag,) = list_flags(hall)
    review_flag(hall, flag.flag_id, FlagState.CONFIRMED, "approved in the back office", at=at)
    with hall.db.session() as s:
        note = s.scalars(
            select(CaseEvent.note).where(CaseEvent.case_id == case).order_by(CaseEvent.id)
        ).all()[-1]
    # The states are the store's vocabulary, shown as they are stored.
    assert note == f"{FlagState.PENDING.value} → {FlagState.CONFIRMED.value}: approved in the back office"
    with pytest.raises(ServiceError) as raised:
        review_flag(hall, 999_999, FlagState.CONFIRMED, "checked")
    message = str(raised.value)
    assert message == "There is no front shop, back factory flag numbered 999999."
    assert not HAN.search(message)
