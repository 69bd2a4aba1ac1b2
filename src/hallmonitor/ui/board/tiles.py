"""A window's tile on the hall board, and the detail a click on it opens.

The colour is the first thing a supervisor reads from across the room, so it
follows the board's four rules only: green compliant, amber auxiliary staff
only, red unstaffed or closed, grey out of service or not a working day.
Formal civil servants and auxiliary staff carry different badges (正 / 辅)
because "who is formal" is exactly what the directive is about; a solid badge
is a confirmed attendance, an outlined one a plan (see ``ui.common.look``).

Each piece of a tile is drawn by the tile itself, as plain text in the
rectangle and font ``tile_layout`` measured it with, so what is drawn is
exactly what was measured. A tile used to be a dozen styled labels: a hundred
windows made a thousand widgets whose styles, showing and painting held the
first board back by a fifth of a second or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QToolTip, QWidget

from hallmonitor.services.staffing import BoardTile, DutyPerson
from hallmonitor.ui.board.tile_layout import ACCENT, Piece, TileContent, TileLayout
from hallmonitor.ui.common import (
    ABSENT_COLOUR,
    PALETTE,
    attendance_text,
    auxiliary_badge,
    formal_badge,
    ladder_badge,
    person_badge_style,
    status_text,
)

#: The tile's outline, and the radius of its corners; the accent is the coloured left edge.
BORDER_COLOUR = "#d5d9de"
CORNER_RADIUS = 6.0
#: A badge's corners (as ``ui.common.look``'s style sheets give them).
BADGE_RADIUS = 2.0
#: Colours of the pieces other than the badges, which carry their own style.
_PIECE_COLOURS = {
    "department": "#3c4043",
    "name": "#5f6368",
    "nobody": "#8a8a8a",
    "more": "#3c4043",
}


@dataclass(frozen=True, slots=True)
class DrawnPiece:
    """One piece as the tile draws it: the layout's text, font and rectangle, in its colours."""

    piece: Piece
    colour: QColor
    #: A badge's fill and outline (from its style sheet); None for plain text.
    fill: QColor | None = None
    outline: QColor | None = None

    @property
    def text(self) -> str:
        return self.piece.text

    @property
    def font(self) -> QFont:
        return self.piece.font

    @property
    def rect(self) -> QRect:
        return self.piece.rect

    @property
    def text_rect(self) -> QRect:
        """Where the text goes: inside a badge's one-pixel outline."""
        return self.rect.adjusted(1, 1, -1, -1) if self.outline is not None else self.rect

    @property
    def flags(self) -> int:
        return self.piece.flags

    @property
    def style(self) -> str:
        """The badge's style sheet as ``ui.common.look`` gives it ("" for plain text)."""
        return self.piece.style

    @property
    def tooltip(self) -> str:
        return self.piece.tooltip


def badge_colours(style: str) -> tuple[QColor, QColor | None, QColor | None]:
    """(text, fill, outline) of a badge's style sheet ("color: …; background: …; border: 1px solid …")."""
    values = {}
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        values[name.strip()] = value.strip()
    border = values.get("border", "").split()
    return (
        QColor(values.get("color", "#202124")),
        QColor(values["background"]) if "background" in values else None,
        QColor(border[-1]) if border else None,
    )


def ordered_people(people: tuple[DutyPerson, ...]) -> tuple[DutyPerson, ...]:
    """Formal first, then auxiliary, absent last."""
    return tuple(sorted(people, key=lambda p: (p.attendance is False, not p.formal, p.staff_no)))


def person_line(person: DutyPerson) -> str:
    """One person in words, for tooltips: 正 张伟（已到岗）."""
    mark = formal_badge() if person.formal else auxiliary_badge()
    return QCoreApplication.translate("BoardTiles", "{badge} {name} ({attendance})").format(
        badge=mark, name=person.name, attendance=attendance_text(person)
    )


def tile_content(tile: BoardTile) -> TileContent:
    people = ordered_people(tile.on_duty)
    return TileContent(
        number=tile.number,
        verdict=status_text(tile),
        department=tile.department,
        name=tile.name,
        ladder=ladder_badge(tile),
        people=people,
        badges=tuple(
            (formal_badge() if p.formal else auxiliary_badge(), person_badge_style(p)) for p in people
        ),
        nobody=QCoreApplication.translate("BoardTiles", "Nobody on duty"),
        counts=QCoreApplication.translate("BoardTiles", "Cases today {cases} · Alerts {alerts}").format(
            cases=tile.cases_today, alerts=tile.open_alerts
        ),
    )


