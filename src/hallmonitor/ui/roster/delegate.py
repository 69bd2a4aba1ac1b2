"""How a roster cell is painted: its verdict's colour, one line per person, attendance marks.

A day still to come that nobody is rostered on yet is drawn white with a dashed
outline and "not planned", since it is the supervisor's work to do, not a
violation; the same empty cell today or before is the red of 无人值守. A session
suspected of 挂名 (its cases handled by auxiliary staff alone) gets an amber corner
and underline over whatever colour the roster gives it.

A cell's width comes from the font (``cell_width``): the badge, a three-character
name and the attendance mark, no more, so that a week of ten sessions fits
beside the side panel on a 1366-pixel screen; a longer name is elided and
the cell's tooltip has it whole.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPolygon
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hallmonitor.domain.enums import StaffingVerdict
from hallmonitor.ui.common import AUXILIARY_BADGE_COLOUR, FORMAL_BADGE_COLOUR, auxiliary_badge, formal_badge
from hallmonitor.ui.roster.model import (
    NOT_PLANNED_COLOURS,
    AnyIndex,
    EntriesRole,
    NominalRole,
    NotPlannedRole,
    PendingRole,
    VerdictRole,
    verdict_colours,
)

# The amber of a suspected 挂名.
NOMINAL_COLOUR = "#c77700"
# Characters of a name a cell has room for: most Chinese names have two or three.
NAME_CHARS = 3
# Pixels: before the badge (past the verdict's bar), around its letter, between it and the name,
# around the attendance mark.
LEFT, BADGE_PAD, GAP, MARK_PAD = 6, 3, 2, 2


class _Widths(NamedTuple):
    badge: int
    mark: int
    cell: int


# Per font and language: measured once, since a week's grid asks for every cell's size hint.
_measured: dict[tuple[str, str], _Widths] = {}


def _widths(font: QFont) -> _Widths:
    key = (font.key(), formal_badge() + auxiliary_badge())
    widths = _measured.get(key)
    if widths is None:
        metrics, bold = QFontMetrics(font), QFont(font)
        bold.setBold(True)  # a formal civil servant's name is bold
        badge = max(metrics.horizontalAdvance(formal_badge()), metrics.horizontalAdvance(auxiliary_badge()))
        mark = max(metrics.horizontalAdvance("✓"), metrics.horizontalAdvance("✗")) + MARK_PAD
        name = QFontMetrics(bold).horizontalAdvance("中" * NAME_CHARS)
        widths = _measured[key] = _Widths(
            badge + BADGE_PAD, mark, LEFT + badge + BADGE_PAD + GAP + name + mark
        )
    return widths


def cell_width(font: QFont) -> int:
    """The narrowest a cell may be: badge, a name of ``NAME_CHARS`` characters and the mark, in ``font``."""
    return _widths(font).cell


def not_planned_label() -> str:
    return QCoreApplication.translate("RosterDelegate", "not planned")


class RosterDelegate(QStyledItemDelegate):
    """Paints a cell: verdict colour, one line per person with a 正/辅 badge and the attendance."""

    LINE = 20
    PAD = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        rect = option.rect
        verdict = index.data(VerdictRole)
        not_planned = bool(index.data(NotPlannedRole))
        background, accent = (
            NOT_PLANNED_COLOURS
            if not_planned
            else verdict_colours(StaffingVerdict(verdict) if verdict else None)
        )
        painter.fillRect(rect, QColor(background))
        if not_planned:  # a dashed outline: a gap in the plan, not a red alarm
            painter.setPen(QPen(QColor(accent), 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        else:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor(accent))
        entries = index.data(EntriesRole) or ()
        font = QFont(option.font)
        badge_w, mark_w, _cell = _widths(font)
        y = rect.top() + self.PAD
        for a in entries:
            badge_text = formal_badge() if a.formal else auxiliary_badge()
            badge_rect = QRect(rect.left() + LEFT, y + 2, badge_w, self.LINE - 4)
            painter.fillRect(badge_rect, QColor(FORMAL_BADGE_COLOUR if a.formal else AUXILIARY_BADGE_COLOUR))
            painter.setPen(QColor("#ffffff"))
            painter.setFont(font)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge_text)
            name_font = QFont(font)
            name_font.setBold(a.formal)
            name_font.setStrikeOut(a.attendance is False)
            painter.setFont(name_font)
            painter.setPen(QColor("#8a8a8a" if a.attendance is False else "#202124"))
            left = badge_rect.right() + 1 + GAP
            text_rect = QRect(left, y, rect.right() + 1 - mark_w - left, self.LINE)
            name = a.name
            if len(name) > NAME_CHARS:  # a shorter one fits by the cell's least width
                name = QFontMetrics(name_font).elidedText(
                    name, Qt.TextElideMode.ElideRight, text_rect.width()
                )
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
            if a.attendance is not None:
                mark = "✓" if a.attendance else "✗"
                painter.setPen(QColor("#2e7d32" if a.attendance else "#c62828"))
                painter.setFont(font)
                painter.drawText(
                    QRect(rect.right() + 1 - mark_w, y, mark_w, self.LINE), Qt.AlignmentFlag.AlignCenter, mark
                )
            y += self.LINE
        if not entries and not_planned:
            painter.setPen(QColor("#8c8c8c"))
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, not_planned_label())
        elif not entries and verdict:
            painter.setPen(QColor(accent))
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "—")
        if index.data(NominalRole) is not None:
            # Suspected 挂名: an amber corner and underline, whatever the roster's colour says.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(NOMINAL_COLOUR))
            corner = rect.bottomRight()
            painter.drawPolygon(QPolygon([corner, corner + QPoint(-12, 0), corner + QPoint(0, -12)]))
            painter.fillRect(
                QRect(rect.left() + 4, rect.bottom() - 2, rect.width() - 4, 2), QColor(NOMINAL_COLOUR)
            )
        if index.data(PendingRole):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1f5fa8"))
            corner = rect.topRight()
            painter.drawPolygon(QPolygon([corner, corner + QPoint(-9, 0), corner + QPoint(0, 9)]))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1f5fa8"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        entries = index.data(EntriesRole) or ()
        return QSize(self._cell_width(option.font), max(1, len(entries)) * self.LINE + 2 * self.PAD)

    def _cell_width(self, font: QFont) -> int:
        # Asked for every cell at every load: the last font's width is kept on the delegate.
        last = getattr(self, "_last", None)
        if last is None or last[0] != font:
            last = self._last = (QFont(font), cell_width(font))
        return last[1]
