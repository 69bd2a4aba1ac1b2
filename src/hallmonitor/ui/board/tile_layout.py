"""Where each piece of a board tile goes, measured with the font it is drawn in.

A tile used to be a fixed 196×124 box, and with a taller CJK font its third
line of duty names (the auxiliary staff) fell off the bottom. Now every piece
is measured with ``QFontMetrics``: the board chooses one width for all tiles
(at least what the longest single-line piece needs, at most what a supervisor
still reads at a glance) and each tile is as tall as its content at that width.
Department and window names wrap onto a second line; a duty list needing more
than ``MAX_DUTY_LINES`` lines ends in "+N", the whole list then in the tooltip
and the detail. Only implausible text (a 500-character window number) is ever
cut, with "…", never silently.

The placing is here; fitting a text into a width with a font (wrapping, breaking before a
bracket, cutting with "…") is text_fit.py. Both measure with the same metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from hallmonitor.services.staffing import DutyPerson
from hallmonitor.ui.board.text_fit import (
    TOP_LEFT,
    WRAP_FLAGS,
    line_height,
    one_line,
    text_width,
    wrapped,
)

MIN_WIDTH_EM = 11
MAX_WIDTH_EM = 24
MAX_DUTY_LINES = 3
#: The coloured left border, and the padding inside the 1-pixel border elsewhere.
ACCENT = 6
PAD_LEFT = ACCENT + 6
PAD_RIGHT = 7
PAD_TOP = 5
PAD_BOTTOM = 5
ROW_GAP = 2
HORIZONTAL_GAP = 8
CHIP_GAP = 6
CHIP_LINE_GAP = 3
BADGE_PAD = 3

LINE_FLAGS = int(TOP_LEFT.value)
CENTRED = int(Qt.AlignmentFlag.AlignCenter.value)
#: The alignment bits of a piece's flags (the rest are text flags such as word wrap).
ALIGNMENT_MASK = int(Qt.AlignmentFlag.AlignHorizontal_Mask.value) | int(
    Qt.AlignmentFlag.AlignVertical_Mask.value
)


@dataclass(frozen=True, slots=True)
class TileFonts:
    number: QFont
    verdict: QFont
    text: QFont
    small: QFont
    badge: QFont
    name: QFont
    formal_name: QFont
    absent_name: QFont

    @property
    def em(self) -> int:
        return QFontMetrics(self.text).horizontalAdvance("中")


def _scaled(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(round(base.pixelSize() * factor))
    font.setBold(bold)
    return font


def tile_fonts(base: QFont) -> TileFonts:
    """The tile's fonts, all from the application's: a larger screen font scales every tile with it."""
    absent = _scaled(base, 1.0)
    absent.setStrikeOut(True)
    return TileFonts(
        number=_scaled(base, 1.3, bold=True),
        verdict=_scaled(base, 1.0, bold=True),
        text=_scaled(base, 1.0),
        small=_scaled(base, 0.9),
        badge=_scaled(base, 0.9, bold=True),
        name=_scaled(base, 1.0),
        formal_name=_scaled(base, 1.0, bold=True),
        absent_name=absent,
    )


@dataclass(frozen=True, slots=True)
class TileContent:
    """What a tile says, in words already translated; the layout only measures and places it."""

    number: str
    verdict: str
    department: str
    name: str
    #: (text, style sheet, tooltip) of the ladder badge, or None.
    ladder: tuple[str, str, str] | None
    #: In the order shown: formal first, auxiliary next, absent last.
    people: tuple[DutyPerson, ...]
    #: (badge text, badge style sheet) per person, in the same order.
    badges: tuple[tuple[str, str], ...]
    nobody: str
    counts: str


@dataclass(frozen=True, slots=True)
class Piece:
    """One label of a tile: its text as drawn, font, rectangle inside the tile and text flags."""

    key: str
    role: str
    text: str
    font: QFont
    rect: QRect
    flags: int
    style: str = ""
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class TileLayout:
    width: int
    height: int
    pieces: tuple[Piece, ...]
    #: People behind "+N" (shown in the tooltip and the detail).
    hidden: tuple[DutyPerson, ...]
    #: True when some text had to be cut with "…" (only implausibly long text).
    cut: bool

    def stretched(self, height: int) -> TileLayout:
        """The same tile in a row of taller tiles: the counts line moves to the bottom edge."""
        shift = height - self.height
        if shift <= 0:
            return self
        pieces = tuple(
            replace(p, rect=p.rect.translated(0, shift)) if p.role == "counts" else p for p in self.pieces
        )
        return replace(self, height=height, pieces=pieces)


def _name_font(fonts: TileFonts, person: DutyPerson) -> QFont:
    if person.attendance is False:
        return fonts.absent_name
    return fonts.formal_name if person.formal else fonts.name


def _badge_width(fonts: TileFonts, text: str) -> int:
    return text_width(fonts.badge, text) + 2 * BADGE_PAD + 2


def chip_width(fonts: TileFonts, person: DutyPerson, badge_text: str) -> int:
    return _badge_width(fonts, badge_text) + 3 + text_width(_name_font(fonts, person), person.name)


def _chip_height(fonts: TileFonts) -> int:
    return max(line_height(fonts.badge) + 2, line_height(fonts.name))


def min_width(content: TileContent, fonts: TileFonts) -> int:
    """The narrowest tile on which no single-line piece of ``content`` is cut, within the board's bounds."""
    em = fonts.em
    low, high = MIN_WIDTH_EM * em, MAX_WIDTH_EM * em
    inner = [
        text_width(fonts.number, content.number)
        + HORIZONTAL_GAP
        + text_width(fonts.verdict, content.verdict),
        text_width(fonts.small, content.counts),
        text_width(fonts.small, content.nobody),
    ]
    if content.ladder is not None:
        inner.append(_badge_width(fonts, content.ladder[0]))
    inner += [chip_width(fonts, p, b[0]) for p, b in zip(content.people, content.badges, strict=True)]
    return max(low, min(high, max(inner) + PAD_LEFT + PAD_RIGHT))


