"""How things look wherever they are shown: the board's colours, the 正 / 辅 badges, a tile's status in words, the 大厅密钥.

The board, the roster grid and the hall display must agree at a glance, so the
colours live here once: green compliant, amber auxiliary staff only, red
unstaffed or closed, grey out of service or not a working day.

Which wins when a tile's facts pull apart: the colour and the status word are
always the session's staffing (who is on duty now). The ladder badge is the
staffing alert still open on the window; it is a red alarm only while the
staffing still breaks the rule. Once a formal civil servant is on duty the
badge turns to an outlined "corrected, awaiting sign-off" in the tile's own
colour, so a green 合规 tile never carries a red 建议临时关闭.

A person's badge is solid once attendance is confirmed (到岗 是), outlined while
they are only planned, and grey with the name struck out when absent.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from hallmonitor.domain.enums import AlertLevel, WindowState
from hallmonitor.services.staffing import BoardTile, DutyPerson, TileStatus
from hallmonitor.ui.common.words import verdict_name, window_state_name

#: status -> (background, accent)
PALETTE: dict[TileStatus, tuple[str, str]] = {
    TileStatus.COMPLIANT: ("#e7f5ea", "#2e7d32"),
    TileStatus.AUXILIARY_ONLY: ("#fff3d4", "#e39b00"),
    TileStatus.UNSTAFFED: ("#fde8e7", "#c62828"),
    TileStatus.CLOSED: ("#fde8e7", "#c62828"),
    TileStatus.OUT_OF_SERVICE: ("#eeeff1", "#9aa0a6"),
    TileStatus.NON_WORKING_DAY: ("#eeeff1", "#9aa0a6"),
}

FORMAL_BADGE_COLOUR = "#1f5fa8"
AUXILIARY_BADGE_COLOUR = "#8a6d3b"
ABSENT_COLOUR = "#8a8a8a"
ALARM_COLOUR = "#c62828"
#: Statuses under which the staffing breaks the rule now: the ladder badge is an alarm there.
VIOLATING = (TileStatus.AUXILIARY_ONLY, TileStatus.UNSTAFFED, TileStatus.CLOSED)


def person_badge_style(person: DutyPerson) -> str:
    """Solid when present is confirmed, outlined while only planned, grey when absent (style sheet)."""
    colour = FORMAL_BADGE_COLOUR if person.formal else AUXILIARY_BADGE_COLOUR
    if person.attendance is False:
        return f"color: {ABSENT_COLOUR}; background: #ffffff; border: 1px solid {ABSENT_COLOUR}; border-radius: 2px;"
    if person.attendance is None:
        return f"color: {colour}; background: #ffffff; border: 1px solid {colour}; border-radius: 2px;"
    return f"color: #ffffff; background: {colour}; border: 1px solid {colour}; border-radius: 2px;"


def attendance_text(person: DutyPerson) -> str:
    if person.attendance is None:
        return QCoreApplication.translate("BoardTiles", "planned, not confirmed")
    if person.attendance:
        return QCoreApplication.translate("BoardTiles", "present")
    return QCoreApplication.translate("BoardTiles", "absent")


def ladder_step(tile: BoardTile) -> str:
    """What the window has been told to do, when it has: rectifying, ordered to correct, closure suggested."""
    if tile.staffing_alert is AlertLevel.SUGGEST_CLOSURE:
        return QCoreApplication.translate("BoardTiles", "Closure suggested")
    if tile.state is WindowState.RECTIFYING:
        return window_state_name(tile.state)
    if tile.staffing_alert is AlertLevel.ORDER_TO_CORRECT:
        return QCoreApplication.translate("BoardTiles", "Ordered to correct")
    return ""


def ladder_badge(tile: BoardTile) -> tuple[str, str, str] | None:
    """The ladder badge as (text, style sheet, tooltip), agreeing with the tile's colour; None without one."""
    step = ladder_step(tile)
    if not step:
        return None
    if tile.status in VIOLATING:
        style = f"color: #ffffff; background: {ALARM_COLOUR}; border: 1px solid {ALARM_COLOUR}; border-radius: 2px;"
        return step, style, step
    accent = PALETTE[tile.status][1]
    style = f"color: {accent}; background: #ffffff; border: 1px solid {accent}; border-radius: 2px;"
    if tile.status is TileStatus.COMPLIANT:
        tip = QCoreApplication.translate(
            "BoardTiles",
            "{step} is still open, but a formal civil servant is on duty now: "
            "check it and mark it rectified in the alert center.",
        ).format(step=step)
        return QCoreApplication.translate("BoardTiles", "Corrected, awaiting sign-off"), style, tip
    return step, style, step


def status_text(tile: BoardTile) -> str:
    if tile.status is TileStatus.CLOSED or tile.status is TileStatus.OUT_OF_SERVICE:
        return window_state_name(tile.state)
    if tile.status is TileStatus.NON_WORKING_DAY:
        return QCoreApplication.translate("BoardTiles", "Not a working day")
    assert tile.verdict is not None
    return verdict_name(tile.verdict)


def badge(text: str, colour: str) -> str:
    return (
        f'<span style="background-color:{colour}; color:#ffffff; font-weight:bold;">'
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )


def key_label(key: str) -> QLabel:
    """The key large, monospaced and selectable, so it is copied or written down without slips."""
    label = QLabel(key)
    label.setObjectName("hallKey")
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(font.pointSize() + 4)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("background: #f6ffed; border: 1px solid #b7eb8f; padding: 10px; border-radius: 4px;")
    return label
