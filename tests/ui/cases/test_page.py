from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import func, select

from hallmonitor.domain.enums import ApplicantType, CaseStatus, DeadlineState, Role
from hallmonitor.services.cases import (
    CaseFilter,
    CaseInput,
    count_cases,
    deadline_state,
    register_case,
)
from hallmonitor.services.hall import Actor
from hallmonitor.storage.models import Case, FrontShopFlag
from hallmonitor.ui.cases.cells import DEADLINE_COLUMN
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.cases.page import CasesPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv, saving_text
from tests.support.case_seed import bulk_cases, person_id, seed_hall

NOW = datetime(2026, 5, 11, 10, 0)

# The offscreen platform cannot raise windows or grab the keyboard for popups; it says so, harmlessly.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, qapp):
    seeded = seed_hall(sqlite_hall)
    runner = OperationRunner(QThreadPool())  # its own pool: no other test's stuck job can starve it
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    env.seeded = seeded  # type: ignore[attr-defined]
    yield env
    runner.wait(10_000)


def _page(qtbot, env) -> CasesPage:
    page = CasesPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page._painted, timeout=10_000)
    return page


def _settle(qtbot, page: CasesPage) -> None:
    """Wait until the count the page asked for last has been shown."""
    qtbot.waitUntil(lambda: not page.env.runner.busy, timeout=10_000)


def _stored(qtbot, env) -> None:
    """Saves run in the background: wait until they, and what they set off, are done."""
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)


def _row(model: CaseTableModel, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_enter_a_case_with_the_keyboard_and_see_it_in_the_table(qtbot, env):
    page = _page(qtbot, env)
    form = page.form
    assert page.model.total == 0
    announced: list[str] = []
    env.bus.changed.connect(announced.append)

    qtbot.keyClicks(form.window_edit, "01")
    qtbot.keyClick(form.window_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.item_edit, "SC001")
    qtbot.keyClick(form.item_edit, Qt.Key.Key_Return)
    qtbot.keyClick(form.type_combo, Qt.Key.Key_Return)
    qtbot.keyClicks(form.name_edit, "Zhang San")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.id_edit, person_id(1))
    assert not form.id_invalid
    qtbot.keyClick(form.id_edit, Qt.Key.Key_Return)
    qtbot.keyClick(form.trips_spin, Qt.Key.Key_Return)
    qtbot.keyClick(form.bundle_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # Stored in the background: until it is, the form waits and says so.
    assert "cases" in announced or (form.message.text() == saving_text() and not form.save_button.isEnabled())
    _stored(qtbot, env)

    assert "cases" in announced
    _settle(qtbot, page)
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=10_000)
    row = _row(page.model, 0)
    assert row[0] == "H001-20260511-0001"
    assert row[2] == "01" and row[5] == "Zhang San"
    assert row[6] == person_id(1)[:6] + "********" + person_id(1)[-4:]
    assert row[9] == "2026-05-14"
    # Cleared for the next applicant, the window kept.
    assert form.name_edit.text() == "" and form.id_edit.text() == ""
    assert form.window_edit.text() == "01"


