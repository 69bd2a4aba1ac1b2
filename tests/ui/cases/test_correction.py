"""The case dialog's 更正 and 作废, driven as a supervisor would, and the case list's 作废 choice."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus
from hallmonitor.services.cases import (
    CaseFilter,
    CaseInput,
    case_detail,
    register_case,
)
from hallmonitor.services.front_shop import list_flags
from hallmonitor.ui.cases.dialog import CaseDialog
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.cases.page import CasesPage
from hallmonitor.ui.cases.words import status_name, voided_name
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.case_seed import person_id, seed_hall

NOW = datetime(2026, 5, 11, 10, 0)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, qapp):
    seed_hall(sqlite_hall)
    runner = OperationRunner(QThreadPool())
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    yield env
    runner.wait(10_000)


@pytest.fixture
def case_id(env) -> int:
    return register_case(
        env.ctx,
        CaseInput("01", "SC001", ApplicantType.PERSON, "赵六", datetime(2026, 5, 11, 9, 0), person_id(4)),
        now=NOW,
    )


def _stored(qtbot, env) -> None:
    """Saves run in the background: wait until they, and the case's reading back, are done."""
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)


def _dialog(qtbot, env, case_id) -> CaseDialog:
    dialog = CaseDialog(env, case_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.detail_shown, timeout=10_000):
        dialog.show()
    return dialog


def test_correction_records_approval_at_back_office_and_shows_before_after(qtbot, env, case_id):
    dialog = _dialog(qtbot, env, case_id)
    announced: list[str] = []
    env.bus.changed.connect(announced.append)
    form = dialog.open_correction()
    assert form is not None
    assert form.case_no_edit.isReadOnly() and form.case_no_edit.text() == "H001-20260511-0001"
    assert (form.window_edit.text(), form.item_edit.text(), form.name_edit.text()) == ("01", "SC001", "赵六")
    form.place_combo.setCurrentIndex(form.place_combo.findData(ApprovalPlace.BACK_OFFICE))
    form.approver_edit.setText("G001")
    form.approved_check.setChecked(True)
    form.approved_edit.setDateTime(datetime(2026, 5, 11, 9, 40))

    form.save()  # no reason yet
    _stored(qtbot, env)
    assert form.isVisible() and "请填写更正原因" in form.message.text()
    assert "cf1322" in form.reason_edit.styleSheet()
    form.reason_edit.setText("补录审批信息")
    form.save()
    _stored(qtbot, env)
    assert not form.isVisible()

    assert [f.case_id for f in list_flags(env.ctx)] == [case_id]
    assert {"cases", "flags"} <= set(announced)
    last = dialog.history.rowCount() - 1
    assert dialog.history.item(last, 2).text() == "更正"
    assert dialog.history.item(last, 3).text().splitlines() == [
        "审批地点：— → 部门后台",
        "审批人：— → G001 王静",
        "审批时间：— → 2026-05-11 09:40",
    ]
    assert dialog.history.item(last, 4).text() == "补录审批信息"


def test_correction_errors_are_the_services_sentence_at_the_field(qtbot, env, case_id):
    dialog = _dialog(qtbot, env, case_id)
    form = dialog.open_correction()
    form.window_edit.setText("03")  # temporarily closed
    form.reason_edit.setText("改窗口")
    form.save()
    _stored(qtbot, env)
    assert form.isVisible()
    assert form.message.text() == "窗口 03 在 2026-05-11 09:00 为“临时关闭”，不能在该窗口受理办件。"
    assert "cf1322" in form.window_edit.styleSheet()
    form.reject()
    assert dialog.history.rowCount() == 1


def test_void_asks_for_a_reason_confirms_and_locks_the_case(qtbot, env, case_id):
    dialog = _dialog(qtbot, env, case_id)
    confirm = dialog.open_void()
    assert confirm is not None and "H001-20260511-0001" in confirm.windowTitle()
    confirm.confirm_button.click()  # no reason
    _stored(qtbot, env)
    assert confirm.isVisible() and "请填写作废原因" in confirm.message.text()
    assert not case_detail(env.ctx, case_id).voided
    confirm.reason_edit.setText("重复登记")
    confirm.confirm_button.click()
    _stored(qtbot, env)
    assert not confirm.isVisible()

    assert dialog.badge.text() == voided_name()
    assert "重复登记" in dialog.deadline_text.text()
    for button in (
        dialog.correct_button,
        dialog.void_button,
        dialog.complete_button,
        dialog.add_period_button,
    ):
        assert not button.isEnabled()
    last = dialog.history.rowCount() - 1
    assert [dialog.history.item(last, c).text() for c in (2, 4)] == ["作废", "重复登记"]


def test_case_list_offers_voided_as_a_status_and_shows_it(qtbot, qtmodeltester, env, case_id):
    register_case(
        env.ctx, CaseInput("01", "SC001", ApplicantType.PERSON, "钱七", datetime(2026, 5, 11, 9, 5)), now=NOW
    )
    dialog = _dialog(qtbot, env, case_id)
    confirm = dialog.open_void()
    confirm.reason_edit.setText("重复登记")
    confirm.confirm()
    _stored(qtbot, env)

    page = CasesPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page._painted, timeout=10_000)
    qtbot.waitUntil(lambda: not env.runner.busy and page.model.total == 2, timeout=10_000)
    page.filters.status_combo.setCurrentIndex(page.filters.status_combo.findText(voided_name()))
    qtbot.waitUntil(lambda: not env.runner.busy and page.model.total == 1, timeout=10_000)
    row = page.model.row_data(0)
    assert row is not None and row.id == case_id
    status_column = 7
    assert page.model.index(0, status_column).data() == voided_name()
    page.filters.status_combo.setCurrentIndex(
        page.filters.status_combo.findText(status_name(CaseStatus.ACCEPTED))
    )
    qtbot.waitUntil(lambda: not env.runner.busy and page.model.total == 1, timeout=10_000)
    assert page.model.row_data(0).applicant_name == "钱七"

    model = CaseTableModel(lambda: env.ctx, env.runner)
    model.reload(CaseFilter(voided=True, as_of=NOW.date()))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    qtbot.waitUntil(lambda: model.row_data(0) is not None, timeout=10_000)
    assert model.row_data(0).id == case_id
    qtmodeltester.check(model)
