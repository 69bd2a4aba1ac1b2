"""Where a category axis puts its labels, so that no two ever overlap, in any language or font.

A bar chart names every bar: its labels stay on one line where they fit the
bar's slot, wrap onto up to three lines (a long English indicator name),
stand upright where even that is too wide (forty window numbers), and only
when the slots are thinner than a line of text fall back to every k-th label
(the panel avoids that by drawing the busiest bars and naming the rest on
hover). A time axis names as many days as fit, evenly spaced. Everything is
measured with the font the axis draws with, so the layout the tests read is
the one on screen. Pure Qt geometry: no pyqtgraph here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

#: Pixels kept free between neighbouring labels and around the axis line.
GAP = 4.0
#: Lines a wrapped label may take before it is turned upright instead.
MAX_LINES = 3
#: The longest upright label, in pixels; longer ones are shortened with "…" (the hover names them).
MAX_UPRIGHT = 120.0

# One token per CJK character (a line may break between any two), one per Latin word with its space.
_TOKENS = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+"
)


@dataclass(frozen=True)
class LabelBox:
    """One label as drawn: its lines, the rectangle it covers in the axis' pixels, and whether upright."""

    index: int
    lines: tuple[str, ...]
    rect: QRectF
    upright: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def wrap(
    text: str, metrics: QFontMetricsF, width: float, max_lines: int = MAX_LINES, *, squeeze: bool = False
) -> list[str] | None:
    """``text`` broken into at most ``max_lines`` lines no wider than ``width``; None when it cannot be.

    The lines are balanced (企业投 / 资项目, not 企业投资项 / 目): the narrowest width that
    needs no more lines than ``width`` does. ``squeeze``: a word wider than ``width`` is
    shortened with "…" rather than refused.
    """
    if squeeze:
        text = "".join(_squeezed(token, metrics, width) for token in _TOKENS.findall(text))
    lines = _greedy(text, metrics, width)
    if lines is None or len(lines) > max_lines:
        return None
    low, high = metrics.horizontalAdvance(text) / len(lines) * 0.9, width
    while high - low > 1:
        middle = (low + high) / 2
        tighter = _greedy(text, metrics, middle)
        if tighter is not None and len(tighter) <= len(lines):
            high = middle
        else:
            low = middle
    return _greedy(text, metrics, high) or lines


def _squeezed(token: str, metrics: QFontMetricsF, width: float) -> str:
    word = token.rstrip()
    if metrics.horizontalAdvance(word) <= width:
        return token
    return metrics.elidedText(word, Qt.TextElideMode.ElideRight, width) + token[len(word) :]


def _greedy(text: str, metrics: QFontMetricsF, width: float) -> list[str] | None:
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        candidate = line + token
        if not line or metrics.horizontalAdvance(candidate.rstrip()) <= width:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    if any(metrics.horizontalAdvance(t) > width for t in lines):
        return None
    return lines or [""]


def _step(need: float, slot: float) -> int:
    return max(1, math.ceil(need / slot)) if slot > 0 else 1


def below(
    labels: Sequence[str],
    centres: Sequence[float],
    slot: float,
    metrics: QFontMetricsF,
    *,
    every: bool = True,
    top: float = 3.0,
    left: float = 0.0,
    right: float = float("inf"),
    upright_max: float = MAX_UPRIGHT,
) -> list[LabelBox]:
    """Labels under a horizontal axis whose categories sit ``slot`` pixels apart at ``centres``.

    ``every``: a bar chart's categories (each named: flat, wrapped, upright, then every k-th);
    otherwise a time axis (flat, as many as fit evenly). Rectangles stay within ``left``..``right``;
    upright labels are at most ``upright_max`` long.
    """
    line = metrics.height()
    room = slot - GAP
    widths = [metrics.horizontalAdvance(t) for t in labels]
    if not every:
        step = _step(max(widths, default=0.0) + 3 * GAP, slot)  # days read better with air between
        boxes: list[LabelBox] = []
        for i in range(0, len(labels), step):
            x = min(max(centres[i] - widths[i] / 2, left), right - widths[i])
            rect = QRectF(x, top, widths[i], line)
            if boxes and boxes[-1].rect.right() + 3 * GAP > rect.left():
                continue
            boxes.append(LabelBox(i, (labels[i],), rect))
        return boxes
    if all(w <= room for w in widths):
        return [
            LabelBox(i, (t,), QRectF(centres[i] - widths[i] / 2, top, widths[i], line))
            for i, t in enumerate(labels)
        ]
    wrapped = [wrap(t, metrics, room) for t in labels]
    if any(w is None for w in wrapped) and slot >= 4 * line:
        # Room for a few wide names: shorten the odd long word rather than stand them all upright.
        wrapped = [wrap(t, metrics, room, squeeze=True) for t in labels]
    if all(w is not None for w in wrapped):
        boxes = []
        for i, lines in enumerate(wrapped):
            assert lines is not None
            width = max(metrics.horizontalAdvance(t) for t in lines)
            boxes.append(
                LabelBox(i, tuple(lines), QRectF(centres[i] - width / 2, top, width, line * len(lines)))
            )
        return boxes
    step = _step(line + 2, slot)
    boxes = []
    for i in range(0, len(labels), step):
        text = metrics.elidedText(labels[i], Qt.TextElideMode.ElideRight, upright_max)
        length = metrics.horizontalAdvance(text)
        boxes.append(LabelBox(i, (text,), QRectF(centres[i] - line / 2, top, line, length), upright=True))
    return boxes


def beside(
    labels: Sequence[str],
    centres: Sequence[float],
    slot: float,
    metrics: QFontMetricsF,
    *,
    right: float,
    max_width: float,
) -> list[LabelBox]:
    """Labels left of a vertical axis at ``right``, one line each, right-aligned, shortened to ``max_width``."""
    line = metrics.height()
    step = _step(line + 1, slot)
    boxes = []
    for i in range(0, len(labels), step):
        text = metrics.elidedText(labels[i], Qt.TextElideMode.ElideRight, max_width)
        width = metrics.horizontalAdvance(text)
        boxes.append(LabelBox(i, (text,), QRectF(right - GAP - width, centres[i] - line / 2, width, line)))
    return boxes


def widest(labels: Sequence[str], metrics: QFontMetricsF) -> float:
    return max((metrics.horizontalAdvance(t) for t in labels), default=0.0)
