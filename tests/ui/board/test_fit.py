"""Every tile's text fits its tile, in both CJK fonts and both languages, at 1366 and 1920 pixels.

Measured, not looked at: each label's text against its rectangle with the
label's own QFontMetrics, each label inside its tile's border, no two labels
of a tile overlapping, every person on duty named (or counted in "+N" and
listed in the tooltip), and the zones within the width, using most of it.
"""

from __future__ import annotations

import pytest

from hallmonitor.ui.board.page import BoardPage
from hallmonitor.ui.board.text_fit import wrapped
from hallmonitor.ui.board.tile_layout import MAX_DUTY_LINES
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from tests.support.hall_builder import Clock
from tests.support.long_names import (
    AUXILIARY_WITH_ORDER,
    COMPLIANT_WITH_CLOSURE,
    CROWDED,
    LONG_DEPARTMENT,
    MORNING,
    NAMES,
    SIX_AT,
    build_long_names_hall,
)
from tests.support.screens import CJK_FAMILIES, app_font, tile_misfits, ui_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

#: The main window on each screen: what ``default_geometry`` gives a 1366×768 screen, and a maximised 1080p one.
SCREENS = {"1366x768": (1350, 728), "1920x1080": (1920, 1040)}


@pytest.fixture
def env(sqlite_hall, qapp):
    build_long_names_hall(sqlite_hall)
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(MORNING))
    yield env
    env.runner.wait(10_000)


def open_board(qtbot, env, size: tuple[int, int]) -> tuple[MainWindow, BoardPage]:
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "board"):
        window.show_page("board")
    page = window.page("board")
    assert isinstance(page, BoardPage)
    qtbot.waitUntil(lambda: page.zones_widget.width() > 0)
    return window, page


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("family", CJK_FAMILIES)
def test_every_tile_shows_all_its_text_within_its_rectangle(qtbot, env, family, language, screen):
    with app_font(family), ui_language(language):
        window, page = open_board(qtbot, env, SCREENS[screen])
        assert tile_misfits(page) == []
        for tile in page.tiles.values():
            assert tile.pieces["department"].text.replace("\n", "") == tile.tile.department
            assert tile.pieces["number"].text == tile.tile.number
            assert tile.pieces["name"].text == tile.tile.name
            hidden = tile.layout_.hidden
            assert len(tile.shown_people) + len(hidden) == len(tile.tile.on_duty)
            for person in tile.tile.on_duty:
                assert person.name in tile.toolTip()
        six = page.tiles[SIX_AT]
        assert len(six.shown_people) == 6, "six people fit a tile without +N"
        assert any(
            page.tiles[n].pieces["department"].text.replace("\n", "") == LONG_DEPARTMENT for n in page.tiles
        )

        # The zones stay within the width (the board never scrolls sideways) and use most of it.
        viewport = page.scroll.viewport()
        edges = [box.mapTo(viewport, box.rect().bottomRight()).x() for box in page.zone_boxes]
        assert max(edges) <= viewport.width()
        assert max(edges) >= 0.8 * viewport.width()
        window.close()


def test_a_duty_list_longer_than_a_tile_ends_in_plus_n_and_is_whole_in_the_tooltip(qtbot, env):
    with app_font(CJK_FAMILIES[1]):
        _window, page = open_board(qtbot, env, SCREENS["1366x768"])
        crowded = page.tiles[CROWDED]
        hidden = crowded.layout_.hidden
        assert hidden, "fourteen people do not fit three lines"
        assert crowded.pieces["more"].text == f"+{len(hidden)}"
        assert len(crowded.shown_people) + len(hidden) == len(NAMES)
        lines = {crowded.pieces[k].rect.top() for k in crowded.pieces if k.startswith("person:")}
        assert len(lines) <= MAX_DUTY_LINES
        assert all(name in crowded.toolTip() for name in NAMES)
        assert tile_misfits(page) == []


def test_colour_word_and_badge_agree_on_the_long_names_hall(qtbot, env):
    with app_font(CJK_FAMILIES[0]), ui_language("zh_CN"):
        _window, page = open_board(qtbot, env, SCREENS["1366x768"])
        compliant = page.tiles[COMPLIANT_WITH_CLOSURE]
        assert compliant.status_piece.text == "合规"
        assert compliant.ladder_piece.text == "已纠正 待销号"
        assert "建议临时关闭" in compliant.ladder_piece.tooltip
        amber = page.tiles[AUXILIARY_WITH_ORDER]
        assert amber.status_piece.text == "仅辅助人员"
        assert amber.ladder_piece.text == "责令纠正"


@pytest.mark.parametrize("family", CJK_FAMILIES)
def test_a_name_that_needs_two_lines_breaks_before_its_bracket(qapp, family):
    from PySide6.QtGui import QFont, QFontMetrics

    font = QFont(family)
    metrics = QFontMetrics(font)
    text = "自然资源和规划局（不动产登记中心）"
    width = (
        max(metrics.horizontalAdvance("自然资源和规划局"), metrics.horizontalAdvance("（不动产登记中心）"))
        + 4
    )
    shown, _w, _h, cut = wrapped(font, text, width)
    assert shown == "自然资源和规划局\n（不动产登记中心）" and not cut
    assert wrapped(font, text, metrics.horizontalAdvance(text) + 4)[0] == text  # one line when it fits
