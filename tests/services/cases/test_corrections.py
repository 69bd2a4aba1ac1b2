from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from hallmonitor.domain.enums import ApprovalPlace
from hallmonitor.services.cases import changes_of, record_correction, register_case
from hallmonitor.services.hall import advance_mark, read_mark
from hallmonitor.storage.models import Case, CaseEvent
from tests.services.cases.test_entry import NOW, entry
from tests.support.case_seed import seed_hall


def test_record_correction_writes_before_after_in_chinese_and_marks_rules_from_earliest_day(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with hall.db.session() as s:
        advance_mark(s, hall.hall_id, datetime(2026, 5, 12), read_mark(s, hall.hall_id))
    with hall.db.session() as s:
        case = s.get(Case, case_id)
        record_correction(
            s,
            case,
            {
                "approval_place": (None, ApprovalPlace.BACK_OFFICE),
                "received_at": (datetime(2026, 5, 11, 9, 30), datetime(2026, 5, 8, 15, 0)),
            },
            "  补录审批信息  ",
            actor="王主任",
            at=NOW,
        )
    with hall.db.session() as s:
        event = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == "更正")
        ).one()
        assert (event.actor, event.reason) == ("王主任", "补录审批信息")
        assert json.loads(event.changes) == {
            "受理时间": ["2026-05-11 09:30", "2026-05-08 15:00"],
            "审批地点": ["", "部门后台"],
        }
        assert changes_of(event.changes) == [
            ("受理时间", "2026-05-11 09:30", "2026-05-08 15:00"),
            ("审批地点", "", "部门后台"),
        ]
        # The rules judge again from the earlier receipt, not from the correction's day.
        assert read_mark(s, hall.hall_id).start() == datetime(2026, 5, 8, 15, 0)
