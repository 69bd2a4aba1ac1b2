"""The main window opens within the screen: a 1366×768 office monitor shows all of it, status bar included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from hallmonitor.ui.shell.main_window import (
    DEFAULT_SIZE,
    FRAME_ALLOWANCE,
    GEOMETRY_KEY,
    MainWindow,
    default_geometry,
)
from hallmonitor.ui.shell.preferences import app_settings
from tests.support.hall_builder import Clock
from tests.support.screens import app_font, ui_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

#: What a 1366×768 screen leaves with a 40-pixel taskbar at the bottom.
OFFICE_SCREEN = QRect(0, 0, 1366, 728)


@pytest.fixture
def env(sqlite_hall, small, qapp):
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    yield env
    env.runner.wait(10_000)


def test_on_a_1366_by_768_screen_the_window_with_its_title_bar_fits_above_the_taskbar():
    geometry = default_geometry(OFFICE_SCREEN)
    with_frame = geometry.marginsAdded(FRAME_ALLOWANCE)
    assert OFFICE_SCREEN.contains(with_frame)
    assert geometry.height() <= 728 - 40 and geometry.width() >= 1300


def test_on_a_1920_by_1080_screen_the_window_opens_at_its_default_size_centred():
    screen = QRect(0, 0, 1920, 1040)
    geometry = default_geometry(screen)
    assert geometry.size() == DEFAULT_SIZE
    assert abs(geometry.center().x() - screen.center().x()) <= 1


def test_the_window_opens_within_the_screen_it_is_on(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    available = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    assert available.contains(window.geometry().marginsAdded(FRAME_ALLOWANCE))


def test_a_window_saved_on_a_larger_screen_opens_within_this_one(qtbot, env):
    larger = MainWindow(env)
    qtbot.addWidget(larger)
    larger.setGeometry(0, 0, 2400, 1300)
    app_settings().setValue(GEOMETRY_KEY, larger.saveGeometry())
    window = MainWindow(env)
    qtbot.addWidget(window)
    available = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    assert available.contains(window.geometry())


@pytest.mark.parametrize(
    "key", ["board", "roster", "cases", "flags", "alerts", "charts", "hall_data", "settings"]
)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_page_needs_more_than_a_1366_by_768_screen(qtbot, env, key, language):
    """A page whose controls want more room would push the window past the screen's edge."""
    with app_font("Noto Sans CJK SC"), ui_language(language):
        page_fits(qtbot, env, key)


def page_fits(qtbot, env, key: str) -> None:
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.setGeometry(default_geometry(OFFICE_SCREEN))
    window.show()
    size = window.size()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == key):
        window.show_page(key)
    for _ in range(5):  # the layout requests the page's arrival posted, and those they post in turn
        QApplication.processEvents()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= size.width() and minimum.height() <= size.height()
    assert window.size() == size
    assert squeezed(window.page(key)) == []


def squeezed(page: QWidget) -> list[str]:
    """Buttons, labels, boxes and fields of the page given less width than their text needs."""
    scrolled = page.findChildren(QAbstractScrollArea)
    problems = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, QPushButton | QLabel | QComboBox | QLineEdit | QCheckBox):
            continue
        if not widget.isVisibleTo(page) or (
            isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text())
        ):
            continue  # wrapped text takes more lines instead; an empty label is a colour chip
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # a spin box's or combo box's own field, frameless inside it
        if any(area.isAncestorOf(widget) for area in scrolled):
            continue  # inside a table or a scrolled board, measured by their own tests
        if widget.width() < widget.minimumSizeHint().width():
            text = widget.currentText() if isinstance(widget, QComboBox) else getattr(widget, "text", str)()
            problems.append(
                f"{type(widget).__name__} {text!r}: {widget.width()} < {widget.minimumSizeHint().width()}"
            )
    return problems
