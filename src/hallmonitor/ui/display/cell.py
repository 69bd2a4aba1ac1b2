"""One window on the hall display, its type as large as its cell allows.

The display runs on whatever screen the hall has, from a 1366×768 office
monitor to a 4K television, and the cells share the screen evenly however
many windows the hall has. So the type is fitted to each cell every time it
is resized: the window number as large as fits, the verdict word next, the
department in what height is left (two lines, then "…"), measured with
``QFontMetrics`` so that no piece ever runs into another.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.staffing import BoardTile
from hallmonitor.ui.common import PALETTE, status_text

#: The smallest type a cell uses, in pixels: below it the department is cut with "…" instead.
MIN_PIXELS = 10
BORDER = 3
#: The verdict's and the department's type as a share of the number's.
STATUS = 0.55
DEPARTMENT = 0.5
WRAP = int(
    Qt.AlignmentFlag.AlignHCenter.value | Qt.AlignmentFlag.AlignTop.value | Qt.TextFlag.TextWordWrap.value
)
LINE = int(Qt.AlignmentFlag.AlignHCenter.value | Qt.AlignmentFlag.AlignTop.value)


def sized(base: QFont, pixels: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


def wrapped_height(font: QFont, text: str, width: int) -> tuple[int, int]:
    """(width, height) of ``text`` wrapped within ``width``."""
    bound = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), WRAP, text)
    return bound.width(), bound.height()


def fitted_text(base: QFont, text: str, width: int, height: int, largest: int) -> tuple[QFont, str]:
    """The largest font (up to ``largest`` pixels) in which ``text`` wraps into ``width`` × ``height``.

    Where the whole name would need type a quarter smaller than that, its bracketed part is left
    out (自然资源和规划局（不动产登记中心） reads as 自然资源和规划局: it is read from across the room);
    only when not even that fits at ``MIN_PIXELS`` is the text shortened with "…".
    """
    short = text.split("（")[0].split("(")[0].strip() or text
    largest = max(largest, MIN_PIXELS)
    comfortable = max(MIN_PIXELS, round(largest * 0.75))
    # The whole name while it stays readable, then its first part, then the whole name smaller.
    tries = [(text, p) for p in range(largest, comfortable - 1, -1)]
    tries += [(short, p) for p in range(largest, MIN_PIXELS - 1, -1)] if short != text else []
    tries += [(text, p) for p in range(comfortable - 1, MIN_PIXELS - 1, -1)]
    for candidate, pixels in tries:
        font = sized(base, pixels)
        used_width, used_height = wrapped_height(font, candidate, width)
        if used_width <= width and used_height <= height:
            return font, candidate
    font = sized(base, MIN_PIXELS)
    for end in range(len(text) - 1, -1, -1):
        shortened = text[:end] + "…"
        used_width, used_height = wrapped_height(font, shortened, width)
        if used_width <= width and used_height <= height:
            return font, shortened
    return font, ""


class DisplayCell(QFrame):
    """One window in large type; ``status`` and ``labels`` are what tests read."""

    def __init__(
        self, tile: BoardTile, peers: tuple[str, str] = ("", ""), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        #: The widest window number and verdict of the hall: every cell sizes its type for them.
        self.peers = (peers[0] or tile.number, peers[1] or status_text(tile))
        #: (columns, rows, spacing) of the display's grid: the type is sized for the grid's smallest cell,
        #: so a cell a pixel wider than its neighbour does not get larger type.
        self.grid_shape = (1, 1, 0)
        self.status = tile.status
        self.number = tile.number
        self.department = tile.department
        self.setObjectName("displayCell")
        background, accent = PALETTE[tile.status]
        self.setStyleSheet(
            f"QFrame#displayCell {{ background: {background}; border: {BORDER}px solid {accent}; border-radius: 10px; }}"
            "QLabel { background: transparent; border: none; }"
        )
        texts = [("number", tile.number, accent), ("department", tile.department, "#202124")]
        texts.append(("status", status_text(tile), accent))
        if tile.state is WindowState.RECTIFYING:
            texts.append(("rectifying", self.tr("Under rectification"), "#b3261e"))
        self.labels: dict[str, QLabel] = {}
        for key, text, colour in texts:
            label = QLabel(text, self)
            label.setObjectName(f"display_{key}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setStyleSheet(f"color: {colour};")
            self.labels[key] = label
        self.labels["department"].setWordWrap(True)
        self.texts = {key: text for key, text, _colour in texts}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Size each piece's type to the cell and stack them, centred, without overlap.

        The number and the verdict get one scale shared by every cell (they are measured on the
        widest of the hall, ``peers``), so the grid reads evenly; the department then takes the
        height left in its own cell, on two lines if it must, smaller if it must.
        """
        inner = self.rect().adjusted(BORDER + 4, BORDER + 2, -BORDER - 4, -BORDER - 2)
        width, height = inner.width(), inner.height()
        if width <= 0 or height <= 0:
            return
        base = self.font()
        extra = "rectifying" in self.labels
        gap = max(1, height // 40)
        columns, rows, spacing = self.grid_shape
        parent = self.parentWidget()
        shared_width, shared_height = width, height
        if parent is not None:
            shared_width = min(
                width, (parent.width() - (columns - 1) * spacing) // columns - self.width() + width
            )
            shared_height = min(
                height, (parent.height() - (rows - 1) * spacing) // rows - self.height() + height
            )
        scale = self._scale(
            base, max(1, shared_width), max(1, shared_height) - gap * (3 if extra else 2), extra
        )
        fonts = {
            "number": sized(base, scale, bold=True),
            "status": sized(base, round(scale * STATUS), bold=True),
        }
        if extra:
            fonts["rectifying"] = sized(base, round(scale * STATUS * 0.8))
        heights = {key: QFontMetrics(font).height() for key, font in fonts.items()}
        room = height - sum(heights.values()) - gap * len(fonts)
        department_font, department = fitted_text(
            base, self.texts["department"], width, room, round(scale * DEPARTMENT)
        )
        self.labels["department"].setText(department)
        fonts["department"] = department_font
        heights["department"] = wrapped_height(department_font, department, width)[1] if department else 0
        order = ["number", "department", "status"] + (["rectifying"] if extra else [])
        used = sum(heights[k] for k in order) + gap * (len(order) - 1)
        y = inner.top() + max(0, (height - used) // 2)
        for key in order:
            label = self.labels[key]
            label.setFont(fonts[key])
            label.setGeometry(inner.left(), y, width, heights[key])
            label.setVisible(heights[key] > 0)
            y += heights[key] + gap

    def _scale(self, base: QFont, width: int, height: int, extra: bool) -> int:
        """The number's pixel size: the largest at which the widest number and verdict fit the width
        and number, verdict and one line of department fit the height."""
        number, status = self.peers

        def fits(pixels: int) -> bool:
            number_font = sized(base, pixels, bold=True)
            status_font = sized(base, round(pixels * STATUS), bold=True)
            department_font = sized(base, max(MIN_PIXELS, round(pixels * DEPARTMENT)))
            fonts = [number_font, status_font, department_font]
            if extra:
                fonts.append(sized(base, round(pixels * STATUS * 0.8)))
            return (
                QFontMetrics(number_font).horizontalAdvance(number) + 1 <= width
                and QFontMetrics(status_font).horizontalAdvance(status) + 1 <= width
                and sum(QFontMetrics(f).height() for f in fonts) <= height
            )

        low, high = MIN_PIXELS, max(MIN_PIXELS, height)
        while low < high:
            middle = (low + high + 1) // 2
            if fits(middle):
                low = middle
            else:
                high = middle - 1
        return low
