from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from hallmonitor.domain.enums import CaseStatus, DeadlineState
from hallmonitor.services.cases import (
    CaseFilter,
    count_cases,
    deadline_state,
    fetch_cases,
    filter_choices,
)
from hallmonitor.storage.models import Case, FrontShopFlag, Item
from tests.support.case_seed import bulk_cases, seed_hall

FIRST = date(2026, 4, 1)
AS_OF = date(2026, 4, 20)


@pytest.fixture
def seeded(hall):
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 600, first_day=FIRST, days=30)
    return seeded


def _all_cases(hall) -> list[Case]:
    with hall.db.session() as s:
        return list(s.scalars(select(Case)).all())


def test_count_all_and_by_date_range(hall, seeded):
    cases = _all_cases(hall)
    assert count_cases(hall, CaseFilter(as_of=AS_OF)) == 600
    start, end = date(2026, 4, 5), date(2026, 4, 9)
    expected = sum(1 for c in cases if start <= c.received_at.date() <= end)
    assert count_cases(hall, CaseFilter(received_from=start, received_to=end, as_of=AS_OF)) == expected
    rows = fetch_cases(hall, CaseFilter(received_from=start, received_to=end, as_of=AS_OF), limit=1000)
    assert len(rows) == expected
    assert all(start <= r.received_at.date() <= end for r in rows)


def test_filters_window_department_status_text_flagged(hall, seeded):
    cases = _all_cases(hall)
    with hall.db.session() as s:
        estate_items = set(
            s.scalars(select(Item.id).where(Item.department_id == seeded.departments["自然资源局"]))
        )
        flagged_ids = set(s.scalars(select(FrontShopFlag.case_id)))
    win = seeded.windows["02"]
    assert count_cases(hall, CaseFilter(window_id=win)) == sum(c.window_id == win for c in cases)
    dept = seeded.departments["自然资源局"]
    assert count_cases(hall, CaseFilter(department_id=dept)) == sum(c.item_id in estate_items for c in cases)
    assert count_cases(hall, CaseFilter(status=CaseStatus.COMPLETED)) == sum(
        c.status is CaseStatus.COMPLETED for c in cases
    )
    assert count_cases(hall, CaseFilter(flagged=True)) == len(flagged_ids) == 60
    assert count_cases(hall, CaseFilter(flagged=False)) == 540
    assert count_cases(hall, CaseFilter(text="B000012")) == 10  # B0000120 … B0000129
    assert count_cases(hall, CaseFilter(text="人0007")) == 10
    assert count_cases(hall, CaseFilter(text="%")) == 0  # wildcards are taken literally
    combined = CaseFilter(window_id=win, department_id=dept, flagged=True)
    expected = sum(c.window_id == win and c.item_id in estate_items and c.id in flagged_ids for c in cases)
    assert count_cases(hall, combined) == expected
    assert {r.flag_state is not None for r in fetch_cases(hall, combined, limit=1000)} <= {True}


def test_overdue_matches_the_row_state(hall, seeded):
    cases = _all_cases(hall)
    expected = {
        c.id for c in cases if deadline_state(c.due_date, c.completed_at, AS_OF) is DeadlineState.OVERDUE
    }
    assert 0 < len(expected) < 600
    f = CaseFilter(overdue=True, as_of=AS_OF)
    assert count_cases(hall, f) == len(expected)
    rows = fetch_cases(hall, f, limit=1000)
    assert {r.id for r in rows} == expected
    assert {r.deadline_state for r in rows} == {DeadlineState.OVERDUE}


def test_deadline_state_rules():
    due = date(2026, 5, 14)
    assert deadline_state(None, None, date(2027, 1, 1)) is DeadlineState.ON_TIME
    assert deadline_state(due, None, date(2026, 5, 13)) is DeadlineState.ON_TIME
    assert deadline_state(due, None, due) is DeadlineState.DUE_TODAY
    assert deadline_state(due, None, date(2026, 5, 15)) is DeadlineState.OVERDUE
    assert deadline_state(due, datetime(2026, 5, 14, 23, 0), date(2026, 6, 1)) is DeadlineState.ON_TIME
    assert deadline_state(due, datetime(2026, 5, 15, 8, 0), date(2026, 6, 1)) is DeadlineState.OVERDUE


@pytest.mark.parametrize("key", ["received_at", "case_no", "trips", "department", "due_date"])
def test_sorting_and_paging_in_sql(hall, seeded, key):
    f = CaseFilter(as_of=AS_OF)
    pages = [fetch_cases(hall, f, key, True, offset, 100) for offset in range(0, 600, 100)]
    ids = [r.id for page in pages for r in page]
    assert len(ids) == len(set(ids)) == 600
    ascending = fetch_cases(hall, f, key, False, 0, 600)
    assert [r.id for r in ascending] == ids[::-1]
    attr = {"department": "department"}.get(key, key)
    values = [getattr(r, attr) for r in ascending]
    assert values == sorted(values)


def test_first_row_follows_sort_order(hall, seeded):
    with hall.db.session() as s:
        newest = s.scalar(select(func.max(Case.received_at)))
        oldest = s.scalar(select(func.min(Case.received_at)))
    f = CaseFilter(as_of=AS_OF)
    assert fetch_cases(hall, f, "received_at", True, 0, 1)[0].received_at == newest
    assert fetch_cases(hall, f, "received_at", False, 0, 1)[0].received_at == oldest
    assert fetch_cases(hall, f, "received_at", False, 599, 5)[0].received_at == newest
    assert newest - oldest < timedelta(days=31)


def test_filter_choices(hall, seeded):
    choices = filter_choices(hall)
    assert [label for _, label in choices.windows] == ["01 企业开办", "02 不动产登记", "03 备用"]
    assert sorted(name for _, name in choices.departments) == ["市场监管局", "自然资源局"]


def test_voided_cases_are_found_as_such_and_never_overdue(hall, seeded):
    overdue = fetch_cases(hall, CaseFilter(overdue=True, as_of=AS_OF), limit=1)[0]
    with hall.db.session() as s:
        s.get(Case, overdue.id).voided_at = datetime(2026, 4, 21, 9, 0)
    total = count_cases(hall, CaseFilter(as_of=AS_OF))
    assert total == 600  # the list still finds it
    assert [r.id for r in fetch_cases(hall, CaseFilter(voided=True, as_of=AS_OF))] == [overdue.id]
    row = fetch_cases(hall, CaseFilter(voided=True, as_of=AS_OF))[0]
    assert row.voided and row.deadline_state is DeadlineState.ON_TIME
    assert count_cases(hall, CaseFilter(voided=False, as_of=AS_OF)) == total - 1
    assert overdue.id not in {
        r.id for r in fetch_cases(hall, CaseFilter(overdue=True, as_of=AS_OF), limit=1000)
    }
