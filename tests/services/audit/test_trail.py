"""Reading the audit trail: only an auditor reads all of it, a record's history is read by those who work
with the record, pages give every entry once, newest first, and nothing secret is shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from hallmonitor.domain.enums import Role, StaffCategory, WindowState
from hallmonitor.domain.identifiers import id_card_check_char
from hallmonitor.services.accounts import add_account, assign_windows, sign_in
from hallmonitor.services.audit import (
    ENTITY_KINDS,
    TrailEntry,
    TrailFilter,
    entity_history,
    list_trail,
    trail_actors,
)
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError, init_hall
from hallmonitor.services.hall.context import hall_context
from hallmonitor.storage.models import AuditEntry, Hall, Operator, Staff, Window
from tests.support.accounts import fast_passwords  # noqa: F401
from tests.support.builders import staff, window


def as_role(ctx: HallContext, role: Role, windows: frozenset[int] = frozenset()) -> HallContext:
    return replace(ctx, actor=Actor(f"{role.value}甲", role, login=role.name.lower(), windows=windows))


def all_seqs(ctx: HallContext) -> list[int]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())))


def every_page(ctx: HallContext, wanted: TrailFilter | None = None, limit: int = 7) -> list[int]:
    seen: list[int] = []
    before = None
    while True:
        page = list_trail(ctx, wanted, before=before, limit=limit)
        seen += [e.seq for e in page.entries]
        if page.next_before is None:
            return seen
        before = page.next_before


def an_id_number() -> str:
    first17 = "11010119900307851"
    return first17 + id_card_check_char(first17)


@pytest.fixture
def auditor(hall: HallContext) -> HallContext:
    return as_role(hall, Role.AUDITOR)


def test_only_an_auditor_reads_the_whole_trail(hall: HallContext, auditor: HallContext) -> None:
    window(hall, "1")
    assert list_trail(auditor).entries
    for role in (Role.ADMIN, Role.SUPERVISOR, Role.WINDOW_LEAD, Role.CENTER_VIEWER):
        with pytest.raises(PermissionDenied, match=f"{role.value}.*无权查看审计记录"):
            list_trail(as_role(hall, role))
        with pytest.raises(PermissionDenied):
            trail_actors(as_role(hall, role))
    # A hall without accounts: its one user answers for everything, the trail included.
    assert list_trail(hall).entries


def test_pages_give_every_entry_once_newest_first_while_the_trail_grows(
    hall: HallContext, auditor: HallContext
) -> None:
    for n in range(12):
        window(hall, str(n))
    expected = all_seqs(hall)
    first = list_trail(auditor, limit=5)
    assert [e.seq for e in first.entries] == expected[:5]
    window(hall, "99")  # new entries land above the pages already shown
    rest: list[int] = []
    before = first.next_before
    while before is not None:
        page = list_trail(auditor, before=before, limit=5)
        rest += [e.seq for e in page.entries]
        before = page.next_before
    assert [e.seq for e in first.entries] + rest == expected
    assert every_page(auditor) == all_seqs(hall)
    assert list_trail(auditor, limit=len(all_seqs(hall))).next_before is None
    with pytest.raises(ServiceError, match="至少为 1"):
        list_trail(auditor, limit=0)


def test_filters_by_kind_record_actor_dates_and_action(hall: HallContext, auditor: HallContext) -> None:
    w = window(hall, "7")
    person = staff(hall, "1001", "张三", StaffCategory.CIVIL_SERVANT)
    hall.db.actor = "李四"  # as a hall context names whoever signed in
    with hall.db.session() as s:
        s.get(Staff, person).name = "张叁"
    hall.db.actor = "tester"

    staff_entries = list_trail(auditor, TrailFilter(kind="人员")).entries
    assert staff_entries and {e.table for e in staff_entries} == {"staff"}
    assert [e.seq for e in list_trail(auditor, TrailFilter(kind="staff")).entries] == [
        e.seq for e in staff_entries
    ]
    windows = list_trail(auditor, TrailFilter(kind="service_window", row_key=str(w))).entries
    assert [(e.table, e.row_key, e.action) for e in windows] == [("service_window", str(w), "insert")]
    [renamed] = list_trail(auditor, TrailFilter(actor="李四")).entries
    assert renamed.summary == "name: 张三 → 张叁" and renamed.kind_word == "人员"
    assert list_trail(auditor, TrailFilter(action="修改")).entries == (renamed,)
    assert list_trail(auditor, TrailFilter(action="update")).entries == (renamed,)
    today = renamed.at.date()
    assert every_page(auditor, TrailFilter(since=today, until=today)) == all_seqs(hall)
    assert list_trail(auditor, TrailFilter(until=today - timedelta(days=1))).entries == ()
    assert list_trail(auditor, TrailFilter(since=today + timedelta(days=1))).entries == ()
    with pytest.raises(ServiceError, match="晚于截止日期"):
        list_trail(auditor, TrailFilter(since=today, until=today - timedelta(days=1)))
    with pytest.raises(ServiceError, match="窗口（window）"):
        list_trail(auditor, TrailFilter(kind="桌子"))
    with pytest.raises(ServiceError, match="新增、修改、删除"):
        list_trail(auditor, TrailFilter(action="改"))
    assert {k.key for k in ENTITY_KINDS} >= {"window", "staff", "item", "case", "alert", "account", "roster"}


@pytest.mark.usefixtures("fast_passwords")
def test_an_actor_is_found_by_login_and_a_password_hash_is_never_shown(hall: HallContext) -> None:
    add_account(hall, "admin", "王管理", Role.ADMIN, "Mima2026admin")
    admin = sign_in(hall.db, hall.hall_code, "admin", "Mima2026admin")
    add_account(admin, "shenji", "赵审计", Role.AUDITOR, "Mima2026audit")
    auditor = sign_in(hall.db, hall.hall_code, "shenji", "Mima2026audit")
    assert ("shenji", "赵审计") in trail_actors(auditor)

    by_admin = list_trail(auditor, TrailFilter(actor="admin")).entries
    assert by_admin and {e.actor for e in by_admin} == {"王管理"}
    accounts = list_trail(auditor, TrailFilter(kind="账号")).entries
    with hall.db.session() as s:
        hashes = list(s.scalars(select(Operator.password_hash)))
    for entry in accounts:
        shown = entry.line() + repr(dict(entry.before)) + repr(dict(entry.after))
        assert not any(h and h in shown for h in hashes)
    created = next(e for e in accounts if e.action == "insert" and e.after.get("login") == "shenji")
    assert created.after["password_hash"] == "（不显示）"
    assert created.summary.startswith("login=shenji；name=赵审计") and "password_hash" not in created.summary


def test_an_id_number_in_free_text_is_shown_masked_and_summaries_stay_short(
    hall: HallContext, auditor: HallContext
) -> None:
    number = an_id_number()
    with hall.db.session() as s:
        s.get(Hall, hall.hall_id).name = f"身份证 {number} 的大厅" + "很长" * 80
    [entry] = list_trail(auditor, TrailFilter(kind="hall", action="update")).entries
    shown = entry.line() + repr(dict(entry.before)) + repr(dict(entry.after))
    assert number not in shown and "110101********" in entry.after["name"]
    assert entry.after["name"].endswith("很长" * 80)  # the detail holds the whole value
    assert (
        entry.summary.startswith("name: 测试市政务服务大厅 → 身份证 110101********") and "…" in entry.summary
    )
    many = TrailEntry(
        1, entry.at, "x", "pc", "item", "1", "update", {f"f{n}": "旧" * 50 for n in range(20)}, {}
    )
    assert len(many.summary) == 200 and many.summary.endswith("…")
    moment = TrailEntry(
        2, entry.at, "x", "pc", "alert_event", "9", "insert", {}, {"at": "2026-05-11T09:30:00"}
    )
    assert moment.summary == "at=2026-05-11 09:30:00"  # as people write a moment, not ISO's T


def test_a_record_s_history_is_read_by_those_who_work_with_it(
    hall: HallContext, auditor: HallContext
) -> None:
    w = window(hall, "7")
    other = window(hall, "8")
    with hall.db.session() as s:
        s.execute(update(Window).where(Window.id == w).values(state=WindowState.CLOSED))
    history = entity_history(hall, "窗口", w).entries
    assert [e.action for e in history] == ["update", "insert"]
    assert history[0].summary.startswith("state: 开放 → ")
    for ctx in (
        as_role(hall, Role.SUPERVISOR),
        as_role(hall, Role.CENTER_VIEWER),
        as_role(hall, Role.ADMIN),
        as_role(hall, Role.WINDOW_LEAD, frozenset({w})),
        auditor,
    ):
        assert entity_history(ctx, "window", w).entries == history
    with pytest.raises(PermissionDenied, match="只能处理分配给自己的窗口"):
        entity_history(as_role(hall, Role.WINDOW_LEAD, frozenset({w})), "window", other)
    with pytest.raises(ServiceError, match="没有编号为 999999 的窗口"):
        entity_history(hall, "window", 999999)
    with pytest.raises(ServiceError, match="编号应为数字"):
        entity_history(hall, "window", "A7")
    with pytest.raises(ServiceError, match="没有单独的历史"):
        entity_history(auditor, "roster", 1)


def test_a_deleted_record_keeps_its_history_and_another_hall_s_records_are_not_given(
    hall: HallContext,
) -> None:
    person = staff(hall, "1001", "张三", StaffCategory.CIVIL_SERVANT)
    with hall.db.session() as s:
        s.delete(s.get(Staff, person))
    history = entity_history(hall, "人员", person).entries
    assert [e.action for e in history] == ["delete", "insert"]
    init_hall(hall.db, "H002", "另一个大厅")
    elsewhere = hall_context(hall.db, code="H002", login="tester")
    with pytest.raises(ServiceError, match="另一个大厅没有编号为"):
        entity_history(elsewhere, "staff", person)


@pytest.mark.usefixtures("fast_passwords")
def test_an_account_s_history_is_the_administrator_s_and_the_auditor_s(hall: HallContext) -> None:
    add_account(hall, "admin", "王管理", Role.ADMIN, "Mima2026admin")
    admin = sign_in(hall.db, hall.hall_code, "admin", "Mima2026admin")
    add_account(admin, "lead", "钱窗口", Role.WINDOW_LEAD, "Mima2026lead")
    w = window(hall, "7")
    assign_windows(admin, "lead", ["7"])
    with hall.db.session() as s:
        lead = s.scalars(select(Operator.id).where(Operator.login == "lead")).one()
    history = entity_history(admin, "账号", lead).entries
    assert {e.table for e in history} == {"operator", "operator_window"}
    assert any(e.after.get("window_id") == w for e in history)
    assert entity_history(as_role(hall, Role.AUDITOR), "account", lead).entries == history
    for role in (Role.SUPERVISOR, Role.WINDOW_LEAD, Role.CENTER_VIEWER):
        with pytest.raises(PermissionDenied, match=r"无权查看账号的历史.*管理账号"):
            entity_history(as_role(hall, role), "account", lead)
    assert isinstance(history[0].at, datetime) and history[0].at.date() <= date.today()


def test_a_record_s_history_is_read_through_the_index_not_by_scanning_the_trail(sqlite_url: str) -> None:
    from sqlalchemy import event

    from hallmonitor.storage.database import open_database

    db = open_database(sqlite_url)
    init_hall(db, "H001", "测试市政务服务大厅")
    ctx = hall_context(db, login="tester")
    w = window(ctx, "7")
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "FROM audit_log" in statement and "ORDER BY audit_log.seq DESC" in statement:
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert entity_history(ctx, "window", w).entries
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    [(statement, parameters)] = statements
    with db.engine.connect() as conn:
        plan = " ".join(
            str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        )
    assert "USING INDEX ix_audit_log_entity" in plan and "SCAN audit_log" not in plan, plan
    db.close()