def test_enter_moves_to_the_next_field(qtbot, env):
    page = _page(qtbot, env)
    page.window().activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    form = page.form
    form.window_edit.setFocus()
    qtbot.keyClick(form.window_edit, Qt.Key.Key_Return)
    assert form.item_edit.hasFocus()
    qtbot.keyClick(form.item_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert form.type_combo.hasFocus()


def test_invalid_id_number_shows_the_error_and_saves_nothing(qtbot, env):
    page = _page(qtbot, env)
    form = page.form
    good = person_id(2)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    qtbot.keyClicks(form.window_edit, "01")
    qtbot.keyClicks(form.item_edit, "SC001")
    qtbot.keyClicks(form.name_edit, "Li Si")
    qtbot.keyClicks(form.id_edit, "11010519")
    assert form.id_invalid and "18位" in form.id_message.text()
    assert "cf1322" in form.id_edit.styleSheet()
    form.id_edit.clear()
    qtbot.keyClicks(form.id_edit, wrong)
    assert form.id_invalid and "校验位" in form.id_message.text()
    assert form.id_message.isVisible()

    qtbot.keyClick(form.id_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _stored(qtbot, env)
    assert count_cases(env.ctx, CaseFilter()) == 0
    assert "校验位" in form.message.text()
    assert form.name_edit.text() == "Li Si"  # nothing typed is lost

    form.id_edit.clear()
    qtbot.keyClicks(form.id_edit, good)
    assert not form.id_invalid and not form.id_message.isVisible()
    assert form.id_edit.styleSheet() == ""
    # An enterprise needs a credit code: the same number is wrong there.
    form.type_combo.setCurrentIndex(form.type_combo.findData(ApplicantType.ENTERPRISE))
    assert form.id_invalid


def test_a_wrong_field_is_named_and_marked(qtbot, env):
    page = _page(qtbot, env)
    form = page.form
    qtbot.keyClicks(form.window_edit, "03")  # temporarily closed
    qtbot.keyClicks(form.item_edit, "SC001")
    qtbot.keyClicks(form.name_edit, "Wang Wu")
    form.save_button.click()
    _stored(qtbot, env)
    assert "03" in form.message.text() and "不能登记" in form.message.text()
    assert "cf1322" in form.window_edit.styleSheet()
    assert count_cases(env.ctx, CaseFilter()) == 0


def test_viewer_cannot_save(qtbot, env):
    env.ctx = replace(env.ctx, actor=Actor("访客", Role.CENTER_VIEWER))
    page = _page(qtbot, env)
    form = page.form
    qtbot.keyClicks(form.window_edit, "01")
    qtbot.keyClicks(form.item_edit, "SC001")
    qtbot.keyClicks(form.name_edit, "Wang Wu")
    form.save_button.click()
    _stored(qtbot, env)
    assert "无权" in form.message.text()


def _bulk(env, count: int) -> None:
    bulk_cases(env.ctx, env.seeded, count, first_day=NOW.date() - timedelta(days=25), days=20)


def test_filters_narrow_the_table_as_sql_counts(qtbot, env):
    _bulk(env, 600)
    page = _page(qtbot, env)
    assert page.model.total == 600
    with env.ctx.db.session() as s:
        cases = s.scalars(select(Case)).all()
        flagged = set(s.scalars(select(FrontShopFlag.case_id)))

    page.filters.window_combo.setCurrentIndex(page.filters.window_combo.findData(env.seeded.windows["02"]))
    _settle(qtbot, page)
    assert page.model.total == sum(c.window_id == env.seeded.windows["02"] for c in cases) == 300
    assert "300" in page.filters.count_label.text()

    page.filters.flagged_check.setChecked(True)
    _settle(qtbot, page)
    expected = sum(c.window_id == env.seeded.windows["02"] and c.id in flagged for c in cases)
    assert page.model.total == expected
    assert all(_row(page.model, r)[12] for r in range(page.model.total))

    page.filters.reset()
    _settle(qtbot, page)
    page.filters.overdue_check.setChecked(True)
    _settle(qtbot, page)
    overdue = [
        c for c in cases if deadline_state(c.due_date, c.completed_at, NOW.date()) is DeadlineState.OVERDUE
    ]
    assert page.model.total == len(overdue) > 0
    index = page.model.index(0, DEADLINE_COLUMN)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None

    page.filters.reset()
    page.filters.status_combo.setCurrentIndex(page.filters.status_combo.findData(CaseStatus.COMPLETED))
    _settle(qtbot, page)
    assert page.model.total == sum(c.status is CaseStatus.COMPLETED for c in cases)

    page.filters.status_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.filters.search_edit, "B000012")
    _settle(qtbot, page)
    qtbot.waitUntil(lambda: page.model.total == 10, timeout=5000)
    assert page.model.total == count_cases(env.ctx, page.current_filter())

    page.filters.search_edit.clear()
    page.filters.from_edit.setDate(NOW.date() - timedelta(days=10))
    _settle(qtbot, page)
    start = NOW.date() - timedelta(days=10)
    assert page.model.total == sum(start <= c.received_at.date() <= NOW.date() for c in cases)


def _shown(qtbot, model: CaseTableModel, row: int) -> list[str]:
    """The row once its page has been read in the background (a grey "…" until then)."""

    def ready() -> bool:
        if model.row_ready(row):
            return True
        model.data(model.index(row, 0))  # asked for again, as a view repainting does
        return False

    qtbot.waitUntil(ready, timeout=10_000)
    return _row(model, row)


def test_lazy_model_loads_pages_not_the_whole_table(qtbot, env):
    _bulk(env, 5000)
    page = _page(qtbot, env)
    model = page.model
    assert model.rowCount() == 5000
    # Only what the view painted: one or two pages, not 5,000 rows.
    assert 0 < model.loaded_rows <= 2 * CaseTableModel.PAGE_SIZE
    with env.ctx.db.session() as s:
        newest_no = s.scalar(select(Case.case_no).order_by(Case.received_at.desc(), Case.id.desc()).limit(1))
        first_no = s.scalar(select(func.min(Case.case_no)))
        last_no = s.scalar(select(func.max(Case.case_no)))
    assert _row(model, 0)[0] == newest_no

    assert _row(model, 4321)[0] == "…"  # read in the background, shown as soon as it is here
    _shown(qtbot, model, 4321)
    assert model.loaded_rows <= 3 * CaseTableModel.PAGE_SIZE

    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _shown(qtbot, model, 0)[0] == first_no
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown(qtbot, model, 0)[0] == last_no
    assert model.rowCount() == 5000
    assert model.loaded_rows <= 2 * CaseTableModel.PAGE_SIZE

    # A column that cannot be sorted in SQL leaves the order and the indicator alone.
    page.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)
    assert page.table.horizontalHeader().sortIndicatorSection() == 0
    assert _row(model, 0)[0] == last_no