class WindowTile(QFrame):
    """One window; ``status``, ``colour`` and ``pieces`` are what tests read."""

    clicked = Signal(int)

    def __init__(self, tile: BoardTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_: TileLayout | None = None
        #: The tile's pieces by key ("number", "verdict", "person:0", "more", "counts"…), as drawn.
        self.pieces: dict[str, DrawnPiece] = {}
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.background = QColor()
        self.show_tile(tile)

    def show_tile(self, tile: BoardTile) -> None:
        """The window as a newer snapshot has it; its pieces change at the next ``apply``."""
        self.tile = tile
        self.content = tile_content(tile)
        self.status = tile.status
        self.verdict = tile.verdict
        background, accent = PALETTE[tile.status]
        self.accent = accent
        self.colour = QColor(accent)
        self.background = QColor(background)
        self.setProperty("status", tile.status.value)
        self.setProperty("windowNumber", tile.number)
        self.update()

    # --- what the tile shows --------------------------------------------------------------------
    @property
    def status_piece(self) -> DrawnPiece:
        return self.pieces["verdict"]

    @property
    def ladder_piece(self) -> DrawnPiece | None:
        return self.pieces.get("ladder")

    @property
    def shown_people(self) -> list[str]:
        """Names on the tile, in order (the rest are behind "+N")."""
        keys = sorted((k for k in self.pieces if k.startswith("person:")), key=lambda k: int(k[7:]))
        return [self.pieces[k].text for k in keys]

    def apply(self, layout: TileLayout) -> None:
        """Draw every piece where ``layout`` measured it, at the layout's size."""
        self.layout_ = layout
        self.setFixedSize(layout.width, layout.height)
        pieces = {}
        for piece in layout.pieces:
            if piece.style:
                pieces[piece.key] = DrawnPiece(piece, *badge_colours(piece.style))
            else:
                pieces[piece.key] = DrawnPiece(piece, QColor(self._colour(piece.role, piece.key)))
        self.pieces = pieces
        tooltip = self._tooltip(layout)
        self.setToolTip(tooltip)
        # Drawn, the pieces are no widgets a screen reader could read: the tile says what they say.
        self.setAccessibleName(f"{self.tile.number} {self.content.verdict}")
        self.setAccessibleDescription(tooltip)
        self.update()

    def _colour(self, role: str, key: str) -> str:
        if role in ("number", "verdict"):
            return self.accent
        if role == "counts":
            return "#c62828" if self.tile.open_alerts else "#5f6368"
        if role == "person":
            person = self.content.people[int(key.split(":")[1])]
            return ABSENT_COLOUR if person.attendance is False else "#202124"
        return _PIECE_COLOURS.get(role, "#202124")

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rounded tile in its status colour with its accent edge, then every piece."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), CORNER_RADIUS, CORNER_RADIUS
        )
        painter.fillPath(outline, self.background)
        painter.save()
        painter.setClipPath(outline)
        painter.fillRect(0, 0, ACCENT, self.height(), self.colour)
        painter.restore()
        painter.setPen(QPen(QColor(BORDER_COLOUR), 1))
        painter.drawPath(outline)
        for drawn in self.pieces.values():
            if drawn.outline is not None or drawn.fill is not None:
                painter.setPen(QPen(drawn.outline, 1) if drawn.outline is not None else Qt.PenStyle.NoPen)
                painter.setBrush(drawn.fill if drawn.fill is not None else Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(
                    QRectF(drawn.rect).adjusted(0.5, 0.5, -0.5, -0.5), BADGE_RADIUS, BADGE_RADIUS
                )
            painter.setFont(drawn.font)
            painter.setPen(drawn.colour)
            painter.drawText(drawn.text_rect, drawn.flags, drawn.text)
        painter.end()

    def event(self, event: QEvent) -> bool:
        """Over a piece with its own tooltip (the ladder badge), that tooltip; elsewhere the tile's."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for drawn in self.pieces.values():
                if drawn.tooltip and drawn.rect.contains(event.pos()):
                    QToolTip.showText(event.globalPos(), drawn.tooltip, self, drawn.rect)
                    return True
        return super().event(event)

    def _tooltip(self, layout: TileLayout) -> str:
        lines = [f"{self.tile.number} {self.tile.name}", self.tile.department]
        if self.content.ladder is not None:
            lines.append(self.content.ladder[2])
        lines += [person_line(p) for p in self.content.people]
        lines.append(
            QCoreApplication.translate(
                "BoardTiles", "Click for today's roster, cases and open alerts of window {number}"
            ).format(number=self.tile.number)
        )
        return "\n".join(lines)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.tile.window_id)
        super().mouseReleaseEvent(event)


def person_html(person: DutyPerson) -> str:
    """A person for the detail: the badge as on the tile, the name, and the attendance in words."""
    mark = formal_badge() if person.formal else auxiliary_badge()
    style = person_badge_style(person).replace("border-radius: 2px;", "")
    name = escape(person.name)
    if person.attendance is False:
        name = f'<s style="color:{ABSENT_COLOUR};">{name}</s>'
    elif person.formal:
        name = f"<b>{name}</b>"
    note = escape(attendance_text(person))
    return (
        f'<span style="{style}">&nbsp;{escape(mark)}&nbsp;</span>&nbsp;{name}'
        f'&nbsp;<span style="color:#5f6368;">({note})</span>'
    )
