"""The case page's one search box, as a supervisor uses it, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.domain.texts import say
from hallmonitor.services.cases import (
    NO_KEY_SEARCH,
    CaseFilter,
    CaseInput,
    SearchKind,
    count_cases,
    fetch_cases,
    find_cases,
    register_case,
)
from hallmonitor.services.hall import hall_context
from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from tests.support.case_seed import bulk_cases, credit_code, person_id, seed_hall

NOW = datetime(2026, 5, 12, 16, 0)
TODAY = NOW.date()
#: A person whose ID number ends in X.
WITH_X = "11010519880214003X"
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def entry(window: str, name: str, at: datetime, applicant_id: str = "", **kw) -> CaseInput:
    kind = ApplicantType.ENTERPRISE if applicant_id == credit_code(1) else ApplicantType.PERSON
    item = "ZR001" if window == "02" else "SC001"
    return CaseInput(window, item, kind, name, at, applicant_id, **kw)


@pytest.fixture
def cases(hall) -> dict[str, int]:
    seed_hall(hall)
    day1, day2 = datetime(2026, 5, 11, 9, 0), datetime(2026, 5, 12, 9, 0)
    made = {
        "张三": entry("01", "张三", day1, person_id(1)),
        "李四": entry("01", "李四", day1 + timedelta(minutes=5), WITH_X),
        "安捷": entry("01", "示范市安捷教育科技有限公司", day1 + timedelta(minutes=9), credit_code(1)),
        "王五": entry("02", "王五", day1 + timedelta(minutes=20)),
        "张三丰": entry("01", "张三丰", day2),
    }
    return {key: register_case(hall, data, now=NOW) for key, data in made.items()}


def found(hall, text: str) -> list[str]:
    result = find_cases(hall, CaseFilter(text=text, as_of=TODAY), "case_no", False)
    assert result.total == len(result.rows) == count_cases(hall, CaseFilter(text=text, as_of=TODAY))
    return [row.applicant_name for row in result.rows]


def test_the_middle_of_a_case_number_finds_it(hall, cases):
    numbers = {r.applicant_name: r.case_no for r in fetch_cases(hall, CaseFilter(as_of=TODAY))}
    assert numbers["李四"] == "H001-20260511-0002"
    assert found(hall, "0511-0002") == ["李四"]
    assert found(hall, "260511") == ["张三", "李四", "示范市安捷教育科技有限公司", "王五"]
    assert found(hall, "h001-20260512") == ["张三丰"]  # in either case
    assert found(hall, "-0001") == ["张三", "张三丰"]  # the end of the number
    assert found(hall, "%") == found(hall, "_") == []  # wildcards are taken literally


def test_part_of_a_name_finds_the_applicant(hall, cases):
    assert found(hall, "三") == ["张三", "张三丰"]
    assert found(hall, "安捷教育") == ["示范市安捷教育科技有限公司"]
    result = find_cases(hall, CaseFilter(text=" 张三丰 ", as_of=TODAY))
    assert (result.search, result.searched) == (SearchKind.TEXT, "张三丰")


def test_a_window_number_finds_that_windows_cases_not_every_number_holding_it(hall, cases):
    # Every case number of 2026 holds "02"; the window's number means the window.
    assert found(hall, "02") == ["王五"]
    assert found(hall, "０２") == ["王五"]  # typed with a Chinese input method
    result = find_cases(hall, CaseFilter(text="01", as_of=TODAY))
    assert result.total == 4 and result.search is SearchKind.WINDOW
    assert result.searched == "01 企业开办"
    assert found(hall, "2") == ["张三", "李四", "示范市安捷教育科技有限公司", "王五", "张三丰"]


@pytest.mark.parametrize(
    "typed",
    [
        person_id(1),
        f"{person_id(1)[:6]} {person_id(1)[6:14]} {person_id(1)[14:]}",  # spaced as on the card
        person_id(1).translate(FULL_WIDTH),  # full-width digits
        f" {person_id(1)[:9]}\u3000{person_id(1)[9:]} ",  # an ideographic space
    ],
)
def test_a_full_id_number_finds_its_persons_cases_through_the_keyed_hash(hall, cases, typed):
    result = find_cases(hall, CaseFilter(text=typed, as_of=TODAY))
    assert [r.applicant_name for r in result.rows] == ["张三"]
    assert result.search is SearchKind.ID_NUMBER and result.notice == ""
    # Shown masked, as everywhere else: the chip on the page never holds the whole number.
    assert result.searched == person_id(1)[:6] + "********" + person_id(1)[-4:]


@pytest.mark.parametrize("typed", [WITH_X, WITH_X.lower(), WITH_X.lower().translate(FULL_WIDTH)])
def test_an_id_number_ending_in_x_is_found_however_the_x_is_typed(hall, cases, typed):
    assert found(hall, typed) == ["李四"]


def test_a_credit_code_finds_the_enterprise(hall, cases):
    code = credit_code(1)
    for typed in (code, code.lower(), f"{code[:6]} {code[6:12]} {code[12:]}"):
        result = find_cases(hall, CaseFilter(text=typed, as_of=TODAY))
        assert [r.applicant_name for r in result.rows] == ["示范市安捷教育科技有限公司"]
        assert result.search is SearchKind.CREDIT_CODE and result.searched == code


def test_another_persons_number_finds_nothing_and_a_mistyped_one_says_why(hall, cases):
    other = find_cases(hall, CaseFilter(text=person_id(2), as_of=TODAY))
    assert other.total == 0 and other.notice == "" and other.search is SearchKind.ID_NUMBER
    good = person_id(1)
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    typo = find_cases(hall, CaseFilter(text=wrong, as_of=TODAY))
    assert typo.total == 0 and "不是有效的身份证号码" in typo.notice and "校验位" in typo.notice
    assert wrong not in typo.notice and wrong not in typo.searched  # masked: it is still someone's
    for bad_code in (credit_code(1)[:-1] + "A", credit_code(1)[:-1] + "0"):  # the second all digits
        notice = find_cases(hall, CaseFilter(text=bad_code, as_of=TODAY)).notice
        assert "不是有效的统一社会信用代码" in notice and "校验位" in notice


def test_on_a_pc_without_the_key_an_id_search_says_so(hall, cases, tmp_path, monkeypatch):
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "keys-of-another-pc"))
    other = hall_context(open_database(hall.db.url), login="sup")
    try:
        result = find_cases(other, CaseFilter(text=person_id(1), as_of=TODAY))
        assert result.total == 0 and result.notice == say(NO_KEY_SEARCH)
        assert "大厅密钥" in result.notice and "hallmonitor key enter" in result.notice
        # Everything else is still found on that PC.
        by_name = find_cases(other, CaseFilter(text="王", as_of=TODAY))
        assert [r.applicant_name for r in by_name.rows] == ["王五"] and by_name.notice == ""
    finally:
        other.db.close()


def test_overdue_only_looks_at_every_date_when_no_range_is_set(hall):
    seeded = seed_hall(hall)
    # Ten open cases past their due dates, received over three months; the oldest two long ago.
    for days_ago in (100, 75, 28, 20, 15, 12, 10, 8, 7, 6):
        received = NOW - timedelta(days=days_ago)
        register_case(hall, entry("01", f"超时{days_ago}", received.replace(hour=9)), now=NOW)
    register_case(hall, entry("01", "按时", NOW.replace(hour=9)), now=NOW)
    assert seeded.windows
    overdue = find_cases(hall, CaseFilter(overdue=True, as_of=TODAY))
    assert overdue.total == 10 and {r.applicant_name for r in overdue.rows} == {
        f"超时{d}" for d in (100, 75, 28, 20, 15, 12, 10, 8, 7, 6)
    }
    last_30_days = CaseFilter(overdue=True, received_from=TODAY - timedelta(days=30), as_of=TODAY)
    assert find_cases(hall, last_30_days).total == 8  # what the page's default range used to hide


def test_a_broad_search_lists_the_first_cases_and_says_there_are_more(hall, monkeypatch):
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 120, first_day=date(2026, 4, 1), days=30)
    monkeypatch.setattr("hallmonitor.services.cases.paging.SEARCH_CAP", 50)
    result = find_cases(hall, CaseFilter(text="申请人", as_of=TODAY))
    assert result.capped and result.total == len(result.rows) == 50
    newest = fetch_cases(hall, CaseFilter(as_of=TODAY), limit=50)
    assert [r.id for r in result.rows] == [r.id for r in newest]  # the first in the table's order
    narrow = find_cases(hall, CaseFilter(text="申请人0001", as_of=TODAY))
    assert not narrow.capped and narrow.total == 10  # 申请人00010 … 申请人00019
    # A filter without text is paged as before: the count is exact, the rows one page.
    plain = find_cases(hall, CaseFilter(as_of=TODAY), limit=30)
    assert plain.total == 120 and len(plain.rows) == 30 and not plain.capped


@pytest.mark.parametrize(("key", "descending"), [("case_no", True), ("received_at", False), ("window", True)])
def test_a_searchs_cases_come_in_the_tables_order_with_the_other_filters(hall, key, descending):
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 300, first_day=date(2026, 4, 1), days=30)
    department = seeded.departments["自然资源局"]
    every = fetch_cases(hall, CaseFilter(department_id=department, as_of=TODAY), key, descending, 0, 1000)
    expected = [r.id for r in every if "申请人001" in r.applicant_name]
    search = CaseFilter(text="申请人001", department_id=department, as_of=TODAY)
    result = find_cases(hall, search, key, descending)
    assert [r.id for r in result.rows] == expected and 0 < len(expected) < 100
    paged = fetch_cases(hall, search, key, descending, 3, 4)
    assert [r.id for r in paged] == expected[3:7]
