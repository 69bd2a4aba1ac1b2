"""A year's guessed holidays kept in the cache folder: the next start reads them, and the calendar is the same."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from hallmonitor.domain.work_calendar import guess_overrides
from hallmonitor.files import CACHE_ENV
from hallmonitor.services.hall import config, guessed_holidays
from hallmonitor.services.hall.config import load_calendar
from hallmonitor.services.hall.context import HallContext
from hallmonitor.services.hall.guessed_holidays import guessed_overrides, kept_file

YEAR = 2027


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and a process that has not worked any guess out yet (a fresh start)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    monkeypatch.setattr(config, "_GUESSED", {})
    return folder


def _not_worked_out(year: int) -> list[object]:
    raise AssertionError(f"the guesses for {year} were worked out again instead of read")


def _every_day(calendar: object, years: range) -> list[bool]:
    first, last = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [calendar.is_workday(d) for d in days]  # type: ignore[attr-defined]


def test_the_second_start_reads_the_guessed_holidays_from_the_cache_and_the_calendar_is_identical(
    hall: HallContext, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_calendar(hall, today=date(2026, 12, 2))
    assert kept_file(YEAR).is_file()  # the first start kept them

    monkeypatch.setattr(config, "_GUESSED", {})  # the next start: a new process
    monkeypatch.setattr(guessed_holidays, "guess_overrides", _not_worked_out)
    second = load_calendar(hall, today=date(2026, 12, 2))

    assert second.overrides == first.overrides
    assert _every_day(second, range(2025, 2029)) == _every_day(first, range(2025, 2029))
    assert [second.year_status(y) for y in range(2025, 2029)] == [
        first.year_status(y) for y in range(2025, 2029)
    ]
    assert second.warning_for([2026, YEAR]) == first.warning_for([2026, YEAR])
    assert not second.is_workday(date(2027, 1, 1))  # New Year's Day, read from the cache


def test_the_kept_guesses_are_exactly_what_the_holidays_package_guesses(cache: Path) -> None:
    computed = guess_overrides(YEAR)
    assert guessed_overrides(YEAR) == computed  # worked out, and kept
    assert guessed_overrides(YEAR) == computed  # read back


def test_the_kept_file_names_the_installed_holidays_version(cache: Path) -> None:
    """An upgraded package guesses anew: the file must name the version Python's own metadata reports."""
    from importlib.metadata import version

    guessed_overrides(YEAR)
    assert json.loads(kept_file(YEAR).read_text(encoding="utf-8"))["key"]["holidays"] == version("holidays")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        "[]",
        '{"key": {}, "days": []}',
        "stale",  # another version of the holidays package
        "other year",  # a day outside the year
        "wrong kinds",  # is_workday not true or false
    ],
)
def test_a_stale_or_damaged_cache_file_is_ignored_and_rewritten(cache: Path, content: str) -> None:
    computed = guess_overrides(YEAR)
    path = kept_file(YEAR)
    guessed_overrides(YEAR)
    good = json.loads(path.read_text(encoding="utf-8"))
    if content == "stale":
        good["key"]["holidays"] = "0.1"
        good["days"] = [[f"{YEAR}-03-03", False, "某个旧版本的猜测"]]
        content = json.dumps(good)
    elif content == "other year":
        good["days"][0][0] = f"{YEAR + 1}-01-01"
        content = json.dumps(good)
    elif content == "wrong kinds":
        good["days"][0][1] = "false"
        content = json.dumps(good)
    path.write_text(content, encoding="utf-8")

    assert guessed_overrides(YEAR) == computed
    assert json.loads(path.read_text(encoding="utf-8"))["key"]["holidays"] != "0.1"  # rewritten whole
    assert guessed_overrides(YEAR) == computed


def test_a_cache_folder_that_cannot_be_written_never_fails_the_start(
    hall: HallContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    monkeypatch.setattr(config, "_GUESSED", {})
    calendar = load_calendar(hall, today=date(2026, 12, 2))
    assert not calendar.is_workday(date(2027, 1, 1))
    assert [o for o in calendar.overrides if o.day.year == YEAR] == guess_overrides(YEAR)
