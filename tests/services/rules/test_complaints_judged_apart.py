"""Complaints imported after the weeks were judged: only the complaint cards are judged again, to the same history.

A complaint file marks the rules' ``complaints_from`` instead of ``dirty_from``:
the next run judges the complaint cards again from the oldest complaint and
leaves the staffing ladder, the case cards and the 挂名 judgement where they
stand. Whatever was judged before the file came, the history must be the one
of a hall whose complaints were there from the start (entered with every
fact's mark, as before), and the weekly reports the same.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffCategory
from hallmonitor.services.hall import HallContext, facts_changed, read_mark
from hallmonitor.services.rules import engine, run_rules
from hallmonitor.services.rules.card_history import CASE_CARD_KINDS
from hallmonitor.services.rules.nominal_history import NOMINAL_KINDS
from hallmonitor.storage.models import Alert, Complaint, Window
from tests.support import builders as b
from tests.support.import_files import COMPLAINT_HEADER, load
from tests.support.schedules import DAYS, END, STARTS, assert_schedules_agree, halls

MIDDLE = datetime.combine(DAYS[len(DAYS) // 2], STARTS[min(STARTS)])


def _complaints(plan: dict[str, Any]) -> list[tuple[str, str, datetime, datetime | None]]:
    """The plan's complaints as (number, window number, received, answered), as schedules.build enters them."""
    found = []
    for n, (w, d, answered) in enumerate(plan["complaints"]):
        received = datetime.combine(DAYS[d], datetime.min.time()).replace(hour=10)
        completed = received + timedelta(minutes=answered) if answered is not None else None
        found.append((f"F{n:02d}", str(w + 1), received, completed))
    return found


def _imported(plan: dict[str, Any], ctx: HallContext, tmp_path: Path) -> None:
    rows = [
        [
            no,
            window,
            "",
            f"{received:%Y-%m-%d %H:%M}",
            "办事不顺",
            "材料反复要求补正",
            f"{done:%Y-%m-%d %H:%M}" if done else "",
        ]
        for no, window, received, done in _complaints(plan)
    ]
    if rows:
        tmp_path.mkdir(parents=True, exist_ok=True)
        load(ctx, tmp_path, "complaints", COMPLAINT_HEADER, rows, now=END)


