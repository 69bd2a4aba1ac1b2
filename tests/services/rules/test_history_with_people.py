"""The alert history does not depend on when the rules ran, while people and late facts come and go.

Random small halls over three weeks across the 2026 Labour Day break, as in
``test_history_schedules``, and a random sequence of things happening at fixed
moments: a case entered days after it came in, a roster corrected for an
earlier day, a flag reviewed and re-reviewed, a supervisor acknowledging,
rectifying, revoking, closing or reopening on a window's order, a rule setting
saved, a calendar day changed. Whatever moments the rules run at between them,
the history (alerts, every event, every occurrence, flags, window states) and
every weekly report come out the same.

What people act on they see first: before acting, the app has run the rules at
that moment, as it does on every change and at each session start.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hallmonitor.domain.enums import (
    AlertKind,
    AlertState,
    ApprovalPlace,
    FlagState,
    Session,
)
from hallmonitor.services.alerts import Action, perform
from hallmonitor.services.front_shop import review_flag
from hallmonitor.services.hall import (
    HallContext,
    ServiceError,
    facts_changed,
    load_settings,
    save_settings,
)
from hallmonitor.services.rules import run_rules
from hallmonitor.services.settings import set_day
from hallmonitor.storage.models import (
    Alert,
    Case,
    FrontShopFlag,
    Item,
    RosterEntry,
    Staff,
    Window,
)
from tests.support import builders as b
from tests.support.schedules import (
    DAYS,
    END,
    FIRST,
    STARTS,
    WEEKS,
    Schedule,
    assert_schedules_agree,
    halls,
    report,
)

ACTIONS = {
    "ack": Action.ACKNOWLEDGE,
    "rectify": Action.START_RECTIFICATION,
    "revoke": Action.REVOKE,
    "close": Action.CLOSE_WINDOW,
    "reopen": Action.REOPEN_WINDOW,
}


def _moment() -> st.SearchStrategy[datetime]:
    return st.builds(
        lambda d, minute: datetime.combine(DAYS[d], time(8, 0)) + timedelta(minutes=minute),
        st.integers(min_value=0, max_value=len(DAYS) - 1),
        st.integers(min_value=0, max_value=10 * 60),
    )


HAPPENINGS = st.one_of(
    st.tuples(
        st.just("late case"),
        _moment(),
        st.integers(0, 2),  # window
        st.integers(1, 6),  # came in this many days before it was entered
        st.sampled_from([0, 1, 2]),  # promised working days
        st.booleans(),  # finished (and approved in the back office) at entry
    ),
    st.tuples(
        st.just("roster fix"),
        _moment(),
        st.integers(0, 2),
        st.integers(0, 6),
        st.sampled_from(list(Session)),
        st.booleans(),
    ),
    st.tuples(st.just("review"), _moment(), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("review"), _moment(), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("act"), _moment(), st.integers(0, 2), st.sampled_from(sorted(ACTIONS))),
    st.tuples(st.just("settings"), _moment(), st.integers(1, 3)),
    st.tuples(st.just("calendar"), _moment(), st.integers(0, len(DAYS) - 1), st.booleans()),
)


def happen(ctx: HallContext, what: tuple[Any, ...], n: int) -> None:
    kind, at = what[0], what[1]
    with ctx.db.session() as s:
        windows = list(s.scalars(select(Window.id).order_by(Window.number)))
        formal = {
            w: s.scalar(select(Staff.id).where(Staff.staff_no == f"F{i}")) for i, w in enumerate(windows)
        }
    if kind == "late case":
        _, _, w, back, days, finished = what
        window = windows[w % len(windows)]
        received = max(at - timedelta(days=back), datetime.combine(FIRST, time(9, 0)))
        with ctx.db.session() as s:
            item = s.scalar(select(Item.id).where(Item.code == f"I{days}"))
        assert item is not None
        b.case(
            ctx,
            f"L{n:02d}",
            window,
            item,
            received,
            completed_at=at if finished else None,
            approved_at=at if finished else None,
            approved_by=formal[window] if finished else None,
            place=ApprovalPlace.BACK_OFFICE if finished else None,
        )
    elif kind == "roster fix":
        _, _, w, back, session, present = what
        window = windows[w % len(windows)]
        day = max(at.date() - timedelta(days=back), FIRST)
        with ctx.db.session() as s:
            entry = s.scalar(
                select(RosterEntry).where(
                    RosterEntry.window_id == window,
                    RosterEntry.staff_id == formal[window],
                    RosterEntry.day == day,
                    RosterEntry.session == session,
                )
            )
            if entry is None:
                if not present:
                    return
                s.add(
                    RosterEntry(
                        window_id=window, staff_id=formal[window], day=day, session=session, attendance=True
                    )
                )
            else:
                entry.attendance = present
            facts_changed(s, ctx.hall_id, day)
    elif kind == "review":
        _, _, index, confirmed = what
        run_rules(ctx, at)
        with ctx.db.session() as s:
            flags = list(
                s.scalars(
                    select(FrontShopFlag.id)
                    .join(Case, FrontShopFlag.case_id == Case.id)
                    .where(Case.approved_at <= at)
                    .order_by(Case.case_no)
                )
            )
        if flags:
            decision = FlagState.CONFIRMED if confirmed else FlagState.DISMISSED
            with contextlib.suppress(ServiceError):
                review_flag(ctx, flags[index % len(flags)], decision, "核查结论", at=at)
    elif kind == "act":
        _, _, w, name = what
        run_rules(ctx, at)
        window = windows[w % len(windows)]
        with ctx.db.session() as s:
            alert = s.scalar(
                select(Alert.id)
                .where(
                    Alert.kind == AlertKind.STAFFING,
                    Alert.window_id == window,
                    Alert.raised_at <= at,
                    Alert.state.in_([s for s in AlertState if s.is_open] + [AlertState.WINDOW_CLOSED]),
                )
                .order_by(Alert.raised_at.desc())
                .limit(1)
            )
        if alert is not None:
            with contextlib.suppress(ServiceError):
                perform(ctx, alert, ACTIONS[name], "处理说明", at=at)
    elif kind == "settings":
        # The app has judged up to now before a supervisor opens the settings.
        run_rules(ctx, at)
        current = load_settings(ctx)
        save_settings(ctx, replace(current, correction_deadline_working_days=what[2]), at=at)
    elif kind == "calendar":
        _, _, d, workday = what
        set_day(ctx, DAYS[d], workday, "临时调整")


def run_schedule(
    ctx: HallContext, name: str, events: list[tuple[Any, ...]], rng: random.Random
) -> dict[str, Any]:
    """Run the rules at the schedule's moments, the happenings at theirs; returns weeks exported meanwhile."""
    base = datetime.combine(FIRST, time())
    if name == "every session start":
        moments = [datetime.combine(d, t) for d in DAYS for t in STARTS.values()]
    elif name == "random moments":
        span = int((END - base).total_seconds())
        moments = sorted(base + timedelta(seconds=rng.randrange(span)) for _ in range(6))
    else:
        moments = []
    exported: dict[str, Any] = {}
    for n, event in enumerate(events):
        while moments and moments[0] < event[1]:
            run_rules(ctx, moments.pop(0))
        happen(ctx, event, n)
    for moment in moments:
        run_rules(ctx, moment)
    if name == "past weeks exported":
        order = list(WEEKS)
        rng.shuffle(order)
        exported = {week: report(ctx, week) for week in order}
    run_rules(ctx, END)
    return exported


SCHEDULES = ("every session start", "once at the end", "random moments", "past weeks exported")


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=halls(), events=st.lists(HAPPENINGS, min_size=1, max_size=10))
def test_people_and_late_facts_give_the_same_history_whenever_the_rules_run(
    plan: dict[str, Any], events: list[tuple[Any, ...]], sqlite_template: Path, tmp_path: Path
) -> None:
    events = sorted(events, key=lambda e: e[1])

    def schedule(name: str) -> Schedule:
        return lambda ctx, rng: run_schedule(ctx, name, events, rng)

    assert_schedules_agree(
        plan, [(name.replace(" ", "-"), schedule(name)) for name in SCHEDULES], sqlite_template, tmp_path
    )
