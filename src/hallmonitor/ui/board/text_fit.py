"""A text fitted into a width with a font: wrapped, broken before a bracket, cut with "…" only when it must.

Measured with ``QFontMetrics`` and the flags the tile is drawn with
(``WRAP_FLAGS``), so what is measured here is what the painter draws.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

MAX_TEXT_LINES = 2
ELLIPSIS = "…"
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
WRAP_FLAGS = int(TOP_LEFT.value) | int(Qt.TextFlag.TextWordWrap.value)


def text_width(font: QFont, text: str) -> int:
    return QFontMetrics(font).horizontalAdvance(text) + 1


def line_height(font: QFont) -> int:
    return QFontMetrics(font).height()


def _fits(font: QFont, text: str, width: int, lines: int) -> bool:
    metrics = QFontMetrics(font)
    bound = metrics.boundingRect(QRect(0, 0, width, 100_000), WRAP_FLAGS, text)
    return bound.width() <= width and bound.height() <= _lines_height(font, lines)


def _lines_height(font: QFont, lines: int) -> int:
    """The height ``lines`` wrapped lines take, as the text engine rounds it (not n × lineSpacing)."""
    sample = "\n".join(["中Ag"] * lines)
    return QFontMetrics(font).boundingRect(QRect(0, 0, 100_000, 100_000), WRAP_FLAGS, sample).height()


def _shortened(font: QFont, text: str, width: int, lines: int) -> str:
    """The longest start of ``text`` that, with "…", fits ``lines`` lines of ``width``."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(font, text[:middle] + ELLIPSIS, width, lines):
            low = middle
        else:
            high = middle - 1
    return text[:low] + ELLIPSIS


def _bracket_break(font: QFont, text: str, width: int, lines: int) -> str:
    """``text`` with its line broken before a bracket, when it needs two lines and both halves fit.

    自然资源和规划局（不动产登记中心） wrapped where the width ran out left 心） alone on the
    second line; broken before （ each line reads as a name.
    """
    opening = next((i for i, c in enumerate(text) if c in "（("), -1)
    if opening <= 0 or lines < 2 or text_width(font, text) <= width:
        return text
    head, tail = text[:opening].rstrip(), text[opening:]
    if text_width(font, head) <= width and text_width(font, tail) <= width:
        return f"{head}\n{tail}"
    return text


def wrapped(font: QFont, text: str, width: int, lines: int = MAX_TEXT_LINES) -> tuple[str, int, int, bool]:
    """``text`` wrapped within ``width``: (text as drawn, its width and height, whether it was cut)."""
    text = _bracket_break(font, text, width, lines)
    cut = not _fits(font, text, width, lines)
    shown = _shortened(font, text, width, lines) if cut else text
    bound = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), WRAP_FLAGS, shown)
    return shown, min(width, bound.width() + 1), max(bound.height(), line_height(font)), cut


def one_line(font: QFont, text: str, width: int) -> tuple[str, bool]:
    if text_width(font, text) <= width:
        return text, False
    metrics = QFontMetrics(font)
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 1), True
