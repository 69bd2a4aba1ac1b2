"""The case table's order read a page at a time by seeking, and a page at any rank from the outline.

Every order is checked against the same cases sorted in Python, ties and
empty values included, forwards and backwards, on both backends.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from hallmonitor.services.cases import (
    SORT_KEYS,
    CaseFilter,
    PageStart,
    case_outline,
    case_page,
    count_cases,
    fetch_cases,
    find_cases,
)
from hallmonitor.services.cases import outline as outline_module
from hallmonitor.storage.models import Case
from tests.support.case_order import expected_order, varied_cases
from tests.support.case_seed import bulk_cases, seed_hall

FIRST = date(2026, 4, 1)
AS_OF = date(2026, 5, 11)
CASES = 700
PAGE = 61  # not a divisor of anything here: pages end mid-tie and mid-segment


@pytest.fixture
def seeded(hall):
    seeded = seed_hall(hall)
    varied_cases(hall, seeded, CASES, first_day=FIRST)
    return seeded


def _seek_through(hall, f: CaseFilter, key: str, descending: bool) -> list[int]:
    """Every page read from the last row of the one before, as the table scrolls down."""
    ids: list[int] = []
    start = None
    while True:
        page = case_page(hall, f, key, descending, start, PAGE)
        ids += [r.id for r in page]
        if len(page) < PAGE:
            return ids
        start = PageStart.after_row(page[-1])


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_order_read_page_by_page_is_the_full_sort(hall, seeded, key):
    f = CaseFilter(as_of=AS_OF)
    for descending in (False, True):
        expected = expected_order(hall, key, descending)
        assert len(expected) == CASES
        assert _seek_through(hall, f, key, descending) == expected, (key, descending)


@pytest.mark.parametrize("key", SORT_KEYS)
def test_a_page_at_any_rank_is_the_full_sorts_rows_there(hall, seeded, key, monkeypatch):
    # Small strides and a small "read whole": the outline steps through the index as on a big hall.
    monkeypatch.setattr(outline_module, "READ_WHOLE", 40)
    f = CaseFilter(as_of=AS_OF)
    for descending in (True, False):
        expected = expected_order(hall, key, descending)
        outline = case_outline(hall, f, key, descending, stride=37)
        assert outline.total == CASES
        for rank in (0, 36, 37, 350, CASES - PAGE, CASES - 1, *random.Random(key).sample(range(CASES), 3)):
            start = outline.start_of(rank)
            page = case_page(hall, f, key, descending, start, PAGE, counts=outline.counts)
            assert [r.id for r in page] == expected[rank : rank + PAGE], (key, descending, rank)
        assert outline.start_of(CASES) is None


@pytest.mark.parametrize("key", ["received_at", "due_date", "window", "completed_at"])
def test_the_last_rows_and_the_rows_before_a_page_are_read_backwards(hall, seeded, key):
    f = CaseFilter(as_of=AS_OF)
    expected = expected_order(hall, key, True)
    last = case_page(hall, f, key, True, None, PAGE, backward=True)
    assert [r.id for r in last] == expected[-PAGE:]
    middle = case_page(hall, f, key, True, case_outline(hall, f, key, True).start_of(400), PAGE)
    before = case_page(
        hall,
        f,
        key,
        True,
        PageStart(middle[0].place.segment, middle[0].place, after=True),
        PAGE,
        backward=True,
    )
    assert [r.id for r in before] == expected[400 - PAGE : 400]


@pytest.mark.parametrize("key", ["applicant_name", "department", "due_date"])
def test_a_filtered_order_is_the_full_sort_of_what_passes(hall, seeded, key):
    f = CaseFilter(
        window_id=seeded.windows["02"], received_from=date(2026, 4, 10), received_to=AS_OF, as_of=AS_OF
    )
    expected = expected_order(hall, key, False, f)
    assert 0 < len(expected) < CASES
    assert _seek_through(hall, f, key, False) == expected
    outline = case_outline(hall, f, key, False, stride=23)
    assert outline.total == len(expected) == count_cases(hall, f)
    rank = len(expected) // 2
    page = case_page(hall, f, key, False, outline.start_of(rank), PAGE, counts=outline.counts)
    assert [r.id for r in page] == expected[rank : rank + PAGE]


def test_the_first_page_a_filter_shows_and_an_offset_agree_with_the_order(hall, seeded):
    f = CaseFilter(as_of=AS_OF)
    expected = expected_order(hall, "trips", False)
    shown = find_cases(hall, f, "trips", False, limit=PAGE)
    assert shown.total == CASES and [r.id for r in shown.rows] == expected[:PAGE]
    assert [r.id for r in fetch_cases(hall, f, "trips", False, 500, 30)] == expected[500:530]
    assert fetch_cases(hall, f, "trips", False, CASES + 5, 30) == []


def test_a_case_finished_on_its_due_day_is_on_time_and_the_next_day_late(hall):
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 4, first_day=FIRST, days=1)
    due = date(2026, 4, 10)
    with hall.db.session() as s:
        ids = s.scalars(select(Case.id).order_by(Case.id)).all()
        for case_id, completed in zip(
            ids,
            (
                datetime(2026, 4, 10, 23, 59, 59),
                datetime(2026, 4, 11, 0, 0),
                datetime(2026, 4, 10, 8, 0),
                None,
            ),
            strict=True,
        ):
            s.execute(update(Case).where(Case.id == case_id).values(due_date=due, completed_at=completed))
    # Late: the one finished the next day, and the one still open after its due date.
    assert count_cases(hall, CaseFilter(overdue=True, as_of=date(2026, 4, 12))) == 2
    assert count_cases(hall, CaseFilter(overdue=True, as_of=due)) == 1
    late = find_cases(hall, CaseFilter(overdue=True, as_of=date(2026, 4, 12)), "case_no", False)
    assert [r.id for r in late.rows] == [ids[1], ids[3]]
    last_days = CaseFilter(
        overdue=True, received_from=FIRST, received_to=FIRST + timedelta(days=3), as_of=due
    )
    assert count_cases(hall, last_days) == 1
