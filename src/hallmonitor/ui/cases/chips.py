"""The case table's active filters as chips above it, each with a × that takes it off.

A filter set and forgotten hides cases without a word: the default 30 days of
受理日期 once hid the oldest overdue cases under 仅超时. Every filter that
narrows the table is named here, so what is not shown is never a surprise,
and one click on its × takes that filter off. The chips flow onto a second
line where one does not hold them, so none is ever cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QLayoutItem, QToolButton, QWidget

from hallmonitor.domain.identifiers import mask_identifiers
from hallmonitor.services.cases import CaseResult, SearchKind

#: Longest search text a chip repeats; the search box holds the rest.
CHIP_TEXT = 24

_CHIP_STYLE = (
    "#chip { background: #e8f0fe; border: 1px solid #a8c7fa; border-radius: 11px; }"
    "#chip QToolButton { border: none; padding: 0 2px; }"
    "#chip QToolButton:hover { color: #cf1322; }"
)


@dataclass(frozen=True)
class Chip:
    #: Names the filter, so a test or the page can find its chip.
    key: str
    text: str
    remove: Callable[[], None]


def search_chip_text(text: str, last: tuple[str, CaseResult] | None) -> str:
    """The search's chip: as the services understood the text once they have (``last`` is the
    text and result shown last), any ID number in it masked, as everywhere else."""
    kind, shown = SearchKind.TEXT, mask_identifiers(text, shape_only=True)[0]
    if last is not None and last[0] == text and last[1].search is not None:
        kind, shown = last[1].search, last[1].searched
    if len(shown) > CHIP_TEXT:
        shown = shown[: CHIP_TEXT - 1] + "…"
    label = {
        SearchKind.TEXT: QCoreApplication.translate("CasesPage", "Search: %1"),
        SearchKind.WINDOW: QCoreApplication.translate("CasesPage", "Search: window %1"),
        SearchKind.ID_NUMBER: QCoreApplication.translate("CasesPage", "Search: ID number %1"),
        SearchKind.CREDIT_CODE: QCoreApplication.translate("CasesPage", "Search: credit code %1"),
    }[kind]
    return label.replace("%1", shown)


def result_notice(result: CaseResult) -> str:
    """What the table's result needs said: only its first cases listed, what the search could not do."""
    lines = []
    if result.capped:
        lines.append(
            QCoreApplication.translate(
                "CasesPage",
                "More than %1 cases match; the first %1 are listed. Type more to narrow the search.",
            ).replace("%1", f"{result.total:,}")
        )
    if result.notice:
        lines.append(result.notice)
    return "\n".join(lines)


class FilterChip(QFrame):
    removed = Signal()

    def __init__(self, chip: Chip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, text = chip.key, chip.text
        #: What the × does; replaced when the same chip is shown again for a newer filter.
        self.remove = chip.remove
        self.setObjectName("chip")
        self.setStyleSheet(_CHIP_STYLE)
        self.label = QLabel(text)
        self.close_button = QToolButton(text="×")
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.setToolTip(self.tr("Remove this filter"))
        self.close_button.setAccessibleName(self.tr("Remove filter %1").replace("%1", text))
        self.close_button.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.close_button)

    def _clicked(self) -> None:
        self.remove()
        self.removed.emit()


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line; the height follows the width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _lay_out(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class ChipBar(QWidget):
    """The row of chips; hidden when no filter is on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.chips: list[FilterChip] = []
        self.hide()

    def show_chips(self, chips: list[Chip]) -> None:
        if [(c.key, c.label.text()) for c in self.chips] == [(c.key, c.text) for c in chips]:
            for widget, chip in zip(self.chips, chips, strict=True):
                widget.remove = chip.remove
            return
        for widget in self.chips:
            self.flow.removeWidget(widget)
            widget.deleteLater()
        self.chips = []
        for chip in chips:
            widget = FilterChip(chip, self)
            self.flow.addWidget(widget)
            widget.show()
            self.chips.append(widget)
        self.setVisible(bool(chips))
        self.updateGeometry()

    def chip(self, key: str) -> FilterChip | None:
        return next((c for c in self.chips if c.key == key), None)
