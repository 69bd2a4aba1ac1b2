"""Small random halls across the 2026 Labour Day break, judged under different rule schedules.

The schedule tests build one hall from a plan, copy its database for each
schedule, and compare what each copy holds afterwards: the alert history,
the windows' state changes and the weekly reports.
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from hallmonitor.domain.enums import ApprovalPlace, CaseType, Session, StaffCategory
from hallmonitor.services.hall import HallContext, hall_context, init_hall, load_calendar
from hallmonitor.services.weekly import build_week
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence, FrontShopFlag, WindowStateChange
from tests.support import builders as b

FIRST, LAST = date(2026, 4, 27), date(2026, 5, 17)
END = datetime.combine(LAST, time(23, 59, 59))
WEEKS = ("2026-W18", "2026-W19", "2026-W20")
DAYS = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
STARTS = {Session.MORNING: time(9, 0), Session.AFTERNOON: time(13, 30)}

#: What a window can look like in a session: mostly compliant, now and then not.
SHAPES = ["formal", "formal", "formal", "formal+aux", "aux", "nobody", "formal absent", "planned"]


@st.composite
def halls(draw: st.DrawFn) -> dict[str, Any]:
    windows = draw(st.integers(min_value=1, max_value=3))
    roster = {
        (w, d, s): draw(st.sampled_from(SHAPES))
        for w in range(windows)
        for d in range(len(DAYS))
        for s in Session
    }
    case = st.tuples(
        st.integers(min_value=0, max_value=windows - 1),
        st.integers(min_value=0, max_value=len(DAYS) - 4),  # received on
        st.integers(min_value=9 * 60, max_value=16 * 60),  # at minute of the day
        st.sampled_from([0, 1, 2, 3]),  # promised working days (0: an immediate case)
        st.one_of(st.none(), st.integers(min_value=0, max_value=8 * 24 * 60)),  # finished after (minutes)
        st.integers(min_value=1, max_value=3),  # trips
        st.booleans(),  # approved in the back office
    )
    complaint = st.tuples(
        st.integers(min_value=0, max_value=windows - 1),
        st.integers(min_value=0, max_value=len(DAYS) - 4),
        st.one_of(st.none(), st.integers(min_value=0, max_value=6 * 24 * 60)),
    )
    return {
        "windows": windows,
        "roster": roster,
        "cases": draw(st.lists(case, max_size=12)),
        "complaints": draw(st.lists(complaint, max_size=4)),
        "seed": draw(st.integers(min_value=0, max_value=2**16)),
    }


def build(ctx: HallContext, plan: dict[str, Any]) -> None:
    calendar = load_calendar(ctx)
    windows = [
        b.window(ctx, str(w + 1), ("市场监管局", "税务局", "公安局")[w]) for w in range(plan["windows"])
    ]
    formal = [b.staff(ctx, f"F{w}", f"正{w}", StaffCategory.CIVIL_SERVANT) for w in range(plan["windows"])]
    aux = [b.staff(ctx, f"A{w}", f"辅{w}", StaffCategory.LABOUR_DISPATCH) for w in range(plan["windows"])]
    for (w, d, session), shape in plan["roster"].items():
        day = DAYS[d]
        if not calendar.is_workday(day):
            continue
        if shape in ("formal", "formal+aux"):
            b.duty(ctx, windows[w], formal[w], day, session)
        if shape in ("aux", "formal+aux", "formal absent"):
            b.duty(ctx, windows[w], aux[w], day, session)
        if shape == "formal absent":
            b.duty(ctx, windows[w], formal[w], day, session, attendance=False)
        if shape == "planned":
            b.duty(ctx, windows[w], formal[w], day, session, attendance=None)
    items = {
        days: b.item(
            ctx,
            f"I{days}",
            case_type=CaseType.IMMEDIATE if days == 0 else CaseType.PROMISED,
            promised_days=days,
        )
        for days in (0, 1, 2, 3)
    }
    for n, (w, d, minute, days, finished, trips, back_office) in enumerate(plan["cases"]):
        received = datetime.combine(DAYS[d], time()) + timedelta(minutes=minute)
        completed = received + timedelta(minutes=finished) if finished is not None else None
        b.case(
            ctx,
            f"C{n:02d}",
            windows[w],
            items[days],
            received,
            trips=trips,
            completed_at=completed,
            approved_at=completed,
            approved_by=formal[w] if completed else None,
            place=(ApprovalPlace.BACK_OFFICE if back_office else ApprovalPlace.WINDOW) if completed else None,
        )
    for n, (w, d, answered) in enumerate(plan["complaints"]):
        received = datetime.combine(DAYS[d], time(10, 0))
        completed = received + timedelta(minutes=answered) if answered is not None else None
        b.complaint(ctx, f"F{n:02d}", windows[w], received, completed)


def history(ctx: HallContext) -> list[tuple[Any, ...]]:
    with ctx.db.session() as s:
        alerts = s.scalars(select(Alert)).all()
        events = {
            a.id: [
                (e.at, e.actor, e.action, e.level, e.from_state, e.to_state, e.note)
                for e in s.scalars(
                    select(AlertEvent)
                    .where(AlertEvent.alert_id == a.id)
                    .order_by(AlertEvent.at, AlertEvent.id)
                )
            ]
            for a in alerts
        }
        occurrences = {
            a.id: sorted(
                (o.occurrence_key, o.at, o.detail, o.case_id, o.complaint_id)
                for o in s.scalars(select(AlertOccurrence).where(AlertOccurrence.alert_id == a.id))
            )
            for a in alerts
        }
        flags = sorted(
            (f.case_id, f.reasons, f.state.value, f.created_at) for f in s.scalars(select(FrontShopFlag))
        )
        rows = sorted(
            (
                a.kind.value,
                a.subject_key,
                a.raised_at,
                a.level.value,
                a.state.value,
                a.deadline,
                a.summary,
                a.closed_at,
                a.occurrence_count,
                a.last_seen_at,
                tuple(events[a.id]),
                tuple(occurrences[a.id]),
            )
            for a in alerts
        )
    return [*rows, ("flags", *flags)]


def report(ctx: HallContext, week: str) -> Any:
    """The weekly report as plain data, without the alerts' row numbers (they differ between databases)."""
    data = dataclasses.asdict(build_week(ctx, week, now=END))
    for row in data["alerts"]:
        row.pop("alert_id")
    return data