def schedules(plan: dict[str, Any], tmp_path: Path):  # type: ignore[no-untyped-def]
    def there_from_the_start(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
        for no, window, received, done in _complaints(plan):
            b.complaint(ctx, no, _window_id(ctx, window), received, done)
        run_rules(ctx, END)
        return {}

    def imported_into_a_judged_hall(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
        for day in DAYS:
            for start in STARTS.values():
                run_rules(ctx, datetime.combine(day, start))
        run_rules(ctx, END)
        _imported(plan, ctx, tmp_path / f"judged-{rng.random()}")
        return {}

    def imported_into_a_half_judged_hall(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
        run_rules(ctx, MIDDLE)
        _imported(plan, ctx, tmp_path / f"half-{rng.random()}")
        run_rules(ctx, END)
        return {}

    def imported_before_any_run(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
        _imported(plan, ctx, tmp_path / f"fresh-{rng.random()}")
        run_rules(ctx, END)
        return {}

    return [
        (s.__name__, s)
        for s in (
            there_from_the_start,
            imported_into_a_judged_hall,
            imported_into_a_half_judged_hall,
            imported_before_any_run,
        )
    ]


def _window_id(ctx: HallContext, number: str) -> int:
    with ctx.db.session() as s:
        found = s.scalar(select(Window.id).where(Window.hall_id == ctx.hall_id, Window.number == number))
    assert found is not None
    return found


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=halls())
def test_complaints_imported_late_give_the_history_of_complaints_there_from_the_start(
    plan: dict[str, Any], sqlite_template: Path, tmp_path: Path
) -> None:
    built = {**plan, "complaints": []}  # each schedule enters the complaints its own way
    assert_schedules_agree(built, schedules(plan, tmp_path / "files"), sqlite_template, tmp_path)


MON = datetime(2026, 5, 11)
JUDGED = datetime(2026, 5, 15, 17, 0)


@pytest.fixture
def judged_week(hall: HallContext) -> HallContext:
    """Window 1 staffed by auxiliary staff alone on Monday morning, then formally; judged to Friday 17:00."""
    w1 = b.window(hall, "1")
    formal = b.staff(hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    aux = b.staff(hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    for offset in range(5):
        for session in Session:
            who = aux if (offset, session) == (0, Session.MORNING) else formal
            b.duty(hall, w1, who, (MON + timedelta(days=offset)).date(), session)
    run_rules(hall, JUDGED)
    return hall


def _watched(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What each derivation was asked to judge: its scope's start (and, for the cards, which kinds)."""
    engine._load_deriving()
    asked: dict[str, list[Any]] = {"staffing": [], "cards": [], "nominal": [], "flags": []}

    def watch(name: str, key: str, what):  # type: ignore[no-untyped-def]
        real = getattr(engine, name)

        def called(*args, **kwargs):  # type: ignore[no-untyped-def]
            asked[key].append(what(*args, **kwargs))
            return real(*args, **kwargs)

        monkeypatch.setattr(engine, name, called)

    watch("staffing_history", "staffing", lambda ctx, scope, *a, **k: scope.start)
    watch("card_history", "cards", lambda ctx, scope, *a, **k: (scope.start, sorted(k.get("kinds", a[-1]))))
    watch("nominal_history", "nominal", lambda ctx, scope, *a, **k: scope.start)
    watch("evaluate_flags", "flags", lambda ctx, start, end: start)
    return asked


def _complaint_rows() -> list[list[str]]:
    # Received Monday, never answered: overdue at the end of its limit; the second answered in time.
    return [
        ["FY-1", "1", "", "2026-05-11 10:00", "办事不顺", "材料反复要求补正", ""],
        ["FY-2", "1", "", "2026-05-12 10:00", "办事不顺", "材料反复要求补正", "2026-05-12 15:00"],
    ]


def _alerts(ctx: HallContext) -> dict[AlertKind, list[tuple[Any, ...]]]:
    with ctx.db.session() as s:
        found: dict[AlertKind, list[tuple[Any, ...]]] = {}
        for a in s.scalars(select(Alert).order_by(Alert.id)):
            found.setdefault(a.kind, []).append((a.level, a.raised_at, a.occurrence_count))
        return found


def test_complaints_imported_into_a_judged_week_judge_only_the_complaint_cards_again(
    judged_week: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _alerts(judged_week)
    assert list(before) == [AlertKind.STAFFING]
    asked = _watched(monkeypatch)
    # Imported "at" the moment already judged: nothing but the complaints is new.
    load(judged_week, tmp_path, "complaints", COMPLAINT_HEADER, _complaint_rows(), now=JUDGED)
    assert asked["staffing"] == [] and asked["nominal"] == [] and asked["flags"] == []
    assert asked["cards"] == [(datetime(2026, 5, 11, 10, 0), [AlertKind.COMPLAINT_OVERDUE])]
    after = _alerts(judged_week)
    assert after[AlertKind.STAFFING] == before[AlertKind.STAFFING]
    [(level, raised, count)] = after[AlertKind.COMPLAINT_OVERDUE]
    assert (level, count) == (AlertLevel.RED_CARD, 1)
    assert raised.date() == datetime(2026, 5, 13).date()  # at the end of its two working days
    with judged_week.db.session() as s:
        mark = read_mark(s, judged_week.hall_id)
        assert s.scalar(select(Complaint.complaint_no).where(Complaint.completed_at.is_(None))) == "FY-1"
    assert (mark.judged_until, mark.dirty_from, mark.complaints_from) == (JUDGED, None, None)


def test_complaints_imported_later_judge_the_complaint_cards_from_their_date_and_the_rest_from_the_mark(
    judged_week: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _watched(monkeypatch)
    later = JUDGED + timedelta(minutes=30)
    load(judged_week, tmp_path, "complaints", COMPLAINT_HEADER, _complaint_rows(), now=later)
    assert asked["staffing"] == [JUDGED] and asked["nominal"] == [JUDGED]
    assert sorted(asked["cards"]) == [
        (datetime(2026, 5, 11, 10, 0), [AlertKind.COMPLAINT_OVERDUE]),
        (JUDGED, sorted(CASE_CARD_KINDS | NOMINAL_KINDS)),
    ]
    assert AlertKind.COMPLAINT_OVERDUE in _alerts(judged_week)
    with judged_week.db.session() as s:
        mark = read_mark(s, judged_week.hall_id)
    assert (mark.judged_until, mark.dirty_from, mark.complaints_from) == (later, None, None)


def test_a_roster_change_with_the_complaints_judges_everything_from_the_earlier(
    judged_week: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with judged_week.db.session() as s:
        facts_changed(s, judged_week.hall_id, datetime(2026, 5, 12))  # a roster corrected from Tuesday
    asked = _watched(monkeypatch)
    load(judged_week, tmp_path, "complaints", COMPLAINT_HEADER, _complaint_rows(), now=JUDGED)
    tuesday = datetime(2026, 5, 12)
    assert asked["staffing"] == [tuesday] and asked["nominal"] == [tuesday]
    assert sorted(asked["cards"]) == [
        (datetime(2026, 5, 11, 10, 0), [AlertKind.COMPLAINT_OVERDUE]),
        (tuesday, sorted(CASE_CARD_KINDS | NOMINAL_KINDS)),
    ]
