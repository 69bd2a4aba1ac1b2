from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, CalendarSource, Role
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.work_calendar import CalendarOverride
from hallmonitor.services.cases import CaseInput, register_case
from hallmonitor.services.hall import Actor, PermissionDenied, ServiceError, save_overrides
from hallmonitor.services.settings.admin import (
    calendar_status,
    check_database,
    database_url,
    hall_name,
    overrides_in_year,
    recompute_due_dates,
    remove_day,
    rename_hall,
    session_times_problem,
    set_day,
)
from hallmonitor.storage.database import upgrade
from hallmonitor.storage.models import Case
from tests.support.case_seed import seed_hall


def test_session_times_must_be_in_order():
    assert session_times_problem(SessionTimes()) is None
    assert "上午" in (session_times_problem(SessionTimes(morning_end=time(8, 0))) or "")
    assert "下午应在上午结束之后" in (session_times_problem(SessionTimes(afternoon_start=time(11, 0))) or "")
    assert "下午的结束" in (session_times_problem(SessionTimes(afternoon_end=time(13, 0))) or "")


def test_rename_hall(hall):
    rename_hall(hall, "  新区政务服务中心 ")
    assert hall_name(hall) == "新区政务服务中心"
    with pytest.raises(ServiceError):
        rename_hall(hall, " ")
    with pytest.raises(PermissionDenied):
        rename_hall(replace(hall, actor=Actor("v", Role.WINDOW_LEAD)), "x")


def test_calendar_days_set_change_remove_and_move_due_dates(hall):
    seed_hall(hall)
    # Accepted Monday 11 May 2026, 3 working days: due Thursday 14 May.
    case_id = register_case(
        hall,
        CaseInput("01", "SC001", ApplicantType.PERSON, "张三", datetime(2026, 5, 11, 9, 0)),
        now=datetime(2026, 5, 11, 10, 0),
    )
    assert set_day(hall, date(2026, 5, 13), False, "临时停电闭厅")
    assert not set_day(hall, date(2026, 5, 13), False, "临时停电闭厅")  # nothing new
    assert set_day(hall, date(2026, 5, 13), False, "停电闭厅")
    days = overrides_in_year(hall, 2026)
    assert [(o.day, o.is_workday, o.note, o.source) for o in days] == [
        (date(2026, 5, 13), False, "停电闭厅", CalendarSource.MANUAL)
    ]
    assert overrides_in_year(hall, 2027) == []
    assert recompute_due_dates(hall) == 1
    with hall.db.session() as s:
        assert s.get(Case, case_id).due_date == date(2026, 5, 15)
    assert remove_day(hall, date(2026, 5, 13))
    assert not remove_day(hall, date(2026, 5, 13))
    assert recompute_due_dates(hall) == 1
    with hall.db.session() as s:
        assert s.scalar(select(Case.due_date).where(Case.id == case_id)) == date(2026, 5, 14)
    with pytest.raises(PermissionDenied):
        remove_day(replace(hall, actor=Actor("v", Role.CENTER_VIEWER)), date(2026, 5, 13))


def test_calendar_status_warns_about_unpublished_years(hall):
    # 2099: a year no calendar library will have published for a long while.
    warning, statuses = calendar_status(hall, [2026, 2099])
    assert statuses[2026].value == "官方数据"
    assert statuses[2099].lacks_official_data
    assert warning is not None and "2099年" in warning and "2026年" not in warning
    # A day typed in by hand says nothing about the rest of the year: the warning stays.
    set_day(hall, date(2099, 1, 1), False, "元旦")
    warning, statuses = calendar_status(hall, [2026, 2099])
    assert warning is not None and statuses[2099].lacks_official_data
    save_overrides(hall, [CalendarOverride(date(2099, 1, 2), False, "元旦", CalendarSource.IMPORTED)])
    warning, statuses = calendar_status(hall, [2026, 2099])
    assert warning is None and statuses[2099].value == "已导入"


def test_database_url_from_a_path(tmp_path):
    assert database_url("postgresql://u:p@h/db") == "postgresql://u:p@h/db"
    assert database_url(str(tmp_path / "a.sqlite3")) == f"sqlite:///{tmp_path / 'a.sqlite3'}"
    with pytest.raises(ServiceError):
        database_url("  ")


def test_check_database_says_what_it_found(tmp_path, sqlite_hall):
    missing = tmp_path / "none" / "x.sqlite3"
    check = check_database(str(missing))
    assert check.ok and "还不存在" in check.message
    assert not missing.parent.exists()  # testing creates nothing

    check = check_database(sqlite_hall.db.url)
    assert check.ok and "测试市政务服务大厅（H001）" in check.message

    empty = tmp_path / "empty.sqlite3"
    upgrade(f"sqlite:///{empty}")
    check = check_database(str(empty))
    assert check.ok and "还没有大厅" in check.message

    bare = tmp_path / "bare.sqlite3"
    bare.write_bytes(b"")
    check = check_database(str(bare))
    assert check.ok and "空数据库" in check.message

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    check = check_database(str(junk))
    assert not check.ok and check.message

    check = check_database("postgresql://nobody:secret@127.0.0.1:1/none")
    assert not check.ok and "secret" not in check.message
    assert not check_database("not a url://").ok