def test_model_passes_the_model_tester(qtbot, qtmodeltester, env):
    _bulk(env, 450)
    model = CaseTableModel(lambda: env.ctx, env.runner)
    model.reload(CaseFilter(as_of=NOW.date()))
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    model.reload(CaseFilter(window_id=env.seeded.windows["01"], as_of=NOW.date()))
    qtmodeltester.check(model)
    assert model.rowCount() == 225
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)
    qtmodeltester.check(model)


def test_case_dialog_records_completion_and_special_procedure(qtbot, env):
    case_id = register_case(
        env.ctx,
        CaseInput("01", "SC001", ApplicantType.PERSON, "赵六", datetime(2026, 5, 6, 9, 0), person_id(4)),
        now=NOW,
    )
    page = _page(qtbot, env)
    dialog = page.open_case(case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    # Accepted Wed 6 May, 3 working days: due Sat 9 May (a make-up working day); Monday 11 is late.
    assert dialog.detail is not None and dialog.detail.deadline.state is DeadlineState.OVERDUE
    assert "ffccc7" in dialog.badge.styleSheet()
    assert dialog.history.rowCount() == 1
    assert dialog.periods_empty.text().startswith("No special procedure") and dialog.periods.rowCount() == 0

    dialog.period_start.setDate(date(2026, 5, 7))
    dialog.period_reason.setText("专家评审")
    dialog.add_period_button.click()
    assert not dialog.complete_button.isEnabled()  # the dialog waits while the procedure is stored
    _stored(qtbot, env)
    assert dialog.error.isHidden()
    assert dialog.periods.rowCount() == 1
    assert dialog.detail.deadline.due is None
    assert dialog.end_period_button.isEnabled()

    dialog.end_date.setDate(date(2026, 5, 8))
    dialog.end_period_button.click()
    _stored(qtbot, env)
    assert dialog.detail.deadline.due == date(2026, 5, 12)
    assert dialog.detail.deadline.state is DeadlineState.ON_TIME

    assert dialog.completion_done.isHidden()
    dialog.completion_note.setText("材料齐全")
    dialog.complete_button.click()
    _stored(qtbot, env)
    assert dialog.detail.status is CaseStatus.COMPLETED
    assert not dialog.complete_button.isEnabled()
    assert not dialog.completion_done.isHidden() and "finished" in dialog.completion_done.text()
    assert [dialog.history.item(r, 2).text() for r in range(dialog.history.rowCount())] == [
        "登记",
        "特别程序",
        "特别程序结束",
        "办结",
    ]
    _settle(qtbot, page)
    assert page.model.total == 1
    assert _row(page.model, 0)[10] == "2026-05-11 10:00"


def test_a_case_dialog_opens_at_once_and_reads_its_case_off_the_ui_thread(qtbot, env, monkeypatch):
    from hallmonitor.ui.cases import dialog as dialog_module

    case_id = register_case(
        env.ctx, CaseInput("01", "SC001", ApplicantType.PERSON, "赵六", datetime(2026, 5, 8, 9, 0)), now=NOW
    )
    threads: list[int] = []
    original = dialog_module.case_detail

    def case_detail(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(dialog_module, "case_detail", case_detail)
    page = _page(qtbot, env)
    dialog = page.open_case(case_id)
    qtbot.addWidget(dialog)
    # On screen before the case is read: it says so and offers nothing to record yet.
    assert dialog.isVisible() and dialog.title.text() == "Loading the case…"
    assert not dialog.complete_button.isEnabled() and not dialog.correct_button.isEnabled()
    assert dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    assert dialog.title.text().startswith(dialog.detail.case_no)
    assert dialog.complete_button.isEnabled() and dialog.correct_button.isEnabled()
    assert threads and threading.get_ident() not in threads


def test_a_case_dialog_whose_case_is_gone_says_so_in_a_sentence(qtbot, env):
    page = _page(qtbot, env)
    dialog = page.open_case(987654)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.title.text() == "The case could not be read."
    assert dialog.error.text() and "Traceback" not in dialog.error.text()
    assert not dialog.complete_button.isEnabled() and dialog.close_button.isEnabled()


def test_case_dialog_shows_errors_inline(qtbot, env):
    case_id = register_case(
        env.ctx, CaseInput("01", "SC001", ApplicantType.PERSON, "赵六", datetime(2026, 5, 8, 9, 0)), now=NOW
    )
    page = _page(qtbot, env)
    dialog = page.open_case(case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    dialog.add_period_button.click()  # no reason given
    _stored(qtbot, env)
    assert dialog.error.isVisible() and "事由" in dialog.error.text()
    assert dialog.periods.rowCount() == 0


def test_shell_shortcuts(qtbot, env):
    page = _page(qtbot, env)
    page.window().activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    page.focus_search()
    assert page.filters.search_edit.hasFocus()
    page.form.name_edit.setText("x")
    page.new_case()
    assert page.form.window_edit.hasFocus()
    assert page.form.name_edit.text() == ""


def test_the_form_does_not_offer_a_deactivated_item(qtbot, env):
    from hallmonitor.services.hall_data import list_items, set_item_active

    [item] = [i for i in list_items(env.ctx) if i.code == "SC002"]
    set_item_active(env.ctx, item.id, False, "事项调整")
    page = _page(qtbot, env)
    offered = page.form.item_edit.completer().model().stringList()
    assert any(line.startswith("SC001") for line in offered)
    assert not any(line.startswith("SC002") for line in offered)


def test_the_page_has_a_title_and_an_empty_table_says_what_to_do(qtbot, env):
    from PySide6.QtWidgets import QLabel

    page = _page(qtbot, env)
    assert "Cases" in [label.text() for label in page.findChildren(QLabel)]
    assert page.model.total == 0 and page.empty_hint.shown
    assert page.empty_hint.text() == (
        "No case was received from 2026-04-11 to 2026-05-11. Register one with the form on the left, "
        "or untick “Received” to look at every date."
    )
    page.filters.date_check.setChecked(False)
    _settle(qtbot, page)
    assert page.empty_hint.text().startswith("No cases yet: register the first with the form on the left")
    page.filters.search_edit.setText("不存在的申请人")
    page.apply_filters()
    _settle(qtbot, page)
    assert page.empty_hint.text().startswith("No case matches these filters")
    register_case(
        env.ctx, CaseInput("01", "SC001", ApplicantType.PERSON, "赵六", datetime(2026, 5, 8, 9, 0)), now=NOW
    )
    page.filters.search_edit.clear()
    page.apply_filters()
    _settle(qtbot, page)
    assert page.model.total == 1 and not page.empty_hint.shown
