"""The hall board as a supervisor sees it: tiles, colours, the clock, changes made elsewhere."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from hallmonitor.domain.enums import Session, StaffingVerdict
from hallmonitor.services.staffing import (
    CellKey,
    RosterCellChange,
    TileStatus,
    load_week,
    save_roster_changes,
    with_staff,
)
from hallmonitor.ui.board.page import BoardPage
from hallmonitor.ui.board.tiles import PALETTE
from hallmonitor.ui.shell import MainWindow
from tests.support.hall_builder import MONDAY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

AMBER = QColor(PALETTE[TileStatus.AUXILIARY_ONLY][1])


def open_board(qtbot, env) -> BoardPage:
    page = BoardPage(env)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    return page


def test_one_tile_per_window_in_the_colour_of_its_rule(qtbot, env):
    page = open_board(qtbot, env)
    status = {number: tile.property("status") for number, tile in page.tiles.items()}
    assert status == {
        "A01": "compliant",
        "A02": "auxiliary_only",
        "A03": "unstaffed",
        "B01": "compliant",
        "B02": "closed",
        "B03": "out_of_service",
    }
    assert page.tiles["A02"].colour == AMBER
    assert page.tiles["A02"].verdict is StaffingVerdict.AUXILIARY_ONLY
    assert page.tiles["B03"].colour == QColor("#9aa0a6")
    assert [box.title() for box in page.zone_boxes] == ["A区", "B区"]


def test_formal_and_auxiliary_staff_are_marked_apart(qtbot, env):
    page = open_board(qtbot, env)
    tile = page.tiles["A01"]
    assert tile.shown_people == ["张伟", "王芳"]
    assert [tile.pieces[f"badge:{i}"].text for i in range(2)] == ["F", "A"]
    assert tile.pieces["person:0"].font.bold() and not tile.pieces["person:1"].font.bold()
    assert page.tiles["A03"].pieces["nobody"].text == "Nobody on duty"


def test_planned_present_and_absent_staff_look_different(qtbot, env, small):
    from tests.support import builders as b

    b.duty(env.ctx, small.windows["B01"], small.staff["S003"], MONDAY, Session.MORNING, attendance=True)
    b.duty(env.ctx, small.windows["B01"], small.staff["S006"], MONDAY, Session.MORNING, attendance=False)
    page = open_board(qtbot, env)
    tile = page.tiles["B01"]
    assert tile.shown_people == ["李娜", "陈静", "杨磊"]  # formal by 工号, then auxiliary, absent last
    present, planned, absent = (tile.pieces[f"badge:{i}"].style for i in range(3))
    assert "background: #1f5fa8" in present  # solid: 到岗 confirmed
    assert "background: #ffffff" in planned and "border: 1px solid #1f5fa8" in planned  # outlined: planned
    assert "#8a8a8a" in absent and tile.pieces["person:2"].font.strikeOut()
    # As drawn: a confirmed badge filled in its colour, a planned one white inside its outline.
    image = tile.grab().toImage()
    inside = [tile.pieces[f"badge:{i}"].rect.adjusted(2, 2, 0, 0).topLeft() for i in range(3)]
    assert [image.pixelColor(point).name() for point in inside] == ["#1f5fa8", "#ffffff", "#ffffff"]
    assert "李娜 (present)" in tile.toolTip() and "陈静 (planned, not confirmed)" in tile.toolTip()
    assert "杨磊 (absent)" in tile.toolTip()
    legend = page.legend
    assert {"Confirmed present", "Planned, not confirmed", "Absent"} <= {
        w.text() for w in legend.findChildren(QLabel)
    }


def test_a_tile_is_drawn_in_its_status_colour_with_the_accent_on_its_left_edge(qtbot, env):
    page = open_board(qtbot, env)
    for number in ("A01", "A02", "B03"):
        tile = page.tiles[number]
        image = tile.grab().toImage()
        background, accent = PALETTE[tile.status]
        middle = tile.height() // 2
        assert image.pixelColor(2, middle).name() == accent
        assert image.pixelColor(tile.width() - 4, tile.height() - 3).name() == background
        # What a screen reader says of it: the pieces are drawn, not widgets of their own.
        assert tile.accessibleName() == f"{number} {tile.status_piece.text}"
        assert tile.accessibleDescription() == tile.toolTip()


def test_the_ladder_badge_shows_its_own_tooltip_and_the_rest_of_the_tile_the_tiles(qtbot, env):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    page = open_board(qtbot, env)
    tile = page.tiles["A02"]
    badge = tile.ladder_piece
    assert badge is not None and badge.tooltip
    for point, expected in (
        (badge.rect.center(), badge.tooltip),
        (QPoint(tile.width() - 4, 4), tile.toolTip()),
    ):
        QApplication.sendEvent(tile, QHelpEvent(QEvent.Type.ToolTip, point, tile.mapToGlobal(point)))
        qtbot.waitUntil(lambda expected=expected: QToolTip.text() == expected, timeout=2_000)
    QToolTip.hideText()


def test_the_header_counts_open_alerts_and_a_tile_shows_its_order_to_correct(qtbot, env):
    page = open_board(qtbot, env)
    assert page.tiles["A02"].ladder_piece.text == "Ordered to correct"
    assert "#c62828" in page.tiles["A02"].ladder_piece.style  # a red alarm on an amber tile
    assert page.tiles["A01"].ladder_piece is None
    assert page.alerts_label.property("count") == 1
    assert "1" in page.alerts_label.text()


def test_a_compliant_tile_never_carries_a_red_ladder_badge(qtbot, env, small):
    """The staffing now wins colour and word; the still open order reads as awaiting sign-off."""
    from tests.support import builders as b

    b.duty(
        env.ctx, small.windows["A02"], small.staff["S003"], MONDAY, Session.MORNING
    )  # a formal one arrives
    page = open_board(qtbot, env)
    tile = page.tiles["A02"]
    assert tile.status is TileStatus.COMPLIANT and tile.status_piece.text == "Compliant"
    assert tile.ladder_piece.text == "Corrected, awaiting sign-off"
    style = tile.ladder_piece.style
    assert "#c62828" not in style and PALETTE[TileStatus.COMPLIANT][1] in style
    assert "Ordered to correct is still open" in tile.ladder_piece.tooltip
    assert "red while the rule is still broken" in page.legend.rule.text()


def test_the_board_follows_the_clock_into_the_afternoon(qtbot, env, small):
    key = CellKey(small.windows["A03"], MONDAY, Session.AFTERNOON)
    week = load_week(env.ctx, MONDAY)
    formal = next(s for s in week.staff if s.staff_no == "S003")
    save_roster_changes(env.ctx, [RosterCellChange(key, with_staff((), formal))])
    page = open_board(qtbot, env)
    assert page.snapshot.session is Session.MORNING
    assert page.tiles["A03"].status is TileStatus.UNSTAFFED
    env.clock.now = datetime.combine(MONDAY, time(13, 40))
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.check_session()  # what the 30-second timer does
    assert page.snapshot.session is Session.AFTERNOON
    assert page.tiles["A03"].status is TileStatus.COMPLIANT


def test_nothing_reloads_while_the_session_stays_the_same(qtbot, env):
    page = open_board(qtbot, env)
    env.clock.now = datetime.combine(MONDAY, time(11, 59))
    with qtbot.assertNotEmitted(page.data_ready, wait=300):
        page.check_session()


def test_a_click_on_a_tile_shows_its_roster_and_cases(qtbot, qtmodeltester, env):
    page = open_board(qtbot, env)
    qtbot.mouseClick(page.tiles["A01"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail_dialog is not None and page.detail_dialog.isVisible(), timeout=10_000)
    dialog = page.detail_dialog
    assert dialog.cases.rowCount() == 3
    assert dialog.cases.item(0, 1).text() == "2026-000001"
    qtmodeltester.check(dialog.cases.model())
    dialog.close()


def test_an_auxiliary_only_roster_saved_on_the_roster_page_turns_the_tile_amber(qtbot, env, small):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "board"):
        window.show_page("board")
    board = window.page("board")
    assert board.tiles["A03"].status is TileStatus.UNSTAFFED

    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "roster"):
        window.show_page("roster")
    roster = window.page("roster")
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    roster.table.setCurrentIndex(roster.model.index_of(key))
    qtbot.keyClicks(roster.panel.add_edit, "S004")  # 刘洋, labour dispatch
    qtbot.keyClick(roster.panel.add_edit, Qt.Key.Key_Return)
    assert roster.model.verdict(key) is StaffingVerdict.AUXILIARY_ONLY
    assert board.tiles["A03"].status is TileStatus.UNSTAFFED  # nothing saved yet

    loads: list[bool] = []
    board.data_ready.connect(lambda: loads.append(True))
    with qtbot.waitSignal(env.bus.changed, timeout=10_000, check_params_cb=lambda topic: topic == "roster"):
        qtbot.mouseClick(roster.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)
    assert not loads  # behind the roster the board reads nothing
    with qtbot.waitSignal(board.data_ready, timeout=10_000):
        window.show_page("board")  # shown again, it reads and paints the new snapshot
    assert board.tiles["A03"].status is TileStatus.AUXILIARY_ONLY
    assert board.tiles["A03"].colour == AMBER


def test_a_tiles_detail_links_each_open_alert_to_the_alert_center(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.resize(1360, 760)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda key: key == "board"):
        window.show_page("board")
    board = window.page("board")
    qtbot.mouseClick(board.tiles["A02"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: board.detail_dialog is not None and board.detail_dialog.isVisible(), timeout=10_000
    )
    dialog = board.detail_dialog
    assert [a.summary for a in dialog.detail.alerts] == ["仅辅助人员"]
    (label,) = dialog.alert_labels
    assert "Staffing" in label.text() and "Order to correct" in label.text()
    alert_id = dialog.detail.alerts[0].alert_id
    assert f"href='alert:{alert_id}'" in label.text()

    label.linkActivated.emit(f"alert:{alert_id}")  # what a click on the link does
    assert window.current_key == "alerts"
    alerts = window.page("alerts")
    qtbot.waitUntil(lambda: alerts.detail is not None and alerts.detail.alert.id == alert_id, timeout=10_000)
    qtbot.waitUntil(
        lambda: alerts.table.currentIndex().row() == alerts.model.row_of(alert_id), timeout=10_000
    )
    dialog.close()


def test_an_empty_hall_says_under_the_title_where_to_add_windows(qtbot, sqlite_hall, qapp):
    from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
    from tests.support.hall_builder import Clock

    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    page = open_board(qtbot, env)
    assert page.empty_label.isVisible() and not page.legend.isVisible()
    assert page.empty_label.text().startswith("No windows yet: add them on Hall data, or File ▸ Import.")
    # Above the (blank) board, not under it at the foot of the page.
    assert page.empty_label.geometry().bottom() < page.scroll.geometry().top()
    env.runner.wait(10_000)


def test_a_reload_keeps_each_windows_tile_and_changes_only_what_it_shows(qtbot, env, small):
    page = open_board(qtbot, env)
    before = dict(page.tiles)
    assert page.tiles["A03"].status is TileStatus.UNSTAFFED
    key = CellKey(small.windows["A03"], MONDAY, Session.MORNING)
    week = load_week(env.ctx, MONDAY)
    clerk = next(s for s in week.staff if s.staff_no == "S004")  # 刘洋, labour dispatch
    save_roster_changes(env.ctx, [RosterCellChange(key, with_staff((), clerk))])
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    # The same tiles, not a board torn down and built again (which held the screen still).
    assert all(page.tiles[number] is tile for number, tile in before.items())
    assert page.tiles["A03"].status is TileStatus.AUXILIARY_ONLY
    assert page.tiles["A03"].colour == AMBER
    assert page.tiles["A03"].property("status") == "auxiliary_only"


def test_a_first_board_is_filled_a_zone_at_a_time_between_events(qtbot, env):
    page = BoardPage(env)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    snapshot = page.snapshot
    fresh = BoardPage(env)
    qtbot.addWidget(fresh)
    fresh.resize(1300, 800)
    fresh.show()
    done: list[bool] = []
    fresh.paint(snapshot, done=lambda: done.append(True))
    # Back in the event loop after the first zone: the window answers while the rest is built.
    assert [box.isVisible() for box in fresh.zone_boxes] == [True, False]
    assert not done
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert all(box.isVisible() for box in fresh.zone_boxes)
    assert {n: t.status for n, t in fresh.tiles.items()} == {n: t.status for n, t in page.tiles.items()}
