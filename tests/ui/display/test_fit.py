"""The hall display's type follows the screen: at 1366×768 no department runs into a window number.

Forty windows with the longest department names a hall has, in both CJK
fonts: every piece of every cell is measured against its label and its cell,
and the type is larger on a 1920×1080 screen than on a 1366×768 one.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from hallmonitor.ui.display.cell import BORDER
from hallmonitor.ui.display.screen import HallDisplay
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.hall_builder import Clock
from tests.support.long_names import MORNING, build_long_names_hall
from tests.support.screens import CJK_FAMILIES, app_font, label_misfits, ui_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, qapp):
    build_long_names_hall(sqlite_hall, zones=4)
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(MORNING))
    yield env
    env.runner.wait(10_000)


def shown_at(qtbot, env, width: int, height: int) -> HallDisplay:
    display = HallDisplay(env)
    qtbot.addWidget(display)
    display.resize(width, height)
    display.show()
    qtbot.waitUntil(lambda: display.data is not None and not display._gate.loading, timeout=10_000)
    qtbot.waitUntil(lambda: all(c.labels["number"].height() > 0 for c in display.cells.values()))
    return display


def cell_misfits(display: HallDisplay) -> list[str]:
    problems = []
    for number, cell in display.cells.items():
        inside = cell.rect().adjusted(BORDER, BORDER, -BORDER, -BORDER)
        problems += [f"{number}: {p}" for p in label_misfits(cell, cell.findChildren(QLabel), inside)]
        if not display.grid_widget.rect().contains(cell.geometry()):
            problems.append(f"{number}: the cell leaves the grid")
    return problems


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("family", CJK_FAMILIES)
def test_no_piece_of_a_cell_runs_into_another_at_1366_or_1920(qtbot, env, family, language):
    with app_font(family), ui_language(language):
        small = shown_at(qtbot, env, 1366, 768)
        assert len(small.cells) == 40
        assert cell_misfits(small) == []
        assert all(c.labels["number"].text() == c.number for c in small.cells.values())
        # Long names keep their first part rather than an ellipsis: 自然资源和规划局（…） reads 自然资源和规划局.
        departments = {c.labels["department"].text() for c in small.cells.values()}
        assert not any(text.endswith("…") for text in departments)
        header = [small.title, small.slot_label, small.clock_label]
        assert label_misfits(small, header, small.rect()) == []
        small_type = small.cells["A01"].labels["number"].font().pixelSize()
        small.hide()

        large = shown_at(qtbot, env, 1920, 1080)
        assert cell_misfits(large) == []
        large_type = large.cells["A01"].labels["number"].font().pixelSize()
        assert large_type > small_type * 1.2
        large.hide()
