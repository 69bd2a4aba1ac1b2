"""The case table read page by page in the background: every order, a jump of the scroll bar, a new filter.

The rows the table shows are held against the same cases sorted in Python
(tests/support/case_order.py); the reads are watched for the thread they
run on.
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QTableView

from hallmonitor.services.cases import CaseFilter, find_cases
from hallmonitor.ui.cases import models
from hallmonitor.ui.cases.cells import COLUMNS
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.cases.page import CasesPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.case_order import expected_order, varied_cases
from tests.support.case_seed import seed_hall

NOW = datetime(2026, 5, 11, 10, 0)
FIRST = date(2026, 3, 20)
CASES = 2000
EVERY_DATE = CaseFilter(as_of=NOW.date())

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def seeded(sqlite_hall):
    seeded = seed_hall(sqlite_hall)
    varied_cases(sqlite_hall, seeded, CASES, first_day=FIRST)
    return seeded


@pytest.fixture
def hall(sqlite_hall, seeded):
    return sqlite_hall


@pytest.fixture
def runner(qapp):
    runner = OperationRunner(QThreadPool())  # its own pool: no other test's stuck job can starve it
    yield runner
    runner.wait(30_000)


def _model(hall, runner, f: CaseFilter = EVERY_DATE) -> CaseTableModel:
    model = CaseTableModel(lambda: hall, runner)
    shown = find_cases(hall, f)
    model.apply(f, shown.total, shown.rows)
    return model


def _ids(qtbot, model: CaseTableModel, rows: range) -> list[int]:
    """The cases in these rows, once their pages have been read (asked for again, as a view repaints)."""

    def ready() -> bool:
        missing = [r for r in rows if not model.row_ready(r)]
        for row in missing[:: CaseTableModel.PAGE_SIZE // 2]:
            model.data(model.index(row, 0))
        return not missing

    qtbot.waitUntil(ready, timeout=30_000)
    return [model.data(model.index(r, 0), CaseTableModel.CASE_ID_ROLE) for r in rows]


def _view(qtbot, model: CaseTableModel) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(24)
    view.resize(900, 500)
    view.show()
    return view


def _visible(view: QTableView) -> range:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else view.model().rowCount() - 1) + 1)


@pytest.mark.parametrize(("column", "key"), [(c, k) for c, (k, _) in enumerate(COLUMNS) if k is not None])
def test_sorting_by_a_column_lists_every_case_as_the_full_sort_does(qtbot, hall, runner, column, key):
    model = _model(hall, runner)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        expected = expected_order(hall, key, order == Qt.SortOrder.DescendingOrder)
        assert model.rowCount() == len(expected) == CASES
        assert _ids(qtbot, model, range(CASES)) == expected, (key, order)


def test_a_jump_of_the_scroll_bar_and_one_to_the_end_show_the_rows_there(qtbot, qtmodeltester, hall, runner):
    model = _model(hall, runner)
    model.sort(5, Qt.SortOrder.AscendingOrder)  # by applicant: many share a name
    expected = expected_order(hall, "applicant_name", False)
    view = _view(qtbot, model)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() * 7 // 10)
    shown = _visible(view)
    assert shown.start > CASES // 2
    # Grey dots first: the page is read in the background, from the outline.
    assert model.index(shown.start, 0).data() == "…"
    assert model.index(shown.start, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert _ids(qtbot, model, shown) == expected[shown.start : shown.stop]

    view.scrollToBottom()
    shown = _visible(view)
    assert shown.stop == CASES
    assert _ids(qtbot, model, shown) == expected[shown.start :]
    qtmodeltester.check(model)


def test_a_new_filter_never_shows_a_row_of_the_old_one(qtbot, hall, seeded, runner):
    model = _model(hall, runner)
    window_02 = seeded.windows["02"]
    narrow = CaseFilter(window_id=window_02, as_of=NOW.date())
    theirs = set(expected_order(hall, "received_at", True, narrow))
    # Pages of every case asked for, then the filter changes before they arrive.
    for row in (700, 1300, 1990):
        model.data(model.index(row, 0))
    assert model.busy
    shown = find_cases(hall, narrow)
    model.apply(narrow, shown.total, shown.rows)
    assert model.rowCount() == len(theirs) < CASES
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    ids = _ids(qtbot, model, range(model.rowCount()))
    assert set(ids) == theirs
    assert all(model.row_data(r).window == "02" for r in range(model.rowCount()))


def test_the_page_drops_a_page_read_for_the_filter_it_had(qtbot, hall, seeded, runner):
    env = UiEnv(ctx=hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    page = CasesPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page._painted and not runner.busy, timeout=20_000)
    page.filters.date_check.setChecked(False)
    qtbot.waitUntil(lambda: not runner.busy and page.model.total == CASES, timeout=20_000)
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # pages of every case on their way
    page.filters.window_combo.setCurrentIndex(page.filters.window_combo.findData(seeded.windows["01"]))
    qtbot.waitUntil(lambda: not runner.busy and 0 < page.model.total < CASES, timeout=20_000)
    model = page.model
    rows = range(model.rowCount())
    assert {model.row_data(r).window for r in _visible(page.table) if model.row_ready(r)} <= {"01"}
    _ids(qtbot, model, rows)
    assert {model.row_data(r).window for r in rows} == {"01"}


def test_pages_and_the_outline_are_read_off_the_ui_thread(qtbot, hall, runner, monkeypatch):
    threads: list[int] = []

    def recorded(name: str):  # type: ignore[no-untyped-def]
        original = getattr(models, name)

        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(threading.get_ident())
            return original(*args, **kwargs)

        monkeypatch.setattr(models, name, call)

    recorded("case_page")
    recorded("case_outline")
    model = _model(hall, runner)
    view = _view(qtbot, model)
    bar = view.verticalScrollBar()
    for step in range(1, 11):  # a drag, top to bottom
        bar.setValue(bar.maximum() * step // 10)
        qtbot.wait(20)
    shown = _visible(view)
    assert _ids(qtbot, model, shown) == expected_order(hall, "received_at", True)[shown.start : shown.stop]
    assert QThread.currentThread() is QApplication.instance().thread()
    assert len(threads) >= 2 and threading.get_ident() not in threads
