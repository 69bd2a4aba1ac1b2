"""A window's tile on the hall board, and the detail a click on it opens.

The colour is the first thing a supervisor reads from across the room, so it
follows the board's four rules only: green compliant, amber auxiliary staff
only, red unstaffed or closed, grey out of service or not a working day.
Formal civil servants and auxiliary staff carry different badges (正 / 辅)
because "who is formal" is exactly what the directive is about; a solid badge
is a confirmed attendance, an outlined one a plan (see ``ui.common.look``).

Each piece of a tile is its own plain-text label placed where
``tile_layout`` measured it, so what is drawn is exactly what was measured.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from hallmonitor.services.staffing import BoardTile, DutyPerson
from hallmonitor.ui.board.tile_layout import ALIGNMENT_MASK, TileContent, TileLayout
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

#: Colours of the pieces other than the badges, which carry their own style.
_PIECE_COLOURS = {
    "department": "#3c4043",
    "name": "#5f6368",
    "nobody": "#8a8a8a",
    "more": "#3c4043",
}


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
    """One window; ``status``, ``colour`` and ``labels`` are what tests and the hall display read."""

    clicked = Signal(int)

    def __init__(self, tile: BoardTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_: TileLayout | None = None
        #: The tile's labels by piece key ("number", "verdict", "person:0", "more", "counts"…).
        self.labels: dict[str, QLabel] = {}
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_tile(tile)

    def show_tile(self, tile: BoardTile) -> None:
        """The window as a newer snapshot has it; its labels change at the next ``apply``."""
        self.tile = tile
        self.content = tile_content(tile)
        self.status = tile.status
        self.verdict = tile.verdict
        background, accent = PALETTE[tile.status]
        self.accent = accent
        self.colour = QColor(accent)
        self.setProperty("status", tile.status.value)
        self.setProperty("windowNumber", tile.number)
        _restyle(
            self,
            f"QFrame#tile {{ background: {background}; border: 1px solid #d5d9de; "
            f"border-left: 6px solid {accent}; border-radius: 6px; }}",
        )

    # --- what the tile shows --------------------------------------------------------------------
    @property
    def status_label(self) -> QLabel:
        return self.labels["verdict"]

    @property
    def ladder_label(self) -> QLabel | None:
        return self.labels.get("ladder")

    @property
    def shown_people(self) -> list[str]:
        """Names on the tile, in order (the rest are behind "+N")."""
        keys = sorted((k for k in self.labels if k.startswith("person:")), key=lambda k: int(k[7:]))
        return [self.labels[k].text() for k in keys]

    def apply(self, layout: TileLayout) -> None:
        """Place every piece where ``layout`` measured it; labels are kept and moved when only the width changed."""
        self.layout_ = layout
        self.setFixedSize(layout.width, layout.height)
        wanted = {p.key for p in layout.pieces}
        for key in [k for k in self.labels if k not in wanted]:
            self.labels.pop(key).deleteLater()
        for piece in layout.pieces:
            label = self.labels.get(piece.key)
            if label is None:
                label = QLabel(self)
                label.setObjectName(f"tile_{piece.role}")
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                self.labels[piece.key] = label
            if label.font() != piece.font:
                label.setFont(piece.font)
            label.setText(piece.text)
            label.setAlignment(Qt.AlignmentFlag(piece.flags & ALIGNMENT_MASK))
            label.setWordWrap(bool(piece.flags & int(Qt.TextFlag.TextWordWrap.value)))
            _restyle(label, self._style(piece.role, piece.style, piece.key))
            label.setToolTip(piece.tooltip)
            label.setGeometry(piece.rect)
            if label.isHidden():
                label.show()
        self.setToolTip(self._tooltip(layout))

    def _style(self, role: str, style: str, key: str) -> str:
        if style:
            return f"QLabel {{ {style} }}"
        if role in ("number", "verdict"):
            return f"QLabel {{ color: {self.accent}; background: transparent; border: none; }}"
        if role == "counts":
            colour = "#c62828" if self.tile.open_alerts else "#5f6368"
        elif role == "person":
            person = self.content.people[int(key.split(":")[1])]
            colour = ABSENT_COLOUR if person.attendance is False else "#202124"
        else:
            colour = _PIECE_COLOURS.get(role, "#202124")
        return f"QLabel {{ color: {colour}; background: transparent; border: none; }}"

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


def _restyle(widget: QWidget, sheet: str) -> None:
    """A style sheet set only when it differs: setting one re-polishes the widget and its children."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


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
