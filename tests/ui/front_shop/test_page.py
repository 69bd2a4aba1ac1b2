from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, FlagState, Role
from hallmonitor.services.cases import CaseInput, register_case
from hallmonitor.services.hall import Actor
from hallmonitor.storage.models import CaseEvent, FrontShopFlag
from hallmonitor.ui.front_shop import page as page_module
from hallmonitor.ui.front_shop.page import FlagsPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.case_seed import seed_hall

NOW = datetime(2026, 5, 11, 15, 0)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, qapp):
    seed_hall(sqlite_hall)
    for n, (place, approver) in enumerate(
        [(ApprovalPlace.BACK_OFFICE, "G001"), (ApprovalPlace.WINDOW, "G002")]
    ):
        register_case(
            sqlite_hall,
            CaseInput(
                "02",
                "ZR001",  # the window may not approve this item: both cases are flagged
                ApplicantType.PERSON,
                f"申请人{n}",
                datetime(2026, 5, 11, 9, n),
                approval_place=place,
                approver_no=approver,
                completed_at=datetime(2026, 5, 11, 11, n),
            ),
            now=NOW,
        )
    runner = OperationRunner(QThreadPool())  # its own pool: no other test's stuck job can starve it
    yield UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    runner.wait(10_000)


def _page(qtbot, env) -> FlagsPage:
    page = FlagsPage(env)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    return page


def _idle(qtbot, env) -> None:
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)


def test_pending_flags_are_listed_with_their_reasons(qtbot, env):
    page = _page(qtbot, env)
    assert page.model.rowCount() == 2
    reasons = {page.model.index(r, 7).data() for r in range(2)}
    assert any("部门后台" in text and "未授权" in text for text in reasons)
    assert page.selected() is not None
    assert "部门后台" in page.reasons_label.text() or "未授权" in page.reasons_label.text()


def test_confirm_a_flag_with_a_note_and_see_its_state_change(qtbot, env):
    page = _page(qtbot, env)
    page.table.selectRow(0)
    flag = page.selected()
    assert flag is not None and flag.state is FlagState.PENDING
    assert not page.confirm_button.isEnabled()  # a note is required first
    page.note_edit.setPlainText("经核实，审批在部门后台完成，已约谈部门。")
    assert page.confirm_button.isEnabled()
    page.confirm_button.click()
    _idle(qtbot, env)
    assert flag.case_no in page.message.text()
    # The pending list no longer holds it.
    assert page.model.rowCount() == 1
    assert page.model.row_of(flag.flag_id) is None

    page.state_combo.setCurrentIndex(0)  # all flags
    _idle(qtbot, env)
    row = page.model.row_of(flag.flag_id)
    assert row is not None
    assert page.model.rows[row].state is FlagState.CONFIRMED
    assert page.model.index(row, 0).data() == "Confirmed"
    assert "约谈" in page.model.index(row, 8).data()
    with env.ctx.db.session() as s:
        stored = s.get(FrontShopFlag, flag.flag_id)
        assert stored.state is FlagState.CONFIRMED and stored.reviewed_by == "tester"
        actions = s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == flag.case_id)).all()
        assert "前店后厂已确认" in actions


def test_filter_by_state(qtbot, env):
    page = _page(qtbot, env)
    page.table.selectRow(0)
    page.note_edit.setPlainText("窗口当场审批，系统记录有误。")
    page.dismiss_button.click()
    _idle(qtbot, env)
    page.state_combo.setCurrentIndex(page.state_combo.findData(FlagState.DISMISSED.name))
    _idle(qtbot, env)
    assert page.model.rowCount() == 1
    assert page.model.rows[0].state is FlagState.DISMISSED
    page.state_combo.setCurrentIndex(page.state_combo.findData(FlagState.CONFIRMED.name))
    _idle(qtbot, env)
    assert page.model.rowCount() == 0
    assert not page.confirm_button.isEnabled()


