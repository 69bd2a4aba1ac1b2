"""The alert history does not depend on when the rules ran.

Random small halls over three weeks across the 2026 Labour Day break (1-5 May off,
Saturday 9 May a make-up working day), each judged under four schedules: the rules
at every session start in order; once at the end; at random moments in random order;
and only by exporting the past weeks in random order. The full alert history (alerts,
levels, states, every event with its time, every occurrence) and every weekly report
must come out the same.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from tests.support.schedules import DAYS, END, FIRST, STARTS, WEEKS, assert_schedules_agree, halls, report


def every_session_start(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    for day in DAYS:
        for start in STARTS.values():
            run_rules(ctx, datetime.combine(day, start))
    run_rules(ctx, END)
    return {}


def once_at_the_end(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    run_rules(ctx, END)
    return {}


def random_moments(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    span = int((END - datetime.combine(FIRST, time())).total_seconds())
    for _ in range(6):
        run_rules(ctx, datetime.combine(FIRST, time()) + timedelta(seconds=rng.randrange(span)))
    run_rules(ctx, END)
    return {}


def past_weeks_exported(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    """Nobody opened the app: the first thing the rules do is bring a past week's export up to date."""
    order = list(WEEKS)
    rng.shuffle(order)
    return {week: report(ctx, week) for week in order}


SCHEDULES = (every_session_start, once_at_the_end, random_moments, past_weeks_exported)


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=halls())
def test_every_schedule_gives_the_same_history_and_reports(
    plan: dict[str, Any], sqlite_template: Path, tmp_path: Path
) -> None:
    assert_schedules_agree(plan, [(s.__name__, s) for s in SCHEDULES], sqlite_template, tmp_path)
