"""How things look wherever they are shown: the board's colours, the 正 / 辅 badges, a tile's status in words, the 大厅密钥.

The board, the roster grid and the hall display must agree at a glance, so the
colours live here once: green compliant, amber auxiliary staff only, red
unstaffed or closed, grey out of service or not a working day.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from hallmonitor.services.staffing import BoardTile, TileStatus
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
