"""办件登记's search box and the chips of its active filters, used as a supervisor would."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QRect, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from hallmonitor.domain.enums import ApplicantType, CaseStatus
from hallmonitor.domain.texts import say
from hallmonitor.services.cases import (
    NO_KEY_SEARCH,
    CaseFilter,
    CaseInput,
    find_cases,
    register_case,
)
from hallmonitor.services.hall import hall_context
from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from hallmonitor.ui.cases.models import CaseTableModel
from hallmonitor.ui.cases.page import CasesPage
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from hallmonitor.ui.shell.main_window import default_geometry
from tests.support.case_seed import bulk_cases, person_id, seed_hall
from tests.support.screens import CJK_FAMILIES, app_font, ui_language

NOW = datetime(2026, 5, 11, 10, 0)
OVERDUE_DAYS_AGO = (100, 75, 28, 20, 15, 12, 10, 8, 7, 6)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _env(ctx, qapp) -> UiEnv:
    return UiEnv(ctx=ctx, runner=OperationRunner(QThreadPool()), bus=ChangeBus(), clock=lambda: NOW)


@pytest.fixture
def env(sqlite_hall, qapp):
    seed_hall(sqlite_hall)
    env = _env(sqlite_hall, qapp)
    # Ten open cases past their due dates over three months, the oldest two long before the last 30 days.
    for days_ago in OVERDUE_DAYS_AGO:
        received = (NOW - timedelta(days=days_ago)).replace(hour=9)
        register_case(sqlite_hall, _entry("01", f"超时{days_ago:03d}", received), now=NOW)
    register_case(sqlite_hall, _entry("02", "王五", NOW.replace(hour=9)), now=NOW)
    register_case(sqlite_hall, _entry("01", "张三", NOW.replace(hour=9, minute=5), person_id(1)), now=NOW)
    yield env
    env.runner.wait(10_000)


def _entry(window: str, name: str, at: datetime, applicant_id: str = "") -> CaseInput:
    item = "ZR001" if window == "02" else "SC001"
    return CaseInput(window, item, ApplicantType.PERSON, name, at, applicant_id)


def _page(qtbot, env) -> CasesPage:
    page = CasesPage(env)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page._painted, timeout=10_000)
    _settle(qtbot, page)
    return page


def _settle(qtbot, page: CasesPage) -> None:
    qtbot.waitUntil(lambda: not page.env.runner.busy, timeout=10_000)


def _names(page: CasesPage) -> list[str]:
    return [page.model.row_data(r).applicant_name for r in range(page.model.rowCount())]


def _chips(page: CasesPage) -> dict[str, str]:
    return {chip.key: chip.label.text() for chip in page.filters.chip_bar.chips if chip.isVisibleTo(page)}


def _remove(qtbot, page: CasesPage, key: str) -> None:
    chip = page.filters.chip_bar.chip(key)
    assert chip is not None, _chips(page)
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, page)


def _type(qtbot, page: CasesPage, text: str) -> None:
    """Typed: ASCII key by key, Chinese committed by the input method as a Chinese keyboard does."""
    page.filters.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(page.filters.search_edit, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(page.filters.search_edit, event)
    qtbot.waitUntil(lambda: not page.filters.search_timer.isActive(), timeout=5000)  # the typing pause
    _settle(qtbot, page)


def test_typing_filters_the_table_by_number_name_window_and_id_number(qtbot, env):
    with ui_language("zh_CN"):
        page = _page(qtbot, env)
        assert "窗口号" in page.filters.search_edit.placeholderText()
        assert page.model.total == 10  # the default 30 days: the two oldest are not in them
        _type(qtbot, page, "0511-000")  # the middle of a number: received today, H001-20260511-000N
        assert sorted(_names(page)) == ["张三", "王五"]
        # A search looks at every date: the two cases older than the default 30 days are found too.
        _type(qtbot, page, "超时0")
        assert sorted(_names(page)) == [f"超时{d:03d}" for d in sorted(OVERDUE_DAYS_AGO) if d < 100]
        assert "received" not in _chips(page) and not page.filters.date_check.isChecked()
        _type(qtbot, page, "02")  # a window's number, though every case number holds "02"
        assert _names(page) == ["王五"]
        assert _chips(page)["search"] == "搜索：窗口 02 不动产登记"
        number = person_id(1)
        _type(qtbot, page, f"{number[:6]} {number[6:14]} {number[14:]}")
        assert _names(page) == ["张三"]
        chip = _chips(page)["search"]
        assert chip.startswith("搜索：证件号码 ") and number not in chip.replace(" ", "")
        assert "********" in chip  # masked, as the number is everywhere else


def test_overdue_only_shows_every_overdue_case_not_only_the_last_30_days(qtbot, env):
    with ui_language("zh_CN"):
        page = _page(qtbot, env)
        assert "received" in _chips(page)  # the default range is a filter too, and says so
        page.filters.overdue_check.setChecked(True)
        _settle(qtbot, page)
        assert page.model.total == 10 == len(OVERDUE_DAYS_AGO)  # 10 of 10, not 8
        assert not page.filters.date_check.isChecked() and not page.filters.from_edit.isEnabled()
        assert set(_chips(page)) == {"overdue"} and _chips(page)["overdue"] == "仅超时"
        page.filters.flagged_check.setChecked(True)
        page.filters.flagged_check.setChecked(False)
        _settle(qtbot, page)
        assert page.model.total == 10 and not page.filters.date_check.isChecked()

        _remove(qtbot, page, "overdue")
        assert not page.filters.overdue_check.isChecked()
        assert page.filters.date_check.isChecked() and "received" in _chips(page)  # back to the last 30 days
        assert page.model.total == 10  # 8 overdue in range + 2 of today


def test_a_range_the_user_chose_stays_under_overdue_only_and_a_search(qtbot, env):
    page = _page(qtbot, env)
    page.filters.from_edit.setDate(NOW.date() - timedelta(days=14))
    _settle(qtbot, page)
    page.filters.overdue_check.setChecked(True)
    _settle(qtbot, page)
    assert page.filters.date_check.isChecked()
    assert page.model.total == sum(1 for d in OVERDUE_DAYS_AGO if d <= 14) == 5
    assert set(_chips(page)) == {"received", "overdue"}
    _type(qtbot, page, "超时")
    assert page.filters.date_check.isChecked() and page.model.total == 5
    _remove(qtbot, page, "search")
    _remove(qtbot, page, "received")  # all dates, as chosen: the choice holds
    assert not page.filters.date_check.isChecked() and page.model.total == 10
    page.filters.overdue_check.setChecked(False)
    _settle(qtbot, page)
    assert not page.filters.date_check.isChecked() and page.model.total == 12


def test_each_active_filter_has_a_chip_whose_cross_takes_it_off(qtbot, env):
    with ui_language("zh_CN"):
        page = _page(qtbot, env)
        page.filters.window_combo.setCurrentIndex(page.filters.window_combo.findText("01 企业开办"))
        page.filters.department_combo.setCurrentIndex(page.filters.department_combo.findText("市场监管局"))
        page.filters.status_combo.setCurrentIndex(page.filters.status_combo.findData(CaseStatus.ACCEPTED))
        page.filters.flagged_check.setChecked(True)
        _type(qtbot, page, "超时")
        chips = _chips(page)
        assert set(chips) == {"search", "window", "department", "status", "front_shop"}
        assert chips["window"] == "窗口：01 企业开办" and chips["department"] == "部门：市场监管局"
        assert chips["search"] == "搜索：超时" and chips["front_shop"] == "仅前店后厂"
        assert page.model.total == 0  # no case of the hall has a flag
        # The chips sit above the table, inside the page, none cut.
        for chip in page.filters.chip_bar.chips:
            assert chip.label.fontMetrics().horizontalAdvance(chip.label.text()) <= chip.label.width()
            assert (
                chip.mapTo(page, chip.rect().bottomLeft()).y()
                < page.table.mapTo(page, page.table.rect().topLeft()).y()
            )

        _remove(qtbot, page, "front_shop")  # the search still looks at every date
        assert not page.filters.flagged_check.isChecked() and "received" not in _chips(page)
        assert page.model.total == 10
        _remove(qtbot, page, "window")
        assert page.filters.window_combo.currentIndex() == 0 and "window" not in _chips(page)
        _remove(qtbot, page, "status")
        _remove(qtbot, page, "department")
        assert page.filters.status_combo.currentIndex() == page.filters.department_combo.currentIndex() == 0
        _remove(qtbot, page, "search")  # nothing asks for every date now: the last 30 days again
        assert page.filters.search_edit.text() == "" and set(_chips(page)) == {"received"}
        assert page.model.total == 10  # 8 overdue in the range and the 2 of today
        _remove(qtbot, page, "received")
        assert _chips(page) == {} and not page.filters.chip_bar.isVisible()
        assert page.model.total == 12


def test_an_id_search_on_a_pc_without_the_key_says_so(qtbot, env, qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "keys-of-another-pc"))
    other = hall_context(open_database(env.ctx.db.url), login="sup")
    try:
        page = _page(qtbot, _env(other, qapp))
        _type(qtbot, page, person_id(1))
        assert page.model.total == 0
        assert page.filters.notice.isVisible() and page.filters.notice.text() == say(NO_KEY_SEARCH)
        _type(qtbot, page, "张")  # a name is still found, and the sentence goes
        assert _names(page) == ["张三"] and not page.filters.notice.isVisible()
        page.env.runner.wait(10_000)
    finally:
        other.db.close()


def test_a_broad_search_lists_the_first_cases_and_says_so(qtbot, env, monkeypatch):
    monkeypatch.setattr("hallmonitor.services.cases.paging.SEARCH_CAP", 4)
    page = _page(qtbot, env)
    page.filters.date_check.setChecked(False)
    _type(qtbot, page, "超时")
    assert page.model.total == 4 and "More than 4" in page.filters.count_label.text()
    assert page.filters.notice.isVisible() and "the first 4" in page.filters.notice.text()
    _type(qtbot, page, "超时10")
    assert _names(page) == ["超时100"] and not page.filters.notice.isVisible()


def test_a_searchs_rows_come_at_once_and_a_new_order_in_the_background(
    qtbot, qtmodeltester, sqlite_hall, qapp, monkeypatch
):
    seeded = seed_hall(sqlite_hall)
    bulk_cases(sqlite_hall, seeded, 650, first_day=NOW.date() - timedelta(days=20), days=20)
    env = _env(sqlite_hall, qapp)
    page = _page(qtbot, env)
    _type(qtbot, page, "申请人")
    model = page.model
    assert model.total == 650 and model.loaded_rows == 650  # every page of the search is in hand
    assert model.resort is not None
    fetched: list[object] = []
    # Any page asked for now is a bug.
    monkeypatch.setattr(
        "hallmonitor.ui.cases.models.case_page", lambda *args, **kw: fetched.append(args) or []
    )
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by case number
    _settle(qtbot, page)
    assert fetched == []
    numbers = [model.row_data(r).case_no for r in range(model.rowCount())]
    assert numbers == sorted(numbers) and len(numbers) == 650
    qtmodeltester.check(model)
    env.runner.wait(10_000)


def test_the_model_holds_a_search_of_several_pages(qtbot, qtmodeltester, sqlite_hall):
    seeded = seed_hall(sqlite_hall)
    bulk_cases(sqlite_hall, seeded, 450, first_day=NOW.date() - timedelta(days=20), days=20)
    runner = OperationRunner(QThreadPool())
    model = CaseTableModel(lambda: sqlite_hall, runner)
    search = CaseFilter(text="申请人", as_of=NOW.date())
    result = find_cases(sqlite_hall, search)
    model.apply(search, result.total, result.rows)
    assert model.rowCount() == 450 and model.loaded_rows == 450
    qtmodeltester.check(model)
    # A first page handed over alone leaves the rest to be read as the view scrolls.
    model.apply(CaseFilter(as_of=NOW.date()), 450, result.rows[:250])
    assert model.loaded_rows == CaseTableModel.PAGE_SIZE
    assert model.index(449, 0).data() == "…"  # shown while its page is read
    qtbot.waitUntil(lambda: model.row_data(449) is not None, timeout=10_000)
    qtmodeltester.check(model)
    runner.wait(10_000)


@pytest.mark.parametrize("family", CJK_FAMILIES)
def test_on_a_1366_screen_every_chip_shows_whole_beside_the_form(qtbot, env, family):
    with app_font(family), ui_language("zh_CN"):
        window = MainWindow(env)
        qtbot.addWidget(window)
        size = default_geometry(QRect(0, 0, 1366, 728)).size()
        window.resize(size)
        window.show()
        with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "cases"):
            window.show_page("cases")
        page = window.page("cases")
        assert isinstance(page, CasesPage)
        page.filters.from_edit.setDate(NOW.date() - timedelta(days=60))
        page.filters.window_combo.setCurrentIndex(page.filters.window_combo.findText("01 企业开办"))
        page.filters.department_combo.setCurrentIndex(page.filters.department_combo.findText("市场监管局"))
        page.filters.status_combo.setCurrentIndex(page.filters.status_combo.findData(CaseStatus.ACCEPTED))
        page.filters.overdue_check.setChecked(True)
        page.filters.flagged_check.setChecked(True)
        _type(qtbot, page, "示范市安捷教育科技有限公司企业开办设立登记与公章刻制备案")
        qtbot.waitUntil(lambda: len(_chips(page)) == 7)
        right = page.table.mapTo(page, page.table.rect().topRight()).x()
        for chip in page.filters.chip_bar.chips:
            assert chip.label.fontMetrics().horizontalAdvance(chip.label.text()) <= chip.label.width()
            assert chip.mapTo(page, chip.rect().topRight()).x() <= right, chip.label.text()
        assert "…" in _chips(page)["search"]  # a long search is cut in its chip, whole in the box
        assert page.table.viewport().height() > 10 * page.table.verticalHeader().defaultSectionSize()
        env.runner.wait(10_000)
