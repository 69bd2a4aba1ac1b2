"""The alert history does not depend on the language the PC that ran the rules speaks.

The rules store their own notes (why an order escalated, what a card's occurrence
was) and compare them word for word when they judge again. A hall whose PCs speak
different languages must not see its history rewritten each time another PC runs
the rules: what they store is in one language, whatever the interface speaks.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from hallmonitor.domain.texts import STORED_LANGUAGE, current_language, stored_texts, use_language
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from tests.support.schedules import DAYS, END, STARTS, assert_schedules_agree, halls


def in_chinese(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    use_language("zh_CN")
    try:
        for day in DAYS:
            for start in STARTS.values():
                run_rules(ctx, datetime.combine(day, start))
        run_rules(ctx, END)
    finally:
        use_language(None)
    return {}


def languages_taking_turns(ctx: HallContext, rng: random.Random) -> dict[str, Any]:
    """Two PCs of the hall, one in English and one in Chinese, running the rules in turn."""
    try:
        for n, day in enumerate(DAYS):
            for start in STARTS.values():
                use_language("en" if (n + rng.randrange(2)) % 2 else "zh_CN")
                run_rules(ctx, datetime.combine(day, start))
        use_language("en")
        run_rules(ctx, END)
    finally:
        use_language(None)
    return {}


@pytest.mark.slow
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=halls())
def test_pcs_speaking_different_languages_write_the_same_history(
    plan: dict[str, Any], sqlite_template: Path, tmp_path: Path
) -> None:
    assert_schedules_agree(
        plan,
        [("in_chinese", in_chinese), ("languages_taking_turns", languages_taking_turns)],
        sqlite_template,
        tmp_path,
    )


def test_stored_texts_speak_the_stored_language_and_only_inside():
    use_language("en")
    try:
        with stored_texts():
            assert current_language() == STORED_LANGUAGE
        assert current_language() == "en"
    finally:
        use_language(None)