def states(ctx: HallContext) -> list[tuple[Any, ...]]:
    """Every change of a window's state, as the staffing rules read them.

    A note names the alert that led to it by its number ("预警 #2"), which depends on
    the order the rules happened to create alerts in: it is compared by what the
    alert is (kind, subject, moment raised) instead.
    """
    with ctx.db.session() as s:
        names = {
            a.id: f"{a.kind.value}/{a.subject_key}/{a.raised_at:%Y-%m-%d %H:%M}"
            for a in s.scalars(select(Alert))
        }

        def stable(note: str) -> str:
            return re.sub(r"预警 #(\d+)", lambda m: f"预警 {names.get(int(m.group(1)), m.group(1))}", note)

        return sorted(
            (c.window_id, c.at, c.from_state.value, c.to_state.value, c.actor, stable(c.note))
            for c in s.scalars(select(WindowStateChange))
        )


#: A schedule runs the rules (and whatever else happens) on a copy; it returns the weeks it exported.
Schedule = Callable[[HallContext, random.Random], dict[str, Any]]


def assert_schedules_agree(
    plan: dict[str, Any], schedules: Sequence[tuple[str, Schedule]], template: Path, tmp_path: Path
) -> None:
    """Build the plan's hall once, run each schedule on a copy, and compare what the copies hold."""
    folder = tmp_path / f"hall-{uuid.uuid4().hex}"
    folder.mkdir()
    built = folder / "built.sqlite3"
    shutil.copyfile(template, built)
    db = open_database(f"sqlite:///{built}")
    init_hall(db, "H001", "测试市政务服务大厅")
    build(hall_context(db), plan)
    db.close()

    results = []
    for name, schedule in schedules:
        path = folder / f"{name}.sqlite3"
        shutil.copyfile(built, path)
        db = open_database(f"sqlite:///{path}")
        try:
            ctx = hall_context(db)
            during = schedule(ctx, random.Random(plan["seed"]))
            reports = {week: report(ctx, week) for week in WEEKS}
            for week, exported in during.items():
                assert exported == reports[week], (name, week)
            results.append((name, history(ctx), states(ctx), reports))
        finally:
            db.close()
    expected = results[1]
    for found in results:
        assert found[1] == expected[1], f"{found[0]} differs from {expected[0]}"
        assert found[2] == expected[2], f"{found[0]}'s window states differ from {expected[0]}'s"
        assert found[3] == expected[3], f"{found[0]}'s reports differ from {expected[0]}'s"
