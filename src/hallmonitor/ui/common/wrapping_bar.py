"""A page's header of controls on one line where the width holds it, on two lines where it does not.

A header of buttons laid out in one row asks the window for the sum of their
widths: in English the roster's header alone wanted 1,500 pixels, so on a
1366-pixel screen the window grew past the screen's edge. This bar asks only
for its wider half and puts its second half under the first when it must.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QWidget


class WrappingBar(QWidget):
    def __init__(self, first: QHBoxLayout, second: QHBoxLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.halves = (QWidget(), QWidget())
        first.addStretch(1)  # on its own line the first half keeps to the left, the second to the right
        for half, layout in zip(self.halves, (first, second), strict=True):
            layout.setContentsMargins(0, 0, 0, 0)
            half.setLayout(layout)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.halves[0])
        self.box.addStretch(1)
        self.box.addWidget(self.halves[1])

    @property
    def wrapped(self) -> bool:
        return self.box.direction() is QBoxLayout.Direction.TopToBottom

    def _one_line_width(self) -> int:
        first, second = (h.minimumSizeHint().width() for h in self.halves)
        return first + self.box.spacing() + second

    def minimumSizeHint(self) -> QSize:
        first, second = (h.minimumSizeHint() for h in self.halves)
        height = (
            first.height() + second.height() + self.box.spacing()
            if self.wrapped
            else max(first.height(), second.height())
        )
        return QSize(max(first.width(), second.width()), height)

    def sizeHint(self) -> QSize:
        return QSize(self._one_line_width(), self.minimumSizeHint().height())

    def _choose(self, width: int) -> None:
        direction = (
            QBoxLayout.Direction.LeftToRight
            if width >= self._one_line_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if direction is not self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()  # one line or two: the page gives the bar its new height

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._choose(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a control's text changed, and with it its width
            self._choose(self.width())
        return super().event(event)
