"""A chart names every bar, writes every value, and never lets two labels overlap, in either font or language.

The tests read what was plotted: the bars' data arrays, the category axis'
label boxes (the rectangles it draws its names in) and the value labels'
texts and places on the scene, never pixels.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QCoreApplication, QRectF

from tests.ui.charts.conftest import overlapping

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WINDOWS = [f"{zone}{n:02d}" for zone in "ABCD" for n in range(1, 11)]
COUNTS = [(7 * i + 3) % 71 for i in range(len(WINDOWS))]
LONG_NAMES = {
    "en": ["New enterprise setup", "Real-estate registration", "Investment project"],
    "zh_CN": ["新开办企业", "不动产登记", "企业投资项目"],
}


@pytest.fixture
def make(qtbot):  # type: ignore[no-untyped-def]
    from hallmonitor.ui.charts.panel import ChartPanel

    def make(width: int, height: int = 260, *, horizontal: bool = False) -> ChartPanel:
        panel = ChartPanel("chart", horizontal=horizontal)
        qtbot.addWidget(panel)
        panel.resize(width, height)
        panel.show()
        qtbot.waitExposed(panel)
        return panel

    return make


def settle(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """Let the panel lay itself out for its size, as it does after every resize."""
    qtbot.wait(1)
    qtbot.waitUntil(lambda: not panel.layout_pending)


def axis_rect(panel) -> QRectF:  # type: ignore[no-untyped-def]
    axis = panel.category_axis
    return axis.mapRectFromParent(axis.geometry())


def value_rects(panel) -> list[QRectF]:  # type: ignore[no-untyped-def]
    return [label.sceneBoundingRect() for label in panel.value_labels]


def counts_bars(panel, labels=WINDOWS, counts=COUNTS) -> None:  # type: ignore[no-untyped-def]
    from hallmonitor.ui.charts.specs import BLUE, Series

    panel.show_bars(
        labels, [Series("cases", counts, BLUE)], [f"{n}：{c}" for n, c in zip(labels, counts, strict=True)],
        rest="%1 more: %2",
    )  # fmt: skip


@pytest.mark.parametrize("width", [1180, 1000])
def test_forty_windows_each_named_with_its_value_and_nothing_overlaps(make, qtbot, family, width):
    panel = make(width)
    counts_bars(panel)
    settle(qtbot, panel)
    boxes = panel.category_axis.boxes
    assert [b.text for b in boxes] == WINDOWS  # every window named, in order
    assert overlapping([b.rect for b in boxes]) == []
    assert all(axis_rect(panel).contains(b.rect) for b in boxes)  # none cut off
    # Wide: side by side; narrow: upright, one line tall per window.
    assert all(b.upright for b in boxes) == (width == 1000)
    (bars,) = panel.bars
    assert [round(float(h)) for h in bars.opts["height"]] == COUNTS
    assert [label.toPlainText() for label in panel.value_labels] == [str(c) for c in COUNTS]
    assert overlapping(value_rects(panel)) == []
    view = panel.plot.vb.sceneBoundingRect()
    assert all(view.contains(r) for r in value_rects(panel))  # the highest bar's value stays inside


def test_more_windows_than_room_draws_the_busiest_and_names_the_rest_on_hover(make, qtbot, family):
    panel = make(330)
    counts_bars(panel)
    settle(qtbot, panel)
    shown = panel.shown
    assert 5 < len(shown) < len(WINDOWS)
    rest = [i for i in range(len(WINDOWS)) if i not in shown]
    assert min(COUNTS[i] for i in shown) >= max(COUNTS[i] for i in rest)  # the busiest are drawn
    assert shown == sorted(shown)  # in the windows' order
    assert panel.slot_labels == [WINDOWS[i] for i in shown] + [f"+{len(rest)}"]
    assert overlapping([b.rect for b in panel.category_axis.boxes]) == []
    sentence = panel.hover_at(len(shown), 1.0)
    assert sentence.startswith(f"{len(rest)} more: ")
    assert all(f"{WINDOWS[i]} {COUNTS[i]}" in sentence for i in rest)
    # Wider again, every window comes back.
    panel.resize(1180, 260)
    settle(qtbot, panel)
    assert panel.slot_labels == WINDOWS


def test_long_names_wrap_within_their_slot_in_either_language(make, qtbot, family, language):
    from hallmonitor.ui.charts.specs import BLUE, Series

    names = LONG_NAMES[language]
    panel = make(330)
    panel.show_bars(names, [Series("used", [35.2, 25.5, 7.8], BLUE)], names, reference=100)
    settle(qtbot, panel)
    boxes = panel.category_axis.boxes
    assert ["".join(b.lines).replace(" ", "") for b in boxes] == [n.replace(" ", "") for n in names]
    assert not any(b.upright for b in boxes)
    assert overlapping([b.rect for b in boxes]) == []
    assert all(axis_rect(panel).contains(b.rect) for b in boxes)
    if language == "en":
        assert max(len(b.lines) for b in boxes) > 1  # too wide for one line at this size
    assert [label.toPlainText() for label in panel.value_labels] == ["35.2", "25.5", "7.8"]


def test_wrapped_lines_are_balanced_rather_than_leaving_one_character_alone(qapp, family):
    from PySide6.QtGui import QFontMetricsF

    from hallmonitor.ui.charts.labels import wrap

    metrics = QFontMetricsF(qapp.font())
    width = metrics.horizontalAdvance("企业投资项") + 1
    assert wrap("企业投资项目", metrics, width) == ["企业投", "资项目"]
    assert wrap("Real-estate registration", metrics, metrics.horizontalAdvance("Real-estate") + 20) == [
        "Real-estate",
        "registration",
    ]


def test_a_week_without_data_says_so_instead_of_a_zero_bar(make, qtbot, family):
    from hallmonitor.ui.charts.specs import GREEN, Series

    weeks = ["3/23", "3/30", "4/6"]
    panel = make(560)
    panel.show_bars(
        weeks, [Series("compliant", [None, 70.0, 95.5], GREEN)], weeks, y_max=100, percent=True, missing="no roster"
    )  # fmt: skip
    settle(qtbot, panel)
    (bars,) = panel.bars
    assert [float(x) for x in bars.opts["x"]] == [1.0, 2.0]  # no bar at the first week
    texts = [label.toPlainText() for label in panel.value_labels]
    assert texts == ["70", "95.5", "no roster"]
    missing = panel.value_labels[-1]
    assert missing.pos().x() == pytest.approx(0.0)
    # The value axis is marked 0–100 whatever room the labels needed above the bars.
    ticks = [value for value, _text in panel.value_axis._tickLevels[0]]
    assert ticks == [0, 20, 40, 60, 80, 100]


def test_departments_lie_down_top_first_each_named_once(make, qtbot, family):
    from hallmonitor.ui.charts.specs import ORANGE, Series

    names = ["住建局", "市场监管局", "自然资源和规划局（不动产登记中心）", "税务局"]
    panel = make(380, 240, horizontal=True)
    panel.show_bars(names, [Series("flagged", [8.3, 5.6, 3.3, 0.0], ORANGE)], names)
    settle(qtbot, panel)
    boxes = sorted(panel.category_axis.boxes, key=lambda b: b.rect.top())
    # Each name once, top to bottom; a name too long for its share of the chart is shortened with "…".
    assert [n.startswith(b.text.rstrip("…")) for n, b in zip(names, boxes, strict=True)] == [True] * 4
    assert boxes[0].text == "住建局" and boxes[2].text.endswith("…")
    assert overlapping([b.rect for b in boxes]) == []
    assert all(axis_rect(panel).contains(b.rect) for b in boxes)
    assert panel.hover_at(1.0, 0.0).startswith("税务局")  # the bottom row
    assert [label.toPlainText() for label in panel.value_labels] == ["8.3", "5.6", "3.3", "0"]
    assert overlapping(value_rects(panel)) == []


def test_a_chart_with_nothing_to_show_says_no_data_and_what_to_do(make, qtbot, language):
    panel = make(560)
    counts_bars(panel)
    panel.show_empty("Add windows on Hall data.")
    assert panel.is_empty and panel.bars == [] and panel.value_labels == []
    assert panel.empty_label.isVisible() and not panel.plot_widget.isVisible()
    assert panel.empty_label.text() == ("暂无数据" if language == "zh_CN" else "No data yet")
    assert panel.empty_hint.text() == "Add windows on Hall data."
    assert not panel.save_button.isEnabled()  # an empty chart is nothing to save
    counts_bars(panel)
    assert panel.save_button.isEnabled() and not panel.is_empty
    assert QCoreApplication.translate("ChartPanel", "No data yet") == panel.empty_label.text()


def test_a_day_axis_names_days_evenly_without_overlap(make, qtbot, family):
    days = [f"5/{d}" for d in range(1, 29)]
    panel = make(420)
    panel.show_line(days, [float(d % 7) for d in range(28)], days)
    settle(qtbot, panel)
    boxes = panel.category_axis.boxes
    assert 3 <= len(boxes) < len(days)
    steps = {b.index - a.index for a, b in pairwise(boxes)}
    assert len(steps) == 1  # evenly spaced
    assert overlapping([b.rect for b in boxes]) == []
    assert all(axis_rect(panel).contains(b.rect) for b in boxes)


def test_the_box_under_the_mouse_stays_short_while_the_line_below_names_everything(make, qtbot, family):
    panel = make(330)
    counts_bars(panel)
    settle(qtbot, panel)
    sentence = panel.hover_at(len(panel.shown), 1.0)
    assert len(sentence) > 60 and panel.hover_label.text() == sentence
    assert len(panel.marker.toPlainText()) <= 41 and panel.marker.toPlainText().endswith("…")
