"""The app's icon: drawn from the shipped SVG, on the windows, and in the tray instead of a warning triangle."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle

from hallmonitor.ui.shell import app_icon
from hallmonitor.ui.watch.announcer import AlertWatch

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HALL_BLUE = QColor("#1f5fa8")


def close_to(colour: QColor, wanted: QColor) -> bool:
    return (
        max(
            abs(colour.red() - wanted.red()),
            abs(colour.green() - wanted.green()),
            abs(colour.blue() - wanted.blue()),
        )
        < 12
    )


def test_the_icon_is_the_hall_drawn_at_any_size(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert close_to(image.pixelColor(size // 10 + 1, size // 2), HALL_BLUE)  # the blue plate, left edge


# A tray icon on the offscreen platform looks for a native signal that is not there; harmless.
@pytest.mark.qt_log_ignore("This plugin does not support", "systemTrayWindowChanged")
def test_the_tray_shows_the_apps_icon_not_a_warning(qtbot, env) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    watch = AlertWatch(window, env, use_tray=True)
    assert watch.tray is not None
    shown = watch.tray.icon().pixmap(32, 32).toImage()
    assert shown == app_icon().pixmap(32, 32).toImage()
    warning = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32).toImage()
    assert shown != warning


def test_the_app_sets_its_icon_on_every_window(qapp, sqlite_hall, monkeypatch) -> None:
    import hallmonitor.app as app_module
    from tests.support.hall_builder import build_small_hall

    build_small_hall(sqlite_hall)
    seen = []
    real = app_module._run_window

    def run_window(app: QApplication, *args, **kwargs):  # type: ignore[no-untyped-def]
        """The real window, its icon noted as it opens (run_app gives the icon back when it ends)."""
        seen.append(app.windowIcon().pixmap(32, 32).toImage())
        return real(app, *args, **kwargs)

    monkeypatch.setattr(app_module, "_run_window", run_window)
    assert app_module.run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    assert seen == [app_icon().pixmap(32, 32).toImage()]
