"""A day's overdue and due cases: every way a case can be late on a day, and every way it is not."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import check_day
from hallmonitor.storage.models import Case
from tests.support import builders as b

MON, TUE, THU, FRI = date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 4), date(2026, 6, 5)
NEXT_MON = date(2026, 6, 8)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def _hall(ctx: HallContext) -> None:
    """Cases received on Monday with three working days, due on Thursday; one received Tuesday, due Friday."""
    w = b.window(ctx, "A01")
    i = b.item(ctx, "X1", promised_days=3)
    b.case(ctx, "C-open", w, i, at(MON, 9))
    b.case(ctx, "C-fri", w, i, at(MON, 9, 5), completed_at=at(FRI, 10))
    b.case(ctx, "C-week", w, i, at(MON, 9, 10), completed_at=at(NEXT_MON, 11))
    b.case(ctx, "C-ontime", w, i, at(MON, 9, 15), completed_at=at(THU, 9))
    b.case(ctx, "C-early", w, i, at(MON, 9, 20), completed_at=at(MON, 16))
    b.case(ctx, "C-refused", w, i, at(MON, 9, 25))
    b.case(ctx, "C-void", w, i, at(MON, 9, 30))
    b.case(ctx, "C-tue", w, i, at(TUE, 9), completed_at=at(FRI, 15))
    with ctx.db.session() as s:
        s.execute(update(Case).where(Case.case_no == "C-refused").values(status=CaseStatus.REFUSED))
        s.execute(update(Case).where(Case.case_no == "C-void").values(voided_at=at(MON, 12)))


def _listed(ctx: HallContext, day: date, now: datetime) -> list[tuple[str, date, bool, datetime | None]]:
    return [(c.case_no, c.due, c.due_today, c.completed) for c in check_day(ctx, day, now=now).late_cases]


def test_a_past_day_lists_what_was_due_or_late_as_it_stood_at_its_end(hall: HallContext) -> None:
    _hall(hall)
    now = at(date(2026, 6, 10), 9)
    # Thursday, the due day: whatever was unfinished at midnight is due today, finished later or never.
    assert _listed(hall, THU, now) == [
        ("C-fri", THU, True, None),
        ("C-open", THU, True, None),
        ("C-week", THU, True, None),
    ]
    # Friday: overdue, or finished late that day; the Tuesday case was finished on its due day.
    assert _listed(hall, FRI, now) == [
        ("C-fri", THU, False, at(FRI, 10)),
        ("C-open", THU, False, None),
        ("C-week", THU, False, None),
    ]


def test_today_is_read_as_it_stands_now(hall: HallContext) -> None:
    _hall(hall)
    # Friday at noon: the morning's late completion is listed as such; the afternoon's is not yet done.
    assert _listed(hall, FRI, at(FRI, 12)) == [
        ("C-fri", THU, False, at(FRI, 10)),
        ("C-open", THU, False, None),
        ("C-week", THU, False, None),
        ("C-tue", FRI, True, None),
    ]
    # Friday at 16:00 the Tuesday case was finished on its due day: no longer listed.
    assert [c for c, *_ in _listed(hall, FRI, at(FRI, 16))] == ["C-fri", "C-open", "C-week"]
