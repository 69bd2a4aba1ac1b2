"""大屏模式: the board for a screen on the wall."""

from hallmonitor.ui.display.screen import HallDisplay, open_hall_display

__all__ = ["HallDisplay", "open_hall_display"]