def test_a_blank_note_or_a_clerk_is_refused(qtbot, env):
    page = _page(qtbot, env)
    page.table.selectRow(0)
    page.note_edit.setPlainText("   ")
    assert not page.review(FlagState.CONFIRMED)
    assert page.message.text()

    env.ctx = replace(env.ctx, actor=Actor("录入员甲", Role.WINDOW_LEAD))
    page.note_edit.setPlainText("确认")
    page.review(FlagState.CONFIRMED)
    _idle(qtbot, env)
    assert "无权" in page.message.text()
    assert page.note_edit.toPlainText() == "确认" and page.confirm_button.isEnabled()  # to try again
    with env.ctx.db.session() as s:
        assert {f.state for f in s.scalars(select(FrontShopFlag))} == {FlagState.PENDING}


def test_flags_model_passes_the_model_tester(qtbot, qtmodeltester, env):
    page = _page(qtbot, env)
    qtmodeltester.check(page.model)


def test_the_confirmation_stays_while_the_list_moves_on_to_the_next_flag(qtbot, env):
    page = _page(qtbot, env)
    page.table.selectRow(0)
    flag = page.selected()
    page.note_edit.setPlainText("经核实，审批在部门后台完成。")
    page.confirm_button.click()
    _idle(qtbot, env)
    # The reviewed flag left the pending list and the next one is selected: the sentence is still there.
    assert page.selected() is not None and page.selected().flag_id != flag.flag_id
    assert flag.case_no in page.message.text() and "Confirmed" in page.message.text()
    # It goes with the next thing the user does.
    page.note_edit.setPlainText("窗口当场审批。")
    assert page.message.text() == ""


def test_the_page_has_a_title_and_an_empty_list_says_why_and_what_next(qtbot, env):
    page = _page(qtbot, env)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "Front shop, back factory" in texts
    assert not page.empty_hint.shown
    for _ in range(2):
        page.table.selectRow(0)
        page.note_edit.setPlainText("窗口当场审批，系统记录有误。")
        page.dismiss_button.click()
        _idle(qtbot, env)
    assert page.model.rowCount() == 0
    assert page.empty_hint.shown
    assert "All flags" in page.empty_hint.text()
    page.state_combo.setCurrentIndex(page.state_combo.findData(FlagState.CONFIRMED.name))
    _idle(qtbot, env)
    assert page.empty_hint.shown and "Confirmed" in page.empty_hint.text()
    page.state_combo.setCurrentIndex(0)  # all flags: the two dismissed ones
    _idle(qtbot, env)
    assert not page.empty_hint.shown


def test_a_hall_with_no_flag_at_all_says_what_the_page_is_for(qtbot, sqlite_hall, qapp):
    runner = OperationRunner(QThreadPool())
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    page = _page(qtbot, env)
    page.state_combo.setCurrentIndex(0)
    _idle(qtbot, env)
    assert page.empty_hint.shown and "outside the hall" in page.empty_hint.text()
    assert page.empty_hint.geometry() == page.table.viewport().rect()
    runner.wait(10_000)


def test_a_review_is_stored_off_the_ui_thread_while_its_buttons_wait(qtbot, env, monkeypatch):
    threads: list[int] = []
    store = page_module.review_flag

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return store(*args, **kwargs)

    monkeypatch.setattr(page_module, "review_flag", recorded)
    page = _page(qtbot, env)
    page.table.selectRow(0)
    flag = page.selected()
    page.note_edit.setPlainText("经核实，审批在部门后台完成。")
    page.confirm_button.click()
    assert not page.confirm_button.isEnabled() and not page.dismiss_button.isEnabled()
    assert page.review(FlagState.DISMISSED) is None  # a second click while the first is stored
    _idle(qtbot, env)
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert "Confirmed" in page.message.text() and page.busy_label.isHidden()
    with env.ctx.db.session() as s:
        assert s.get(FrontShopFlag, flag.flag_id).state is FlagState.CONFIRMED
