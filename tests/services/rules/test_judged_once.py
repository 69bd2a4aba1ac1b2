"""What a run leaves alone and what it judges again: the same history as judging everything from scratch.

A run judges from the rules' mark on: an approval flagged once is not judged
again while nothing about it changes, and a correction dated before the mark
(the approver marked absent after the fact) has its day judged again. Either
way the flags, alerts and occurrences are what a run over the whole record
finds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, update

from hallmonitor.domain.enums import ApprovalPlace, FrontShopReason, Session, StaffCategory
from hallmonitor.services.front_shop import list_flags
from hallmonitor.services.hall import HallContext, facts_changed
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    AlertOccurrence,
    FrontShopFlag,
    RosterEntry,
    RulesMark,
)
from tests.support import builders as b
from tests.support.derived import derived_state

MON, TUE, WED = date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 3)
AM, PM = Session.MORNING, Session.AFTERNOON


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _hall(ctx: HallContext) -> None:
    """A window kept by a formal civil servant who approves at it; one approval made back office each day."""
    w = b.window(ctx, "1")
    officer = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    item = b.item(ctx, "X1", promised_days=2)
    for n, day in enumerate((MON, TUE, WED)):
        for session in (AM, PM):
            b.duty(ctx, w, officer, day, session)
        for hour, place in (
            (9, ApprovalPlace.WINDOW),
            (10, ApprovalPlace.WINDOW),
            (15, ApprovalPlace.BACK_OFFICE),
        ):
            b.case(
                ctx,
                f"C{n}{hour}",
                w,
                item,
                at(day, hour - 1),
                approved_at=at(day, hour),
                approved_by=officer,
                place=place,
            )


def _from_scratch(ctx: HallContext, until: datetime) -> dict[str, list[tuple[object, ...]]]:
    """Everything the rules derived taken away and judged again over the whole record."""
    with ctx.db.session() as s:
        for table in (AlertOccurrence, AlertEvent, Alert, FrontShopFlag):
            s.execute(delete(table))
        s.execute(update(RulesMark).values(judged_until=None, dirty_from=None))
    run_rules(ctx, until)
    return derived_state(ctx.db)


def _reasons(ctx: HallContext) -> dict[str, tuple[str, ...]]:
    return {f.case_no: f.reasons for f in list_flags(ctx)}


def test_a_run_with_nothing_new_judges_nothing_again_and_a_correction_gets_a_full_runs_verdict(
    hall: HallContext,
) -> None:
    _hall(hall)
    first = run_rules(hall, at(WED, 18))
    assert first.new_flags == 3
    back_office = (FrontShopReason.BACK_OFFICE_APPROVAL.value,)
    assert _reasons(hall) == {"C015": back_office, "C115": back_office, "C215": back_office}
    before = derived_state(hall.db)

    # An hour later nothing has changed: nothing is flagged again, nothing written.
    quiet = run_rules(hall, at(WED, 19))
    assert (quiet.new_flags, quiet.changes) == (0, [])
    assert {k: v for k, v in derived_state(hall.db).items() if k != "marks"} == {
        k: v for k, v in before.items() if k != "marks"
    }

    # Tuesday's sheet comes in late: the officer was not there. Tuesday is judged again, Monday is not.
    with hall.db.session() as s:
        s.execute(update(RosterEntry).where(RosterEntry.day == TUE).values(attendance=False))
        facts_changed(s, hall.hall_id, TUE)
    corrected = run_rules(hall, at(WED, 20))
    assert corrected.judged_from == datetime.combine(TUE, datetime.min.time())
    absent = FrontShopReason.APPROVER_NOT_IN_HALL.value
    assert _reasons(hall) == {
        "C015": back_office,
        "C19": (absent,),
        "C110": (absent,),
        "C115": (FrontShopReason.BACK_OFFICE_APPROVAL.value, absent),
        "C215": back_office,
    }
    after = derived_state(hall.db)
    assert _from_scratch(hall, at(WED, 20)) == after