def max_width(fonts: TileFonts) -> int:
    return MAX_WIDTH_EM * fonts.em


def layout_tile(content: TileContent, fonts: TileFonts, width: int) -> TileLayout:
    """Every piece of the tile placed top to bottom within ``width``; the height is what they need."""
    inner = width - PAD_LEFT - PAD_RIGHT
    pieces: list[Piece] = []
    cut = False
    y = PAD_TOP

    # The number, the window's name when it fits beside it, the verdict on the right.
    verdict, verdict_cut = one_line(fonts.verdict, content.verdict, inner)
    cut |= verdict_cut
    verdict_width = text_width(fonts.verdict, verdict)
    number_room = max(inner - verdict_width - HORIZONTAL_GAP, inner // 3)
    number, number_width, number_height, number_cut = wrapped(fonts.number, content.number, number_room)
    cut |= number_cut
    number_ascent = QFontMetrics(fonts.number).ascent()
    pieces.append(
        Piece(
            "number",
            "number",
            number,
            fonts.number,
            QRect(PAD_LEFT, y, number_width, number_height),
            WRAP_FLAGS,
        )
    )
    verdict_y = y + number_ascent - QFontMetrics(fonts.verdict).ascent()
    pieces.append(
        Piece(
            "verdict",
            "verdict",
            verdict,
            fonts.verdict,
            QRect(PAD_LEFT + inner - verdict_width, verdict_y, verdict_width, line_height(fonts.verdict)),
            LINE_FLAGS,
        )
    )
    name_room = number_room - number_width - HORIZONTAL_GAP
    name_beside = bool(content.name) and text_width(fonts.small, content.name) <= name_room
    header_height = max(number_height, verdict_y - y + line_height(fonts.verdict))
    if name_beside:
        name_y = y + number_ascent - QFontMetrics(fonts.small).ascent()
        pieces.append(
            Piece(
                "name",
                "name",
                content.name,
                fonts.small,
                QRect(
                    PAD_LEFT + number_width + HORIZONTAL_GAP,
                    name_y,
                    text_width(fonts.small, content.name),
                    line_height(fonts.small),
                ),
                LINE_FLAGS,
            )
        )
        header_height = max(header_height, name_y - y + line_height(fonts.small))
    y += header_height + ROW_GAP

    department, _w, height, department_cut = wrapped(fonts.text, content.department, inner)
    cut |= department_cut
    pieces.append(
        Piece(
            "department", "department", department, fonts.text, QRect(PAD_LEFT, y, inner, height), WRAP_FLAGS
        )
    )
    y += height + ROW_GAP
    if content.name and not name_beside:
        name, _w, height, name_cut = wrapped(fonts.small, content.name, inner)
        cut |= name_cut
        pieces.append(Piece("name", "name", name, fonts.small, QRect(PAD_LEFT, y, inner, height), WRAP_FLAGS))
        y += height + ROW_GAP

    if content.ladder is not None:
        text, style, tip = content.ladder
        shown, ladder_cut = one_line(fonts.badge, text, inner - 2 * BADGE_PAD - 2)
        cut |= ladder_cut
        rect = QRect(PAD_LEFT, y, _badge_width(fonts, shown), line_height(fonts.badge) + 2)
        pieces.append(Piece("ladder", "ladder", shown, fonts.badge, rect, CENTRED, style, tip))
        y += rect.height() + ROW_GAP + 1

    hidden: tuple[DutyPerson, ...] = ()
    if not content.people:
        height = line_height(fonts.small)
        pieces.append(
            Piece(
                "nobody", "nobody", content.nobody, fonts.small, QRect(PAD_LEFT, y, inner, height), LINE_FLAGS
            )
        )
        y += height + ROW_GAP
    else:
        chips, hidden, lines, chips_cut = _duty_chips(content, fonts, inner, y)
        cut |= chips_cut
        pieces += chips
        chip_height = _chip_height(fonts)
        y += lines * chip_height + (lines - 1) * CHIP_LINE_GAP + ROW_GAP

    counts, counts_cut = one_line(fonts.small, content.counts, inner)
    cut |= counts_cut
    height = line_height(fonts.small)
    pieces.append(
        Piece("counts", "counts", counts, fonts.small, QRect(PAD_LEFT, y + 1, inner, height), LINE_FLAGS)
    )
    y += 1 + height + PAD_BOTTOM
    return TileLayout(width, y, tuple(pieces), hidden, cut)


def _flow(widths: list[int], inner: int) -> list[tuple[int, int]]:
    """(line, x) of each chip flowed left to right within ``inner``."""
    placed, line, x = [], 0, 0
    for width in widths:
        if x > 0 and x + width > inner:
            line, x = line + 1, 0
        placed.append((line, x))
        x += width + CHIP_GAP
    return placed


def _duty_chips(
    content: TileContent, fonts: TileFonts, inner: int, top: int
) -> tuple[list[Piece], tuple[DutyPerson, ...], int, bool]:
    """The people as badge + name chips in at most ``MAX_DUTY_LINES`` lines, the rest as "+N"."""
    people, badges = list(content.people), list(content.badges)
    names, cut = [], False
    for person, (badge_text, _style) in zip(people, badges, strict=True):
        room = inner - _badge_width(fonts, badge_text) - 3
        name, name_cut = one_line(_name_font(fonts, person), person.name, room)
        names.append(name)
        cut |= name_cut
    widths = [
        _badge_width(fonts, b[0]) + 3 + text_width(_name_font(fonts, p), n)
        for p, b, n in zip(people, badges, names, strict=True)
    ]
    shown = len(people)
    placed = _flow(widths, inner)
    more_text = ""
    while placed and placed[-1][0] >= MAX_DUTY_LINES:
        shown -= 1
        more_text = f"+{len(people) - shown}"
        placed = _flow([*widths[:shown], text_width(fonts.small, more_text)], inner)
    height = _chip_height(fonts)
    pieces: list[Piece] = []
    for index in range(shown):
        line, x = placed[index]
        y = top + line * (height + CHIP_LINE_GAP)
        person, (badge_text, style) = people[index], badges[index]
        badge_rect = QRect(
            PAD_LEFT + x,
            y + (height - line_height(fonts.badge) - 2) // 2,
            _badge_width(fonts, badge_text),
            line_height(fonts.badge) + 2,
        )
        pieces.append(Piece(f"badge:{index}", "badge", badge_text, fonts.badge, badge_rect, CENTRED, style))
        font = _name_font(fonts, person)
        name_rect = QRect(
            badge_rect.right() + 1 + 3,
            y + (height - line_height(font)) // 2,
            text_width(font, names[index]),
            line_height(font),
        )
        pieces.append(Piece(f"person:{index}", "person", names[index], font, name_rect, LINE_FLAGS))
    lines = placed[-1][0] + 1 if placed else 1
    if more_text:
        line, x = placed[-1]
        y = top + line * (height + CHIP_LINE_GAP) + (height - line_height(fonts.small)) // 2
        rect = QRect(PAD_LEFT + x, y, text_width(fonts.small, more_text), line_height(fonts.small))
        pieces.append(Piece("more", "more", more_text, fonts.small, rect, LINE_FLAGS))
    return pieces, tuple(people[shown:]), lines, cut
