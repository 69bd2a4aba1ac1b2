"""The demo hall: reproducible, plausible, personal data masked, and every violation present."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import String, func, select

from hallmonitor.demo.builder import NOT_EMPTY, DemoSummary, build_demo
from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    ApplicantType,
    ApprovalPlace,
    CaseType,
    Session,
    StaffCategory,
)
from hallmonitor.domain.identifiers import InvalidIdentifier, validate_credit_code, validate_id_card
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.alerts import list_alerts
from hallmonitor.services.hall import HallContext, ServiceError, hall_context, load_calendar
from hallmonitor.services.staffing import suspected_lines
from hallmonitor.storage.database import Database, open_database
from hallmonitor.storage.models import (
    Base,
    Case,
    Complaint,
    Department,
    Item,
    RosterEntry,
    SpecialPeriod,
    Staff,
    Window,
)

#: A Friday two weeks after the May Day holiday: Mon 4 and Tue 5 are holidays, Sat 9 is worked.
TODAY = date(2026, 5, 15)
SHOWCASE = date(2026, 5, 14)
WEEKS = 2


@pytest.fixture(scope="module")
def demo(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo database shared by the read-only tests of this module, built once."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = open_database(f"sqlite:///{path}")
    summary = build_demo(db, seed=2026, today=TODAY, weeks=WEEKS)
    yield db, summary
    db.close()


def _rows(db: Database, model: type[Base], *, skip: tuple[str, ...] = ()) -> list[tuple[object, ...]]:
    columns = [c for c in model.__table__.columns if c.name not in skip]
    with db.session() as session:
        return [tuple(r) for r in session.execute(select(*columns).order_by(*columns[:1])).all()]


def _present_by_slot(db: Database) -> dict[tuple[str, date, Session], list[StaffCategory]]:
    """Categories of the staff counted as present, per window, day and session."""
    with db.session() as session:
        rows = session.execute(
            select(
                Window.number, RosterEntry.day, RosterEntry.session, Staff.category, RosterEntry.attendance
            )
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
        ).all()
    slots: dict[tuple[str, date, Session], list[StaffCategory]] = defaultdict(list)
    for number, day, session, category, attendance in rows:
        slots.setdefault((number, day, session), [])
        if attendance is not False:
            slots[(number, day, session)].append(category)
    return slots


def test_summary_counts_and_text(demo: tuple[Database, DemoSummary]) -> None:
    _, summary = demo
    assert (summary.departments, summary.windows, summary.staff, summary.items) == (14, 40, 150, 300)
    assert summary.showcase_day == SHOWCASE
    assert summary.first_day == TODAY - timedelta(days=13)
    # 2 to 15 May 2026: 4 and 5 May are holidays, Saturday 9 May is a make-up working day.
    assert summary.working_days == 9
    text = str(summary)
    assert "DEMO01 示范市政务服务大厅" in text
    assert "工作人员 150 名" in text
    assert f"hallmonitor check --date {SHOWCASE.isoformat()}" in text
    assert any("A03" in note and "第3次" in note for note in summary.notes)


def test_stored_counts_are_plausible(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Department)) == 14
        windows = session.execute(select(Window.kind, Window.state, Window.zone)).all()
        staff = session.scalars(select(Staff.category)).all()
        items = session.execute(select(Item.admitted, Item.window_may_approve, Item.case_type)).all()
        per_day = session.execute(
            select(func.date(Case.received_at), func.count()).group_by(func.date(Case.received_at))
        ).all()
        assert session.scalar(select(func.count()).select_from(Case)) == summary.cases
        assert session.scalar(select(func.count()).select_from(RosterEntry)) == summary.roster_rows
    kinds = [k.value for k, _, _ in windows]
    assert len(windows) == 40
    assert kinds.count("专业窗口") >= 25
    assert 3 <= kinds.count("综合窗口") <= 8
    assert kinds.count("办不成事反映窗口") == kinds.count("政策兑现窗口") == 1
    assert 1 <= sum(1 for _, state, _ in windows if state.value == "停用") <= 5
    assert {zone[0] for _, _, zone in windows} == {"A", "B", "C", "D"}
    formal_share = sum(1 for c in staff if c.is_formal) / len(staff)
    assert 0.5 <= formal_share <= 0.6
    assert 0.85 <= sum(1 for a, _, _ in items if a) / len(items) < 1
    assert 0.8 <= sum(1 for a, m, _ in items if a and m) / len(items) < 1
    assert {t for _, _, t in items} == {CaseType.IMMEDIATE, CaseType.PROMISED}
    counts = dict((date.fromisoformat(str(d)), n) for d, n in per_day)
    assert all(15 <= n <= 45 for d, n in counts.items() if d != TODAY), counts
    assert 5 <= counts[TODAY] <= 25


def test_rosters_only_on_working_days_with_both_sessions(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    calendar = WorkCalendar()
    with db.session() as session:
        rows = session.execute(select(RosterEntry.day, RosterEntry.session, RosterEntry.attendance)).all()
    days = {d for d, _, _ in rows}
    assert all(calendar.is_workday(d) for d in days)
    assert date(2026, 5, 9) in days  # Saturday, worked
    assert not days & {date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 10)}
    assert {(d, s) for d, s, _ in rows} == {(d, s) for d in days for s in Session}
    past = [a for d, s, a in rows if d < TODAY or s is Session.MORNING]
    assert None not in past and sum(1 for a in past if a) / len(past) > 0.95
    assert {a for d, s, a in rows if d == TODAY and s is Session.AFTERNOON} == {None}


def test_no_full_person_id_number_is_stored_anywhere(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as session:
        shown = session.execute(
            select(Case.applicant_type, Case.applicant_id_display, Case.applicant_id_hash)
        ).all()
        person = [(d, h) for t, d, h in shown if t is ApplicantType.PERSON]
        enterprise = [d for t, d, _ in shown if t is ApplicantType.ENTERPRISE]
        assert person and enterprise
        assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", d) for d, _ in person)
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for _, h in person)
        for code in enterprise:
            assert validate_credit_code(code) == code
        candidate = re.compile(r"\d{17}[\dX]")
        for table in Base.metadata.sorted_tables:
            texts = [c for c in table.columns if isinstance(c.type, String)]
            if not texts:
                continue
            for row in session.execute(select(*texts)).all():
                for value in row:
                    for match in candidate.findall(str(value or "")):
                        with pytest.raises(InvalidIdentifier):
                            validate_id_card(match)


def test_every_violation_kind_is_in_the_raw_data(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    slots = _present_by_slot(db)
    show = [(key, cats) for key, cats in slots.items() if key[1] == SHOWCASE]
    assert any(cats and not any(c.is_formal for c in cats) for _, cats in show), "仅辅助人员"
    assert ("D03", SHOWCASE, Session.AFTERNOON) not in slots, "无人排班"
    assert slots[("C04", SHOWCASE, Session.AFTERNOON)] == [], "全部缺勤"
    compliant = sum(1 for _, cats in show if any(c.is_formal for c in cats))
    assert compliant / (37 * 2) > 0.9
    # A03 is auxiliary-only in three sessions within three working days: it escalates.
    a03 = [
        key
        for key, cats in slots.items()
        if key[0] == "A03" and key[1] <= SHOWCASE and not any(c.is_formal for c in cats)
    ]
    assert len([k for k in a03 if k[1] >= date(2026, 5, 12)]) == 3

    with db.session() as session:
        formal_absent = session.scalar(
            select(func.count())
            .select_from(RosterEntry)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .where(
                RosterEntry.attendance.is_(False),
                Staff.category.in_(["公务员", "参照公务员法管理", "事业编制"]),
            )
        )
        assert formal_absent >= 1
        cases = session.execute(
            select(
                Case.case_no,
                Case.approval_place,
                Case.approved_at,
                Case.approved_by_id,
                Case.completed_at,
                Case.due_date,
                Case.trips,
                Case.bundle_key,
                Item.window_may_approve,
                Item.category,
            ).join(Item, Case.item_id == Item.id)
        ).all()
        present = {
            (staff_id, day)
            for staff_id, day in session.execute(
                select(RosterEntry.staff_id, RosterEntry.day).where(RosterEntry.attendance.is_not(False))
            )
        }
        periods = session.scalars(select(SpecialPeriod)).all()
        complaints = session.execute(select(Complaint.received_at, Complaint.completed_at)).all()

    on_show = [c for c in cases if c.approved_at is not None and c.approved_at.date() == SHOWCASE]
    assert any(c.approval_place is ApprovalPlace.BACK_OFFICE for c in on_show)
    assert any((c.approved_by_id, SHOWCASE) not in present for c in on_show)
    assert any(not c.window_may_approve for c in on_show)
    assert any(c.trips == 2 for c in cases) and any(c.trips == 3 for c in cases)
    assert sum(1 for c in cases if c.trips > 1) / len(cases) < 0.1
    assert any(c.completed_at is None and c.due_date is not None and c.due_date < SHOWCASE for c in cases)
    assert any(c.completed_at is not None and c.due_date < c.completed_at.date() for c in cases)
    assert any(p.end_day is None for p in periods)
    flagged = [
        c
        for c in cases
        if c.approved_at is not None
        and (
            c.approval_place is ApprovalPlace.BACK_OFFICE
            or (c.approved_by_id, c.approved_at.date()) not in present
            or not c.window_may_approve
        )
    ]
    assert 4 <= len(flagged) <= len(cases) * 0.05
    setups = {c.bundle_key for c in cases if c.bundle_key and c.bundle_key.startswith("YJS-QYKB")}
    assert len(setups) >= 9
    assert any(c.bundle_key and not c.bundle_key.startswith("YJS") for c in cases), "investment project"
    calendar = WorkCalendar()
    overdue_open = [
        r for r, done in complaints if done is None and calendar.add_working_days(r.date(), 2) < SHOWCASE
    ]
    overdue_done = [
        r for r, done in complaints if done and calendar.add_working_days(r.date(), 2) < done.date()
    ]
    assert overdue_open and overdue_done


def test_planted_nominal_presence_raises_one_alert_and_leaves_a_window_below_it(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    ctx = hall_context(db)
    [alert] = list_alerts(ctx, kind=AlertKind.NOMINAL_PRESENCE)
    assert (alert.window_no, alert.level, alert.raised_at) == (
        "D02",
        AlertLevel.TO_VERIFY,
        datetime(2026, 5, 13, 13, 30),
    )
    lines = suspected_lines(
        ctx, date(2026, 5, 1), TODAY, datetime.combine(TODAY, time(12, 0)), load_calendar(ctx)
    )
    assert [(line.window_no, line.day, line.session, line.status) for line in lines] == [
        ("D02", date(2026, 5, 11), Session.MORNING, "待核查"),
        ("B09", date(2026, 5, 12), Session.MORNING, "未达预警条件"),
        ("D02", date(2026, 5, 12), Session.AFTERNOON, "待核查"),
        ("D02", date(2026, 5, 13), Session.MORNING, "待核查"),
        ("B09", date(2026, 5, 14), Session.AFTERNOON, "未达预警条件"),
    ]
    assert sum("疑似挂名" in note for note in summary.notes) == 5


def test_same_seed_and_day_give_identical_rows(demo: tuple[Database, DemoSummary], sqlite_url: str) -> None:
    first, summary = demo
    second = open_database(sqlite_url)
    again = build_demo(second, seed=2026, today=TODAY, weeks=WEEKS)
    assert again == summary
    # The ID hash is keyed with each database's own secret; everything else must match.
    for model, skip in (
        (Staff, ()),
        (Window, ()),
        (Item, ()),
        (RosterEntry, ()),
        (Case, ("applicant_id_hash",)),
        (Complaint, ()),
        (SpecialPeriod, ()),
    ):
        assert _rows(first, model, skip=skip) == _rows(second, model, skip=skip), model.__name__
    second.close()


def test_another_seed_gives_other_data(sqlite_url: str, demo: tuple[Database, DemoSummary]) -> None:
    db = open_database(sqlite_url)
    build_demo(db, seed=7, today=TODAY, weeks=WEEKS)
    assert _rows(db, Staff) != _rows(demo[0], Staff)
    db.close()


def test_refuses_a_database_that_has_a_hall(hall: HallContext) -> None:
    with pytest.raises(ServiceError, match="只能写入空数据库"):
        build_demo(hall.db, today=TODAY, weeks=WEEKS)


def test_refuses_a_second_run(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with pytest.raises(ServiceError) as error:
        build_demo(db, today=TODAY, weeks=WEEKS)
    assert str(error.value) == NOT_EMPTY


def test_refuses_a_range_without_enough_working_days(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    # 1 to 7 October 2026 is the National Day holiday.
    with pytest.raises(ServiceError, match="工作日"):
        build_demo(db, today=date(2026, 10, 7), weeks=1)
    with pytest.raises(ServiceError, match="周数"):
        build_demo(db, today=TODAY, weeks=0)
    db.close()


def test_builds_on_every_backend(db_url: str) -> None:
    db = open_database(db_url)
    summary = build_demo(db, today=TODAY, weeks=1)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == summary.cases > 100
        assert session.scalar(select(func.count()).select_from(RosterEntry)) == summary.roster_rows
    with pytest.raises(ServiceError, match="只能写入空数据库"):
        build_demo(db, today=TODAY, weeks=1)
    db.close()
