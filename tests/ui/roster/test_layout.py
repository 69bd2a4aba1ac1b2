"""The roster fits a 1366×768 office screen: a whole week's sessions beside the side panel, no sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from hallmonitor.ui.roster.delegate import cell_width
from hallmonitor.ui.roster.page import RosterPage
from hallmonitor.ui.shell import MainWindow
from hallmonitor.ui.shell.main_window import default_geometry
from tests.support.screens import CJK_FAMILIES, app_font, ui_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

#: What a 1366×768 screen leaves with a 40-pixel taskbar at the bottom.
OFFICE_SCREEN = QRect(0, 0, 1366, 728)


def roster_in_window(qtbot, env, screen: QRect) -> RosterPage:  # type: ignore[no-untyped-def]
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.setGeometry(default_geometry(screen))
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "roster"):
        window.show_page("roster")
    for _ in range(5):
        QApplication.processEvents()
    return window.page("roster")


@pytest.mark.parametrize("family", CJK_FAMILIES)
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_on_a_1366_screen_the_whole_week_shows_beside_the_panel(qtbot, env, family, language):
    with app_font(family), ui_language(language):
        page = roster_in_window(qtbot, env, OFFICE_SCREEN)
        grid = page.table
        assert page.panel.isVisible()
        assert page.model.columnCount() == 10  # five working days, two sessions each
        assert grid.horizontalScrollBar().maximum() == 0
        columns = grid.horizontalHeader()
        room = cell_width(grid.font())
        assert all(columns.sectionSize(c) >= room for c in range(columns.count()))
        assert (
            columns.sectionViewportPosition(columns.count() - 1) + columns.sectionSize(columns.count() - 1)
            <= grid.viewport().width()
        )


def test_a_three_character_name_in_bold_fits_a_cell_of_the_narrowest_width(qapp):
    for size in (9.0, 10.0, 12.0):
        font = QFont(qapp.font())
        font.setPointSizeF(size)
        bold = QFont(font)
        bold.setBold(True)
        name = QFontMetrics(bold).horizontalAdvance("欧阳娜")
        badge = QFontMetrics(font).horizontalAdvance("辅")
        assert cell_width(font) >= name + badge + QFontMetrics(font).horizontalAdvance("✓")


def test_the_side_panel_folds_away_for_the_grid_and_comes_back_to_add_someone(qtbot, env):
    page = roster_in_window(qtbot, env, OFFICE_SCREEN)
    grid_width = page.table.width()
    assert page.panel_button.text() == "Hide side panel"
    page.panel_button.click()
    assert not page.panel.isVisible() and page.panel_button.text() == "Show side panel"
    qtbot.waitUntil(lambda: page.table.width() > grid_width, timeout=2_000)
    page.table.add_requested.emit()  # the grid's menu: Add staff…
    assert page.panel.isVisible() and page.panel_button.text() == "Hide side panel"
    qtbot.waitUntil(page.panel.add_edit.hasFocus, timeout=2_000)
    whole = sum(page.splitter.sizes())
    page.splitter.setSizes([whole, 0])  # as when dragged to the edge
    page.splitter.splitterMoved.emit(whole, 1)
    assert page.panel_button.text() == "Show side panel"
    page.panel_button.click()
    assert page.splitter.sizes()[1] >= page.panel.minimumWidth()
    assert page.panel_button.text() == "Hide side panel"


def test_a_window_heading_puts_the_department_under_the_number_cut_to_the_header(qtbot, env):
    page = roster_in_window(qtbot, env, OFFICE_SCREEN)
    model = page.model
    metrics, width = model.heading_fit
    for row, window in enumerate(model.week.windows):
        number, department = model.headerData(row, Qt.Orientation.Vertical).split("\n")
        assert number == window.number and metrics.horizontalAdvance(department) <= width
        assert window.department in model.headerData(
            row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole
        )
    window = model.week.windows[0]
    model.heading_fit = (metrics, metrics.horizontalAdvance(window.department) - 1)  # one pixel short
    department = model.headerData(0, Qt.Orientation.Vertical).split("\n")[1]
    assert department.endswith("…") and window.department.startswith(department[:-1])
