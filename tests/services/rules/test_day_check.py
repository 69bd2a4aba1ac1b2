"""A day's check over a hall holding values no hall could mean: it runs, leaves them out and names them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from hallmonitor.domain.plausible import AFTER_LATEST_MOMENT, EARLIEST_MOMENT
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import check_day, run_rules
from hallmonitor.storage.models import AlertOccurrence, Case
from tests.support.implausible import plant

NOW = datetime(2026, 5, 22, 18, 0)


def test_check_runs_the_rules_over_implausible_values_and_names_every_one(hall: HallContext) -> None:
    planted = plant(hall)
    report = check_day(hall, date(2026, 5, 20), now=NOW)
    assert report.run is not None and report.run.judged_until is not None
    sentence = report.skipped.sentence
    assert sentence is not None and "\n" not in sentence
    assert sentence.startswith(f"有 {len(planted.expected)} 条记录的数据超出合理范围，已跳过：")
    assert report.skipped.total == len(planted.expected)
    left_out = {"C04", "C09", "C08", "C06", "C02"}
    assert not left_out & {c.case_no for c in report.late_cases}
    # A day to come is planned over the same hall, and a past day checked again, without a failure.
    assert check_day(hall, date(2026, 5, 25), now=NOW).future
    assert check_day(hall, date(2026, 5, 13), now=NOW).skipped.total == len(planted.expected)


def test_no_card_is_dated_outside_the_plausible_years(hall: HallContext) -> None:
    plant(hall)
    run_rules(hall, NOW, recompute_due_dates=True)
    with hall.db.session() as s:
        moments = list(s.scalars(select(AlertOccurrence.at)))
        cards = set(s.scalars(select(Case.case_no).join(AlertOccurrence, AlertOccurrence.case_id == Case.id)))
    assert moments and all(EARLIEST_MOMENT <= m < AFTER_LATEST_MOMENT for m in moments)
    # The case from the year 1 was overdue for two thousand years: it is left out, not red.
    assert "C09" not in cards and "C04" not in cards
