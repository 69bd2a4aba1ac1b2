"""审计记录 as an auditor uses it: the trail newest first, a page at a time, filtered, an entry in full,
and the chain verified off the UI thread, broken when someone rewrote the file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select, text

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account, sign_in
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import AuditEntry, Staff
from hallmonitor.ui.audit import page as audit_page
from hallmonitor.ui.audit.page import AuditPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.accounts import fast_passwords  # noqa: F401
from tests.support.hall_builder import Clock

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.usefixtures("fast_passwords"),
]


@pytest.fixture
def auditor(small, sqlite_hall: HallContext) -> HallContext:
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, "Guanli2026x")
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", "Guanli2026x")
    add_account(admin, "shenji", "赵审计", Role.AUDITOR, "Shenji2026x")
    with sqlite_hall.db.session() as s:  # an update with a long value, to read in full
        s.scalars(select(Staff).where(Staff.staff_no == "S001")).one().name = "张伟" + "长" * 45
    return sign_in(sqlite_hall.db, sqlite_hall.hall_code, "shenji", "Shenji2026x")


@pytest.fixture
def env(auditor: HallContext, qapp) -> Iterator[UiEnv]:  # type: ignore[no-untyped-def]
    env = UiEnv(ctx=auditor, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    yield env
    env.runner.wait(10_000)


def seqs(ctx: HallContext) -> list[int]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())))


def open_page(qtbot, env: UiEnv) -> AuditPage:  # type: ignore[no-untyped-def]
    page = AuditPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    return page


def reload(qtbot, page: AuditPage, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        change()


def test_the_trail_pages_in_newest_first_each_entry_once(qtbot, qtmodeltester, env, monkeypatch) -> None:
    monkeypatch.setattr(audit_page, "PAGE_SIZE", 7)
    page = open_page(qtbot, env)
    model = page.model
    expected = seqs(env.ctx)
    assert len(expected) > 20
    assert [e.seq for e in model.entries] == expected[:7]
    assert "scroll down for older ones" in page.shown_label.text()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "No."
    assert model.data(model.index(0, 0)) == f"#{expected[0]}"
    qtmodeltester.check(model)  # the tester scrolls too: it may have asked for the next page already
    while model.next_before is not None:
        held = model.rowCount()
        model.fetchMore()
        qtbot.waitUntil(lambda held=held: model.rowCount() > held, timeout=10_000)
    assert [e.seq for e in model.entries] == expected
    assert page.shown_label.text() == f"{len(expected)} entries"
    qtmodeltester.check(model)


def test_filters_narrow_the_list_and_a_refused_filter_is_a_sentence(qtbot, env) -> None:
    page = open_page(qtbot, env)
    bar = page.filter_bar
    reload(qtbot, page, lambda: bar.kind_filter.setCurrentIndex(bar.kind_filter.findData("account")))
    assert page.model.entries and {e.table for e in page.model.entries} == {"operator"}
    assert {page.model.data(page.model.index(r, 5)) for r in range(page.model.rowCount())} == {"Account"}

    first = page.model.entries[-1]
    bar.record_filter.setText(first.row_key)
    reload(qtbot, page, bar.record_filter.editingFinished.emit)
    assert {e.row_key for e in page.model.entries} == {first.row_key}

    reload(qtbot, page, bar.clear)
    bar.actor_filter.setEditText("admin")  # a login finds the entries that name the account's person
    reload(qtbot, page, bar.actor_filter.lineEdit().editingFinished.emit)
    assert page.model.entries and {e.actor for e in page.model.entries} == {"王管理"}

    reload(qtbot, page, bar.clear)
    reload(qtbot, page, lambda: bar.since.setDate(QDate(2030, 1, 2)))
    reload(qtbot, page, lambda: bar.until.setDate(QDate(2030, 1, 1)))
    assert page.message_label.isVisible() and "晚于截止日期" in page.message_label.text()
    reload(qtbot, page, bar.clear)
    assert not page.message_label.isVisible() and page.model.entries


def test_selecting_an_entry_shows_its_fields_in_full_and_its_record_s_history(
    qtbot, qtmodeltester, env
) -> None:
    page = open_page(qtbot, env)
    row = next(i for i, e in enumerate(page.model.entries) if e.table == "staff" and e.action == "update")
    page.table.selectRow(row)
    entry = page.selected
    assert entry is not None and entry.action == "update"
    assert "Changed Staff" in page.entry_label.text() and "赵审计" not in page.entry_label.text()
    fields = page.fields_model
    assert fields.data(fields.index(0, 0)) == "name"
    assert fields.data(fields.index(0, 1)) == "张伟"
    assert fields.data(fields.index(0, 2)) == "张伟" + "长" * 45  # in full, where the summary is cut
    assert page.model.data(page.model.index(row, 7)).endswith("…")
    qtmodeltester.check(fields)
    assert not page.fields.isColumnHidden(1) and not page.fields.isColumnHidden(2)
    added = next(i for i, e in enumerate(page.model.entries) if e.action == "insert")
    page.table.selectRow(added)
    assert page.fields.isColumnHidden(1) and not page.fields.isColumnHidden(2)  # an addition has no "before"
    page.table.selectRow(row)
    reload(qtbot, page, page.history_button.click)
    assert {(e.table, e.row_key) for e in page.model.entries} == {("staff", entry.row_key)}
    assert [e.action for e in page.model.entries] == ["update", "insert"]


def _tamper(ctx: HallContext, seq: int) -> None:
    """An intruder holding the file drops the triggers and rewrites who made an entry."""
    with ctx.db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text("UPDATE audit_log SET actor = '无名氏' WHERE seq = :s"), {"s": seq})
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
                )
            )


def test_verify_shows_the_verdict_whole_then_broken_after_tampering(qtbot, env) -> None:
    page = open_page(qtbot, env)
    assert not page.verdict_label.isVisible()
    with qtbot.waitSignal(page.verified, timeout=30_000):
        page.verify_button.click()
        assert not page.verify_button.isEnabled()  # running off the UI thread
        assert "Verifying" in page.verdict_label.text()
    assert page.verdict_label.isVisible() and page.verify_button.isEnabled()
    assert page.verdict_label.text().startswith("审计记录完整：共 ")

    _tamper(env.ctx, 3)
    with qtbot.waitSignal(page.verified, timeout=30_000):
        page.verify_button.click()
    assert page.verdict_label.text().startswith("审计记录被篡改：")
    assert "第 3 条" in page.verdict_label.text()
    assert page.broken_button.isVisible() and page.broken_button.text() == "Show entry #3"
    reload(qtbot, page, page.broken_button.click)
    assert [e.seq for e in page.model.entries] == [3, 2, 1]
    assert page.selected is not None and page.selected.seq == 3 and page.selected.actor == "无名氏"
    assert page.shown_label.text() == "Showing 3 entries from #3 back"
    reload(qtbot, page, page.filter_bar.clear_button.click)  # back to the newest
    assert page.model.entries[0].seq == seqs(env.ctx)[0]
    with qtbot.waitSignal(page.verified, timeout=30_000):
        page.verify_button.click()
    assert page.broken_button.isVisible() and "第 3 条" in page.verdict_label.text()  # still broken


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_auditor_s_window_fits_a_1366_by_768_screen(qtbot, env, language) -> None:
    from tests.support.screens import app_font, ui_language
    from tests.ui.shell.test_window_size import page_fits

    with app_font("Noto Sans CJK SC"), ui_language(language):
        page_fits(qtbot, env, "audit")
